/**
 * Scoring one report against its truth: exact cells, wrong cells, and the
 * wrong cells no problem names ("silent": the ones a user would trust).
 */
import type { Report } from '../model/report.js';
import { rules } from '../../mappings/rules.js';
import { metadataInDoubt } from '../model/problems.js';
import type { Truth } from './truth.js';

export interface Score {
  cells: number;
  exact: number;
  wrong: Array<{ key: string; truth: number | null; got: number | null | undefined; raw: string | null | undefined }>;
  silent: string[];
  /** True when the whole file got FILE_UNREADABLE: every cell is flagged by that one problem. */
  unread: boolean;
  expected: string[];
  expectedFound: string[];
  /**
   * Errors and warnings the truth does not expect (its expectProblems and expectOtherProblems), as
   * `CODE: message`. A problem that names a wrong cell is no false alarm (it doubts a misread), nor one that
   * says the agency or year may be misread when they are, nor, on an OCR read, the doubt OCR casts on
   * single cells or the title (wrongFlagged, rightFlagged and metadataOk measure that).
   */
  falseAlarms: string[];
  /** Format version right, and agency and year right or flagged (METADATA_MISSING, or LOW_CONFIDENCE without cells). */
  metadataOk: boolean;
  /** Wrong cells that a cell-level problem (LOW_CONFIDENCE, CELL_UNREADABLE, CELL_MISSING, VALUE_INVALID) names. */
  wrongFlagged: number;
  /** Right cells that a cell-level problem names: doubt raised where there was none to raise. */
  rightFlagged: number;
}

/** Problems that speak of single cells (arithmetic rules name every operand, right or wrong, so they do not count here). */
export const cellLevelCodes = new Set(['LOW_CONFIDENCE', 'CELL_UNREADABLE', 'CELL_MISSING', 'VALUE_INVALID']);

const arithmeticCodes = new Set<string>(rules.map((r) => r.code));

/**
 * Doubt an OCR read casts: on single cells (a misread token, a row placed by the template order, a stray
 * token dropped: all lower those cells' confidence, which wrongFlagged and rightFlagged measure) or on the
 * title. An arithmetic rule that fails on right values only is no doubt but a false alarm.
 */
const isOcrDoubt = (p: Report['problems'][number]) => p.code === 'LOW_CONFIDENCE' || ((p.cells ?? []).length > 0 && !arithmeticCodes.has(p.code));

export function scoreReport(report: Report, truth: Truth): Score {
  const named = new Set(report.problems.flatMap((p) => p.cells ?? []));
  const cellLevel = new Set(report.problems.filter((p) => cellLevelCodes.has(p.code)).flatMap((p) => p.cells ?? []));
  const unread = report.problems.some((p) => p.code === 'FILE_UNREADABLE');
  const wrong: Score['wrong'] = [];
  for (const [key, want] of Object.entries(truth.cells)) {
    const cell = report.cells[key];
    const got = cell?.value;
    const same = want === null ? got === null : typeof got === 'number' && Math.abs(got - want) < 1e-9;
    if (!same) wrong.push({ key, truth: want, got, raw: cell?.raw });
  }
  const codes = new Set(report.problems.map((p) => p.code));
  const expected = [...truth.expectProblems, ...truth.expectOtherProblems];
  const wrongKeys = new Set(wrong.map((w) => w.key));
  const ocr = report.source.reader.endsWith('-ocr');
  const metadataWrong = (truth.year !== undefined && truth.year !== report.report.year) || (truth.agency !== undefined && truth.agency !== report.report.agency);
  const falseAlarms = report.problems
    .filter((p) => p.severity !== 'info' && !expected.includes(p.code))
    .filter((p) => !(p.cells ?? []).some((k) => wrongKeys.has(k)) && !(metadataWrong && metadataInDoubt([p])))
    // A page read by OCR had no text layer: saying so is a fact of the scan, whether or not its truth lists it.
    .filter((p) => !(ocr && (isOcrDoubt(p) || p.code === 'NO_TEXT_LAYER')))
    .map((p) => `${p.code}: ${p.message}`);
  // Metadata is right, or says it is in doubt (missing, or read with low confidence).
  const metadataFlagged = metadataInDoubt(report.problems);
  const metadataOk =
    (truth.formatVersion === undefined || truth.formatVersion === report.report.formatVersion) &&
    (metadataFlagged || ((truth.year === undefined || truth.year === report.report.year) && (truth.agency === undefined || truth.agency === report.report.agency)));
  return {
    cells: Object.keys(truth.cells).length,
    exact: Object.keys(truth.cells).length - wrong.length,
    wrong,
    silent: unread ? [] : wrong.filter((w) => !named.has(w.key)).map((w) => w.key),
    unread,
    expected,
    expectedFound: expected.filter((c) => codes.has(c as never)),
    falseAlarms,
    metadataOk,
    wrongFlagged: wrong.filter((w) => cellLevel.has(w.key)).length,
    rightFlagged: Object.keys(truth.cells).filter((k) => cellLevel.has(k) && !wrong.some((w) => w.key === k)).length,
  };
}

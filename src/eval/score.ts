/**
 * Scoring one report against its truth: exact cells, wrong cells, and the
 * wrong cells no problem names ("silent": the ones a user would trust).
 */
import type { Report } from '../model/report.js';
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
  /** Arithmetic problems reported that the truth does not expect. */
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

const arithmeticCodes = new Set(['T3_BALANCE', 'T3_ROW_TOTAL', 'T3_RESULT_TOTAL', 'T4_TOTAL']);

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
  const falseAlarms = report.problems
    .filter((p) => arithmeticCodes.has(p.code) && !truth.expectProblems.includes(p.code))
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

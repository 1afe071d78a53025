/**
 * One file → one report: read the bytes, extract the layout, map it, check
 * it. Never throws for a bad file: whatever goes wrong becomes a problem in
 * that file's report, naming the step it went wrong in. A path with no file
 * at all is not a bad file but a wrong path: convertFile throws
 * NoSuchFileError for it, so that a typo never passes as an empty report.
 * What is not the file's fault makes no report either: an OCR engine that
 * failed (killed by a signal, could not run) is thrown as EngineFailure, for
 * the caller to try the file again.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readers, sniffFormat } from '../extractors/index.js';
import { EngineFailure } from '../extractors/ocr/engine.js';
import { checkArithmetic } from './checks/arithmetic.js';
import { checkCells } from './checks/cells.js';
import { corroborate } from './checks/corroborate.js';
import { canonicalLayout } from './layout/canonical.js';
import { locateProblems } from './checks/locate.js';
import { mapReport } from './mapper/index.js';
import type { LayoutDocument } from './model/layout.js';
import type { Problem } from './model/problems.js';
import { problem } from './model/problems.js';
import type { Report } from './model/report.js';
import { limits, lowConfidenceThreshold } from './settings.js';
import { WorkBudgetExceeded, grantFile, withWorkBudget, workLeft } from './work-budget.js';

export const schemaId = 'govreport/1';

/**
 * Converts bytes already in memory; `file` is the name reported in source.file. Never throws: a
 * failure is a FILE_UNREADABLE problem naming the step it happened in. In this process the
 * conversion has the batch's work budget (work-budget.ts), counted in CPU time.
 */
export async function convertBytes(bytes: Uint8Array, file: string): Promise<Report> {
  return withWorkBudget(() => convert(bytes, file));
}

/** The steps of a conversion after the file is read, as a failure names them. */
interface Progress {
  step: 'reader' | 'mapping' | 'checks';
}

async function convert(bytes: Uint8Array, file: string): Promise<Report> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sniffed = sniffFormat(bytes, basename(file));
  const format = sniffed === 'zip' ? 'docx' : sniffed;
  const unreadable = (message: string, reader = 'none'): Report =>
    emptyReport(file, sha256, format === 'unknown' ? 'unknown' : format, reader, [problem('FILE_UNREADABLE', message)]);

  if (bytes.length === 0) return unreadable('The file is empty');
  const reader = readers[sniffed];
  if (!reader) {
    const claimed = basename(file).toLowerCase().split('.').pop() ?? '';
    return unreadable(
      sniffed !== 'unknown'
        ? `No ${sniffed.toUpperCase()} reader in this version of govreport`
        : ['pdf', 'docx', 'docm', 'doc', 'wps', 'png', 'jpg', 'jpeg'].includes(claimed)
          ? `Not what its extension says: the content is not a .${claimed} file`
          : 'Not a report file this tool reads (HTML, PDF, Word, PNG/JPEG scans)',
    );
  }
  const progress: Progress = { step: 'reader' };
  const steps = {
    reader: { doing: `the ${format.toUpperCase()} reader (decoding and layout)`, failed: `The ${format.toUpperCase()} reader failed` },
    mapping: { doing: 'mapping the layout to the report model', failed: 'Mapping the layout to the report model failed' },
    checks: { doing: 'checking the cells', failed: 'Checking the cells failed' },
  };
  const failure = (error: unknown) =>
    error instanceof WorkBudgetExceeded
      ? `Conversion abandoned in ${steps[progress.step].doing}: ${error.message}`
      : `${steps[progress.step].failed}: ${error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)}`;
  let layout: LayoutDocument;
  try {
    grantFile(sniffed);
    layout = await reader(bytes);
    workLeft(); // given up inside the reader, whatever it caught
  } catch (error) {
    if (error instanceof EngineFailure) throw error;
    return unreadable(failure(error));
  }
  if (layout.problems.some((p) => p.code === 'FILE_UNREADABLE')) {
    return emptyReport(file, sha256, layout.format, layout.reader, layout.problems, layout.pages);
  }
  try {
    return buildReport(layout, file, sha256, progress);
  } catch (error) {
    return emptyReport(file, sha256, layout.format, layout.reader, [problem('FILE_UNREADABLE', failure(error))], layout.pages);
  }
}

/** Layout → report: text made canonical, mapped to the model, then checked. `progress` is told which step is under way. */
export function buildReport(read: LayoutDocument, file: string, sha256: string, progress: Progress = { step: 'mapping' }): Report {
  const layout = canonicalLayout(read);
  progress.step = 'mapping';
  const mapped = mapReport(layout);
  workLeft();
  progress.step = 'checks';
  // OCR readings are weighed against the table's arithmetic; text layers say what they say.
  if (layout.reader.endsWith('-ocr')) mapped.cells = corroborate(mapped.cells, mapped.t3Version);
  const unreadableNamed = new Set(mapped.problems.filter((p) => p.code === 'CELL_UNREADABLE').flatMap((p) => p.cells ?? []));
  const problems: Problem[] = locateProblems([
    ...layout.problems,
    // A document that is no report (NOT_A_REPORT) has no report metadata to miss.
    ...((mapped.meta.year === null || mapped.meta.agency === null) && !mapped.problems.some((p) => p.code === 'NOT_A_REPORT')
      ? [problem('METADATA_MISSING', `Could not read the report's ${[mapped.meta.agency === null && 'agency', mapped.meta.year === null && 'year'].filter(Boolean).join(' and ')} from the document`)]
      : []),
    ...(mapped.meta.confidence !== undefined && mapped.meta.confidence < lowConfidenceThreshold
      ? [
          problem(
            'LOW_CONFIDENCE',
            mapped.meta.otherReading
              ? `The title was read by OCR as agency 「${mapped.meta.agency ?? ''}」, but the text prints 「${mapped.meta.otherReading}」: one of the two is misread`
              : `The title was read by OCR with confidence ${mapped.meta.confidence.toFixed(2)}: agency 「${mapped.meta.agency ?? ''}」 and year ${mapped.meta.year ?? '?'} may be misread`,
          ),
        ]
      : []),
    ...mapped.problems,
    // A cell the mapper already said is unreadable (digits run together) is not reported again, cell by cell.
    ...checkCells(mapped.cells, mapped.units).filter((p) => p.code !== 'CELL_UNREADABLE' || !p.cells?.every((k) => unreadableNamed.has(k))),
    ...checkArithmetic(mapped.cells, mapped.t3Version),
  ], { ...mapped.cells, ...mapped.pre2019 });
  return {
    schema: schemaId,
    source: {
      file,
      sha256,
      format: layout.format,
      reader: layout.reader,
      ...(layout.pages !== undefined ? { pages: layout.pages } : {}),
      ...(layout.pageReads !== undefined ? { pageReads: layout.pageReads } : {}),
      ...(layout.encoding !== undefined ? { encoding: layout.encoding } : {}),
    },
    report: { title: mapped.meta.title, agency: mapped.meta.agency, year: mapped.meta.year, formatVersion: mapped.formatVersion },
    sections: mapped.sections,
    cells: mapped.cells,
    ...(mapped.pre2019 ? { pre2019: mapped.pre2019 } : {}),
    ...(mapped.statistics ? { statistics: mapped.statistics } : {}),
    problems,
  };
}

/** The report of a file that could not be read: source and problems, no cells. */
export function emptyReport(
  file: string,
  sha256: string | null,
  format: Report['source']['format'],
  reader: string,
  problems: Problem[],
  pages?: number,
): Report {
  return {
    schema: schemaId,
    source: { file, sha256, format, reader, ...(pages !== undefined ? { pages } : {}) },
    report: { title: null, agency: null, year: null, formatVersion: 'unknown' },
    sections: [],
    cells: {},
    problems,
  };
}

/** There is no file at the path given: it does not exist, or it is a folder (or another thing that is not a file). */
export class NoSuchFileError extends Error {}

/**
 * Reads and converts one file. Throws NoSuchFileError when there is no file
 * at `path`; every trouble of the file itself (cannot be read, too large, not
 * a report) is a problem of its report (FILE_UNREADABLE, NOT_A_REPORT, …).
 * Throws EngineFailure as convertBytes does.
 */
export async function convertFile(path: string, file = path): Promise<Report> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error && (info.code === 'ENOENT' || info.code === 'ENOTDIR')) throw new NoSuchFileError(`no such file: ${path}`);
  if (!(info instanceof Error) && !info.isFile()) throw new NoSuchFileError(`not a file: ${path}`);
  return withWorkBudget(async () => {
    let bytes: Uint8Array;
    try {
      if (info instanceof Error) throw info;
      if (info.size > limits.maxInputBytes) {
        return emptyReport(file, null, 'unknown', 'none', [
          problem('FILE_UNREADABLE', `The file is ${Math.round(info.size / 2 ** 20)} MB, above the ${limits.maxInputBytes / 2 ** 20} MB limit`),
        ]);
      }
      bytes = await readFile(path);
    } catch (error) {
      return emptyReport(file, null, 'unknown', 'none', [
        problem('FILE_UNREADABLE', `Cannot read the file: ${error instanceof Error ? error.message : String(error)}`),
      ]);
    }
    // Outside the try: what goes wrong after reading is the conversion's, and convertBytes names its step.
    return convertBytes(bytes, file);
  });
}

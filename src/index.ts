/**
 * govreport as a library: `import { convertFile, convertBytes, convertMany } from 'govreport'`.
 * One file or bytes in this process (convertFile, convertBytes), or a batch
 * in worker processes with the CLI's ledger and output layout (convertMany);
 * the output contract's types and zod schema; the cell dictionary.
 */
/**
 * convertFile(path): one file in this process; convertBytes(bytes, name): bytes in memory, `name` as source.file.
 * Neither throws for a bad file (what went wrong is a FILE_UNREADABLE problem); convertFile throws
 * NoSuchFileError when there is no file at the path.
 */
export { NoSuchFileError, convertBytes, convertFile } from './pipeline.js';
export { type ConvertManyOptions, type ConvertResult, convertMany } from './library/convert-many.js';
export { type CellEntry, type DictionaryVersion, cellDictionary, cellDictionaryOf } from './dictionary/cells.js';
export { type Problem, type ProblemCode, type Severity, problemCodes } from './model/problems.js';
export {
  type Cell,
  type CellState,
  type FormatVersion,
  type Report,
  type ReportSection,
  type SectionId,
  cellSchema,
  problemSchema,
  reportSchema,
} from './model/report.js';
export type { Provenance } from './model/layout.js';
export { version } from './version.js';

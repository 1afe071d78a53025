/**
 * Problems are values with stable codes. Codes never change meaning; messages
 * are for people. The registry below is the one place that lists them.
 */
import type { Provenance } from './layout.js';

/** The severities, most severe first (lists of problems are ordered so). */
export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

export const problemCodes = {
  FILE_UNREADABLE: { severity: 'error', when: 'corrupt, truncated, encrypted, empty or not what its extension says' },
  PAGE_UNREADABLE: { severity: 'warning', when: 'some pages of a damaged or truncated file could not be read, or a page draws an image over the pixel budget (not decoded); the others are converted' },
  NO_TEXT_LAYER: { severity: 'warning', when: 'pages without usable text (scanned)' },
  CONTENT_IGNORED: { severity: 'info', when: 'content that is not read on purpose: macros of a .docm, large embedded images' },
  ENCODING_GUESSED: { severity: 'info', when: 'the declared character encoding was missing or wrong, or some bytes are invalid in it (how many were replaced by U+FFFD is said); the one used is named' },
  TABLE_GRID_GUESSED: { severity: 'info', when: 'the format keeps no cell grid (Word 97-2003 text): rows were read from text lines' },
  PRE2019_MODEL: { severity: 'info', when: 'a report from before 2019: free-form, no 2019/2021 cells; its statistics tables are in statistics and its nine headline figures in pre2019' },
  PRE2019_ROWS_UNMATCHED: { severity: 'info', when: 'rows of a pre-2019 statistics table that match no indicator of the vocabulary: kept with their label and no key; lists them' },
  PRE2019_COLUMN_YEAR: { severity: 'warning', when: 'a pre-2019 statistics table heads its year column with another year than the report\'s: read as the report year; names both' },
  PRE2019_FIGURE_CONFLICT: { severity: 'warning', when: 'a pre-2019 headline figure that the statistics table and a sentence of the text give differently: the table\'s is taken; names the row and the sentence' },
  NOT_A_REPORT: { severity: 'error', when: 'not an information-disclosure annual report at all, and nothing of one is given (no cells, sections, title, agency or year): no standard table and either no report body (none of the six sections, no counted statement of the year; a page that only names a report in its title, links or list) or another kind outweighs it (a budget or final accounts, a disclosure guide or catalogue, a notice about the report: mappings/document-kinds.ts); the message names the kind and the evidence' },
  FORMAT_UNKNOWN: { severity: 'warning', when: 'not recognisably one of the standard formats' },
  FORMAT_HYBRID: { severity: 'warning', when: 'tables of different format versions in one report' },
  METADATA_MISSING: { severity: 'warning', when: 'title, agency or year could not be read from the document' },
  SECTION_MISSING: { severity: 'warning', when: 'one of the six sections not found' },
  TABLE_MISSING: { severity: 'error', when: 'a standard table not found' },
  CELL_MISSING: { severity: 'error', when: 'a cell of a found table could not be located' },
  CELL_UNREADABLE: { severity: 'error', when: 'text in the cell is not a number' },
  CELL_BLANK: { severity: 'info', when: 'blank or dash cells (one problem per table, listing them)' },
  TABLE_REPEATED: { severity: 'error', when: 'rows of a standard table printed again (two years, or the table pasted twice): the first is used, the problem says where the repeat starts' },
  ROW_INFERRED: { severity: 'warning', when: 'a table row (Table 4: an outcome column) whose label matches none of the format exactly (OCR) was identified by the closest label among the rows its neighbours leave room for, or with no label close enough by its place in the template order; names its cells and says which' },
  DIGITS_SPLIT: { severity: 'warning', when: 'a row printed its digits run together; split the only way its own rules (its total) allow, which names those rules: they no longer check these values' },
  ROW_EXTRA_CELLS: { severity: 'warning', when: 'a table row carries more value cells than the format has columns; names the cells placed by position' },
  T3_BALANCE: { severity: 'error', when: 'per column: 一 + 二 ≠ 三(七)总计 + 四' },
  T3_ROW_TOTAL: { severity: 'error', when: 'per row: 总计 ≠ sum of the six applicant columns' },
  T3_RESULT_TOTAL: { severity: 'error', when: 'per column: （七）总计 ≠ sum of the result rows' },
  T4_TOTAL: { severity: 'error', when: 'per block: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结' },
  VALUE_INVALID: { severity: 'error', when: 'negative where it cannot be, fraction in a count, a unit in the cell that is not what it measures (元 in a count, 元 where the column says 万元)' },
  LOW_CONFIDENCE: { severity: 'warning', when: 'cells read with confidence below the threshold, or a title read by OCR in doubt (no cells named)' },
} as const satisfies Record<string, { severity: Severity; when: string }>;

export type ProblemCode = keyof typeof problemCodes;

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** Cell keys the problem is about. */
  cells?: string[];
  source?: Provenance;
}

/**
 * Whether the report's agency, year or title may be wrong: it could not be
 * read (METADATA_MISSING), or a LOW_CONFIDENCE names no cell (the title was
 * read by OCR in doubt). Whoever groups reports by agency and year should say so.
 */
export function metadataInDoubt(problems: ReadonlyArray<{ code: string; cells?: readonly string[] | null }>): boolean {
  return problems.some((p) => p.code === 'METADATA_MISSING' || (p.code === 'LOW_CONFIDENCE' && !(p.cells && p.cells.length > 0)));
}

/** Builds a problem with the severity its code is registered with. */
export function problem(
  code: ProblemCode,
  message: string,
  extra: { cells?: string[]; source?: Provenance } = {},
): Problem {
  const p: Problem = { code, severity: problemCodes[code].severity, message };
  if (extra.cells && extra.cells.length > 0) p.cells = extra.cells;
  if (extra.source) p.source = extra.source;
  return p;
}

/** What a batch keeps of a report's problems: how many of each severity, whether the file could be read at all, and whether it is a report. */
export interface ProblemCounts {
  error: number;
  warning: number;
  info: number;
  unreadable: boolean;
  notAReport: boolean;
}

export function problemCounts(problems: readonly Pick<Problem, 'code' | 'severity'>[]): ProblemCounts {
  const counts: ProblemCounts = { error: 0, warning: 0, info: 0, unreadable: false, notAReport: false };
  for (const p of problems) {
    counts[p.severity]++;
    if (p.code === 'FILE_UNREADABLE') counts.unreadable = true;
    if (p.code === 'NOT_A_REPORT') counts.notAReport = true;
  }
  return counts;
}

/**
 * What `govreport compare` works on: the reports of one or more output
 * folders (or an export), each reduced to its identity, its key figures and
 * its problem counts, plus the problems found by comparing reports with one
 * another. The data side (data.ts, cross-checks.ts; agency identity in src/agency/) produces a
 * CompareData; the page side (page/) renders it; `compare --json` prints it.
 *
 * Nothing here is a new value: figures are cells as printed (null where the
 * cell is not a number); shares are display ratios of two printed figures.
 */
import type { CrosswalkMatch } from '../../mappings/crosswalk.js';
import type { AgencyLevel } from '../agency/identity.js';
import type { FormatVersion } from '../model/report.js';

export type { AgencyLevel };

/** The key figures of the overview, each the cell key it is read from. */
export const figureKeys = {
  received: 't3.newReceived.total',
  carriedOver: 't3.carriedOver.total',
  granted: 't3.granted.total',
  partiallyGranted: 't3.partiallyGranted.total',
  resultTotal: 't3.resultTotal.total',
  carriedForward: 't3.carriedForward.total',
  reviewTotal: 't4.review.total',
  reviewCorrected: 't4.review.corrected',
  suitTotal: 't4.suitDirect.total',
  suitCorrected: 't4.suitDirect.corrected',
  suitAfterReviewTotal: 't4.suitAfterReview.total',
  suitAfterReviewCorrected: 't4.suitAfterReview.corrected',
  fees: 't2.fees.amount',
} as const;
export type FigureName = keyof typeof figureKeys;

/**
 * Sums of printed cells shown as one figure (denied = the eight （三） rows,
 * unable = the three （四） rows, not processed = the five （五） rows):
 * null unless every cell of the sum is a printed number.
 */
export type GroupFigureName = 'denied' | 'unable' | 'notProcessed';

export interface CompareReport {
  /** Stable within one comparison: the JSON file's path relative to its input folder, or the export's report id. */
  id: string;
  /** The JSON report file it was read from (absolute), or the export file. */
  jsonPath: string;
  /** `source.file` as the report gives it. */
  file: string;
  /** The source document on this machine, when it can still be found (for page images). */
  sourcePath: string | null;
  sha256: string | null;
  format: string;
  reader: string;
  pages: number | null;
  title: string | null;
  /** The agency as printed. */
  agency: string | null;
  /** The agency this report belongs to after normalisation (src/agency/identity.ts): the same for 淮安市洪泽区人民政府 and 洪泽区人民政府. */
  agencyKey: string | null;
  level: AgencyLevel;
  /** The region part of the agency's name (县/区/市/省…), when there is one. */
  region: string | null;
  year: number | null;
  formatVersion: FormatVersion;
  figures: Record<FigureName | GroupFigureName, number | null>;
  /** 'crosswalk' for a pre-2019 report: its figures are its pre2019.* figures taken through the crosswalk (CompareData.crosswalk), not cells of the 2019/2021 tables. */
  figuresVia?: 'crosswalk';
  problemCounts: { error: number; warning: number; info: number };
  /** Distinct problem codes of the report, for filtering. */
  problemCodes: string[];
  /** The report says its agency, year or title may be misread (METADATA_MISSING, or LOW_CONFIDENCE naming no cell): its place among agencies and years is in doubt. */
  metadataInDoubt?: boolean;
  /** Read from a `.sqlite` export (jsonPath is the export): the export's report_id, which loadReport reads it by. */
  exportReportId?: number;
}

/** Problem codes of comparisons between reports (documented in README and docs/). */
export const crossProblemCodes = {
  CARRYOVER_MISMATCH: { severity: 'warning', when: "this year's 上年结转 differs from last year's 结转下年度 for the same agency (per applicant column)" },
  VERSION_DIFFERS: { severity: 'warning', when: 'the same agency and year in several files whose cells differ; names the cells' },
  VERSION_DUPLICATE: { severity: 'info', when: 'the same agency and year in several files whose cells all agree' },
  DEPARTMENT_EXCEEDS_GOVERNMENT: { severity: 'warning', when: "a department's figure is larger than its government's aggregate for the same year" },
  OUTLIER: { severity: 'info', when: 'a figure far from those of peers of the same level and year (rule in the message and the README)' },
} as const;
export type CrossProblemCode = keyof typeof crossProblemCodes;

/** A cell of one report, for a cross-report problem. */
export interface CellRef {
  report: string;
  key: string;
}

export interface CrossProblem {
  code: CrossProblemCode;
  severity: 'error' | 'warning' | 'info';
  /** English, with the Chinese labels quoted as printed; printed values side by side. */
  message: string;
  /** Ids of the reports involved. */
  reports: string[];
  cells: CellRef[];
}

export interface CompareAgency {
  key: string;
  /** The fullest name seen for it. */
  name: string;
  level: AgencyLevel;
  region: string | null;
  /** Its reports, by year. */
  reports: string[];
  /**
   * Where its series crosses the 2019 format break: the year of its last
   * pre-2019 report and of its first report in the 2019 or 2021 format; null
   * when all its reports lie on one side. Figures before the break are read
   * through the crosswalk and may be defined otherwise (CompareData.crosswalk).
   */
  formatBreak: { lastPre2019: number; first2019: number } | null;
}

/** One line of the crosswalk (mappings/crosswalk.ts) with the compare figure it continues into. */
export interface CompareCrosswalk {
  pre2019: string;
  /** The figure of the comparison that reads the same cells; null where none does (the series stops at 2018). */
  figure: FigureName | GroupFigureName | null;
  cells2019: string[];
  cells2021: string[];
  match: CrosswalkMatch;
  differs: string;
}

export interface CompareData {
  schema: 'govreport-compare/1';
  generatedBy: string;
  reports: CompareReport[];
  agencies: CompareAgency[];
  /** How pre-2019 figures continue into the 2019/2021 cells (docs/crosswalk.md). */
  crosswalk: CompareCrosswalk[];
  problems: CrossProblem[];
  /** Files that were skipped (not a govreport JSON, unreadable), with why. */
  skipped: { path: string; reason: string }[];
}

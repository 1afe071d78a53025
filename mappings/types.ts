/**
 * Shapes of the mapping data. The mappings describe the report formats; the
 * mapper (src/mapper) reads them and holds no label of its own.
 */

/** A version of the national format that defines tables (pre-2019 reports have none). */
export type TableVersion = '2021' | '2019';

/**
 * How a label is recognised. Labels are compared after `labelKey()`
 * (src/text/normalize.ts): traditional → simplified, full-width → ASCII,
 * whitespace, quotes, punctuation and leading numbering (一、 （三） 1. 1、) removed.
 */
export interface LabelMatcher {
  /** The label as the official template prints it (the latest format version that has it). */
  label: string;
  /** Where an older format version prints the label otherwise (2019: 规范性文件, not 行政规范性文件). */
  labelIn?: Partial<Record<TableVersion, string>>;
  /** The label matches when its key equals one of these. */
  exact?: string[];
  /** The label matches when its key contains one of these; the longest contained entry wins across definitions. */
  contains?: string[];
}

/** How a value cell may be filled. */
export type ValueKind =
  | 'count' // integer ≥ 0
  | 'signedCount' // integer, may be negative (2019 本年增/减)
  | 'money'; // decimal ≥ 0

export interface RowDef extends LabelMatcher {
  key: string;
  versions: TableVersion[];
}

export interface ColumnDef extends LabelMatcher {
  key: string;
  versions: TableVersion[];
}

/**
 * The tables of an export (reports, cells, problems, and the pre-2019 figures and statistics rows), written once here: the row types, and each
 * column's name and type in column order. The SQLite, Parquet and CSV writers
 * build their tables from these lists, so the formats cannot drift apart.
 */

/** A column's type, mapped by each writer to its own (SQLite INTEGER/REAL/TEXT, DuckDB INTEGER/DOUBLE/VARCHAR/VARCHAR[]). */
export type ColumnType = 'integer' | 'double' | 'text' | 'textList';

/** One row per distinct content (input files with the same bytes are one report). */
export interface ReportRow {
  report_id: number;
  source_file: string;
  sha256: string | null;
  format: string;
  reader: string;
  pages: number | null;
  title: string | null;
  agency: string | null;
  /** The agency's identity (as `govreport compare`): the same for 淮安市洪泽区人民政府 and 洪泽区人民政府; null without an agency. */
  agency_key: string | null;
  /** government, department, township or unknown; null without an agency. */
  agency_level: string | null;
  /** The units of the key (洪泽区), null when the name has none. */
  agency_region: string | null;
  year: number | null;
  /** 1 when the agency or the year is missing, or the report says they may be misread (METADATA_MISSING, LOW_CONFIDENCE naming no cell). */
  metadata_in_doubt: number;
  format_version: string;
  /** Input files with these bytes (≥ 1). */
  copies: number;
  /** Distinct reports with the same agency key and year (1 when either is unknown). */
  versions: number;
  /** 1 for the version of its agency and year to count, 0 for its other versions; null when the agency or year is unknown. */
  preferred: number | null;
  /** report_id of the preferred version of its agency and year (its own when preferred); null when the agency or year is unknown. */
  preferred_id: number | null;
  errors: number;
  warnings: number;
  infos: number;
  /** 1 when the report has a FILE_UNREADABLE problem. */
  unreadable: number;
}

/** Where a cell or a problem is (the JSON's source), in the same columns in both tables. */
export interface PlaceColumns {
  page: number | null;
  bbox_x0: number | null;
  bbox_y0: number | null;
  bbox_x1: number | null;
  bbox_y1: number | null;
  src_table: number | null;
  src_row: number | null;
  src_col: number | null;
  src_path: string | null;
  src_line: number | null;
  src_char: number | null;
}

export interface CellRow extends PlaceColumns {
  report_id: number;
  key: string;
  table_name: string;
  value: number | null;
  raw: string | null;
  state: string;
  confidence: number;
}

/** A figure of a pre-2019 report (its `pre2019` record, keys pre2019.*): a cell's columns; the crosswalk is in the cell dictionary. */
export interface Pre2019FigureRow extends PlaceColumns {
  report_id: number;
  key: string;
  value: number | null;
  raw: string | null;
  state: string;
  confidence: number;
}

/** One value of a row of a pre-2019 statistics table (the report's `statistics`): the row's facts, its column's, and the cell's. */
export interface Pre2019StatisticsRow extends PlaceColumns {
  report_id: number;
  /** Which table of the report (0-based, as `statistics` lists them). */
  table_index: number;
  table_title: string | null;
  /** The row's place in its table (0-based). */
  row_index: number;
  label: string;
  /** 0 top, 1 under 其中, 2 under a 其中 inside a 其中 … */
  level: number;
  /** row_index of the row it nests under; null at the top. */
  parent: number | null;
  unit: string | null;
  /** The canonical indicator key, null when the label matched none. */
  key: string | null;
  /** The value column's place (0-based, value columns only). */
  column_index: number;
  /** The column's header as printed; null for a value beyond the table's columns. */
  column_header: string | null;
  /** year, cumulative or unknown. */
  period: string;
  /** The year the column's header names, null where it names none. */
  column_year: number | null;
  value: number | null;
  raw: string | null;
  state: string;
  confidence: number;
}

export interface ProblemRow extends PlaceColumns {
  report_id: number;
  code: string;
  severity: string;
  message: string;
  cells: string[] | null;
}

export interface Column<R> {
  name: keyof R & string;
  type: ColumnType;
}

/** A record of every field of the row type (the compiler checks none is missing or extra), in column order. */
function columns<R>(types: Record<keyof R & string, ColumnType>): Array<Column<R>> {
  return Object.entries(types).map(([name, type]) => ({ name: name as keyof R & string, type: type as ColumnType }));
}

export const reportColumns = columns<ReportRow>({
  report_id: 'integer',
  source_file: 'text',
  sha256: 'text',
  format: 'text',
  reader: 'text',
  pages: 'integer',
  title: 'text',
  agency: 'text',
  agency_key: 'text',
  agency_level: 'text',
  agency_region: 'text',
  year: 'integer',
  metadata_in_doubt: 'integer',
  format_version: 'text',
  copies: 'integer',
  versions: 'integer',
  preferred: 'integer',
  preferred_id: 'integer',
  errors: 'integer',
  warnings: 'integer',
  infos: 'integer',
  unreadable: 'integer',
});

const placeColumnTypes = {
  page: 'integer',
  bbox_x0: 'double',
  bbox_y0: 'double',
  bbox_x1: 'double',
  bbox_y1: 'double',
  src_table: 'integer',
  src_row: 'integer',
  src_col: 'integer',
  src_path: 'text',
  src_line: 'integer',
  src_char: 'integer',
} as const satisfies Record<keyof PlaceColumns, ColumnType>;

export const cellColumns = columns<CellRow>({
  report_id: 'integer',
  key: 'text',
  table_name: 'text',
  value: 'double',
  raw: 'text',
  state: 'text',
  confidence: 'double',
  ...placeColumnTypes,
});

export const problemColumns = columns<ProblemRow>({
  report_id: 'integer',
  code: 'text',
  severity: 'text',
  message: 'text',
  cells: 'textList',
  // Where the problem is, in the same columns as a cell's place (the JSON's problem.source).
  ...placeColumnTypes,
});

export const pre2019FigureColumns = columns<Pre2019FigureRow>({
  report_id: 'integer',
  key: 'text',
  value: 'double',
  raw: 'text',
  state: 'text',
  confidence: 'double',
  ...placeColumnTypes,
});

export const pre2019RowColumns = columns<Pre2019StatisticsRow>({
  report_id: 'integer',
  table_index: 'integer',
  table_title: 'text',
  row_index: 'integer',
  label: 'text',
  level: 'integer',
  parent: 'integer',
  unit: 'text',
  key: 'text',
  column_index: 'integer',
  column_header: 'text',
  period: 'text',
  column_year: 'integer',
  value: 'double',
  raw: 'text',
  state: 'text',
  confidence: 'double',
  ...placeColumnTypes,
});

export type TableName = 'reports' | 'cells' | 'problems' | 'pre2019_figures' | 'pre2019_rows';

/** A row as the writers take it: its values in the table's column order (cheap to pass between threads). */
export type RowValues = unknown[];

/** What a writer receives for one report: its row and the rows of its cells, problems, pre-2019 figures and statistics rows. */
export interface ReportRows {
  report: RowValues;
  cells: RowValues[];
  problems: RowValues[];
  pre2019_figures: RowValues[];
  pre2019_rows: RowValues[];
}

/** The tables a report has many rows in, in the order they are written. */
export const manyRowTables = ['cells', 'problems', 'pre2019_figures', 'pre2019_rows'] as const satisfies ReadonlyArray<TableName>;

export function rowValues<R>(row: R, columns: ReadonlyArray<Column<R>>): RowValues {
  return columns.map((c) => row[c.name]);
}

/** Where a column is in its table's rows. */
export function columnIndex(table: TableName, name: string): number {
  const i = tableColumns[table].findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`${table} has no column ${name}`);
  return i;
}

/** The columns of each table, in the order the tables are written. */
export const tableColumns: Record<TableName, ReadonlyArray<{ name: string; type: ColumnType }>> = {
  reports: reportColumns,
  cells: cellColumns,
  problems: problemColumns,
  pre2019_figures: pre2019FigureColumns,
  pre2019_rows: pre2019RowColumns,
};


/**
 * The cell keys each table defines in each format version, in template
 * order: what the mapper fills and what a dataset has a column for.
 */
import { table2Cells } from './table2.js';
import { applicantColumns, table3RowKeys } from './table3.js';
import { table4CellKeys } from './table4.js';
import type { TableVersion } from './types.js';

export type TableName = 't2' | 't3' | 't4';

export function tableCellKeys(table: TableName, version: TableVersion): string[] {
  if (table === 't2') return table2Cells[version].map((c) => c.key);
  if (table === 't3') return table3RowKeys(version).flatMap((row) => applicantColumns.map((c) => `t3.${row}.${c.key}`));
  return [...table4CellKeys];
}

/** Every key of a format version, tables in order. */
export function formatCellKeys(version: TableVersion): string[] {
  return (['t2', 't3', 't4'] as const).flatMap((table) => tableCellKeys(table, version));
}

/**
 * Every cell key a report can have, for the columns of the wide CSV: the keys
 * of the 2021 format, then the keys only the 2019 format has, each in the
 * mappings' template order. The lists are the mappings' own (mappings/), the
 * same ones the mapper fills.
 */
import { table2Cells } from '../../mappings/table2.js';
import { applicantColumns, table3RowKeys } from '../../mappings/table3.js';
import { table4CellKeys } from '../../mappings/table4.js';
import type { TableVersion } from '../../mappings/types.js';

function keysOf(version: TableVersion): string[] {
  return [
    ...table2Cells[version].map((c) => c.key),
    ...table3RowKeys(version).flatMap((row) => applicantColumns.map((c) => `t3.${row}.${c.key}`)),
    ...table4CellKeys,
  ];
}

export function allCellKeys(): string[] {
  const keys2021 = keysOf('2021');
  const in2021 = new Set(keys2021);
  return [...keys2021, ...keysOf('2019').filter((k) => !in2021.has(k))];
}

/** 't2' | 't3' | 't4': the table a key belongs to is its first segment. */
export function tableOfKey(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

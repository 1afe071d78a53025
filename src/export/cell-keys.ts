/**
 * Every cell key a report can have, for the columns of the wide CSV: the keys
 * of the 2021 format, then the keys only the 2019 format has, then the
 * statistics of reports from before 2019 (pre2019.*), each in the
 * mappings' template order. The lists are the mappings' own (mappings/), the
 * same ones the mapper fills.
 */
import { formatCellKeys } from '../../mappings/keys.js';
import { pre2019Statistics } from '../../mappings/pre2019.js';

export function allCellKeys(): string[] {
  const keys2021 = formatCellKeys('2021');
  const in2021 = new Set(keys2021);
  return [...keys2021, ...formatCellKeys('2019').filter((k) => !in2021.has(k)), ...pre2019Statistics.map((s) => s.key)];
}

/** 't2' | 't3' | 't4': the table a key belongs to is its first segment. */
export function tableOfKey(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

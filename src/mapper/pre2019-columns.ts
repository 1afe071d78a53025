/**
 * The header of a pre-2019 statistics table: which header cell is the
 * indicator name, which the unit, and what period each value column holds
 * (mappings/pre2019-vocabulary.ts, pre2019Columns).
 */
import { pre2019Columns, pre2019YearHeader } from '../../mappings/pre2019-vocabulary.js';
import type { StatisticsColumn } from '../model/report.js';

/** A header as printed, whitespace-normalised (a two-paragraph cell 计量/单位 reads 计量 单位). */
export function printed(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

const compact = (text: string) => text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');

export type HeaderRole = 'label' | 'unit' | 'value';

/** What a header cell is; undefined for a text that is no header of such a table. */
export function headerRole(text: string): HeaderRole | undefined {
  const t = compact(text);
  if ((pre2019Columns.label as readonly string[]).includes(t)) return 'label';
  if ((pre2019Columns.unit as readonly string[]).includes(t)) return 'unit';
  if (valuePeriod(t) !== undefined) return 'value';
  return undefined;
}

function valuePeriod(t: string): { period: StatisticsColumn['period']; printedYear: number | null } | undefined {
  if ((pre2019Columns.cumulative as readonly string[]).includes(t)) return { period: 'cumulative', printedYear: null };
  const year = pre2019YearHeader.exec(t);
  if (year) return { period: 'year', printedYear: Number(year[1]) };
  if ((pre2019Columns.year as readonly string[]).includes(t)) return { period: 'year', printedYear: null };
  return undefined;
}

export interface ReadColumn {
  column: StatisticsColumn;
  /** The year the header prints, when it prints one other than the report year (PRE2019_COLUMN_YEAR). */
  otherYear?: number;
}

/** A value column: its header as printed and the period it holds. A year column holds the report year, whatever year it prints. */
export function valueColumn(header: string, reportYear: number | null): ReadColumn {
  const read = valuePeriod(compact(header));
  if (!read) return { column: { header: printed(header), period: 'unknown', year: null } };
  if (read.period === 'cumulative') return { column: { header: printed(header), period: 'cumulative', year: null } };
  const year = reportYear ?? read.printedYear;
  const other = read.printedYear !== null && reportYear !== null && read.printedYear !== reportYear;
  return { column: { header: printed(header), period: 'year', year }, ...(other ? { otherYear: read.printedYear! } : {}) };
}

/** Header words as a pattern, longest first, for a header run together in a paragraph (指标名称单位2017年历年累计). */
export function headerTokenPattern(): string {
  const words = [...pre2019Columns.label, ...pre2019Columns.unit, ...pre2019Columns.cumulative, ...pre2019Columns.year].sort((a, b) => b.length - a.length);
  return [String.raw`\d{4}\s*年度?`, ...words.map((w) => [...w].join(String.raw`\s*`))].join('|');
}

/**
 * Scoring a report from before 2019 against its truth (../shared/samples/pre2019):
 * every statistics-table row as printed (label, unit and every value), the
 * nine headline figures, and the figures taken from a trap.
 *
 * A figure "taken from a trap" is any headline figure the output gives a
 * number for that the truth does not have: a different number, or a number
 * where the truth says the report states none. The truth files list the traps
 * in prose (notes, figureSources), so no list of trap numbers is kept here:
 * whatever figure the truth does not hold came from somewhere it should not.
 */
import type { Report } from '../model/report.js';
import { pre2019HeadlineKeys } from '../../mappings/pre2019-vocabulary.js';

export interface Pre2019TruthRow {
  label: string;
  unit: string | null;
  /** Value by column header as printed; null for a blank cell. */
  values: Record<string, number | null>;
}

export interface Pre2019Truth {
  file: string;
  formatVersion: 'pre2019';
  year?: number;
  agency?: string;
  tables?: Array<{ title: string | null; columns: string[]; rows: Pre2019TruthRow[] }>;
  /** The nine figures by short name (activeDisclosed …); null where the report states none. */
  figures: Record<string, number | null>;
}

/** A truth file of this kind: pre2019 with its nine figures (a pre2019 truth without them is scored as cells, as before). */
export function isPre2019Truth(truth: unknown): truth is Pre2019Truth {
  const t = truth as Partial<Pre2019Truth>;
  return t.formatVersion === 'pre2019' && typeof t.figures === 'object' && t.figures !== null;
}

export interface Pre2019Score {
  rows: number;
  rowsExact: number;
  /** Output rows beyond the truth's (a table or row read where the truth has none). */
  extraRows: number;
  figures: number;
  figuresExact: number;
  /** Figures given that the truth does not hold, as `key: got X, truth Y`. */
  traps: string[];
  wrong: string[];
  formatVersionOk: boolean;
}

const short = (key: string) => key.replace(/^pre2019\./, '');

export function scorePre2019(report: Report, truth: Pre2019Truth): Pre2019Score {
  const wrong: string[] = [];
  const tables = report.statistics ?? [];
  let rows = 0;
  let rowsExact = 0;
  let extraRows = 0;
  (truth.tables ?? []).forEach((table, t) => {
    const got = tables[t];
    table.rows.forEach((row, r) => {
      rows++;
      const out = got?.rows[r];
      const values = out ? Object.fromEntries(got!.columns.map((c, i) => [c.header, out.values[i]?.value ?? null])) : undefined;
      const ok =
        out !== undefined &&
        out.label === row.label &&
        out.unit === row.unit &&
        Object.keys(values!).length === Object.keys(row.values).length &&
        Object.entries(row.values).every(([header, v]) => header in values! && values![header] === v);
      if (ok) rowsExact++;
      else wrong.push(`table ${t + 1} row ${r + 1}: truth ${JSON.stringify(row)}, got ${out ? JSON.stringify({ label: out.label, unit: out.unit, values }) : 'nothing'}`);
    });
    extraRows += Math.max(0, (got?.rows.length ?? 0) - table.rows.length);
  });
  for (const extra of tables.slice(truth.tables?.length ?? 0)) extraRows += extra.rows.length;
  let figuresExact = 0;
  const traps: string[] = [];
  for (const key of pre2019HeadlineKeys) {
    const want = truth.figures[short(key)] ?? null;
    const got = report.pre2019?.[key]?.value ?? null;
    if (got === want) figuresExact++;
    else {
      const line = `${short(key)}: got ${got}, truth ${want} (raw ${JSON.stringify(report.pre2019?.[key]?.raw ?? null)})`;
      wrong.push(line);
      if (got !== null) traps.push(line);
    }
  }
  return { rows, rowsExact, extraRows, figures: pre2019HeadlineKeys.length, figuresExact, traps, wrong, formatVersionOk: report.report.formatVersion === 'pre2019' };
}

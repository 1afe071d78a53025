/**
 * Scoring a report from before 2019 against its truth (../shared/samples/pre2019):
 * every statistics-table row as printed (label, unit and every value), the
 * nine headline figures, and the figures taken from a trap; and, for the
 * tests that hold the PDF, DOCX and scanned versions of those reports to the
 * same truth as the HTML, the mismatches one by one (pre2019Mismatches).
 *
 * A figure "taken from a trap" is any headline figure the output gives a
 * number for that the truth does not have: a different number, or a number
 * where the truth says the report states none. The truth files list the traps
 * in prose (notes, figureSources), so no list of trap numbers is kept here:
 * whatever figure the truth does not hold came from somewhere it should not.
 */
import type { Report } from '../model/report.js';
import { pre2019HeadlineKeys } from '../../mappings/pre2019-vocabulary.js';
import type { Truth } from './truth.js';

/** One row of a statistics table as printed: values keyed by the header of their value column (null for a blank cell). */
export interface Pre2019TruthRow {
  label: string;
  unit: string | null;
  values: Record<string, number | null>;
}

/** A pre-2019 truth lists figures and table rows instead of cells. */
export interface Pre2019Truth extends Truth {
  tables?: Array<{ title?: string | null; columns: string[]; rows: Pre2019TruthRow[] }>;
  /** The nine headline figures by the key after `pre2019.` (activeDisclosed …); null where the report states none. */
  figures?: Record<string, number | null>;
}

export const listsFigures = (truth: Truth): truth is Pre2019Truth => 'figures' in truth;

/** A truth scored this way: pre2019 with its nine figures (a pre2019 truth without them is scored as cells, as before). */
export function isPre2019Truth(truth: unknown): truth is Pre2019Truth & { figures: Record<string, number | null> } {
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
    const want = truth.figures?.[short(key)] ?? null;
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

/** What the report reads differently from its truth; `what` names it stably (metadata field, figure, table row). */
export interface Pre2019Mismatch {
  what: string;
  truth: string | number | null | undefined;
  got: string | number | null | undefined;
}

/** The part of the statistics tables' shape compared here (tests give it hand-built tables). */
interface StatisticsTable {
  columns: Array<{ header: string }>;
  rows: Array<{ label: string; unit: string | null; values: Array<{ value: number | null }> }>;
}

/**
 * Labels, units and headers compared without any whitespace: a PDF or a scan puts or drops spaces between
 * CJK characters (指 标 名 称, a header cell of two paragraphs), which changes nothing that is printed; and
 * with punctuation of either width alike (NFKC): OCR cannot tell ：from : on the page.
 */
const squeeze = (text: string | null | undefined) => (text == null ? text : text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, ''));

export function tableMismatches(got: StatisticsTable[], want: NonNullable<Pre2019Truth['tables']>): Pre2019Mismatch[] {
  const out: Pre2019Mismatch[] = [];
  if (got.length !== want.length) out.push({ what: 'tables', truth: want.length, got: got.length });
  want.forEach((table, t) => {
    const read = got[t];
    if (!read) return;
    if (read.rows.length !== table.rows.length) out.push({ what: `table ${t} rows`, truth: table.rows.length, got: read.rows.length });
    table.rows.forEach((row, r) => {
      const at = `table ${t} row ${r}`;
      const readRow = read.rows[r];
      if (squeeze(readRow?.label) !== squeeze(row.label)) out.push({ what: `${at} label`, truth: row.label, got: readRow?.label });
      if (squeeze(readRow?.unit ?? null) !== squeeze(row.unit)) out.push({ what: `${at} unit`, truth: row.unit, got: readRow?.unit });
      for (const [header, value] of Object.entries(row.values)) {
        const col = read.columns.findIndex((c) => squeeze(c.header) === squeeze(header));
        const cell = col >= 0 ? readRow?.values[col] : undefined;
        if (cell?.value !== value) out.push({ what: `${at} ${header}`, truth: value, got: col < 0 ? `no column ${header}` : cell?.value });
      }
    });
  });
  return out;
}

export function pre2019Mismatches(report: Report, truth: Pre2019Truth): Pre2019Mismatch[] {
  const out: Pre2019Mismatch[] = [];
  const meta = report.report;
  if (truth.formatVersion !== undefined && meta.formatVersion !== truth.formatVersion) out.push({ what: 'formatVersion', truth: truth.formatVersion, got: meta.formatVersion });
  if (truth.year !== undefined && meta.year !== truth.year) out.push({ what: 'year', truth: truth.year, got: meta.year });
  if (truth.agency !== undefined && meta.agency !== truth.agency) out.push({ what: 'agency', truth: truth.agency, got: meta.agency });
  for (const [key, want] of Object.entries(truth.figures ?? {})) {
    // A figure the report does not state is left out of report.pre2019: the same as null.
    const got = report.pre2019?.[`pre2019.${key}`]?.value ?? null;
    if (got !== want) out.push({ what: `figure ${key}`, truth: want, got });
  }
  // A table the truth lists and the report lacks is a mismatch (the field is left out when no table was found).
  if (truth.tables) out.push(...tableMismatches(report.statistics ?? [], truth.tables));
  return out;
}

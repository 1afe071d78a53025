/**
 * A pre-2019 report against its truth (../shared/samples/pre2019/README.md):
 * metadata, the nine headline figures (report.pre2019) and, once the output
 * model has statistics tables (`statistics`), every row's label, unit and
 * values. Used by tests/pre2019-formats.test.ts to hold the PDF, DOCX and
 * scanned versions of those reports to the same truth as the HTML.
 */
import { type Report, reportSchema } from '../model/report.js';
import type { Truth } from './truth.js';

/** One row of a statistics table as printed: values keyed by the header of their value column. */
export interface Pre2019TruthRow {
  label: string;
  unit: string | null;
  values: Record<string, number | null>;
}

/** A pre-2019 truth lists figures and table rows instead of cells. */
export interface Pre2019Truth extends Truth {
  tables?: Array<{ title?: string | null; columns: string[]; rows: Pre2019TruthRow[] }>;
  /** The nine headline figures by the key after `pre2019.`; null where the report states none. */
  figures?: Record<string, number | null>;
}

export const listsFigures = (truth: Truth): truth is Pre2019Truth => 'figures' in truth;

/** What the report reads differently from its truth; `what` names it stably (metadata field, figure, table row). */
export interface Pre2019Mismatch {
  what: string;
  truth: string | number | null | undefined;
  got: string | number | null | undefined;
}

/** The part of the statistics tables' shape compared here (the field is optional: older outputs lack it). */
interface StatisticsTable {
  columns: Array<{ header: string }>;
  rows: Array<{ label: string; unit: string | null; values: Array<{ value: number | null }> }>;
}

/**
 * Labels, units and headers compared without any whitespace: a PDF or a scan puts or drops spaces between
 * CJK characters (指 标 名 称, a header cell of two paragraphs), which changes nothing that is printed.
 */
const squeeze = (text: string | null | undefined) => (text == null ? text : text.replace(/[\s\u00a0\u3000]+/g, ''));

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
  // Until the output carries statistics tables there are none to compare; once it does, a table the truth
  // lists and the report lacks is a mismatch (the field is left out when no table was found).
  if ('statistics' in reportSchema.shape && truth.tables) out.push(...tableMismatches((report as { statistics?: StatisticsTable[] }).statistics ?? [], truth.tables));
  return out;
}

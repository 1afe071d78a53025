/**
 * A `.sqlite` made by `govreport export` as input of a comparison. The export
 * keeps what a comparison needs (every cell with its provenance, every
 * problem with its place, the report's identity), but not the sections' text:
 * a report loaded from it has no sections. Parquet and CSV exports are
 * refused (compare them from their JSON folder or a .sqlite export).
 */
import Database from 'better-sqlite3';
import type { Cell, Report } from '../model/report.js';
import { metadataInDoubt } from '../model/problems.js';
import { tableOfKey } from '../export/cell-keys.js';
import type { PrintedCell } from './figures.js';
import type { CompareReport } from './model.js';

/** A report of the export as the comparison first reads it: the CompareReport fields the export's rows hold. */
export interface ExportedSummary
  extends Pick<CompareReport, 'file' | 'sha256' | 'format' | 'reader' | 'pages' | 'title' | 'agency' | 'year' | 'problemCounts' | 'problemCodes'> {
  reportId: number;
  /** As the export wrote it; checked against the known versions when the CompareReport is made. */
  formatVersion: string;
  /** See CompareReport.metadataInDoubt. */
  metadataInDoubt: boolean;
  /** The cells asked for, as printed. */
  cells: Record<string, PrintedCell>;
}

const requiredColumns: Record<string, string[]> = {
  reports: ['report_id', 'source_file', 'sha256', 'format', 'reader', 'pages', 'title', 'agency', 'year', 'format_version'],
  cells: ['report_id', 'key', 'value', 'raw', 'state', 'confidence', 'page', 'bbox_x0', 'src_table', 'src_path', 'src_line'],
  problems: ['report_id', 'code', 'severity', 'message', 'cells', 'page'],
};

/** The export opened read-only, or an error saying why the file is not one. */
export function openExport(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM sqlite_master').get();
  } catch (error) {
    throw new Error(`${path}: cannot be read as a SQLite export of govreport (${(error as Error).message})`);
  }
  const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
  for (const [table, columns] of Object.entries(requiredColumns)) {
    const have = tables.has(table) ? new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name)) : new Set();
    const missing = columns.filter((c) => !have.has(c));
    if (missing.length > 0) {
      db.close();
      const ledger = tables.has('inputs') ? ' (it looks like the ledger of `govreport convert`: compare the output folder it lies in instead)' : '';
      throw new Error(
        `${path}: not an export made by \`govreport export --to file.sqlite\`${ledger}: ` +
          (tables.has(table) ? `table ${table} lacks ${missing.join(', ')}` : `no table ${table}`),
      );
    }
  }
  return db;
}

/** Every report of the export, with the cells of `keys` (the figures and carry-over cells). */
export function readExportSummaries(path: string, keys: string[]): ExportedSummary[] {
  const db = openExport(path);
  try {
    const byId = new Map<number, ExportedSummary>();
    const rows = db.prepare<[], Record<string, unknown>>('SELECT * FROM reports ORDER BY report_id').all();
    for (const row of rows) {
      const reportId = row.report_id as number;
      byId.set(reportId, {
        reportId,
        file: String(row.source_file ?? ''),
        sha256: (row.sha256 as string | null) ?? null,
        format: String(row.format ?? 'unknown'),
        reader: String(row.reader ?? ''),
        pages: (row.pages as number | null) ?? null,
        title: (row.title as string | null) ?? null,
        agency: (row.agency as string | null) ?? null,
        year: (row.year as number | null) ?? null,
        formatVersion: String(row.format_version ?? 'unknown'),
        problemCounts: { error: 0, warning: 0, info: 0 },
        problemCodes: [],
        metadataInDoubt: false,
        cells: {},
      });
    }
    // The pre-2019 figures are a table of their own (exports before it kept them among the cells).
    for (const table of cellTables(db)) {
      const cells = db.prepare<string[], { report_id: number; key: string; value: number | null; raw: string | null; state: string }>(
        `SELECT report_id, key, value, raw, state FROM ${table} WHERE key IN (${keys.map(() => '?').join(', ')})`,
      );
      for (const c of cells.iterate(...keys)) {
        const summary = byId.get(c.report_id);
        if (summary) summary.cells[c.key] = { value: c.value, raw: c.raw, state: c.state };
      }
    }
    const problems = db.prepare<[], { report_id: number; code: string; severity: string; cells: string | null }>('SELECT report_id, code, severity, cells FROM problems');
    for (const p of problems.iterate()) {
      const summary = byId.get(p.report_id);
      if (!summary) continue;
      if (p.severity === 'error' || p.severity === 'warning' || p.severity === 'info') summary.problemCounts[p.severity]++;
      if (!summary.problemCodes.includes(p.code)) summary.problemCodes.push(p.code);
      if (!summary.metadataInDoubt && metadataInDoubt([{ code: p.code, cells: p.cells ? (JSON.parse(p.cells) as string[] | null) : null }])) summary.metadataInDoubt = true;
    }
    return [...byId.values()];
  } finally {
    db.close();
  }
}

type Row = Record<string, unknown>;

/** The tables that hold cell-like rows: cells, and pre2019_figures where the export has it. */
function cellTables(db: Database.Database): string[] {
  const has = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'pre2019_figures'").get();
  return has && has.n > 0 ? ['cells', 'pre2019_figures'] : ['cells'];
}

/** A cell as the export keeps it. */
function exportedCell(c: Row): Cell {
  return {
    value: (c.value as number | null) ?? null,
    raw: (c.raw as string | null) ?? null,
    state: c.state as Cell['state'],
    confidence: (c.confidence as number | null) ?? 0,
    source: provenance(c),
  };
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** A cell's provenance from its columns; null when the export recorded none. */
function provenance(row: Row): Cell['source'] {
  const source: NonNullable<Cell['source']> = {};
  if (num(row.page) !== undefined) source.page = num(row.page)!;
  const bbox = [row.bbox_x0, row.bbox_y0, row.bbox_x1, row.bbox_y1].map(num);
  if (bbox.every((v) => v !== undefined)) source.bbox = bbox as [number, number, number, number];
  if (num(row.src_table) !== undefined) source.table = num(row.src_table)!;
  if (num(row.src_row) !== undefined) source.row = num(row.src_row)!;
  if (num(row.src_col) !== undefined) source.col = num(row.src_col)!;
  if (typeof row.src_path === 'string') source.path = row.src_path;
  if (num(row.src_line) !== undefined) source.line = num(row.src_line)!;
  if (num(row.src_char) !== undefined) source.char = num(row.src_char)!;
  return Object.keys(source).length > 0 ? source : null;
}

/** One report of the export as a Report: cells and problems as exported, no sections (the export keeps none). */
export function readExportedReport(path: string, reportId: number): Report {
  const db = openExport(path);
  try {
    const row = db.prepare<[number], Row>('SELECT * FROM reports WHERE report_id = ?').get(reportId);
    if (!row) throw new Error(`${path}: no report ${reportId}`);
    const cells: Report['cells'] = {};
    const pre2019: NonNullable<Report['pre2019']> = {};
    for (const table of cellTables(db)) {
      const cellRows = db.prepare<[number], Row>(`SELECT * FROM ${table} WHERE report_id = ? ORDER BY key`).all(reportId);
      // pre2019.* keys are the report's pre2019 record, whichever table an export kept them in.
      for (const c of cellRows) (tableOfKey(String(c.key)) === 'pre2019' ? pre2019 : cells)[String(c.key)] = exportedCell(c);
    }
    const problemRows = db.prepare<[number], Row>('SELECT * FROM problems WHERE report_id = ? ORDER BY rowid').all(reportId);
    const problems = problemRows.map((p) => {
      const problem: Report['problems'][number] = {
        code: p.code as Report['problems'][number]['code'],
        severity: p.severity as 'error' | 'warning' | 'info',
        message: String(p.message ?? ''),
      };
      if (typeof p.cells === 'string') problem.cells = JSON.parse(p.cells) as string[];
      // Older exports keep only the page of a problem; newer ones its whole place, in the cells' columns.
      const source = provenance(p);
      if (source) problem.source = source;
      return problem;
    });
    const source: Report['source'] = {
      file: String(row.source_file ?? ''),
      sha256: (row.sha256 as string | null) ?? null,
      format: row.format as Report['source']['format'],
      reader: String(row.reader ?? ''),
    };
    if (num(row.pages) !== undefined) source.pages = num(row.pages)!;
    return {
      schema: 'govreport/1',
      source,
      report: {
        title: (row.title as string | null) ?? null,
        agency: (row.agency as string | null) ?? null,
        year: (row.year as number | null) ?? null,
        formatVersion: row.format_version as Report['report']['formatVersion'],
      },
      sections: [],
      cells,
      ...(Object.keys(pre2019).length > 0 ? { pre2019 } : {}),
      problems,
    };
  } finally {
    db.close();
  }
}

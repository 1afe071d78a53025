/**
 * The pre-2019 tables of an export, on a report JSON built here by hand in
 * the shape of the `statistics` field (/work/pre2019-statistics-shape.md):
 * pre2019_figures holds the report's pre2019.* figures, pre2019_rows one
 * line per value of every statistics row (label, nesting, unit, key, the
 * column's header and period, the cell and its place), in SQLite, Parquet
 * and the CSV beside the wide one.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectBuilt, govreport } from './helpers/cli.js';
import { parseCsv } from './helpers/csv.js';

const cell = (value: number | null, raw: string | null, state: string, source: object | null) => ({ value, raw, state, confidence: state === 'number' ? 0.9 : 0.5, source });
const columns = [
  { header: '2014年度', period: 'year', year: 2014 },
  { header: '历年累计', period: 'cumulative', year: null },
];
const rows = [
  { label: '主动公开信息数', level: 0, parent: null, unit: '条', key: 'pre2019.activeDisclosed', values: [cell(2543, '2543', 'number', { path: 'table[0]/tr[2]/td[3]', table: 0, row: 2, col: 2 }), cell(12106, '12106', 'number', { path: 'table[0]/tr[2]/td[4]', table: 0, row: 2, col: 3 })], source: { path: 'table[0]/tr[2]' } },
  { label: '受理政府信息公开申请总数', level: 0, parent: null, unit: '件', key: 'pre2019.applicationsReceived', values: [cell(1, '1', 'number', { path: 'table[0]/tr[3]/td[3]', table: 0, row: 3, col: 2 }), cell(null, '', 'blank', { path: 'table[0]/tr[3]/td[4]', table: 0, row: 3, col: 3 })], source: { path: 'table[0]/tr[3]' } },
  { label: '其中：1．当面申请数', level: 1, parent: 1, unit: '件', key: null, values: [cell(0, '0', 'number', { page: 3, bbox: [10, 20, 30, 40] }), cell(7, '7', 'number', null)], source: null },
];
const report = {
  schema: 'govreport/1',
  source: { file: 'pingtan-2014.html', sha256: 'a'.repeat(64), format: 'html', reader: 'html' },
  report: { title: '平潭综合实验区2014年政府信息公开工作年度报告', agency: '平潭综合实验区管委会', year: 2014, formatVersion: 'pre2019' },
  sections: [],
  cells: {},
  pre2019: {
    'pre2019.activeDisclosed': cell(2543, '2543', 'number', { path: 'table[0]/tr[2]/td[3]' }),
    'pre2019.applicationsReceived': cell(1, '1', 'number', { path: 'table[0]/tr[3]/td[3]' }),
  },
  statistics: [{ title: '六、政府信息公开情况统计表', columns, rows, source: { path: 'table[0]' } }],
  problems: [],
};

/** Every line pre2019_rows must hold, built from the fixture above: one per row × value column. */
const expectedRows = rows.flatMap((row, rowIndex) =>
  row.values.map((v, columnIndex) => {
    const s = (v.source ?? {}) as { page?: number; bbox?: number[]; table?: number; row?: number; col?: number; path?: string };
    return {
      report_id: 1,
      table_index: 0,
      table_title: '六、政府信息公开情况统计表',
      row_index: rowIndex,
      label: row.label,
      level: row.level,
      parent: row.parent,
      unit: row.unit,
      key: row.key,
      column_index: columnIndex,
      column_header: columns[columnIndex]!.header,
      period: columns[columnIndex]!.period,
      column_year: columns[columnIndex]!.year,
      value: v.value,
      raw: v.raw,
      state: v.state,
      confidence: v.confidence,
      page: s.page ?? null,
      bbox_x0: s.bbox?.[0] ?? null,
      bbox_y0: s.bbox?.[1] ?? null,
      bbox_x1: s.bbox?.[2] ?? null,
      bbox_y1: s.bbox?.[3] ?? null,
      src_table: s.table ?? null,
      src_row: s.row ?? null,
      src_col: s.col ?? null,
      src_path: s.path ?? null,
      src_line: null,
      src_char: null,
    };
  }),
);

let outdir: string;
let work: string;

beforeAll(() => {
  expectBuilt();
  outdir = mkdtempSync(join(tmpdir(), 'govreport-pre2019-export-in-'));
  writeFileSync(join(outdir, 'pingtan-2014.html.json'), JSON.stringify(report));
  work = mkdtempSync(join(tmpdir(), 'govreport-pre2019-export-'));
});

describe('pre-2019 tables in the exports', () => {
  it('are SQLite tables: every value of every statistics row, and the figures apart from the cells', async () => {
    const target = join(work, 'x.sqlite');
    const result = await govreport('export', outdir, '--to', target);
    expect(result.code, result.stderr).toBe(0);
    const db = new Database(target, { readonly: true });
    try {
      expect(db.prepare('SELECT * FROM pre2019_rows ORDER BY rowid').all()).toEqual(expectedRows);
      expect(db.prepare('SELECT key, value, raw, src_path FROM pre2019_figures ORDER BY rowid').all()).toEqual([
        { key: 'pre2019.activeDisclosed', value: 2543, raw: '2543', src_path: 'table[0]/tr[2]/td[3]' },
        { key: 'pre2019.applicationsReceived', value: 1, raw: '1', src_path: 'table[0]/tr[3]/td[3]' },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM cells').get()).toEqual({ n: 0 });
      // A row nests under its parent: 其中 rows join back to the row they detail.
      const nested = db
        .prepare('SELECT c.label AS child, p.label AS parent FROM pre2019_rows c JOIN pre2019_rows p ON p.report_id = c.report_id AND p.table_index = c.table_index AND p.row_index = c.parent AND p.column_index = c.column_index WHERE c.column_index = 0')
        .all();
      expect(nested).toEqual([{ child: '其中：1．当面申请数', parent: '受理政府信息公开申请总数' }]);
    } finally {
      db.close();
    }
  });

  it('are Parquet files of their own, read back by DuckDB', async () => {
    const result = await govreport('export', outdir, '--to', join(work, 'x.parquet'));
    expect(result.code, result.stderr).toBe(0);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const read = async (table: string) => (await connection.runAndReadAll(`SELECT * FROM read_parquet('${join(work, `x.${table}.parquet`)}')`)).getRowObjectsJS();
      expect(await read('pre2019_rows')).toEqual(expectedRows);
      expect((await read('pre2019_figures')).map((r) => [r.key, r.value])).toEqual([
        ['pre2019.activeDisclosed', 2543],
        ['pre2019.applicationsReceived', 1],
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('are a long CSV beside the wide one, whose figure columns hold the pre2019 figures', async () => {
    const result = await govreport('export', outdir, '--to', join(work, 'x.csv'));
    expect(result.code, result.stderr).toBe(0);
    const long = parseCsv(readFileSync(join(work, 'x.pre2019_rows.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const header = long[0]!;
    expect(header).toEqual(Object.keys(expectedRows[0]!));
    const text = (v: unknown) => (v === null ? '' : String(v));
    expect(long.slice(1)).toEqual(expectedRows.map((r) => header.map((h) => text(r[h as keyof typeof r]))));
    const wide = parseCsv(readFileSync(join(work, 'x.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const at = (key: string) => wide[1]![wide[0]!.indexOf(key)];
    expect([at('pre2019.activeDisclosed'), at('pre2019.applicationsReceived'), at('pre2019.fees')]).toEqual(['2543', '1', '']);
  });
});

/**
 * The cell_dictionary beside the data in every export: a table of the SQLite
 * file, a Parquet file, a CSV beside the wide CSV; its rows are the cell
 * dictionary's, and it joins the cells to their Chinese labels.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellDictionary, cellDictionaryColumns } from '../src/dictionary/cells.js';
import { repoRoot } from '../src/eval/truth.js';
import { expectBuilt, govreport } from './helpers/cli.js';
import { report2017 } from './helpers/pre2019.js';

const samples = ['clean-2021-utf8.html', 'format-2019.html'];
let outdir: string;

beforeAll(async () => {
  expectBuilt();
  const inputs = mkdtempSync(join(tmpdir(), 'govreport-dict-in-'));
  for (const s of samples) copyFileSync(join(repoRoot(), 'samples', 'html', s), join(inputs, s));
  // A report of 2017: its figures are in pre2019_figures, labelled by the dictionary too.
  writeFileSync(join(inputs, 'pre2019-2017.txt'), report2017.join('\n'));
  outdir = mkdtempSync(join(tmpdir(), 'govreport-dict-out-'));
  const result = await govreport('convert', inputs, '-o', outdir, '--concurrency', '1');
  expect(result.code, result.stderr).toBe(0);
});

/** The dictionary as rows keyed by the export's column names, lists as lists. */
const expectedRows = () => cellDictionary().map((e) => Object.fromEntries(cellDictionaryColumns.map((c) => [c.name, e[c.field]])));

describe('cell_dictionary in the exports', () => {
  it('is a SQLite table that joins cells to their labels', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'govreport-dict-')), 'x.sqlite');
    const result = await govreport('export', outdir, '--to', target);
    expect(result.code, result.stderr).toBe(0);
    const db = new Database(target, { readonly: true });
    try {
      const rows = (db.prepare('SELECT * FROM cell_dictionary ORDER BY rowid').all() as Record<string, unknown>[]).map((r) => ({
        ...r,
        versions: JSON.parse(r.versions as string),
        rules: JSON.parse(r.rules as string),
        continues_as: JSON.parse(r.continues_as as string),
      }));
      expect(rows).toEqual(expectedRows());
      // Every cell of the export has its labels.
      const unlabelled = db.prepare('SELECT count(*) AS n FROM cells c LEFT JOIN cell_dictionary d USING (key) WHERE d.key IS NULL').get() as { n: number };
      expect(unlabelled.n).toBe(0);
      // The pre-2019 figures too, with the 2019/2021 cells that continue them.
      const figures = db.prepare('SELECT count(*) AS n, count(d.key) AS labelled FROM pre2019_figures f LEFT JOIN cell_dictionary d USING (key)').get() as { n: number; labelled: number };
      expect(figures.n).toBeGreaterThan(0);
      expect(figures.labelled).toBe(figures.n);
      const received = db.prepare("SELECT continues_as, crosswalk FROM cell_dictionary WHERE key = 'pre2019.applicationsReceived'").get() as { continues_as: string; crosswalk: string };
      expect(JSON.parse(received.continues_as)).toEqual(['t3.newReceived.total']);
      expect(received.crosswalk).toMatch(/^close: /);
      const joined = db
        .prepare("SELECT d.row_label, d.column_label FROM cells c JOIN cell_dictionary d USING (key) WHERE c.key = 't3.newReceived.natural' LIMIT 1")
        .get() as { row_label: string; column_label: string };
      const entry = cellDictionary().find((e) => e.key === 't3.newReceived.natural')!;
      expect(joined).toEqual({ row_label: entry.rowLabel, column_label: entry.columnLabel });
    } finally {
      db.close();
    }
  });

  it('is a Parquet file DuckDB reads and joins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-dict-'));
    const result = await govreport('export', outdir, '--to', join(dir, 'x.parquet'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(join(dir, 'x.cell_dictionary.parquet'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
      expect(await read(`SELECT * FROM read_parquet('${dir}/x.cell_dictionary.parquet')`)).toEqual(expectedRows());
      const joined = await read(
        `SELECT count(*)::INTEGER AS n, count(d.row_label)::INTEGER AS labelled FROM read_parquet('${dir}/x.cells.parquet') c LEFT JOIN read_parquet('${dir}/x.cell_dictionary.parquet') d USING (key)`,
      );
      expect(joined[0]!.n).toBeGreaterThan(0);
      expect(joined[0]!.labelled).toBe(joined[0]!.n);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('is a CSV beside the wide CSV, the same text as schema/cells.csv, naming every key column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-dict-'));
    mkdirSync(join(dir, 'data'));
    const result = await govreport('export', outdir, '--to', join(dir, 'data', 'reports.csv'));
    expect(result.code, result.stderr).toBe(0);
    const dictionary = readFileSync(join(dir, 'data', 'reports.cell_dictionary.csv'), 'utf8');
    expect(dictionary).toBe(readFileSync(join(repoRoot(), 'schema', 'cells.csv'), 'utf8'));
    const keys = new Set(dictionary.split('\r\n').slice(1).map((line) => line.split(',')[0]));
    const header = readFileSync(join(dir, 'data', 'reports.csv'), 'utf8').split('\r\n')[0]!.split(',');
    const keyColumns = header.filter((h) => /^t\d\./.test(h));
    expect(keyColumns.length).toBeGreaterThan(0);
    for (const key of keyColumns) expect(keys.has(key), key).toBe(true);
  });
});

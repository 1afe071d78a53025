/**
 * govreport export end to end, on the compiled bin: a batch of samples (with an
 * exact copy → a duplicate, and an edited copy → a second version of the same
 * agency and year) is converted by the real CLI, exported to .sqlite,
 * .parquet and .csv, and every dataset is read back and compared with the
 * JSON files it came from.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync as makeTempFolder, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyIdentities } from '../src/agency/identity.js';
import { findSamples, repoRoot } from '../src/eval/truth.js';
import { csvField } from '../src/export/csv-field.js';
import { parseCsv } from './helpers/csv.js';
import { type ReportFacts, planReports } from '../src/export/plan.js';
import { metadataInDoubt } from '../src/model/problems.js';
import type { Report } from '../src/model/report.js';
import { expectBuilt, govreport } from './helpers/cli.js';
import { report2017 } from './helpers/pre2019.js';

/** Temporary folders of this file, removed at the end. */
const temporaryFolders: string[] = [];
function mkdtempSync(prefix: string): string {
  const folder = makeTempFolder(prefix);
  temporaryFolders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});
const root = repoRoot();
/** Every report JSON under an output folder (the scratch folder excluded), by path. */
function readJsons(outdir: string): Map<string, Report> {
  const reports = new Map<string, Report>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '.govreport-tmp') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.json')) reports.set(path, JSON.parse(readFileSync(path, 'utf8')) as Report);
    }
  };
  walk(outdir);
  return reports;
}

type Row = Record<string, unknown>;
interface Dataset {
  reports: Row[];
  cells: Row[];
  problems: Row[];
  pre2019_figures: Row[];
  pre2019_rows: Row[];
}

function readSqlite(file: string): Dataset {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all() as Row[];
    return {
      reports: all('SELECT * FROM reports ORDER BY report_id'),
      cells: all('SELECT * FROM cells ORDER BY rowid'),
      problems: all('SELECT * FROM problems ORDER BY rowid').map((p) => ({ ...p, cells: p.cells === null ? null : JSON.parse(p.cells as string) })),
      pre2019_figures: all('SELECT * FROM pre2019_figures ORDER BY rowid'),
      pre2019_rows: all('SELECT * FROM pre2019_rows ORDER BY rowid'),
    };
  } finally {
    db.close();
  }
}

async function readParquet(stem: string): Promise<Dataset> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const read = async (table: string) =>
      (await connection.runAndReadAll(`SELECT * FROM read_parquet('${stem}.${table}.parquet')`)).getRowObjectsJS() as Row[];
    return {
      reports: await read('reports'),
      cells: await read('cells'),
      problems: await read('problems'),
      pre2019_figures: await read('pre2019_figures'),
      pre2019_rows: await read('pre2019_rows'),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What the export must say of the JSON files, worked out here from the JSON alone (and the agency identity rule, tested in compare-data). */
interface Expected {
  /** Per distinct content: its JSON files, the file standing for them first; its agency identity and versions. */
  groups: Array<{
    files: string[];
    report: Report;
    versions: number;
    identity: { key: string; level: string; region: string | null } | null;
    /** The source_file of the preferred version of its agency and year. */
    preferredFile: string | null;
  }>;
}

const severityCount = (r: Report, s: string) => r.problems.filter((p) => p.severity === s).length;
const inDoubt = (r: Report) => r.report.agency === null || r.report.year === null || metadataInDoubt(r.problems);

function expectedFrom(jsons: Map<string, Report>): Expected {
  const byContent = new Map<string, string[]>();
  for (const [path, report] of jsons) {
    const content = report.source.sha256 ?? `unread ${path}`;
    byContent.set(content, [...(byContent.get(content) ?? []), path]);
  }
  const groups = [...byContent.values()].map((files) => {
    const originals = files.filter((f) => jsons.get(f)!.source.duplicateOf === undefined);
    const chosen = originals.length > 0 ? originals : files;
    chosen.sort((a, b) => (jsons.get(a)!.source.file < jsons.get(b)!.source.file ? -1 : 1));
    const report = jsons.get(chosen[0]!)!;
    return { files: [chosen[0]!, ...files.filter((f) => f !== chosen[0])], report, versions: 1, identity: null, preferredFile: null } as Expected['groups'][number];
  });
  const identities = agencyIdentities(groups.map((g) => g.report.report.agency).filter((a): a is string => a !== null));
  for (const g of groups) g.identity = g.report.report.agency === null ? null : identities.get(g.report.report.agency)!;
  for (const g of groups) {
    const year = g.report.report.year;
    if (g.identity === null || year === null) continue;
    const versions = groups.filter((o) => o.identity?.key === g.identity!.key && o.report.report.year === year);
    g.versions = versions.length;
    // docs/recipes.md: not in doubt first, then fewest errors, then fewest warnings, then by source file.
    const rank = (o: Expected['groups'][number]) => [Number(inDoubt(o.report)), severityCount(o.report, 'error'), severityCount(o.report, 'warning')];
    const best = [...versions].sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]! || (a.report.source.file < b.report.source.file ? -1 : 1);
    })[0]!;
    g.preferredFile = best.report.source.file;
  }
  return { groups };
}

/** The report row that must stand for a group of JSON files. */
function expectedReportRow(g: Expected['groups'][number]) {
  const r = g.report;
  return {
    source_file: r.source.file,
    sha256: r.source.sha256,
    format: r.source.format,
    reader: r.source.reader,
    pages: r.source.pages ?? null,
    title: r.report.title,
    agency: r.report.agency,
    agency_key: g.identity?.key ?? null,
    agency_level: g.identity?.level ?? null,
    agency_region: g.identity?.region ?? null,
    year: r.report.year,
    metadata_in_doubt: inDoubt(r) ? 1 : 0,
    format_version: r.report.formatVersion,
    copies: g.files.length,
    versions: g.versions,
    preferred: g.preferredFile === null ? null : g.preferredFile === r.source.file ? 1 : 0,
    errors: severityCount(r, 'error'),
    warnings: severityCount(r, 'warning'),
    infos: severityCount(r, 'info'),
    unreadable: r.problems.some((p) => p.code === 'FILE_UNREADABLE') ? 1 : 0,
  };
}

function rowOfGroup(reports: Row[], g: Expected['groups'][number]): Row {
  const found = reports.filter((r) => r.sha256 === g.report.source.sha256 && r.source_file === g.report.source.file);
  expect(found, `one report row for ${g.report.source.file}`).toHaveLength(1);
  return found[0]!;
}

/** The SQLite and Parquet datasets against the JSON files, field by field. */
function compareTables(dataset: Dataset, expected: Expected): void {
  expect(dataset.reports.map((r) => r.report_id)).toEqual(expected.groups.map((_, i) => i + 1));
  const files = dataset.reports.map((r) => r.source_file as string);
  expect(files).toEqual([...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const g of expected.groups) {
    const row = rowOfGroup(dataset.reports, g);
    expect(row).toMatchObject(expectedReportRow(g));
    const preferred = g.preferredFile === null ? null : dataset.reports.find((r) => r.source_file === g.preferredFile)!.report_id;
    expect(row.preferred_id).toBe(preferred);

    // A pre-2019 report's figures are a table of their own, with the cells' columns but the table name.
    for (const [table, jsonCells] of [['cells', g.report.cells], ['pre2019_figures', g.report.pre2019 ?? {}]] as const) {
    const cells = dataset[table].filter((c) => c.report_id === row.report_id);
    expect(cells.map((c) => c.key)).toEqual(Object.keys(jsonCells));
    for (const cell of cells) {
      const json = jsonCells[cell.key as string]!;
      const source = json.source ?? {};
      expect(cell, `${g.report.source.file} ${cell.key}`).toEqual({
        report_id: row.report_id,
        key: cell.key,
        ...(table === 'cells' ? { table_name: (cell.key as string).split('.')[0] } : {}),
        value: json.value,
        raw: json.raw,
        state: json.state,
        confidence: json.confidence,
        page: source.page ?? null,
        bbox_x0: source.bbox?.[0] ?? null,
        bbox_y0: source.bbox?.[1] ?? null,
        bbox_x1: source.bbox?.[2] ?? null,
        bbox_y1: source.bbox?.[3] ?? null,
        src_table: source.table ?? null,
        src_row: source.row ?? null,
        src_col: source.col ?? null,
        src_path: source.path ?? null,
        src_line: source.line ?? null,
        src_char: source.char ?? null,
      });
    }
    }

    const problems = dataset.problems.filter((p) => p.report_id === row.report_id);
    expect(problems).toEqual(
      g.report.problems.map((p) => ({
        report_id: row.report_id,
        code: p.code,
        severity: p.severity,
        message: p.message,
        cells: p.cells ?? null,
        page: p.source?.page ?? null,
        bbox_x0: p.source?.bbox?.[0] ?? null,
        bbox_y0: p.source?.bbox?.[1] ?? null,
        bbox_x1: p.source?.bbox?.[2] ?? null,
        bbox_y1: p.source?.bbox?.[3] ?? null,
        src_table: p.source?.table ?? null,
        src_row: p.source?.row ?? null,
        src_col: p.source?.col ?? null,
        src_path: p.source?.path ?? null,
        src_line: p.source?.line ?? null,
        src_char: p.source?.char ?? null,
      })),
    );
  }
  expect(dataset.cells).toHaveLength(expected.groups.reduce((n, g) => n + Object.keys(g.report.cells).length, 0));
  expect(dataset.pre2019_figures).toHaveLength(expected.groups.reduce((n, g) => n + Object.keys(g.report.pre2019 ?? {}).length, 0));
  expect(dataset.pre2019_figures.length).toBeGreaterThan(0);
  expect(dataset.problems).toHaveLength(expected.groups.reduce((n, g) => n + g.report.problems.length, 0));
}

let outdir: string;
let jsons: Map<string, Report>;
let expected: Expected;
let cleanFile: string;
let variantFile: string;
let variantEditedFile: string;

beforeAll(async () => {
  expectBuilt();

  const inputs = mkdtempSync(join(tmpdir(), 'govreport-export-in-'));
  const htmls = readdirSync(join(root, 'samples', 'html')).filter((f) => f.endsWith('.html'));
  for (const f of htmls) copyFileSync(join(root, 'samples', 'html', f), join(inputs, f));
  for (const f of ['lo-2019.docx', 'lo-clean-2021.docx', 'lo-inconsistent.docx']) copyFileSync(join(root, 'samples', 'docx', f), join(inputs, f));
  copyFileSync(join(root, 'samples', 'pdf', 'lo-inconsistent.pdf'), join(inputs, 'lo-inconsistent.pdf')); // cells with page and bbox
  copyFileSync(join(root, 'tests', 'unreadable', 'not-a-zip.docx'), join(inputs, 'not-a-zip.docx'));
  // The same report with one number of Table 3 changed: a second version of the same agency and year.
  const page = readFileSync(join(inputs, 'label-variants.html'), 'utf8');
  const at = page.indexOf('本年新收');
  const number = /(>)(\d+)(<)/.exec(page.slice(at))!;
  const edited = page.slice(0, at + number.index) + `>${Number(number[2]) + 1}<` + page.slice(at + number.index + number[0].length);
  writeFileSync(join(inputs, 'label-variants-corrected.html'), edited);
  // The same agency under a longer name (its city first): one agency key, two versions of its 2024 report.
  const flattened = readFileSync(join(root, 'samples', 'html', 'flattened-no-spans.html'), 'utf8');
  writeFileSync(join(inputs, 'flattened-no-spans-city.html'), flattened.replaceAll('东湖区司法局', '汉江市东湖区司法局'));
  // A report of 2017, before the 2019 format: its statistics are pre2019.* cells (the CSV has columns for them).
  writeFileSync(join(inputs, 'pre2019-2017.txt'), report2017.join('\n'));

  outdir = mkdtempSync(join(tmpdir(), 'govreport-export-out-'));
  const first = await govreport('convert', inputs, '-o', outdir, '--concurrency', '2');
  expect(first.code, first.stderr).toBe(0);
  // Two exact copies of one page, added to the batch later: one report, three input files, and the
  // copies sort before the file they copy (the report must still be that file's).
  mkdirSync(join(inputs, 'a-mirror', 'deeper'), { recursive: true });
  copyFileSync(join(inputs, 'clean-2021-utf8.html'), join(inputs, 'a-mirror', 'clean-copy.html'));
  copyFileSync(join(inputs, 'clean-2021-utf8.html'), join(inputs, 'a-mirror', 'deeper', 'clean-copy-2.html'));
  const resumed = await govreport('convert', inputs, '-o', outdir, '--concurrency', '2');
  expect(resumed.code, resumed.stderr).toBe(0);
  jsons = readJsons(outdir);
  expected = expectedFrom(jsons);
  cleanFile = join(inputs, 'clean-2021-utf8.html');
  variantFile = join(inputs, 'label-variants.html');
  variantEditedFile = join(inputs, 'label-variants-corrected.html');
}, 120_000);

describe('the batch the export is tested on', () => {
  it('has a duplicate, two versions of one report and an unreadable file', () => {
    const byFile = (file: string) => [...jsons.values()].find((r) => r.source.file === file)!;
    const copies = [...jsons.values()].filter((r) => r.source.duplicateOf === cleanFile).map((r) => r.source.file);
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(copy < cleanFile).toBe(true);
    const [before, after] = [byFile(variantFile), byFile(variantEditedFile)];
    expect(after.report).toEqual(before.report);
    expect(after.source.sha256).not.toBe(before.source.sha256);
    expect(after.cells['t3.newReceived.natural']!.value).toBe(before.cells['t3.newReceived.natural']!.value! + 1);
    expect(byFile(join(dirname(cleanFile), 'not-a-zip.docx')).problems.map((p) => p.code)).toContain('FILE_UNREADABLE');
    expect(Object.values(byFile(join(dirname(cleanFile), 'lo-inconsistent.pdf')).cells).some((c) => c.source?.bbox && c.source.page)).toBe(true);
    expect(expected.groups.length).toBe(jsons.size - 2);
    const city = byFile(join(dirname(cleanFile), 'flattened-no-spans-city.html'));
    expect(city.report.agency).toBe('汉江市东湖区司法局');
    expect(expected.groups.find((g) => g.report === city)).toMatchObject({ versions: 2, identity: { key: '东湖区司法局' } });
    const old = byFile(join(dirname(cleanFile), 'pre2019-2017.txt'));
    expect(old.report.formatVersion).toBe('pre2019');
    expect(old.pre2019?.['pre2019.applicationsReceived']?.value).toBe(58);
  });
});

describe('govreport export', () => {
  it('writes SQLite: one report per distinct content, every cell and problem as in the JSON', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'govreport-export-')), 'reports.sqlite');
    const result = await govreport('export', outdir, '--to', target);
    expect(result.code, result.stderr).toBe(0);
    const dataset = readSqlite(target);
    compareTables(dataset, expected);

    const clean = dataset.reports.find((r) => r.source_file === cleanFile)!;
    expect(clean).toMatchObject({ copies: 3, versions: 2 }); // lo-clean-2021.docx is the same report in another file
    for (const file of [variantFile, variantEditedFile]) {
      expect(dataset.reports.find((r) => r.source_file === file)).toMatchObject({ copies: 1, versions: 2 });
    }
    expect(dataset.reports.find((r) => String(r.source_file).endsWith('not-a-zip.docx'))).toMatchObject({ unreadable: 1, copies: 1 });
    // A problem about cells says where they are: a page for a PDF, a path for HTML.
    const placed = (file: string, column: string) => {
      const id = dataset.reports.find((r) => String(r.source_file).endsWith(file))!.report_id;
      const named = dataset.problems.filter((p) => p.report_id === id && p.cells !== null && p.code !== 'TABLE_MISSING');
      expect(named.length, file).toBeGreaterThan(0);
      for (const p of named) expect(p[column], `${file} ${String(p.code)}`).not.toBeNull();
    };
    placed('lo-inconsistent.pdf', 'page');
    placed('inconsistent-totals.html', 'src_path');

    const cells = expected.groups.reduce((n, g) => n + Object.keys(g.report.cells).length, 0);
    expect(result.stdout).toContain(`${expected.groups.length} reports (${jsons.size} input files, 2 duplicates), ${cells} cells`);
    expect(result.stdout).toContain(target);
  });

  it('writes Parquet: one file per table, read back by DuckDB, equal to the JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-export-'));
    const result = await govreport('export', outdir, '--to', join(dir, 'x.parquet'));
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'x.cell_dictionary.parquet',
      'x.cells.parquet',
      'x.pre2019_figures.parquet',
      'x.pre2019_rows.parquet',
      'x.problems.parquet',
      'x.reports.parquet',
    ]);
    for (const table of ['reports', 'cells', 'problems', 'pre2019_figures', 'pre2019_rows']) expect(result.stdout).toContain(join(dir, `x.${table}.parquet`));
    const dataset = await readParquet(join(dir, 'x'));
    compareTables(dataset, expected);
    expect(dataset.problems.some((p) => Array.isArray(p.cells) && p.cells.length > 1)).toBe(true);
  });

  it('writes CSV: one row per report, one column per cell key, values as in the JSON', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'govreport-export-')), 'reports.csv');
    const result = await govreport('export', outdir, '--to', target);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(target, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(expected.groups.length);

    // Key columns: all keys of a 2021 report, then those only a 2019 report has, in the reports' own order.
    const keysOf = (version: string) => Object.keys(expected.groups.find((g) => g.report.report.formatVersion === version && Object.keys(g.report.cells).length > 0 && g.report.problems.length === 0)!.report.cells);
    const keys2021 = keysOf('2021');
    const pre2019Keys = Object.keys(expected.groups.find((g) => g.report.report.formatVersion === 'pre2019')!.report.pre2019!);
    const keyColumns = [...keys2021, ...keysOf('2019').filter((k) => !keys2021.includes(k))];
    // Then the pre2019.* keys (every statistic the mappings know, the report's among them).
    const pre2019Columns = header!.slice(header!.indexOf(keyColumns.at(-1)!) + 1);
    for (const key of pre2019Keys) expect(pre2019Columns).toContain(key);
    for (const key of pre2019Columns) expect(key).toMatch(/^pre2019\./);
    const reportColumns = Object.keys(expectedReportRow(expected.groups[0]!));
    reportColumns.splice(reportColumns.indexOf('preferred') + 1, 0, 'preferred_id');
    expect(header).toEqual(['report_id', ...reportColumns, ...keyColumns, ...pre2019Columns]);
    for (const report of jsons.values()) for (const key of Object.keys(report.cells)) expect(keyColumns).toContain(key);

    for (const g of expected.groups) {
      const row = rows.find((r) => r[header!.indexOf('source_file')] === g.report.source.file);
      expect(row, g.report.source.file).toBeDefined();
      const field = (column: string) => row![header!.indexOf(column)];
      for (const [column, value] of Object.entries(expectedReportRow(g))) expect(field(column), column).toBe(value === null ? '' : String(value));
      const preferred = rows.find((r) => r[header!.indexOf('source_file')] === g.preferredFile);
      expect(field('preferred_id')).toBe(preferred ? preferred[header!.indexOf('report_id')] : '');
      for (const key of [...keyColumns, ...pre2019Columns]) {
        const value = (g.report.cells[key] ?? g.report.pre2019?.[key])?.value ?? null;
        expect(field(key), `${g.report.source.file} ${key}`).toBe(value === null ? '' : String(value));
      }
    }
  });

  it('replaces an existing target and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-export-'));
    const target = join(dir, 'reports.db');
    writeFileSync(target, 'an older export');
    const result = await govreport('export', outdir, '--to', target);
    expect(result.code, result.stderr).toBe(0);
    expect(readSqlite(target).reports).toHaveLength(expected.groups.length);
    expect(readdirSync(dir)).toEqual(['reports.db']);
  });

  it('skips a JSON that is not a report, says so, and exports the rest', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'govreport-export-out-'));
    cpSync(outdir, copy, { recursive: true });
    // A report (as another producer may write it) whose problem points at a page.
    const pdf = [...jsons.values()].find((r) => r.source.format === 'pdf' && r.problems.length > 0)!;
    const onPage: Report = {
      ...pdf,
      source: { ...pdf.source, file: `${pdf.source.file}.v2`, sha256: 'f'.repeat(64) },
      problems: pdf.problems.map((p, i) => (i === 0 ? { ...p, source: { page: 99, bbox: [1, 2, 3, 4] } } : p)),
      // A key of a format newer than the mappings: kept in the tables, named on stderr by the CSV.
      cells: { ...pdf.cells, 't9.future.cell': { value: 7, raw: '7', state: 'number', confidence: 1, source: { page: 2 } } },
    };
    writeFileSync(join(copy, 'on-page.json'), JSON.stringify(onPage));
    const withPage = expectedFrom(readJsons(copy));
    writeFileSync(join(copy, 'broken.json'), '{"schema": "govreport/1", "source": ');
    writeFileSync(join(copy, 'a-mirror', 'other.json'), '{"schema": "other/2"}');
    writeFileSync(join(copy, 'bad-cell.json'), JSON.stringify({ ...pdf, cells: { 't2.rules.issued': { value: 'seven' } } }));

    const target = join(mkdtempSync(join(tmpdir(), 'govreport-export-')), 'x.sqlite');
    const result = await govreport('export', copy, '--to', target);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`govreport: skipped ${join(copy, 'broken.json')}: not valid JSON`);
    expect(result.stderr).toContain(`govreport: skipped ${join(copy, 'a-mirror', 'other.json')}: not a govreport/1 report`);
    expect(result.stderr).toMatch(/skipped .*bad-cell\.json: not a valid govreport\/1 report: cells\.t2\.rules\.issued\.value/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('3 skipped');
    const dataset = readSqlite(target);
    compareTables(dataset, withPage);
    expect(dataset.problems.filter((p) => p.page === 99)).toMatchObject([{ bbox_x0: 1, bbox_y1: 4 }]);
    expect(dataset.cells.filter((c) => c.table_name === 't9')).toMatchObject([{ key: 't9.future.cell', value: 7, page: 2 }]);

    const csv = await govreport('export', copy, '--to', join(dirname(target), 'x.csv'));
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stderr).toContain('the CSV has no column for 1 cell keys found in the reports');
    expect(csv.stderr).toContain('t9.future.cell (1 reports)');
  });

  it('fails clearly on a missing or empty output folder, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-export-'));
    const target = join(dir, 'x.sqlite');
    const missing = await govreport('export', join(dir, 'no-such-folder'), '--to', target);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-folder: no such folder/);
    const emptyFolder = mkdtempSync(join(tmpdir(), 'govreport-export-empty-'));
    writeFileSync(join(emptyFolder, 'notes.txt'), 'no JSON here');
    const empty = await govreport('export', emptyFolder, '--to', target);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no report JSON/);
    for (const r of [missing, empty]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is wrong usage (exit 2) without --to or with an unknown extension', async () => {
    const unknown = await govreport('export', outdir, '--to', join(tmpdir(), 'x.xlsx'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown extension; known: .sqlite, .db, .parquet, .csv');
    expect((await govreport('export', outdir)).code).toBe(2);
    expect((await govreport('export', '--to', 'x.csv')).code).toBe(2);
    const help = await govreport('export', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('data/x.reports.parquet, data/x.cells.parquet');
  });
});

describe('docs/recipes.md', () => {
  /** The section's ```sql blocks and its markdown table of answers on the samples. */
  function recipe(title: string): { queries: string[]; answer: string[][] } {
    const doc = readFileSync(join(root, 'docs', 'recipes.md'), 'utf8');
    const section = new RegExp(`^## ${title}\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(doc)?.[1] ?? '';
    const queries = [...section.matchAll(/^```sql\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
    const table = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---'));
    return { queries, answer: table.map((l) => l.split('|').slice(1, -1).map((c) => c.trim())) };
  }

  it('counts applications received per agency in 2024 once per agency, as the truth files say, in SQLite and DuckDB', async () => {
    const { queries, answer } = recipe('Applications received per agency in a year');
    expect(queries.length).toBeGreaterThanOrEqual(2);
    const [sqliteQuery, duckdbQuery] = queries as [string, string];
    // The batch the doc names: three sample folders and two PDFs (no OCR, so it stays quick).
    const samples = join(root, 'samples');
    const inputs = [...['html', 'docx', 'docx-template'].map((f) => join(samples, f)), join(samples, 'pdf', 'lo-blank-zeros.pdf'), join(samples, 'pdf', 'lo-unruled.pdf')];
    const out = mkdtempSync(join(tmpdir(), 'govreport-recipe-out-'));
    const converted = await govreport('convert', ...inputs, '-o', out, '--concurrency', '2');
    expect(converted.code, converted.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'govreport-recipe-'));
    for (const target of ['reports.sqlite', 'x.parquet']) {
      const exported = await govreport('export', out, '--to', join(dir, target));
      expect(exported.code, exported.stderr).toBe(0);
    }

    // What the samples print: per agency with a report of 2024, its 本年新收 总计 (one value, however many files).
    const inBatch = findSamples([...inputs.slice(0, 3), join(samples, 'pdf')]).filter((t) => inputs.includes(t.input) || inputs.includes(dirname(t.input)));
    const of2024 = inBatch.filter((t) => t.truth.year === 2024 && t.truth.agency);
    const truth = new Map<string, Set<number | null>>();
    for (const t of of2024) truth.set(t.truth.agency!, (truth.get(t.truth.agency!) ?? new Set()).add(t.truth.cells['t3.newReceived.total'] ?? null));
    const versionsInTruth = new Map([...truth.keys()].map((a) => [a, of2024.filter((t) => t.truth.agency === a).length]));
    expect([...truth.values()].every((values) => values.size === 1)).toBe(true);
    expect([...versionsInTruth.values()].some((n) => n > 1)).toBe(true); // the query has versions to count once
    const expected = Object.fromEntries([...truth].map(([agency, values]) => [agency, [...values][0]]));

    const db = new Database(join(dir, 'reports.sqlite'), { readonly: true });
    const fromSqlite = db.prepare(sqliteQuery).all() as Row[];
    db.close();
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`SET file_search_path = '${dir}'`); // the doc's query names the files relative to where it runs
    const fromDuckdb = (await connection.runAndReadAll(duckdbQuery)).getRowObjectsJS() as Row[];
    connection.closeSync();
    instance.closeSync();

    for (const rows of [fromSqlite, fromDuckdb]) {
      expect(Object.fromEntries(rows.map((r) => [r.agency_key, r.received]))).toEqual(expected);
      expect(rows).toHaveLength(truth.size);
      for (const r of rows) expect(r.versions, String(r.agency_key)).toBe(versionsInTruth.get(String(r.agency_key)));
      expect(rows.every((r) => r.metadata_in_doubt === 0)).toBe(true);
    }
    expect(fromDuckdb).toEqual(fromSqlite);

    // The answer the doc prints is the one the query gives.
    const [header, ...printed] = answer;
    expect(printed).toEqual(fromSqlite.map((r) => header!.map((column) => String(r[column]))));
  }, 300_000);
});

describe('the export plan', () => {
  const facts = (json: string, file: string, sha256: string | null, extra: Partial<ReportFacts> = {}): ReportFacts => ({
    json,
    file,
    sha256,
    duplicate: false,
    agency: 'A',
    year: 2023,
    metadataInDoubt: false,
    errors: 0,
    warnings: 0,
    ...extra,
  });

  it('makes one report of the same bytes, standing for it the file that is not a duplicate', () => {
    const plan = planReports([
      facts('o/a.json', 'in/a.html', 'aa', { duplicate: true }),
      facts('o/z.json', 'in/z.html', 'aa'),
      facts('o/b.json', 'in/b.html', 'bb'),
    ]);
    expect(plan).toMatchObject([
      { reportId: 1, json: 'o/b.json', copies: 1, versions: 2 },
      { reportId: 2, json: 'o/z.json', copies: 2, versions: 2 },
    ]);
  });

  it('takes the first by path when every copy is a duplicate, and keeps unread files apart', () => {
    const plan = planReports([
      facts('o/c.json', 'in/c.html', 'cc', { duplicate: true }),
      facts('o/b.json', 'in/b.html', 'cc', { duplicate: true }),
      facts('o/x.json', 'in/x.html', null, { agency: null, year: null }),
      facts('o/y.json', 'in/y.html', null, { agency: null, year: null }),
      facts('o/d.json', 'in/d.html', 'dd', { year: null }),
    ]);
    expect(plan).toMatchObject([
      { reportId: 1, json: 'o/b.json', copies: 2, versions: 1 },
      { reportId: 2, json: 'o/d.json', copies: 1, versions: 1 },
      { reportId: 3, json: 'o/x.json', copies: 1, versions: 1 },
      { reportId: 4, json: 'o/y.json', copies: 1, versions: 1 },
    ]);
  });
});

describe('the export plan: agencies and versions', () => {
  const facts = (file: string, agency: string | null, year: number | null, extra: Partial<ReportFacts> = {}): ReportFacts => ({
    json: `o/${file}.json`,
    file,
    sha256: file,
    duplicate: false,
    agency,
    year,
    metadataInDoubt: false,
    errors: 0,
    warnings: 0,
    ...extra,
  });
  const plan = (files: ReportFacts[]) => new Map(planReports(files).map((p) => [p.json.slice(2, -5), p]));

  it('identifies agencies as compare does: one key for 淮安市洪泽区人民政府 and 洪泽区人民政府, with level and region', () => {
    const p = plan([facts('a', '淮安市洪泽区人民政府', 2023), facts('b', '洪泽区人民政府', 2023), facts('c', '洪泽区财政局', 2023), facts('d', null, 2023)]);
    expect(p.get('a')).toMatchObject({ agencyKey: '洪泽区人民政府', agencyLevel: 'government', agencyRegion: '洪泽区', versions: 2 });
    expect(p.get('b')).toMatchObject({ agencyKey: '洪泽区人民政府', versions: 2, preferredId: p.get('a')!.reportId });
    expect(p.get('c')).toMatchObject({ agencyKey: '洪泽区财政局', agencyLevel: 'department', versions: 1, preferredId: p.get('c')!.reportId, metadataInDoubt: false });
    expect(p.get('d')).toMatchObject({ agencyKey: null, agencyLevel: null, versions: 1, preferredId: null, metadataInDoubt: true });
  });

  it('prefers the version whose agency and year are not in doubt, then fewer errors, then fewer warnings, then the first by path', () => {
    const id = (p: Map<string, { reportId: number; preferredId: number | null }>, file: string) => p.get(file)!.reportId;
    let p = plan([facts('a', 'X县财政局', 2024, { metadataInDoubt: true }), facts('b', 'X县财政局', 2024, { errors: 3, warnings: 5 })]);
    expect(p.get('a')).toMatchObject({ preferredId: id(p, 'b'), metadataInDoubt: true });
    p = plan([facts('a', 'X县财政局', 2024, { errors: 1 }), facts('b', 'X县财政局', 2024, { warnings: 9 })]);
    expect(p.get('a')!.preferredId).toBe(id(p, 'b'));
    p = plan([facts('a', 'X县财政局', 2024, { warnings: 2 }), facts('b', 'X县财政局', 2024, { warnings: 1 }), facts('c', 'X县财政局', 2024, { warnings: 1 })]);
    expect([...p.values()].map((r) => r.preferredId)).toEqual([id(p, 'b'), id(p, 'b'), id(p, 'b')]);
    // Another year of the same agency is another group.
    p = plan([facts('a', 'X县财政局', 2024), facts('b', 'X县财政局', 2023)]);
    expect([...p.values()].map((r) => [r.versions, r.preferredId])).toEqual([[1, id(p, 'a')], [1, id(p, 'b')]]);
  });

  it('takes the --agencies overrides', () => {
    const p = planReports(
      [facts('a', '平潭综合实验区管委会', 2020), facts('b', '平潭综合实验区管理委员会', 2020)],
      new Map([['平潭综合实验区管委会', { key: '平潭综合实验区管理委员会', level: 'government' as const }]]),
    );
    expect(p.map((r) => [r.agencyKey, r.versions])).toEqual([
      ['平潭综合实验区管理委员会', 2],
      ['平潭综合实验区管理委员会', 2],
    ]);
    expect(p[0]!.agencyLevel).toBe('government');
  });
});

describe('CSV fields', () => {
  it('quotes what RFC 4180 requires and reads back the same', () => {
    const fields = ['plain', 'a,b', 'say "x"', 'two\r\nlines', '', '清河市人民政府'];
    expect(fields.map(csvField)).toEqual(['plain', '"a,b"', '"say ""x"""', '"two\r\nlines"', '', '清河市人民政府']);
    expect(parseCsv(`${fields.map(csvField).join(',')}\r\n`)).toEqual([fields]);
    expect(csvField(null)).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '=HYPERLINK("http://x","y")'].map(csvField)).toEqual([
      "'=1+1",
      "'+SUM(A1)",
      "'-2+3",
      "'@cmd",
      "'\tx",
      `"'=HYPERLINK(""http://x"",""y"")"`,
    ]);
    expect([-5, 0, 12.5].map(csvField)).toEqual(['-5', '0', '12.5']);
    expect(csvField('白云寺镇=报告')).toBe('白云寺镇=报告');
  });

  it('quotes a field holding 「;」 and guards what follows each 「;」 (Excel locales that separate lists with 「;」)', () => {
    // Such a locale splits `1,x;=cmd` at the 「;」 whatever the quotes, so the piece after it would begin a cell.
    expect(['a;b', 'x;=1+1', '2023;@cmd;-1', '=a;+b', '；全角'].map(csvField)).toEqual(['"a;b"', `"x;'=1+1"`, `"2023;'@cmd;'-1"`, `"'=a;'+b"`, '；全角']);
    expect(parseCsv(`${csvField('a;b')},${csvField('c')}\r\n`)).toEqual([['a;b', 'c']]);
  });
});

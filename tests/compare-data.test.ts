/**
 * The data side of `govreport compare`: agency identity and levels on names
 * of the samples, each cross-report check failing and passing on built
 * reports, and loading an output folder of really converted samples (with a
 * broken JSON and a JSON that is no report beside them) and its .sqlite export.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyIdentities, parseAgencyName } from '../src/agency/identity.js';
import { parseAgencyMappingCsv, parseAgencyMappingJson } from '../src/agency/mapping.js';
import {
  checkCarryOver,
  checkDepartmentsAgainstGovernments,
  checkOutliers,
  checkVersions,
  preferredVersions,
  versionGroups,
} from '../src/compare/cross-checks.js';
import { buildCompareData, loadReport } from '../src/compare/data.js';
import { type PrintedCell, reportFigures } from '../src/compare/figures.js';
import { compareJson } from '../src/compare/json.js';
import type { CompareData, CompareReport } from '../src/compare/model.js';
import { compareSettings } from '../src/compare/settings.js';
import { findSource, recordedSources } from '../src/compare/source-path.js';
import { ledgerFileName } from '../src/batch/ledger.js';
import { parseReport } from '../src/export/read-report.js';
import { reportRows } from '../src/export/rows.js';
import { SqliteWriter } from '../src/export/sqlite-writer.js';
import type { Cell, Report } from '../src/model/report.js';
import { convertedFile } from './helpers/converted.js';

/** The plan's agency and version fields, for rows written straight from a report (the compare reads neither). */
const noPlanIdentity = { agencyKey: null, agencyLevel: null, agencyRegion: null, preferredId: null, metadataInDoubt: false };

describe('agency names', () => {
  const cases: Array<[string, { units: string[]; body: string; level: string }]> = [
    ['青山县人民政府', { units: ['青山县'], body: '人民政府', level: 'government' }],
    ['淮安市洪泽区人民政府', { units: ['淮安市', '洪泽区'], body: '人民政府', level: 'government' }],
    ['平潭综合实验区', { units: ['平潭综合实验区'], body: '', level: 'government' }],
    ['青石镇人民政府', { units: ['青石镇'], body: '人民政府', level: 'township' }],
    ['白云寺镇人民政府', { units: ['白云寺镇'], body: '人民政府', level: 'township' }],
    ['桐庐乡人民政府', { units: ['桐庐乡'], body: '人民政府', level: 'township' }],
    ['南湖街道办事处', { units: ['南湖街道'], body: '办事处', level: 'township' }],
    ['鹤岗路街道办事处', { units: ['鹤岗路街道'], body: '办事处', level: 'township' }],
    ['西塘县青石镇人民政府', { units: ['西塘县', '青石镇'], body: '人民政府', level: 'township' }],
    ['云岭市人民政府办公室', { units: ['云岭市'], body: '人民政府办公室', level: 'department' }],
    ['上海市人民政府办公厅', { units: ['上海市'], body: '人民政府办公厅', level: 'department' }],
    ['江北区人民政府办公室', { units: ['江北区'], body: '人民政府办公室', level: 'department' }],
    ['北川区市场监督管理局', { units: ['北川区'], body: '市场监督管理局', level: 'department' }],
    ['安澜市住房和城乡建设局', { units: ['安澜市'], body: '住房和城乡建设局', level: 'department' }],
    ['安澜市城市管理局', { units: ['安澜市'], body: '城市管理局', level: 'department' }],
    ['白沙县人力资源和社会保障局', { units: ['白沙县'], body: '人力资源和社会保障局', level: 'department' }],
    ['丰泽区卫生健康委员会', { units: ['丰泽区'], body: '卫生健康委员会', level: 'department' }],
    ['泉州市丰泽区卫生健康委员会', { units: ['泉州市', '丰泽区'], body: '卫生健康委员会', level: 'department' }],
    ['南山市交通運輸局', { units: ['南山市'], body: '交通运输局', level: 'department' }],
    ['内蒙古自治区人民政府', { units: ['内蒙古自治区'], body: '人民政府', level: 'government' }],
  ];
  it.each(cases)('%s', (name, expected) => {
    const parsed = parseAgencyName(name);
    expect({ units: parsed.units, body: parsed.body }).toEqual({ units: expected.units, body: expected.body });
    expect(agencyIdentities([name]).get(name)!.level).toBe(expected.level);
  });

  it('makes 淮安市洪泽区人民政府 and 洪泽区人民政府 one agency, and keeps the city and its office apart', () => {
    const names = ['淮安市洪泽区人民政府', '洪泽区人民政府', '淮安市人民政府', '淮安市人民政府办公室', '洪泽区人民政府办公室'];
    const ids = agencyIdentities(names);
    expect(ids.get('淮安市洪泽区人民政府')).toEqual({ key: '洪泽区人民政府', level: 'government', region: '洪泽区' });
    expect(ids.get('洪泽区人民政府')!.key).toBe('洪泽区人民政府');
    expect(new Set(names.map((n) => ids.get(n)!.key)).size).toBe(4);
    expect(ids.get('淮安市人民政府办公室')).toEqual({ key: '淮安市人民政府办公室', level: 'department', region: '淮安市' });
  });

  it("makes a government's names one agency: the region alone, 人民政府, 政府, a zone's 管委会 and 管理委员会", () => {
    const zone = ['平潭综合实验区', '平潭综合实验区管委会', '平潭综合实验区管理委员会'];
    const district = ['洪泽区', '洪泽区政府', '淮安市洪泽区人民政府'];
    const others = ['平潭综合实验区财政金融局', '平潭综合实验区海坛片区管理局', '平潭县人民政府', '洪泽区人民政府办公室'];
    const ids = agencyIdentities([...zone, ...district, ...others]);
    expect(new Set(zone.map((n) => ids.get(n)!.key))).toEqual(new Set(['平潭综合实验区管理委员会']));
    expect(new Set(district.map((n) => ids.get(n)!.key))).toEqual(new Set(['洪泽区人民政府']));
    for (const n of zone) expect(ids.get(n)).toMatchObject({ level: 'government', region: '平潭综合实验区' });
    // A department of the zone, the county of the same name and a government's office stay agencies of their own.
    expect(new Set([...others.map((n) => ids.get(n)!.key), '平潭综合实验区管理委员会', '洪泽区人民政府']).size).toBe(others.length + 2);
  });

  it('keeps a longer tail where two cities have a district of the same name', () => {
    const ids = agencyIdentities(['淮安市洪泽区人民政府', '某某市洪泽区人民政府', '洪泽区人民政府']);
    expect(ids.get('淮安市洪泽区人民政府')!.key).toBe('淮安市洪泽区人民政府');
    expect(ids.get('某某市洪泽区人民政府')!.key).toBe('某某市洪泽区人民政府');
    // Too short to say which: an agency of its own, not merged into either.
    expect(ids.get('洪泽区人民政府')!.key).toBe('洪泽区人民政府');
  });

  it('reads a mapping file (CSV and JSON) that overrides key, level and region', () => {
    const csv = parseAgencyMappingCsv('name,key,level,region\n平潭综合实验区,平潭,government,平潭\n"城关镇,便民服务中心",,department,\n', 'm.csv');
    expect(csv.get('平潭综合实验区')).toEqual({ key: '平潭', level: 'government', region: '平潭' });
    expect(csv.get('城关镇,便民服务中心')).toEqual({ level: 'department' });
    const json = parseAgencyMappingJson('{"洪泽区人民政府": {"key": "淮安市洪泽区人民政府"}}', 'm.json');
    const ids = agencyIdentities(['洪泽区人民政府', '淮安市洪泽区人民政府'], json);
    expect(ids.get('洪泽区人民政府')!.key).toBe('淮安市洪泽区人民政府');
    expect(parseAgencyMappingJson('[{"name": "洪泽区人民政府", "level": "township"}]', 'm.json').get('洪泽区人民政府')).toEqual({ level: 'township' });
    expect(() => parseAgencyMappingCsv('name,level\n洪泽区人民政府,county\n', 'm.csv')).toThrow(/m\.csv:2: level "county"/);
    expect(() => parseAgencyMappingCsv('agency,level\n', 'm.csv')).toThrow(/"name" column/);
  });
});

// ── built reports ─────────────────────────────────────────────────────────

const noFigures = reportFigures({});

function built(id: string, fields: Partial<CompareReport>): CompareReport {
  return {
    id,
    jsonPath: `/out/${id}`,
    file: `${id}.pdf`,
    sourcePath: null,
    sha256: null,
    format: 'pdf',
    reader: 'pdf-text',
    pages: 5,
    title: null,
    agency: '青山县人民政府',
    agencyKey: '青山县人民政府',
    level: 'government',
    region: '青山县',
    year: 2023,
    formatVersion: '2021',
    figures: { ...noFigures },
    problemCounts: { error: 0, warning: 0, info: 0 },
    problemCodes: [],
    ...fields,
  };
}

function number(n: number): PrintedCell {
  return { value: n, raw: String(n), state: 'number' };
}

function carry(over: number[], forward: number[]): Record<string, PrintedCell> {
  const columns = ['natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg', 'total'];
  const out: Record<string, PrintedCell> = {};
  columns.forEach((c, i) => {
    out[`t3.carriedOver.${c}`] = number(over[i]!);
    out[`t3.carriedForward.${c}`] = number(forward[i]!);
  });
  return out;
}

describe('CARRYOVER_MISMATCH', () => {
  const last = built('2022.json', { year: 2022 });
  const current = built('2023.json', { year: 2023 });
  it("names each column where this year's 上年结转 differs from last year's 结转下年度", () => {
    const problems = checkCarryOver([
      { report: last, cells: carry([0, 0, 0, 0, 0, 0, 0], [2, 1, 0, 0, 0, 0, 3]) },
      { report: current, cells: carry([5, 1, 0, 0, 0, 0, 6], [0, 0, 0, 0, 0, 0, 0]) },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('CARRYOVER_MISMATCH');
    expect(problems[0]!.reports).toEqual(['2023.json', '2022.json']);
    expect(problems[0]!.message).toContain('「自然人」 5 vs 2');
    expect(problems[0]!.message).toContain('「总计」 6 vs 3');
    expect(problems[0]!.message).not.toContain('商业企业');
    expect(problems[0]!.message).toContain('2023.json.pdf');
    expect(problems[0]!.cells).toContainEqual({ report: '2022.json', key: 't3.carriedForward.natural' });
  });
  it('is silent when they agree, when a cell is blank, or for another agency', () => {
    const blank: PrintedCell = { value: null, raw: null, state: 'blank' };
    const lastCells = carry([0, 0, 0, 0, 0, 0, 0], [2, 1, 0, 0, 0, 0, 3]);
    const currentCells = { ...carry([2, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0]) };
    expect(checkCarryOver([{ report: last, cells: lastCells }, { report: current, cells: currentCells }])).toEqual([]);
    const withBlank = { ...carry([9, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0]), 't3.carriedOver.natural': blank };
    expect(checkCarryOver([{ report: last, cells: lastCells }, { report: current, cells: withBlank }])).toEqual([]);
    const other = built('x.json', { agencyKey: '白沙县人民政府' });
    expect(checkCarryOver([{ report: last, cells: lastCells }, { report: other, cells: carry([9, 9, 9, 9, 9, 9, 9], [0, 0, 0, 0, 0, 0, 0]) }])).toEqual([]);
  });
});

function cell(value: number | null, state: Cell['state'] = 'number'): Cell {
  return { value, raw: value === null ? null : String(value), state, confidence: 1, source: null };
}

describe('VERSION_DIFFERS / VERSION_DUPLICATE', () => {
  const a = built('a.json', { sha256: 'a'.repeat(64) });
  const b = built('b.json', { sha256: 'b'.repeat(64) });
  it('lists the differing cells with both printed values, capped in the message, all in cells', () => {
    const cellsA: Record<string, Cell> = {};
    const cellsB: Record<string, Cell> = {};
    for (let i = 0; i < 12; i++) {
      cellsA[`t2.k${i}.amount`] = cell(i);
      cellsB[`t2.k${i}.amount`] = cell(i + 100);
    }
    cellsA['t3.granted.total'] = cell(5);
    cellsB['t3.granted.total'] = cell(null, 'blank');
    expect(versionGroups([a, b, built('c.json', { year: 2022 })])).toEqual([[a, b]]);
    const [p] = checkVersions([{ report: a, cells: cellsA }, { report: b, cells: cellsB }]);
    expect(p!.code).toBe('VERSION_DIFFERS');
    expect(p!.cells).toHaveLength(2 * 13);
    expect(p!.message).toContain('13 cell(s)');
    expect(p!.message).toContain(`… and ${13 - compareSettings.versionMessageCells} more`);
    expect(p!.message).toContain('t2.k0.amount t2.k0.amount 0 vs 100');
  });
  it('names the cell labels as the template prints them', () => {
    const [p] = checkVersions([
      { report: a, cells: { 't3.granted.total': cell(5) } },
      { report: b, cells: { 't3.granted.total': cell(null, 'blank') } },
    ]);
    expect(p!.message).toContain('t3.granted.total 「（一）予以公开」「总计」 5 vs (blank)');
  });
  it('takes one version per agency and year to stand for it: among equals the first by id, the one the others are checked against', () => {
    const later = built('c.json', {});
    const otherYear = built('d.json', { year: 2022 });
    const noAgency = built('0.json', { agency: null, agencyKey: null });
    const preferred = preferredVersions([later, b, noAgency, a, otherYear]);
    expect(preferred).toEqual(new Set([a, otherYear]));
    expect(versionGroups([later, b, a])[0]![0]).toBe(a);
  });
  it('prefers the version the export marks preferred: agency and year not in doubt, then fewest errors', () => {
    const withErrors = built('a.json', { problemCounts: { error: 2, warning: 0, info: 0 } });
    const inDoubt = built('b.json', { metadataInDoubt: true });
    const clean = built('c.json', {});
    expect(preferredVersions([withErrors, inDoubt, clean])).toEqual(new Set([clean]));
    expect(preferredVersions([withErrors, inDoubt])).toEqual(new Set([withErrors]));
  });
  it('says VERSION_DUPLICATE when every cell agrees', () => {
    const cells = { 't3.granted.total': cell(5) };
    const [p] = checkVersions([{ report: a, cells }, { report: b, cells: { ...cells } }]);
    expect(p).toMatchObject({ code: 'VERSION_DUPLICATE', severity: 'info', reports: ['a.json', 'b.json'] });
  });
});

function withFigures(id: string, fields: Partial<CompareReport>, figures: Partial<CompareReport['figures']>): CompareReport {
  return built(id, { ...fields, figures: { ...noFigures, ...figures } });
}

describe('DEPARTMENT_EXCEEDS_GOVERNMENT', () => {
  const government = withFigures('gov.json', { agency: '洪泽区人民政府', agencyKey: '洪泽区人民政府', region: '洪泽区' }, { received: 10, reviewTotal: 2 });
  const department = (received: number | null) =>
    withFigures('dep.json', { agency: '淮安市洪泽区财政局', agencyKey: '洪泽区财政局', level: 'department', region: '洪泽区' }, { received, reviewTotal: 1 });
  it("fires when a department prints more than its government's report of the same region and year", () => {
    const problems = checkDepartmentsAgainstGovernments([government, department(25)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('t3.newReceived.total 「一、本年新收政府信息公开申请数量」「总计」 25 vs 10');
    expect(problems[0]!.message).not.toContain('t4.review.total');
    expect(problems[0]!.cells).toEqual([
      { report: 'dep.json', key: 't3.newReceived.total' },
      { report: 'gov.json', key: 't3.newReceived.total' },
    ]);
  });
  it('is silent when it prints less, when a value is not printed, or in another year or region', () => {
    expect(checkDepartmentsAgainstGovernments([government, department(9)])).toEqual([]);
    expect(checkDepartmentsAgainstGovernments([government, department(null)])).toEqual([]);
    expect(checkDepartmentsAgainstGovernments([{ ...government, year: 2022 }, department(25)])).toEqual([]);
    expect(checkDepartmentsAgainstGovernments([{ ...government, region: '清河区' }, department(25)])).toEqual([]);
  });
});

describe('OUTLIER', () => {
  const peers = (values: number[]) =>
    values.map((received, i) =>
      withFigures(`t${i}.json`, { agency: `镇${i}`, agencyKey: `镇${i}`, level: 'township', region: `镇${i}` }, { received }),
    );
  it('fires above median + k · max(MAD, floor) of at least the minimum number of peers, and says the rule', () => {
    const reports = peers([3, 4, 5, 5, 6, 2, 4, 5, 3, 80]);
    const problems = checkOutliers(reports);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reports).toEqual(['t9.json']);
    expect(problems[0]!.message).toContain('median 4.5, MAD 1');
    expect(problems[0]!.message).toContain(`value > median + ${compareSettings.outlierMadFactor} × max(MAD, ${compareSettings.outlierMadFloor}) = 14.5`);
  });
  it('is silent within the spread, with too few peers, or across levels', () => {
    expect(checkOutliers(peers([3, 4, 5, 5, 6, 2, 4, 5, 3, 14]))).toEqual([]);
    expect(checkOutliers(peers([3, 4, 5, 5, 6, 2, 4, 80]))).toEqual([]);
    const mixed = peers([3, 4, 5, 5, 6, 2, 4, 5, 3, 80]).map((r, i) => (i % 2 ? { ...r, level: 'department' as const } : r));
    expect(checkOutliers(mixed)).toEqual([]);
  });
});

// ── an output folder of converted samples ─────────────────────────────────

describe('buildCompareData on converted samples', () => {
  const folder = mkdtempSync(join(tmpdir(), 'compare-data-'));
  const out = join(folder, 'out');
  const sample = 'samples/html/clean-2021-utf8.html';
  let original: Report;
  let data: CompareData;

  beforeAll(async () => {
    original = await convertedFile(sample);
    const write = (path: string, report: unknown) => {
      mkdirSync(join(out, path, '..'), { recursive: true });
      writeFileSync(join(out, path), JSON.stringify(report, null, 2));
    };
    const copy = () => JSON.parse(JSON.stringify(original)) as Report;
    write('2023/qingshan.html.json', original);
    // A second version of 2023 with one cell printed otherwise.
    const v2 = copy();
    v2.source.sha256 = 'f'.repeat(64);
    v2.cells['t3.granted.total'] = { ...v2.cells['t3.granted.total']!, value: 999, raw: '999' };
    v2.problems.push({
      code: 'T3_RESULT_TOTAL',
      severity: 'error',
      message: '总计 column: （七）总计 ≠ sum of the result rows',
      cells: ['t3.granted.total', 't3.resultTotal.total'],
      source: { path: 'body > table:nth-of-type(3) > tr:nth-of-type(6) > td:nth-of-type(9)' },
    });
    write('2023/qingshan-v2.html.json', v2);
    // The next year, named with its city, whose 上年结转 自然人 does not match 2023's 结转下年度 (2).
    const next = copy();
    next.report = { ...next.report, year: 2024, agency: '某市青山县人民政府' };
    next.source = { ...next.source, file: 'nowhere/qingshan-2024.html', sha256: 'e'.repeat(64) };
    for (const key of Object.keys(next.cells).filter((k) => k.startsWith('t3.carriedOver.'))) {
      const forward = original.cells[key.replace('carriedOver', 'carriedForward')]!;
      next.cells[key] = { ...next.cells[key]!, value: forward.value, raw: forward.raw, state: forward.state };
    }
    next.cells['t3.carriedOver.natural'] = { ...next.cells['t3.carriedOver.natural']!, value: 5, raw: '5' };
    write('2024/qingshan.html.json', next);
    writeFileSync(join(out, 'broken.json'), '{"schema": "govreport/1", "source": {');
    writeFileSync(join(out, 'other.json'), '{"name": "not a report"}');
    data = await buildCompareData([out]);
  }, 120_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('skips the broken JSON and the JSON that is no report, with why, and loads the reports', () => {
    expect(data.skipped.map((s) => [s.path, s.reason.split(' (')[0]])).toEqual([
      [join(out, 'broken.json'), 'not valid JSON'],
      [join(out, 'other.json'), 'not a govreport/1 report'],
    ]);
    expect(data.reports.map((r) => r.id)).toEqual(['2023/qingshan-v2.html.json', '2023/qingshan.html.json', '2024/qingshan.html.json']);
  });

  it('identifies the agency across years and names, and finds the source document', () => {
    expect(new Set(data.reports.map((r) => r.agencyKey))).toEqual(new Set(['青山县人民政府']));
    expect(data.agencies).toEqual([
      {
        key: '青山县人民政府',
        name: '某市青山县人民政府',
        level: 'government',
        region: '青山县',
        reports: ['2023/qingshan-v2.html.json', '2023/qingshan.html.json', '2024/qingshan.html.json'],
        formatBreak: null,
      },
    ]);
    const byId = new Map(data.reports.map((r) => [r.id, r]));
    expect(byId.get('2023/qingshan.html.json')!.sourcePath).toBe(resolve(sample));
    expect(byId.get('2024/qingshan.html.json')!.sourcePath).toBeNull();
  });

  it('reads the figures as printed, and group figures only when every cell is a number', () => {
    const r = data.reports.find((x) => x.id === '2023/qingshan.html.json')!;
    const truth = JSON.parse(readFileSync('samples/html/clean-2021-utf8.truth.json', 'utf8')) as { cells: Record<string, number | null> };
    expect(r.figures.received).toBe(truth.cells['t3.newReceived.total']);
    expect(r.figures.carriedForward).toBe(truth.cells['t3.carriedForward.total']);
    const deniedKeys = Object.keys(truth.cells).filter((k) => /^t3\.denied\w+\.total$/.test(k));
    expect(deniedKeys).toHaveLength(8);
    expect(r.figures.denied).toBe(deniedKeys.reduce((sum, k) => sum + truth.cells[k]!, 0));
    const missing = { ...original.cells, 't3.deniedQueryMatter.total': cell(null, 'blank') };
    expect(reportFigures(missing).denied).toBeNull();
  });

  it('finds the carry-over mismatch and the differing version', () => {
    const carry = data.problems.filter((p) => p.code === 'CARRYOVER_MISMATCH');
    expect(carry).toHaveLength(2); // 2024 against each version of 2023
    expect(carry[0]!.message).toContain('「自然人」 5 vs 2');
    expect(carry[0]!.message).not.toContain('「总计」');
    const versions = data.problems.filter((p) => p.code.startsWith('VERSION_'));
    expect(versions).toHaveLength(1);
    expect(versions[0]!.code).toBe('VERSION_DIFFERS');
    expect(versions[0]!.message).toMatch(/t3\.granted\.total 「（一）予以公开」「总计」 999 vs \d+/);
  });

  it('prints the data as JSON and loads a whole report for the viewer', async () => {
    expect(JSON.parse(compareJson(data))).toEqual(data);
    const whole = await loadReport(data.reports.find((x) => x.id === '2023/qingshan.html.json')!);
    expect(whole.cells).toEqual(original.cells);
    expect(whole.sections.length).toBeGreaterThan(0);
  });

  it('reads a .sqlite export of the same folder, cells with their provenance', async () => {
    const target = join(folder, 'export.sqlite');
    const writer = new SqliteWriter(target);
    const files = ['2023/qingshan-v2.html.json', '2023/qingshan.html.json', '2024/qingshan.html.json'];
    for (const [i, json] of files.entries()) {
      const parsed = parseReport(readFileSync(join(out, json), 'utf8'));
      if (!('report' in parsed)) throw new Error(parsed.skip);
      await writer.add(reportRows(parsed.report, { reportId: i + 1, json, copies: 1, versions: 2, ...noPlanIdentity }));
    }
    await writer.close();
    const fromExport = await buildCompareData([target]);
    expect(fromExport.reports.map((r) => r.id)).toEqual(['export.sqlite#1', 'export.sqlite#2', 'export.sqlite#3']);
    const strip = (r: CompareReport) => ({ ...r, id: '', jsonPath: '', exportReportId: undefined });
    expect(fromExport.reports.map(strip)).toEqual(data.reports.map(strip));
    expect(fromExport.problems.map((p) => p.code).sort()).toEqual(data.problems.map((p) => p.code).sort());
    const whole = await loadReport(fromExport.reports[1]!);
    expect(whole.cells['t3.newReceived.total']).toEqual(original.cells['t3.newReceived.total']);
    expect(whole.problems).toEqual(original.problems);
    const v2 = await loadReport(fromExport.reports[0]!);
    expect(v2.problems).toEqual(JSON.parse(readFileSync(join(out, files[0]!), 'utf8')).problems);
    expect(fromExport.reports[0]!.problemCounts.error).toBe(1);
    expect(fromExport.reports[0]!.problemCodes).toEqual(['T3_RESULT_TOTAL']);
  });

  it('refuses an input it cannot compare, naming it', async () => {
    const ledger = join(folder, 'govreport-ledger.sqlite');
    const db = new Database(ledger);
    db.exec('CREATE TABLE inputs (file TEXT)');
    db.close();
    await expect(buildCompareData([ledger])).rejects.toThrow(`${ledger}: not an export made by`);
    await expect(buildCompareData([join(folder, 'x.parquet')])).rejects.toThrow(join(folder, 'x.parquet'));
    writeFileSync(join(folder, 'x.parquet'), '');
    await expect(buildCompareData([join(folder, 'x.parquet')])).rejects.toThrow(/Parquet export cannot be compared/);
  });
});

describe('source documents recorded by the run ledger', () => {
  const folder = mkdtempSync(join(tmpdir(), 'compare-ledger-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('finds a source by the path the ledger recorded, whatever folder compare runs in', async () => {
    const out = join(folder, 'out');
    mkdirSync(join(out, 'html'), { recursive: true });
    const source = resolve('samples/html/clean-2021-utf8.html');
    const db = new Database(join(out, ledgerFileName));
    db.exec('CREATE TABLE inputs (path TEXT PRIMARY KEY, output TEXT)');
    db.prepare('INSERT INTO inputs (path, output) VALUES (?, ?)').run(source, 'html/clean-2021-utf8.html.json');
    db.close();
    const recorded = recordedSources(out);
    expect(recorded.get('html/clean-2021-utf8.html.json')).toBe(source);
    // `source.file` as given to convert, relative to a folder that is neither the current one nor above the JSON.
    const jsonPath = join(out, 'html', 'clean-2021-utf8.html.json');
    expect(await findSource('elsewhere/clean-2021-utf8.html', jsonPath, folder)).toBeNull();
    expect(await findSource('elsewhere/clean-2021-utf8.html', jsonPath, folder, recorded.get('html/clean-2021-utf8.html.json'))).toBe(source);
  });

  it('reads no ledger where there is none, or one that is not a ledger', () => {
    expect(recordedSources(join(folder, 'nothing-here')).size).toBe(0);
    const odd = join(folder, 'odd');
    mkdirSync(odd, { recursive: true });
    writeFileSync(join(odd, ledgerFileName), 'not sqlite');
    expect(recordedSources(odd).size).toBe(0);
  });
});

describe('reports whose agency or year may be misread', () => {
  const folder = mkdtempSync(join(tmpdir(), 'compare-doubt-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('are marked from their own problems, from a folder and from its .sqlite export alike', async () => {
    const base = await convertedFile('samples/html/clean-2021-utf8.html');
    const variants: Array<[string, Report['problems']]> = [
      ['plain.json', []],
      ['title-doubt.json', [{ code: 'LOW_CONFIDENCE', severity: 'warning', message: 'The title was read by OCR with confidence 0.30' }]],
      ['cell-doubt.json', [{ code: 'LOW_CONFIDENCE', severity: 'warning', message: '1 cell read with confidence below 0.8', cells: ['t3.newReceived.natural'] }]],
      ['no-agency.json', [{ code: 'METADATA_MISSING', severity: 'warning', message: "Could not read the report's agency from the document" }]],
    ];
    const out = join(folder, 'out');
    mkdirSync(out, { recursive: true });
    const writer = new SqliteWriter(join(folder, 'export.sqlite'));
    for (const [i, [name, problems]] of variants.entries()) {
      const report = { ...base, source: { ...base.source, sha256: String(i).repeat(64) }, problems } as Report;
      writeFileSync(join(out, name), JSON.stringify(report));
      await writer.add(reportRows(report, { reportId: i + 1, json: name, copies: 1, versions: 1, ...noPlanIdentity }));
    }
    await writer.close();
    const expected = { 'plain.json': false, 'title-doubt.json': true, 'cell-doubt.json': false, 'no-agency.json': true };
    const fromFolder = await buildCompareData([out]);
    expect(Object.fromEntries(fromFolder.reports.map((r) => [r.id, r.metadataInDoubt ?? false]))).toEqual(expected);
    const fromExport = await buildCompareData([join(folder, 'export.sqlite')]);
    expect(fromExport.reports.map((r) => r.metadataInDoubt ?? false)).toEqual(variants.map(([name]) => expected[name as keyof typeof expected]));
  });
});

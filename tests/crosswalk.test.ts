/**
 * The crosswalk across 2019 (mappings/crosswalk.ts) and the series compare
 * draws through it: hand-made reports of one zone government before and
 * after the break, its pre-2019 figure read through the crosswalk.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crosswalk } from '../mappings/crosswalk.js';
import { pre2019Statistics } from '../mappings/pre2019.js';
import { compareCrosswalk } from '../src/compare/crosswalk.js';
import { buildCompareData } from '../src/compare/data.js';
import { compareJson } from '../src/compare/json.js';
import { loadReport } from '../src/compare/data.js';
import { parseReport } from '../src/export/read-report.js';
import { reportRows } from '../src/export/rows.js';
import { SqliteWriter } from '../src/export/sqlite-writer.js';
import { cellDictionaryOf } from '../src/dictionary/cells.js';
import { repoRoot } from '../src/eval/truth.js';
import { crosswalkDoc } from '../src/schema/crosswalk-doc.js';

describe('the crosswalk', () => {
  it('has one entry for every pre-2019 figure, each continuing into cells both formats define', () => {
    expect(crosswalk.map((e) => e.pre2019).sort()).toEqual(pre2019Statistics.map((s) => s.key).sort());
    for (const version of ['2019', '2021'] as const) {
      const keys = new Set(cellDictionaryOf(version).map((e) => e.key));
      for (const entry of crosswalk) for (const key of entry.continues[version]) expect(keys, `${entry.pre2019} → ${key} (${version})`).toContain(key);
    }
    for (const entry of crosswalk) {
      expect(entry.continues['2021'].length === 0, entry.pre2019).toBe(entry.match === 'none');
      expect(entry.differs.length, entry.pre2019).toBeGreaterThan(40);
    }
  });

  it('continues applications, answers and reviews into the Table 3/4 totals, lawsuits into both suit totals', () => {
    const of = (key: string) => crosswalk.find((e) => e.pre2019 === key)!.continues['2021'];
    expect(of('pre2019.applicationsReceived')).toEqual(['t3.newReceived.total']);
    expect(of('pre2019.answered')).toEqual(['t3.resultTotal.total']);
    expect(of('pre2019.reviews')).toEqual(['t4.review.total']);
    expect(of('pre2019.lawsuits')).toEqual(['t4.suitDirect.total', 't4.suitAfterReview.total']);
    // （三）不予公开 has eight rows in both formats (format.md §3.2): the legal grounds only.
    expect(of('pre2019.denied')).toHaveLength(8);
    expect(of('pre2019.denied').every((k) => /^t3\.denied[A-Z]\w+\.total$/.test(k))).toBe(true);
  });

  it('continues fees into no cell: Table 2 行政事业性收费 is not the disclosure charge (format.md S6-1)', () => {
    const fees = crosswalk.find((e) => e.pre2019 === 'pre2019.fees')!;
    expect(fees.continues).toEqual({ '2019': [], '2021': [] });
    expect(fees.match).toBe('none');
    expect(fees.differs).toMatch(/万元/);
  });

  it('is documented in docs/crosswalk.md as npm run schema writes it, a line per figure', () => {
    const doc = readFileSync(join(repoRoot(), 'docs', 'crosswalk.md'), 'utf8');
    expect(doc).toBe(crosswalkDoc());
    for (const entry of crosswalk) expect(doc).toContain(`| \`${entry.pre2019}\` |`);
    expect(doc).toContain('「一、本年新收政府信息公开申请数量」「总计」');
  });

  it('names the compare figure each continues into, none where no figure reads the same cells', () => {
    const figure = Object.fromEntries(compareCrosswalk.map((c) => [c.pre2019, c.figure]));
    expect(figure).toEqual({
      'pre2019.activeDisclosed': null,
      'pre2019.applicationsReceived': 'received',
      'pre2019.answered': 'resultTotal',
      'pre2019.granted': 'granted',
      'pre2019.partiallyGranted': 'partiallyGranted',
      'pre2019.denied': 'denied',
      'pre2019.reviews': 'reviewTotal',
      'pre2019.lawsuits': null,
      'pre2019.fees': null,
    });
  });
});

describe('a series across the break', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-crosswalk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cell = (value: number, raw: string) => ({ value, raw, state: 'number', confidence: 1, source: null });
  const report = (file: string, agency: string, year: number, formatVersion: string, cells: object, pre2019?: object) => ({
    schema: 'govreport/1',
    source: { file, sha256: null, format: 'html', reader: 'html' },
    report: { title: null, agency, year, formatVersion },
    cells,
    ...(pre2019 ? { pre2019 } : {}),
    problems: [],
  });
  const write = (name: string, json: object) => writeFileSync(join(dir, name), JSON.stringify(json));
  write('2011.json', report('2011.html', '平潭综合实验区管委会', 2011, 'pre2019', {}, { 'pre2019.applicationsReceived': cell(3, '受理3件'), 'pre2019.lawsuits': cell(1, '行政诉讼1件') }));
  write('2014.json', report('2014.html', '平潭综合实验区管理委员会', 2014, 'pre2019', {}, { 'pre2019.activeDisclosed': cell(2543, '2543条') }));
  write('2019.json', report('2019.html', '平潭综合实验区', 2019, '2019', { 't3.newReceived.total': cell(23, '23') }));
  write('2025.json', report('2025.html', '平潭综合实验区', 2025, '2021', { 't3.newReceived.total': cell(154, '154') }));

  it('joins the zone government under its names, its pre-2019 figures through the crosswalk, the break marked', async () => {
    const data = await buildCompareData([dir]);
    expect(data.agencies).toHaveLength(1);
    const [agency] = data.agencies;
    expect(agency!.formatBreak).toEqual({ lastPre2019: 2014, first2019: 2019 });
    const byYear = new Map(data.reports.map((r) => [r.year, r]));
    expect([...byYear.keys()].sort()).toEqual([2011, 2014, 2019, 2025]);
    expect([2011, 2014, 2019, 2025].map((y) => byYear.get(y)!.figures.received)).toEqual([3, null, 23, 154]);
    expect([2011, 2014, 2019, 2025].map((y) => byYear.get(y)!.figuresVia ?? null)).toEqual(['crosswalk', 'crosswalk', null, null]);
    // Lawsuits continue into two cells no single figure reads: not drawn as 「未经复议直接起诉」 alone.
    expect(byYear.get(2011)!.figures.suitTotal).toBeNull();
    const json = JSON.parse(compareJson(data)) as typeof data;
    expect(json.agencies[0]!.formatBreak).toEqual({ lastPre2019: 2014, first2019: 2019 });
    expect(json.crosswalk.find((c) => c.pre2019 === 'pre2019.applicationsReceived')).toMatchObject({ figure: 'received', cells2021: ['t3.newReceived.total'] });
  });

  it('draws the same series from a .sqlite export, the pre-2019 figures read back from their own table', async () => {
    const exportDir = mkdtempSync(join(tmpdir(), 'govreport-crosswalk-export-'));
    try {
      const target = join(exportDir, 'x.sqlite');
      const writer = new SqliteWriter(target);
      const files = readdirSync(dir).sort();
      for (const [i, json] of files.entries()) {
        const parsed = parseReport(readFileSync(join(dir, json), 'utf8'));
        if (!('report' in parsed)) throw new Error(parsed.skip);
        const plan = { reportId: i + 1, json, copies: 1, versions: 1, agencyKey: null, agencyLevel: null, agencyRegion: null, preferredId: null, metadataInDoubt: false };
        await writer.add(reportRows(parsed.report, plan));
      }
      await writer.close();
      const data = await buildCompareData([target]);
      expect(data.agencies.map((a) => a.formatBreak)).toEqual([{ lastPre2019: 2014, first2019: 2019 }]);
      const byYear = new Map(data.reports.map((r) => [r.year, r]));
      expect([2011, 2014, 2019, 2025].map((y) => byYear.get(y)!.figures.received)).toEqual([3, null, 23, 154]);
      // The viewer's whole report: the figures back in its pre2019 record, none among the cells.
      const whole = await loadReport(byYear.get(2011)!);
      expect(Object.keys(whole.pre2019 ?? {}).sort()).toEqual(['pre2019.applicationsReceived', 'pre2019.lawsuits']);
      expect(whole.cells).toEqual({});
    } finally {
      rmSync(exportDir, { recursive: true, force: true });
    }
  });

  it('marks no break for an agency whose reports lie on one side', async () => {
    const one = mkdtempSync(join(tmpdir(), 'govreport-crosswalk-'));
    try {
      writeFileSync(join(one, 'a.json'), JSON.stringify(report('a.html', '青山县人民政府', 2020, '2019', {})));
      writeFileSync(join(one, 'b.json'), JSON.stringify(report('b.html', '青山县人民政府', 2024, '2021', {})));
      expect((await buildCompareData([one])).agencies[0]!.formatBreak).toBeNull();
    } finally {
      rmSync(one, { recursive: true, force: true });
    }
  });
});

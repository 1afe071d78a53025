/**
 * Reports from before 2019: their statistics tables row by row (nesting,
 * units, a value per column), the indicator vocabulary, the nine headline
 * figures from the table first, and the prose numbers that are no figures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFlatTable } from '../src/mapper/pre2019-flat.js';
import { nestRows } from '../src/mapper/pre2019-nesting.js';
import { nestAndMatch } from '../src/mapper/pre2019-vocabulary.js';
import { convertBytes, convertFile } from '../src/pipeline.js';
import type { Report } from '../src/model/report.js';
import { schemaErrors } from './helpers/schema.js';

const folder = new URL('../../shared/samples/pre2019/', import.meta.url);
const haveSamples = existsSync(folder);

describe('nesting of statistics-table rows', () => {
  it('opens a level at every 其中 and follows restarted numbering back up (three levels deep)', () => {
    const labels = ['正式受理政府信息公开申请数', '其中：1．在办', '2．办结', '其中：1．同意提供', '2．拒绝提供', '其中：1．信息不存在', '2．信息涉密', '6．其他', '政府信息咨询数', '其中：1．公开电话', '2．服务窗口'];
    // 6．其他 follows no 5 here: it stays at the level of the items above it.
    expect(nestRows(labels)).toEqual([
      { level: 0, parent: null },
      { level: 1, parent: 0 },
      { level: 1, parent: 0 },
      { level: 2, parent: 2 },
      { level: 2, parent: 2 },
      { level: 3, parent: 4 },
      { level: 3, parent: 4 },
      { level: 3, parent: 4 },
      { level: 0, parent: null },
      { level: 1, parent: 8 },
      { level: 1, parent: 8 },
    ]);
  });

  it('returns from a deeper list to the item it continues where the vocabulary has it (3 after a 2 at two depths)', () => {
    const labels = ['对申请的答复总数', '其中：1.同意公开答复数', '2.不予公开答复数', '其中：1.信息不存在', '2.其他', '3.其他类型答复数', '行政复议数'];
    const { nesting, keys } = nestAndMatch(labels);
    expect(nesting.map((n) => n.level)).toEqual([0, 1, 1, 2, 2, 1, 0]);
    expect(nesting[5]!.parent).toBe(0);
    expect(keys[5]).toBe('pre2019.answeredOther');
  });
});

describe('the pre-2019 indicator vocabulary', () => {
  const keysOf = (labels: string[]) => nestAndMatch(labels).keys;

  it('reads other wordings and typos by closeness: 网络申请数, 当面申请书, 其它形式申请数, 受理…工作行政复议数', () => {
    const keys = keysOf(['受理政府信息公开申请总数', '其中：1.当面申请书', '2.网络申请数', '3.其它形式申请数', '受理政府信息公开工作行政复议数', '收到政府信息公开工作行政诉讼数']);
    expect(keys).toEqual([
      'pre2019.applicationsReceived',
      'pre2019.applicationsReceived.inPerson',
      'pre2019.applicationsReceived.online',
      'pre2019.applicationsReceived.other',
      'pre2019.reviews',
      'pre2019.lawsuits',
    ]);
  });

  it('takes 接受行政诉讼、举报数 (garbled 申诉) for complaints, and 行政诉讼数 beside it for lawsuits', () => {
    expect(keysOf(['接受行政诉讼、举报数', '行政复议数', '行政诉讼数'])).toEqual(['pre2019.complaints', 'pre2019.reviews', 'pre2019.lawsuits']);
  });

  it('resolves the same bare 其他 by the row it stands under', () => {
    const labels = ['对申请的答复总数', '其中：1.同意公开答复数', '2.拒绝提供', '其中：1.信息不存在', '2.其他', '3.其他', '政府信息咨询数', '其中：1.公开电话', '2.其他'];
    expect(keysOf(labels)).toEqual([
      'pre2019.answered',
      'pre2019.granted',
      'pre2019.denied',
      'pre2019.denied.notExist',
      'pre2019.denied.other',
      'pre2019.answeredOther',
      'pre2019.enquiries',
      'pre2019.enquiries.phone',
      'pre2019.enquiries.other',
    ]);
  });

  it('gives 办结 under the applications received as the answered count, and leaves a row it does not know without a key', () => {
    expect(keysOf(['正式受理政府信息公开申请数', '其中：1．在办', '2．办结', '网站专栏页面访问量'])).toEqual([
      'pre2019.applicationsReceived',
      'pre2019.applicationsPending',
      'pre2019.answered',
      null,
    ]);
  });
});

describe('a statistics table pasted as one run-together paragraph', () => {
  it('splits labels, units and numbers; a value column the row prints nothing for is blank', () => {
    const table = readFlatTable('指标名称单位2017年历年累计主动公开文件数条148 其中：1.政府网站公开数条148 2.政府公报公开数条0 收费减免金额元1,200 3 行政复议数件0', { path: 'p' });
    expect(table?.headers).toEqual(['2017年', '历年累计']);
    expect(table?.rows.map((r) => [r.label, r.unit, r.values.map((v) => [v.value, v.state])])).toEqual([
      ['主动公开文件数', '条', [[148, 'number'], [null, 'blank']]],
      ['其中：1.政府网站公开数', '条', [[148, 'number'], [null, 'blank']]],
      ['2.政府公报公开数', '条', [[0, 'number'], [null, 'blank']]],
      ['收费减免金额', '元', [[1200, 'number'], [3, 'number']]],
      ['行政复议数', '件', [[0, 'number'], [null, 'blank']]],
    ]);
  });

  it('says so when a row prints more numbers than the header has columns, and doubts its cells', async () => {
    const table = readFlatTable('指标名称单位年末统计主动公开信息数条32 45 行政复议数件0', { path: 'p' });
    expect(table?.rows[0]?.extra).toEqual(['45']);
    expect(table?.rows[0]?.values[0]?.confidence).toBeLessThan(0.6);
    const report = await convertBytes(Buffer.from(['某局2015年政府信息公开工作年度报告', '附表', '指标名称单位年末统计主动公开信息数条32 45 行政复议数件0'].join('\n')), 'r.txt');
    expect(report.statistics?.[0]?.rows.map((r) => r.label)).toEqual(['主动公开信息数', '行政复议数']);
    expect(report.problems.find((p) => p.code === 'ROW_EXTRA_CELLS')?.message).toContain('45');
  });

  it('reads no number made of two columns run together, and says where the rows could no longer be split', async () => {
    const table = readFlatTable('指标名称计量单位2018年度历年累计主动公开文件数条206912106其中：1.政府网站公开数条2069121062.政府公报公开数条00', { path: 'p' });
    expect(table?.rows[0]?.label).toBe('主动公开文件数');
    expect(table?.rows[0]?.values.map((v) => [v.value, v.state])).toEqual([[null, 'unreadable'], [null, 'unreadable']]);
    expect(table?.unread).toContain('政府网站公开数');
    const report = await convertBytes(Buffer.from(['某局2018年政府信息公开工作年度报告', '指标名称计量单位2018年度历年累计主动公开文件数条206912106其中：1.政府网站公开数条2069121062.政府公报公开数条00'].join('\n')), 'r.txt');
    expect(report.pre2019?.['pre2019.activeDisclosed']?.value ?? null).toBeNull();
    expect(report.problems.find((p) => p.code === 'CELL_UNREADABLE')?.message).toContain('主动公开文件数');
  });

  it('is no table when the paragraph does not open with the header', () => {
    expect(readFlatTable('主动公开文件数条148 行政复议数件0', { path: 'p' })).toBeUndefined();
  });
});

const page = (body: string) => Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>某局2018年政府信息公开工作年度报告</title></head><body><h1>某局2018年政府信息公开工作年度报告</h1>${body}</body></html>`);
const row = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

describe('statistics tables in the output', () => {
  it('keeps every row with its level, parent, unit, key and a cell per value column; a year column of another year is named', async () => {
    const table = `<p>附件</p><p>某局2018年度</p><p>政府信息公开工作统计数据</p><table>${[
      row('指 标 名 称', '单位', '2017年度', '历年累计'),
      row('主动公开信息数', '条', '181', '1568'),
      row('其中：1.政府网站公开数', '条', '181', '1568'),
      row('受理政府信息公开申请总数', '条', '1', '3'),
      row('其中：1.信函申请数', '条', '1', '3'),
      row('网站专栏页面访问量', '次', '5000', ''),
    ].join('')}</table>`;
    const report = await convertBytes(page(`<p>2018年共主动公开政府信息181条。</p>${table}`), 'r.html');
    expect(schemaErrors(report)).toEqual([]);
    expect(report.report.formatVersion).toBe('pre2019');
    const [stats] = report.statistics ?? [];
    expect(stats?.title).toBe('某局2018年度 政府信息公开工作统计数据');
    expect(stats?.columns).toEqual([
      { header: '2017年度', period: 'year', year: 2018 },
      { header: '历年累计', period: 'cumulative', year: null },
    ]);
    expect(stats?.rows.map((r) => [r.label, r.level, r.parent, r.unit, r.key, r.values.map((v) => v.value)])).toEqual([
      ['主动公开信息数', 0, null, '条', 'pre2019.activeDisclosed', [181, 1568]],
      ['其中：1.政府网站公开数', 1, 0, '条', 'pre2019.activeDisclosed.website', [181, 1568]],
      ['受理政府信息公开申请总数', 0, null, '条', 'pre2019.applicationsReceived', [1, 3]],
      ['其中：1.信函申请数', 1, 2, '条', 'pre2019.applicationsReceived.letter', [1, 3]],
      ['网站专栏页面访问量', 0, null, '次', null, [5000, null]],
    ]);
    expect(stats?.rows[4]!.values[1]!.state).toBe('blank');
    expect(stats?.rows[0]!.values[0]!.source).toMatchObject({ row: 1, col: 2 });
    const codes = report.problems.map((p) => p.code);
    expect(codes).toContain('PRE2019_COLUMN_YEAR');
    expect(report.problems.find((p) => p.code === 'PRE2019_COLUMN_YEAR')?.message).toMatch(/2017.*2018/);
    expect(report.problems.find((p) => p.code === 'PRE2019_ROWS_UNMATCHED')?.message).toContain('网站专栏页面访问量');
    // The figures come from the report-year column.
    expect(report.pre2019?.['pre2019.activeDisclosed']?.value).toBe(181);
    expect(report.pre2019?.['pre2019.applicationsReceived']?.value).toBe(1);
  });

  it('names table and sentence when they disagree, and takes the table', async () => {
    const table = `<p>附表：</p><table>${[row('指标名称', '计量单位', '年末统计'), row('主动公开信息数', '条', '32'), row('行政复议数', '件', '0')].join('')}</table>`;
    const report = await convertBytes(page(`<p>2018年主动公开政府信息26条。</p>${table}`), 'r.html');
    expect(report.pre2019?.['pre2019.activeDisclosed']?.value).toBe(32);
    const conflict = report.problems.find((p) => p.code === 'PRE2019_FIGURE_CONFLICT');
    expect(conflict?.severity).toBe('warning');
    expect(conflict?.cells).toEqual(['pre2019.activeDisclosed']);
    expect(conflict?.message).toContain('主动公开信息数');
    expect(conflict?.message).toContain('2018年主动公开政府信息26条');
  });
});

describe('prose numbers that are no headline figures', () => {
  it('never become figures: documents by disclosure attribute, service-hall applications, running totals, bulletins, spending', async () => {
    const text = [
      '某局2014年政府信息公开工作年度报告',
      '2014年制作、获取政府信息总数1873条，作为依申请公开信息数46条，不予公开信息数1402条。',
      '目前，区县已入驻审批服务部门和单位13个，开设窗口26个，共受理申请121510件。',
      '我局累计主动公开政府信息1568条，共公开信息150条。',
      '编发简报17期。政府信息公开费用1万元。减免金额219062.78元。',
    ].join('\n');
    const report = await convertBytes(Buffer.from(text), 'r.txt');
    expect(report.report.formatVersion).toBe('pre2019');
    expect(report.pre2019).toEqual({});
  });
});

interface Truth {
  file: string;
  year: number;
  formatVersion: string;
  tables?: Array<{ columns: string[]; rows: Array<{ label: string; unit: string; values: Record<string, number | null> }> }>;
  figures: Record<string, number | null>;
}

const truths: Truth[] = haveSamples
  ? readdirSync(folder)
      .filter((f) => f.endsWith('.truth.json'))
      .map((f) => JSON.parse(readFileSync(new URL(f, folder), 'utf8')) as Truth)
  : [];

describe.skipIf(!haveSamples)('the nine pre-2019 samples against their truth', () => {
  const reports = new Map<string, Promise<Report>>();
  const reportOf = (file: string) => {
    if (!reports.has(file)) reports.set(file, convertFile(new URL(file, folder).pathname));
    return reports.get(file)!;
  };

  it('are nine', () => {
    expect(truths).toHaveLength(9);
  });

  it.each(truths.map((t) => [t.file, t] as const))('%s: every table row and the nine figures', async (_, truth) => {
    const report = await reportOf(truth.file);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.report.formatVersion).toBe('pre2019');
    expect(report.report.year).toBe(truth.year);
    const tables = report.statistics ?? [];
    expect(tables).toHaveLength(truth.tables?.length ?? 0);
    (truth.tables ?? []).forEach((table, t) => {
      const got = tables[t]!;
      const read = got.rows.map((r) => ({ label: r.label, unit: r.unit, values: Object.fromEntries(got.columns.map((c, i) => [c.header, r.values[i]!.value])) }));
      expect(read).toEqual(table.rows);
    });
    const figures = Object.fromEntries(Object.keys(truth.figures).map((k) => [k, report.pre2019?.[`pre2019.${k}`]?.value ?? null]));
    expect(figures).toEqual(truth.figures);
  });

  it('give no figure the truth does not hold (the traps the README lists)', async () => {
    const taken: string[] = [];
    for (const truth of truths) {
      const report = await reportOf(truth.file);
      for (const [key, cell] of Object.entries(report.pre2019 ?? {})) {
        const want = truth.figures[key.replace('pre2019.', '')];
        if (cell.value !== null && cell.value !== want) taken.push(`${truth.file} ${key}: ${cell.value} (${cell.raw})`);
      }
    }
    expect(taken).toEqual([]);
  });
});

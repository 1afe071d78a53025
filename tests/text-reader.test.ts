/**
 * The text reader (extractors/text) end to end: small report texts built
 * here in the shapes exports print Table 3 (tabs, markdown pipes, pdftotext
 * with and without -layout, one value per line, digits run together, a
 * run-on crawler dump, GBK bytes), then the real samples in
 * ../shared/samples/text. Every Table 3 cell carries a value of its own
 * (row index × 10 + column), so a cell placed in the wrong row or column
 * shows; provenance is checked against the line and column each value was
 * written at.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classify } from '../extractors/text/lines.js';
import { readText } from '../extractors/text/index.js';
import { resultRows, table3RowKeys } from '../mappings/table3.js';
import { digitSplits, splitByRules } from '../src/mapper/split.js';
import { repoRoot } from '../src/eval/truth.js';
import { convertBytes } from '../src/pipeline.js';
import type { Report } from '../src/model/report.js';
import { applicantKeys, distinct } from './helpers/official.js';
import { expectBuilt } from './helpers/cli.js';

const samples = join(repoRoot(), '..', 'shared', 'samples', 'text');

/** Table 3 row keys of the 2021 template, in order. */
const rowKeys = table3RowKeys('2021');

const groupLabels: Record<string, string> = {
  denied: '（三）不予公开',
  unable: '（四）无法提供',
  ignored: '（五）不予处理',
  other: '（六）其他处理',
};

/** The template's full label of a row (（二）部分公开 carries its note). */
const rowLabel = (key: string) => {
  const label = resultRows.find((r) => r.key === key)!.label;
  return key === 'partiallyGranted' ? `${label}（区分处理的，只计这一情形，不计其他情形）` : label;
};

/** The three label cells of a row as the template prints them: top level, result or group, reason. */
function labelCells(key: string): [string, string, string] {
  const row = resultRows.find((r) => r.key === key)!;
  if (['newReceived', 'carriedOver', 'carriedForward'].includes(key)) return [rowLabel(key), '', ''];
  const top = key === 'granted' ? '三、本年度办理结果' : '';
  if (!row.group) return [top, rowLabel(key), ''];
  const first = resultRows.find((r) => r.group === row.group)!.key === key;
  return [top, first ? groupLabels[row.group]! : '', rowLabel(key)];
}

const note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Where each Table 3 value was written: key → 1-based line and character column. */
type Positions = Map<string, { line: number; char: number }>;

/** Lines of text being built, remembering where values were written. */
class Text {
  lines: string[] = [];
  positions: Positions = new Map();
  push(...lines: string[]) {
    this.lines.push(...lines);
  }
  /** A line whose pieces are joined by `separator`; `keys[i]` names the value in piece i, if any. */
  pushJoined(pieces: string[], separator: string, keys: Array<string | undefined>, prefix = '', suffix = '') {
    let at = prefix.length;
    pieces.forEach((p, i) => {
      const key = keys[i];
      if (key) this.positions.set(key, { line: this.lines.length + 1, char: at + 1 });
      at += p.length + separator.length;
    });
    this.lines.push(prefix + pieces.join(separator) + suffix);
  }
  toString() {
    return this.lines.join('\n') + '\n';
  }
}

const title = '某某县人民政府2021年政府信息公开工作年度报告';

function opening(t: Text) {
  t.push(title, '', '一、总体情况', '', '2021年，某某县认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息1200条。', '', '二、主动公开政府信息情况', '', '本年度主动公开情况见下表。', '', '三、收到和处理政府信息公开申请情况', '');
}

function closing(t: Text) {
  t.push('', '四、政府信息公开行政复议、行政诉讼情况', '', '本年度无行政复议、行政诉讼。', '', '五、存在的主要问题及改进情况', '', '公开内容有待丰富。', '', '六、其他需要报告的事项', '', '无。');
}

type Values = (row: string, col: string) => string;

/** Table 3 as a word processor saves it as text: cells separated by tabs, 3 label columns then 7 values. */
function tabTable(t: Text, v: Values = distinct) {
  t.push([note, '', '', '申请人情况', '', '', '', '', '', ''].join('\t'));
  t.push(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'].join('\t'));
  t.push(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''].join('\t'));
  for (const key of rowKeys) {
    t.pushJoined([...labelCells(key), ...applicantKeys.map((c) => v(key, c))], '\t', [undefined, undefined, undefined, ...applicantKeys.map((c) => `t3.${key}.${c}`)]);
  }
}

/** Table 3 as markdown pipe rows, with the rule under the first header row. */
function pipeTable(t: Text, v: Values = distinct) {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  t.push(row([note, '', '', '申请人情况', '', '', '', '', '', '']));
  t.push(row(Array(10).fill('---')));
  t.push(row(['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计']));
  t.push(row(['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']));
  for (const key of rowKeys) {
    t.pushJoined([...labelCells(key), ...applicantKeys.map((c) => v(key, c))], ' | ', [undefined, undefined, undefined, ...applicantKeys.map((c) => `t3.${key}.${c}`)], '| ', ' |');
  }
}

/** The header of Table 3 as pdftotext prints it: one header word a line. */
function wordHeader(t: Text) {
  t.push('（本列数据的勾稽关系为：第一项加第二项之和，', '等于第三项加第四项之和）', '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他');
}

/**
 * pdftotext without -layout: 「label 1 2 3 …」, single spaces; group labels
 * on a line of their own, and （二）部分公开's label wrapped onto two lines.
 */
function spacedTable(t: Text, v: Values = distinct, override: Record<string, string> = {}) {
  wordHeader(t);
  for (const key of rowKeys) {
    const [top, group, reason] = labelCells(key);
    if (top && group) t.push(top);
    if (group && reason) t.push(group);
    const label = reason || group || top;
    const values = override[key] !== undefined ? [override[key]!] : applicantKeys.map((c) => v(key, c));
    const keys = override[key] !== undefined ? [undefined, `t3.${key}.natural`] : [undefined, ...applicantKeys.map((c) => `t3.${key}.${c}`)];
    if (key === 'partiallyGranted') {
      const cut = label.indexOf('这一情') + 3;
      t.push(label.slice(0, cut));
      t.pushJoined([label.slice(cut), ...values], ' ', keys);
    } else {
      t.pushJoined([label, ...values], ' ', keys);
    }
  }
}

/** pdftotext -layout: labels padded to one width, values right-aligned in columns of 8. */
function layoutTable(t: Text, v: Values = distinct) {
  const labelWidth = 44;
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - s.length));
  t.push(pad('', labelWidth) + '申请人情况');
  t.push(pad('', labelWidth) + '自然人  法人或其他组织                                总计');
  t.push(pad('', labelWidth) + '        商业企业  科研机构  社会公益组织  法律服务机构  其他');
  for (const key of rowKeys) {
    const [top, group, reason] = labelCells(key);
    const label = pad([top, group, reason].filter(Boolean).join(' '), labelWidth);
    let line = label;
    for (const c of applicantKeys) {
      const text = v(key, c);
      line += ' '.repeat(8 - text.length);
      t.positions.set(`t3.${key}.${c}`, { line: t.lines.length + 1, char: line.length + 1 });
      line += text;
    }
    t.push(line);
  }
}

/** Crawler dumps: a label line, then one line per value. */
function cellPerLineTable(t: Text, v: Values = distinct) {
  wordHeader(t);
  for (const key of rowKeys) {
    const [top, group, reason] = labelCells(key);
    if (top && group) t.push(top);
    if (group && reason) t.push(group);
    t.push(reason || group || top);
    for (const c of applicantKeys) {
      t.positions.set(`t3.${key}.${c}`, { line: t.lines.length + 1, char: 1 });
      t.push(v(key, c));
    }
  }
}

function report(table: (t: Text) => void): Text {
  const t = new Text();
  opening(t);
  table(t);
  closing(t);
  return t;
}

const convert = (text: string | Uint8Array, name = 'x.txt') => convertBytes(typeof text === 'string' ? Buffer.from(text) : text, name);

function expectDistinct(r: Report) {
  for (const row of rowKeys) {
    for (const col of applicantKeys) {
      const key = `t3.${row}.${col}`;
      expect(r.cells[key], key).toMatchObject({ value: Number(distinct(row, col)), state: 'number' });
    }
  }
}

function expectPositions(r: Report, positions: Positions) {
  expect(positions.size).toBe(175);
  for (const [key, at] of positions) {
    expect({ key, line: r.cells[key]?.source?.line, char: r.cells[key]?.source?.char }).toEqual({ key, ...at });
  }
}


/** Problems that say a Table 3 cell was not read as printed. */
const placementCodes = ['ROW_EXTRA_CELLS', 'CELL_MISSING', 'CELL_UNREADABLE', 'CELL_BLANK', 'DIGITS_SPLIT', 'ROW_INFERRED', 'TABLE_REPEATED'];
const t3PlacementProblems = (r: Report) => r.problems.filter((p) => placementCodes.includes(p.code) && (p.cells ?? []).some((c) => c.startsWith('t3.')));

describe('Table 3 in the shapes text exports print it', () => {
  it.each([
    ['tab-separated (a word processor saved as text)', tabTable],
    ['markdown pipe rows with a rule line', pipeTable],
    ['「label 1 2 3 …」 rows, group labels on their own line, one label wrapped (pdftotext)', (t: Text) => spacedTable(t)],
    ['rows aligned with runs of spaces (pdftotext -layout)', layoutTable],
    ['one cell a line: a label line, then 7 lines of one number', cellPerLineTable],
  ] as const)('%s: every cell its own value, at the line and column it was written', async (_, build) => {
    const t = report(build as (t: Text) => void);
    const r = await convert(t.toString());
    expect(r.source).toMatchObject({ format: 'txt', reader: 'text', encoding: 'utf-8' });
    expect(r.report).toEqual({ title, agency: '某某县人民政府', year: 2021, formatVersion: '2021' });
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
    expectDistinct(r);
    expectPositions(r, t.positions);
    expect(t3PlacementProblems(r)).toEqual([]);
  });

  it('gives a wrapped label\'s values the line they stand on, not the line the label starts on', async () => {
    const t = report((x) => spacedTable(x));
    const at = t.lines.findIndex((l) => l === '（二）部分公开（区分处理的，只计这一情');
    expect(at).toBeGreaterThan(0);
    expect(t.lines[at + 1]).toBe(`形，不计其他情形） ${applicantKeys.map((c) => distinct('partiallyGranted', c)).join(' ')}`);
    const r = await convert(t.toString());
    expect(r.cells['t3.partiallyGranted.natural']).toMatchObject({ value: 30, source: { line: at + 2, char: '形，不计其他情形） '.length + 1 } });
    expect(r.cells['t3.partiallyGranted.total']).toMatchObject({ value: 36, source: { line: at + 2 } });
  });
});

describe('the lines of a text file', () => {
  it('gives each value of a space-aligned row its own column (separators of several spaces)', () => {
    const c = classify({ line: 3, text: '行政许可    12   345' });
    expect(c.kind).toBe('row');
    if (c.kind !== 'row') return;
    expect(c.label).toMatchObject({ text: '行政许可', char: 1 });
    expect(c.values.map((v) => [v.text, v.char])).toEqual([
      ['12', 9],
      ['345', 14],
    ]);
  });

  it('reads a one-value-a-line table from its first value on, each value at its own line', () => {
    const doc = readText(Buffer.from(['信息内容', '本年处理决定数量', '行政处罚', '17', '行政强制', '4'].join('\n')));
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.kind === 'table' ? tables[0]!.rows : [];
    const cells = rows.flat().map((c) => [c.text, c.source.line, c.source.char]);
    expect(cells).toContainEqual(['行政处罚', 3, 1]);
    expect(cells).toContainEqual(['17', 4, 1]);
    expect(cells).toContainEqual(['行政强制', 5, 1]);
    expect(cells).toContainEqual(['4', 6, 1]);
  });

  it('leaves a sentence and a number on the next line as paragraphs', () => {
    const doc = readText(Buffer.from('联系电话\n12345\n'));
    expect(doc.blocks.map((b) => (b.kind === 'text' ? b.text : 'table'))).toEqual(['联系电话', '12345']);
  });
});

describe('digits run together', () => {
  const keys = (row: string) => applicantKeys.map((c) => `t3.${row}.${c}`);

  it('digitSplits: every cut into the count asked for, in order, no part with a leading zero', () => {
    const splits = digitSplits(['640020470'], 7)!;
    expect(splits).toHaveLength(12);
    expect(splits).toContainEqual(['64', '0', '0', '2', '0', '4', '70']);
    for (const s of splits) {
      expect(s).toHaveLength(7);
      expect(s.join('')).toBe('640020470');
      for (const part of s) expect(part).toMatch(/^(0|[1-9]\d*)$/);
    }
    expect(digitSplits(['000'], 3)).toEqual([['0', '0', '0']]);
    expect(digitSplits(['05'], 1)).toEqual([]);
    expect(digitSplits(['05'], 2)).toEqual([['0', '5']]);
    // Runs keep their boundaries: each run gives one number at least, none spans two.
    expect(digitSplits(['12', '3'], 2)).toEqual([['12', '3']]);
    expect(digitSplits(['12', '3'], 3)).toEqual([['1', '2', '3']]);
    expect(digitSplits(['12'], 3)).toEqual([]);
    expect(digitSplits(['1'.repeat(30)], 7, 100)).toBeUndefined();
  });

  it('splitByRules: the one split the row total allows, or how many there are', () => {
    const unique = splitByRules(['640020470'], keys('newReceived'));
    expect(unique.kind).toBe('split');
    if (unique.kind === 'split') {
      expect(unique.parts).toEqual(['64', '0', '0', '2', '0', '4', '70']);
      expect(unique.rules.map((r) => r.rule.code)).toEqual(['T3_ROW_TOTAL']);
    }
    // 10 1 0 0 0 0 11 and 1 0 10 0 0 0 11 both add up.
    expect(splitByRules(['101000011'], keys('carriedOver'))).toEqual({ kind: 'ambiguous', candidates: 2 });
    expect(splitByRules(['270020130'], keys('granted'))).toEqual({ kind: 'ambiguous', candidates: 2 });
    expect(splitByRules(['11000011'], keys('granted'))).toEqual({ kind: 'ambiguous', candidates: 0 });
    expect(splitByRules(['1'.repeat(40)], keys('granted'))).toEqual({ kind: 'ambiguous', candidates: 'too many' });
  });

  it('splits a row whose digits allow one split under its total, and leaves an ambiguous one unread', async () => {
    const t = report((x) => spacedTable(x, distinct, { newReceived: '640020470', carriedOver: '101000011' }));
    const r = await convert(t.toString());

    const split = keys('newReceived').map((k) => r.cells[k]!);
    expect(split.map((c) => c.value)).toEqual([64, 0, 0, 2, 0, 4, 70]);
    for (const c of split) {
      expect(c.state).toBe('number');
      expect(c.confidence).toBeLessThanOrEqual(0.7);
      expect(c.raw).toBe('640020470');
      expect(c.source).toMatchObject(t.positions.get('t3.newReceived.natural')!);
    }
    const splitProblem = r.problems.find((p) => p.code === 'DIGITS_SPLIT')!;
    expect(splitProblem.cells).toEqual(keys('newReceived'));
    expect(splitProblem.message).toContain('640020470');

    for (const k of keys('carriedOver')) {
      expect(r.cells[k]!.value, k).toBeNull();
      expect(['unreadable', 'absent'], k).toContain(r.cells[k]!.state);
    }
    const unread = r.problems.filter((p) => p.code === 'CELL_UNREADABLE' && p.cells?.some((c) => c.startsWith('t3.carriedOver.')));
    expect(unread.length).toBeGreaterThan(0);
    expect(new Set(unread.flatMap((p) => p.cells))).toEqual(new Set(keys('carriedOver')));
    for (const p of unread) expect(p.message).toContain('「101000011」');
    expect(r.problems.some((p) => p.code === 'DIGITS_SPLIT' && p.cells?.some((c) => c.startsWith('t3.carriedOver.')))).toBe(false);

    // The rows around them are read as printed.
    expect(r.cells['t3.granted.natural']!.value).toBe(20);
    expect(r.cells['t3.carriedForward.total']!.value).toBe(256);
  });
});

describe('encodings', () => {
  it('reads a GBK .txt as GB18030: the Chinese of the title, agency and table come out right', async () => {
    const t = report(tabTable);
    const bytes = iconv.encode(t.toString(), 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await convert(bytes);
    expect(['gbk', 'gb18030']).toContain(r.source.encoding);
    expect(r.report).toMatchObject({ title, agency: '某某县人民政府', year: 2021, formatVersion: '2021' });
    expect(r.problems.find((p) => p.code === 'ENCODING_GUESSED')?.message).toMatch(/gb18030|gbk/);
    expectDistinct(r);
    expectPositions(r, t.positions);
  });
});

describe('a run-on crawler dump (the whole report on one line)', () => {
  /** Row values as run together in the dump; null: the digits split more than one way. */
  const dumpRows: Record<string, { digits: string; values: number[] | null }> = {
    newReceived: { digits: '640020470', values: [64, 0, 0, 2, 0, 4, 70] },
    carriedOver: { digits: '3000003', values: [3, 0, 0, 0, 0, 0, 3] },
    granted: { digits: '270020130', values: null },
    partiallyGranted: { digits: '5100006', values: [5, 1, 0, 0, 0, 0, 6] },
  };
  rowKeys.forEach((key, i) => {
    if (dumpRows[key]) return;
    const natural = (i % 8) + 2;
    const values = [natural, 0, i % 2, 0, 0, 0, natural + (i % 2)];
    dumpRows[key] = { digits: values.join(''), values };
  });

  function dump(): string {
    const table3 = rowKeys.map((key) => labelCells(key).join('') + dumpRows[key]!.digits).join('');
    const body = [
      '当前位置：首页政务公开政府信息公开年报',
      '一、总体情况2021年，某某县认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息1200条，办理依申请公开70件。',
      '二、主动公开政府信息情况本年度主动公开情况如下。',
      '三、收到和处理政府信息公开申请情况',
      note,
      '申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他',
      table3,
      '四、政府信息公开行政复议、行政诉讼情况本年度无行政复议、行政诉讼。',
      '五、存在的主要问题及改进情况公开内容有待丰富。',
      '六、其他需要报告的事项无。',
    ].join('');
    return `${title}\n${body}\n`;
  }

  it('reads the rows whose digits split one way, leaves the other unread, and finds the sections', async () => {
    const text = dump();
    const line = text.split('\n')[1]!;
    const r = await convert(text);
    expect(r.report).toEqual({ title, agency: '某某县人民政府', year: 2021, formatVersion: '2021' });
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);

    for (const key of rowKeys) {
      const { digits, values } = dumpRows[key]!;
      const cells = applicantKeys.map((c) => r.cells[`t3.${key}.${c}`]!);
      if (values) {
        expect(cells.map((c) => c.value), key).toEqual(values);
        expect(cells.every((c) => c.confidence <= 0.7), key).toBe(true);
        // Where the row's digits start in the file's line.
        const at = line.indexOf(labelCells(key).join('') + digits) + labelCells(key).join('').length + 1;
        expect(cells[0]!.source, key).toMatchObject({ line: 2, char: at });
      } else {
        expect(cells.map((c) => c.value), key).toEqual(Array(7).fill(null));
        const p = r.problems.find((x) => x.code === 'CELL_UNREADABLE' && x.cells?.includes(`t3.${key}.natural`))!;
        expect(p.message).toContain(`「${digits}」`);
      }
    }
    const split = r.problems.filter((p) => p.code === 'DIGITS_SPLIT' && p.cells?.[0]?.startsWith('t3.'));
    expect(split).toHaveLength(rowKeys.length - 1);
  });
});

describe('the real text samples', () => {
  it('baiyunsi-2021.txt: the truth where printed, ROW_EXTRA_CELLS on the long rows, the 4 cells not printed null and named', async () => {
    const r = await convert(readFileSync(join(samples, 'baiyunsi-2021.txt')), 'baiyunsi-2021.txt');
    const truth = JSON.parse(readFileSync(join(samples, 'baiyunsi-2021.truth.json'), 'utf8')) as { cells: Record<string, number>; agency: string; year: number; formatVersion: string };
    expect(r.report).toMatchObject({ agency: truth.agency, year: truth.year, formatVersion: truth.formatVersion });

    // Printed as 「(一) 予以公开\t\t0 0 0 0 0 0」 and 「1.属于国家秘密\t0 0 0 0 0 0」: six values for seven columns.
    const notPrinted = ['t3.granted.natural', 't3.partiallyGranted.natural', 't3.deniedStateSecret.natural', 't3.deniedLawForbidden.natural'];
    const printed = Object.entries(truth.cells).filter(([k]) => !notPrinted.includes(k));
    expect(printed.length).toBe(Object.keys(truth.cells).length - 4);
    for (const [key, value] of printed) expect(r.cells[key]?.value, key).toBe(value);

    for (const key of notPrinted) {
      expect(r.cells[key]!.value, key).toBeNull();
      expect(r.problems.some((p) => ['CELL_BLANK', 'CELL_MISSING'].includes(p.code) && p.cells?.includes(key)), key).toBe(true);
    }

    const extra = r.problems.filter((p) => p.code === 'ROW_EXTRA_CELLS');
    const extraRows = new Set(extra.flatMap((p) => p.cells ?? []).map((k) => k.split('.')[1]));
    // From 3.危及“三安全一稳定” on, every row prints 11 or more cells.
    for (const row of rowKeys.slice(rowKeys.indexOf('deniedSafetyStability'))) expect(extraRows, row).toContain(row);
    expect(extraRows.has('newReceived')).toBe(false);
  });

  it.each([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025])('pingtan-%i.txt converts (a crawler dump on one line)', async (year) => {
    const r = await convert(readFileSync(join(samples, `pingtan-${year}.txt`)), `pingtan-${year}.txt`);
    expect(r.problems.filter((p) => p.code === 'FILE_UNREADABLE')).toEqual([]);
    expect(r.report).toMatchObject({ agency: '平潭综合实验区', year });
    // 2018 is a pre-2019 report: its handling is not this file's business.
    if (year >= 2019) expect(r.report.formatVersion).toBe(year >= 2021 ? '2021' : '2019');
  });

  it('pingtan-2021.txt: 一、本年新收 run together as 640020470 is split, 予以公开 270020130 is not', async () => {
    const r = await convert(readFileSync(join(samples, 'pingtan-2021.txt')), 'pingtan-2021.txt');
    expect(applicantKeys.map((c) => r.cells[`t3.newReceived.${c}`]!.value)).toEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(applicantKeys.map((c) => r.cells[`t3.granted.${c}`]!.value)).toEqual(Array(7).fill(null));
    expect(r.problems.some((p) => p.code === 'CELL_UNREADABLE' && p.message.includes('「270020130」'))).toBe(true);
    expect(r.sections.map((s) => s.id)).toEqual(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
  });
});

describe('Table 3 cut into pieces, each with a header of its own (an OCR-to-markdown export)', () => {
  it('joins the pieces, takes no header row for the 总计 row, and reads every value', async () => {
    const t = new Text();
    opening(t);
    const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
    for (const key of rowKeys) {
      // Each row under its own heading, in its own small table, headed by words that name no column.
      t.push('', `### ${rowLabel(key)}`, row(['类别', '数据1', '数据2', '数据3', '数据4', '数据5', '数据6', '总计']), row(Array(8).fill('---')));
      t.push(row([labelCells(key)[2] || labelCells(key)[1] || labelCells(key)[0], ...applicantKeys.map((c) => distinct(key, c))]));
    }
    closing(t);
    const r = await convert(t.toString(), 'pieces.md');
    expectDistinct(r);
    expect(r.problems.map((p) => p.code)).not.toContain('TABLE_REPEATED');
  });
});

describe('text in canonical code points before it is cut into values (issue 19/20)', () => {
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

  it.each([
    ['tab-separated', tabTable],
    ['「label 1 2 3 …」 rows', (t: Text, v: Values) => spacedTable(t, v)],
    ['pdftotext -layout', layoutTable],
  ] as const)('full-width digits (０-９) read as the numbers they are: %s', async (_, build) => {
    const t = report((x) => build(x, (row, col) => fullWidth(distinct(row, col))));
    expect(t.toString()).toContain('１０');
    const r = await convert(t.toString());
    expectDistinct(r);
    expectPositions(r, t.positions);
    expect(t3PlacementProblems(r)).toEqual([]);
  });

  /** Characters a page does not show: a number with one inside is the number shown. */
  const invisibles = [
    ['a zero-width space', '\u200b'],
    ['a NUL', '\u0000'],
    ['a left-to-right mark', '\u200e'],
    ['a right-to-left mark', '\u200f'],
  ];

  it.each(invisibles)('%s inside a number is no gap: the whole number, at the column it stands in the file', async (_, invisible) => {
    // 10 → 1\u200b0: the values after it on the line stand one column further right in the file.
    const t = report((x) => spacedTable(x, (row, col) => distinct(row, col).replace(/^(\d)(\d)/, `$1${invisible}$2`)));
    const r = await convert(t.toString());
    expectDistinct(r);
    expectPositions(r, t.positions);
    expect(t3PlacementProblems(r)).toEqual([]);
  });

  it.each(invisibles)('a run-on dump (pingtan-2021.txt) with %s inside 行政处罚\'s number reads the number printed, never a shorter one', async (_, invisible) => {
    const source = readFileSync(join(samples, 'pingtan-2021.txt'), 'utf8');
    const printed = /行政处罚(\d+)行政强制/.exec(source)![1]!;
    expect(printed.length).toBeGreaterThan(2);
    const damaged = source.replace(`行政处罚${printed}`, `行政处罚${printed.slice(0, 2)}${invisible}${printed.slice(2)}`);
    const r = await convert(Buffer.from(damaged), 'pingtan-2021.txt');
    expect(r.cells['t2.penalty.decisions']).toMatchObject({ value: Number(printed), state: 'number' });
  });

  it('radicals of a Chromium-printed PDF copied into text (⼈⺠, ⼀、) come out as the ideographs, in title, agency and sections', async () => {
    const t = report(tabTable);
    const text = t.toString().replace('某某县人民政府', '某某县\u2f08\u2ea0政府').replace('一、总体情况', '\u2f00、总体情况').replace('政府信息公开工作年度报告', '政府信息公开\u2f2f作年度报告');
    const r = await convert(text);
    expect(r.report).toEqual({ title, agency: '某某县人民政府', year: 2021, formatVersion: '2021' });
    expect(r.sections[0]).toMatchObject({ id: 'overview', title: '一、总体情况' });
    expect(JSON.stringify(r)).not.toMatch(/[\u2e80-\u2fdf]/);
    expectDistinct(r);
  });
});

describe('damaged and undeclared encodings of a real export (baiyunsi-2021.txt against its truth)', () => {
  const bytes = readFileSync(join(samples, 'baiyunsi-2021.txt'));
  const truth = JSON.parse(readFileSync(join(samples, 'baiyunsi-2021.truth.json'), 'utf8')) as { cells: Record<string, number>; agency: string; year: number };
  /** Printed as six values for seven columns (see the test of the sample above): not in the file to read. */
  const notPrinted = ['t3.granted.natural', 't3.partiallyGranted.natural', 't3.deniedStateSecret.natural', 't3.deniedLawForbidden.natural'];

  async function expectTruth(input: Uint8Array) {
    const r = await convert(input, 'baiyunsi-2021.txt');
    expect(r.problems.map((p) => p.code)).not.toContain('NOT_A_REPORT');
    expect(r.report).toMatchObject({ agency: truth.agency, year: truth.year });
    for (const [key, value] of Object.entries(truth.cells)) if (!notPrinted.includes(key)) expect(r.cells[key]?.value, key).toBe(value);
    return r;
  }

  it('cut in the middle of a character: still UTF-8, the one replaced sequence reported', async () => {
    const cut = Buffer.concat([bytes, Buffer.from('报告').subarray(0, 4)]);
    const r = await expectTruth(cut);
    expect(r.source.encoding).toBe('utf-8');
    expect(r.problems.filter((p) => p.code === 'ENCODING_GUESSED').map((p) => p.message)).toEqual([expect.stringMatching(/^1 byte sequence is not valid utf-8/)]);
  });

  it('two stray bytes in a paragraph: still UTF-8, two replaced sequences reported', async () => {
    const at = bytes.indexOf(Buffer.from('大力推进政务公开'));
    const stray = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x80, 0xff]), bytes.subarray(at)]);
    const r = await expectTruth(stray);
    expect(r.source.encoding).toBe('utf-8');
    expect(r.problems.filter((p) => p.code === 'ENCODING_GUESSED').map((p) => p.message)).toEqual([expect.stringMatching(/^2 byte sequences are not valid utf-8/)]);
  });

  it.each(['utf-16le', 'utf-16be'] as const)('%s without a BOM: read as such, said so', async (label) => {
    const r = await expectTruth(iconv.encode(bytes.toString('utf8'), label));
    expect(r.source.encoding).toBe(label);
    expect(r.problems.find((p) => p.code === 'ENCODING_GUESSED')?.message).toContain('UTF-16');
  });

  it('full-width digits throughout', async () => {
    const text = bytes.toString('utf8').replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await expectTruth(Buffer.from(text));
  });
});

/**
 * Issue 20: patterns quadratic in a line's length took minutes on one long line (a 200 KB line of
 * spaces: 123 s; a 100 KB row of dashes: 25 s; a dump with a 300 KB tail: 48 s). A megabyte of each
 * now converts in about a second; the old code took hours. Each file is converted in a child process
 * given up after 50 s (a loop of the old code would hold this test's own process for those hours):
 * the old code fails by a margin of a hundred and more, and a busy machine does not fail the new.
 */
describe('one line a megabyte long', () => {
  const mb = 1 << 20;
  const timeout = 60_000;
  const run = promisify(execFile);

  /** What dist/'s `call` makes of `lines` as a .txt, in a child process that is killed after 50 s. */
  async function inChild<T>(lines: string[], module: string, call: string): Promise<T> {
    expectBuilt();
    const file = join(mkdtempSync(join(tmpdir(), 'govreport-long-line-')), 'long.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const url = pathToFileURL(join(repoRoot(), 'dist', module)).href;
    const script = `import * as m from ${JSON.stringify(url)}; import { readFileSync } from 'node:fs'; const file = process.argv[1]; process.stdout.write(JSON.stringify(await ${call}));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, file], { timeout: 50_000, maxBuffer: 1 << 27 });
    return JSON.parse(stdout) as T;
  }
  const convertLines = (lines: string[]) => inChild<Report>(lines, 'src/pipeline.js', 'm.convertFile(file)');
  /** The text reader's blocks, each its kind and its number of rows (tables). */
  const blocksOf = (lines: string[]) =>
    inChild<Array<{ kind: string; rows?: number }>>(lines, 'extractors/text/index.js', 'm.readText(readFileSync(file)).blocks.map((b) => ({ kind: b.kind, rows: b.rows?.length }))');
  const unreadable = (r: Report) => r.problems.filter((p) => p.code === 'FILE_UNREADABLE');

  it('a line of spaces: the paragraph after it, whole', { timeout }, async () => {
    const r = await convertLines([title, '一、总体情况', `某某${' '.repeat(mb)}本年度无变化。`]);
    expect(unreadable(r)).toEqual([]);
    expect(r.sections.find((s) => s.id === 'overview')?.text).toBe(`某某${' '.repeat(mb)}本年度无变化。`);
  });

  it('a row of dashes after a label: a row of that many dash cells, or a paragraph when a word ends it', { timeout }, async () => {
    const dashes = '- '.repeat(mb / 2).trimEnd();
    const row = classify({ line: 1, text: `标签 ${dashes}` });
    expect(row.kind).toBe('row');
    expect(row.kind === 'row' && row.values.length).toBe(mb / 2);
    const r = await convertLines([title, '一、总体情况', `标签 ${dashes} 完`]);
    expect(unreadable(r)).toEqual([]);
    expect(r.sections.find((s) => s.id === 'overview')?.text).toBe(`标签 ${dashes} 完`);
  });

  it('a run-on dump with a long tail after its tables: its tables read as without it', { timeout: 3 * timeout }, async () => {
    const lines = readFileSync(join(samples, 'pingtan-2021.txt'), 'utf8').split('\n');
    const longest = lines.reduce((a, b) => (b.length > a.length ? b : a));
    const plain = await convert(readFileSync(join(samples, 'pingtan-2021.txt')), 'pingtan-2021.txt');
    // Chinese only (a megabyte); half a megabyte of a label and a number a piece (each a row of its own), with spaces and without.
    for (const tail of ['汉'.repeat(mb), '汉1'.repeat(mb / 4), '汉 1'.repeat(mb / 6)]) {
      const r = await convertLines(lines.map((l) => (l === longest ? l + tail : l)));
      expect(unreadable(r)).toEqual([]);
      const read = Object.fromEntries(Object.entries(r.cells).filter(([k]) => k.startsWith('t3.')).map(([k, c]) => [k, c.value]));
      expect(read).toEqual(Object.fromEntries(Object.entries(plain.cells).filter(([k]) => k.startsWith('t3.')).map(([k, c]) => [k, c.value])));
    }
  });

  it('many lines alike: a megabyte of header words, of blank lines inside a tab table', { timeout }, async () => {
    const words = Math.floor(mb / 5);
    // A lone number under header words is no table: paragraphs, the number the last of them.
    const headers = await blocksOf([title, ...Array<string>(words).fill('信息内容'), '1']);
    expect(headers.filter((b) => b.kind === 'table')).toEqual([]);
    expect(headers.length).toBeGreaterThan(words - 20);
    // Blank lines inside a tab table do not end it: one table of two rows.
    const blanks = await blocksOf([title, '本年新收\t1', ...Array<string>(mb).fill(''), '本年新收\t2']);
    expect(blanks.filter((b) => b.kind === 'table')).toEqual([{ kind: 'table', rows: 2 }]);
  });
});

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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { resultRows, table3RowKeys } from '../mappings/table3.js';
import { digitSplits, splitByRules } from '../src/mapper/split.js';
import { repoRoot } from '../src/eval/truth.js';
import { convertBytes } from '../src/pipeline.js';
import type { Report } from '../src/model/report.js';
import { applicantKeys, distinct } from './helpers/official.js';

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

describe('scratch', () => {
  it('dumps', async () => {
    for (const [name, build] of [
      ['tab', tabTable],
      ['pipe', pipeTable],
      ['spaced', (t: Text) => spacedTable(t)],
      ['layout', layoutTable],
      ['cell', cellPerLineTable],
    ] as const) {
      const t = report(build as (t: Text) => void);
      const r = await convert(t.toString());
      const wrong = Object.entries(r.cells).filter(([k, c]) => {
        const m = /^t3\.(\w+)\.(\w+)$/.exec(k);
        if (!m || !rowKeys.includes(m[1]!)) return false;
        const pos = t.positions.get(k);
        return c.value !== Number(distinct(m[1]!, m[2]!)) || c.source?.line !== pos?.line || c.source?.char !== pos?.char;
      });
      console.log(name, r.report, r.sections.map((s) => s.id).join(','), 'wrong:', wrong.length, JSON.stringify(wrong.slice(0, 4).map(([k, c]) => [k, c, t.positions.get(k)])));
      console.log(r.problems.filter((p) => !p.code.startsWith('T3_')).map((p) => `${p.code}: ${p.message.slice(0, 160)}`).join('\n'));
    }
  });
});

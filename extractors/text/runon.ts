/**
 * Crawler dumps print a whole report on one line: headings, table labels and
 * numbers run together (「…申请数量640020470二、上年结转…」). Such a line is
 * cut into the lines it would have had, at the places the national template
 * makes certain: a section heading with its numeral, a table row's label.
 * Only the part from the first table section on is cut (a label word in the
 * prose of 一、总体情况 is no row), and a label is cut off from the digits
 * that follow it, which are that row's values.
 */
import { table2Columns, table2Rows } from '../../mappings/table2.js';
import { resultRows } from '../../mappings/table3.js';
import { sections } from '../../mappings/sections.js';

/** A line this long with several labels in it is a run-on dump, not a paragraph. */
const runOnLength = 300;

/** 一、 (一) （一） 1. 1、: numbering a template label may carry. */
const numbering = String.raw`(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十][)）]|\d[.、．])`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const body = (label: string) => label.replace(new RegExp(`^${numbering}`), '').replace(/（单位：万元）$/, '');

/** Table 3's long row labels (本年新收…, 不掌握相关政府信息…): a line with several of them holds the table. */
const table3LabelPattern = new RegExp(
  resultRows
    .map((r) => body(r.label))
    .filter((t) => t.length >= 6)
    .map(escape)
    .join('|'),
  'g',
);
const minTable3Rows = 5;

/** Row labels: long ones match with or without their numbering; short ones (总计, 其他) only with it; Table 2's carry none. */
const rowLabelPattern = new RegExp(
  `(?:${[
    ...resultRows.map((r) => {
      const text = body(r.label);
      return text.length >= 4 ? `${numbering}?${escape(text)}` : `${numbering}${escape(text)}`;
    }),
    ...table2Rows.map((r) => escape(r.label)),
  ].join('|')})`,
  'g',
);

const sectionPattern = new RegExp(
  `(?:${sections.map((s) => `${s.numeral}[、.．]\\s*[^\\d\\s]{0,12}?(?:${s.contains.map(escape).join('|')})(?:[^\\d\\s]{0,20}?(?:情况|事项))?`).join('|')})`,
  'g',
);
/** Where a table-2 block starts: 第二十条第（一）项. */
const articlePattern = /第二十条第[（(][一二三四五六七八九十][)）]项/g;
const headerWords = new RegExp(`(?:信息内容|${table2Columns.map((c) => escape(body(c.label))).join('|')})`, 'g');

interface Cut {
  at: number;
  /** End of the label that starts here, when a row label: its values follow. */
  labelEnd?: number;
}

export interface RunOnPiece {
  text: string;
  /** Where character `char` (1-based) of `text` stands in the line. */
  column: (char: number) => number;
}

/** The line's pieces, or the line itself when it is no run-on dump. */
export function splitRunOn(line: string): RunOnPiece[] {
  const whole = [{ text: line, column: (c: number) => c }];
  if (line.length < runOnLength) return whole;
  const cuts: Cut[] = [];
  // A heading is a line of its own: cut before and after it.
  for (const m of line.matchAll(sectionPattern)) cuts.push({ at: m.index, labelEnd: m.index + m[0].length }, { at: m.index + m[0].length });
  const firstTableSection = cuts.find((c) => /^[二三四]/.test(line.slice(c.at)))?.at;
  if (firstTableSection === undefined) return whole;
  // Table rows only where the line holds Table 3's rows: a pre-2019 report's prose names 行政许可 and
  // 行政事业性收费 too, with numbers after them, and is no table.
  const table3Rows = [...line.slice(firstTableSection).matchAll(table3LabelPattern)].length;
  const tabular = table3Rows >= minTable3Rows;
  for (const pattern of tabular ? [rowLabelPattern, articlePattern, headerWords] : []) {
    for (const m of line.matchAll(pattern)) {
      if (m.index < firstTableSection) continue;
      cuts.push({ at: m.index, labelEnd: m.index + m[0].length });
    }
  }
  if (cuts.length < 2) return whole;
  // Earliest first; of two cuts at one place the longer label.
  cuts.sort((a, b) => a.at - b.at || (b.labelEnd ?? 0) - (a.labelEnd ?? 0));
  const out: RunOnPiece[] = [];
  let from = 0;
  let covered = 0;
  for (const cut of cuts) {
    if (cut.at < covered) continue; // inside the label or heading before
    if (cut.at > from) out.push(...(from < firstTableSection || !tabular ? [plain(line, from, cut.at)] : pieces(line, from, cut.at)));
    from = cut.at;
    covered = cut.labelEnd ?? cut.at;
  }
  out.push(...(tabular ? pieces(line, from, line.length) : [plain(line, from, line.length)]));
  return out.filter((p) => p.text.trim() !== '');
}

/**
 * line[from, to) as a line of its own, or two: the digits a label is
 * followed by are its row's values, set off by a space (「行政规范性文件693665」
 * → 「行政规范性文件 693665」); words after them (a group label, 「（四）无法提供」)
 * go on a line of their own.
 */
/** line[from, to) as it is: prose, where numbers are part of sentences. */
const plain = (line: string, from: number, to: number): RunOnPiece => ({ text: line.slice(from, to), column: (c) => from + c });

function pieces(line: string, from: number, to: number): RunOnPiece[] {
  const text = line.slice(from, to);
  const m = /^(.*?[\u3400-\u9fff）)][^\d\s.,，]*?)\s*([-+]?\d[\d,.]*(?:\s+[-+]?\d[\d,.]*)*)\s*(\D.*)?$/s.exec(text);
  if (!m) return [{ text, column: (c) => from + c }];
  const split = m[1]!.length; // characters after it moved one to the right
  const values = m[2]!;
  const first: RunOnPiece = { text: `${m[1]} ${values}`, column: (c) => from + (c > split ? c - 1 : c) };
  if (!m[3]) return [first];
  const restAt = from + text.lastIndexOf(m[3]);
  return [first, ...pieces(line, restAt, to)];
}

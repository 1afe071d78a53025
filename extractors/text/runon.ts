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
import { spendWork } from '../../src/work-budget.js';

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
  const firstTableSection = cuts.find((c) => '二三四'.includes(line[c.at]!))?.at;
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
    if (cut.at > from) {
      if (from < firstTableSection || !tabular) out.push(plain(line, from, cut.at));
      else for (const p of pieces(line, from, cut.at)) out.push(p);
    }
    from = cut.at;
    covered = cut.labelEnd ?? cut.at;
  }
  if (tabular) for (const p of pieces(line, from, line.length)) out.push(p);
  else out.push(plain(line, from, line.length));
  return out.filter((p) => p.text.trim() !== '');
}

/** line[from, to) as it is: prose, where numbers are part of sentences. */
const plain = (line: string, from: number, to: number): RunOnPiece => ({ text: line.slice(from, to), column: (c) => from + c });

/** What may end a label: a Chinese character or a closing bracket (「（一）予以公开」). */
const labelEnd = /[\u3400-\u9fff）)]/;
/** What stops the characters a label may carry after it (「件」…): a digit, a space, number punctuation. */
const stopsLabel = /[\d\s.,，]/;
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isSign = (ch: string | undefined) => ch === '-' || ch === '+';
/** A number of a run of values: digits with , and . in them. */
const inNumber = (ch: string | undefined) => isDigit(ch) || ch === ',' || ch === '.';

/**
 * line[from, to) as lines of its own: the digits a label is followed by are
 * its row's values, set off by a space (「行政规范性文件693665」 →
 * 「行政规范性文件 693665」); words after them (a group label, 「（四）无法提供」)
 * go on a line of their own, and so on to `to`.
 *
 * One scan from left to right: the first label whose characters run up to a
 * number (with a sign, after spaces), then that number and those after it
 * with spaces between. A pattern with lazy parts did the same in time
 * quadratic in the piece's length, and a call per label, nested, ran out of
 * stack on a long tail of them.
 */
function pieces(line: string, from: number, to: number): RunOnPiece[] {
  const out: RunOnPiece[] = [];
  let start = from;
  while (start < to) {
    spendWork();
    const found = labelThenValues(line, start, to);
    if (!found) {
      out.push(plain(line, start, to));
      break;
    }
    const { labelEnd: split, valuesFrom, valuesTo, rest } = found;
    const at = start;
    const labelLength = split - at; // characters after it moved one to the right
    out.push({ text: `${line.slice(at, split)} ${line.slice(valuesFrom, valuesTo)}`, column: (c) => at + (c > labelLength ? c - 1 : c) });
    if (rest === to) break;
    start = rest;
  }
  return out;
}

/**
 * In line[from, to): where the first label ends that a number follows, the
 * values (numbers with spaces between), and where the words after them start
 * (`to` when none). The label is the shortest: it ends at the first label end
 * character of the first stretch (between digits, spaces and number
 * punctuation) that a number follows, taking the rest of that stretch but a
 * sign that belongs to the number.
 */
function labelThenValues(line: string, from: number, to: number): { labelEnd: number; valuesFrom: number; valuesTo: number; rest: number } | undefined {
  let i = from;
  while (i < to) {
    // A stretch [i, stop) of characters a label may hold.
    let first = -1;
    let stop = i;
    while (stop < to && !stopsLabel.test(line[stop]!)) {
      if (first < 0 && labelEnd.test(line[stop]!)) first = stop;
      stop++;
    }
    // (Only after a stretch with a label end in it: a run of spaces is skipped once, not from each of its spaces.)
    let number = first >= 0 ? skipSpaces(line, stop, to) : to;
    if (isSign(line[number]) && number + 1 < to) number++;
    if (number < to && isDigit(line[number])) {
      // A sign just before the digits is the number's, unless the label would be left empty after its end character.
      const labelStop = isSign(line[stop - 1]) && isDigit(line[stop]) && stop - 1 > first ? stop - 1 : stop;
      const valuesFrom = labelStop === stop ? skipSpaces(line, stop, to) : labelStop;
      let end = valuesFrom;
      if (isSign(line[end])) end++;
      while (end < to && inNumber(line[end])) end++;
      let valuesTo = end;
      for (;;) {
        let next = end;
        while (next < to && isSpace(line[next])) next++;
        if (next === end) break;
        if (isSign(line[next]) && isDigit(line[next + 1]) && next + 1 < to) next++;
        if (!(next < to && isDigit(line[next]))) break;
        while (next < to && inNumber(line[next])) next++;
        end = valuesTo = next;
      }
      return { labelEnd: labelStop, valuesFrom, valuesTo, rest: skipSpaces(line, valuesTo, to) };
    }
    i = stop + 1;
  }
  return undefined;
}

const skipSpaces = (line: string, from: number, to: number) => {
  let i = from;
  while (i < to && isSpace(line[i])) i++;
  return i;
};

/**
 * Lines of a text export → headings, paragraphs and tables. Tables come in
 * the shapes exports print them:
 * - tab-separated rows (a word processor's "save as text"; a blank line may
 *   split one table),
 * - markdown pipe rows (`| a | b |`, with a `|---|` rule under the header),
 * - rows whose values follow their label after spaces (pdftotext, with or
 *   without -layout), the label sometimes wrapped onto the lines above,
 * - one cell per line (crawler dumps): a label line, then one line per value.
 * Every cell keeps its line (1-based) and the character column it starts at.
 */
import type { Block, LayoutCell, TableBlock } from '../../src/model/layout.js';
import { table2Columns } from '../../mappings/table2.js';
import { headedSection } from '../../src/text/headings.js';
import { append } from '../../src/arrays.js';
import { spendWork } from '../../src/work-budget.js';

export interface SourceLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  /** Where character `char` of `text` stands in the file's line (a piece of a run-on line starts further in). */
  column?: (char: number) => number;
}

interface Piece {
  text: string;
  /** 1-based character column. */
  char: number;
  /** 1-based line it stands on, where that is not its row's first line (a wrapped label's values, one value a line). */
  line?: number;
}

type Classified =
  | { kind: 'blank' | 'rule'; at: SourceLine }
  | { kind: 'heading'; at: SourceLine; text: string }
  | { kind: 'tab' | 'pipe'; at: SourceLine; cells: Piece[] }
  | { kind: 'row'; at: SourceLine; label: Piece; values: Piece[] }
  | { kind: 'number'; at: SourceLine; value: Piece }
  | { kind: 'text'; at: SourceLine; text: string };

/** A value as reports print one: a number (thousands separators, decimals, sign), or a dash for none. */
const value = String.raw`(?:[-+]?\d[\d,，]*(?:\.\d+)?|[-—–/／])`;
const isValue = (token: string) => valueToken.test(token);
const valueToken = new RegExp(`^${value}$`);
const numberLine = new RegExp(String.raw`^\s*(${value})\s*$`);
/** What separates a row's label and values, and its values from each other (a run of them is one separator). */
const isSeparator = (ch: string) => ch === ' ' || ch === '\t' || ch === '\u3000';
/** The last character of a row's label: no space, digit or number punctuation (those would be part of a value). */
const endsLabel = (ch: string) => !/[\s\d.,，]/.test(ch);
/** Characters a label cannot hold (`.` of the pattern this scan replaced stopped at them). */
const lineBreakInside = /[\n\r\u2028\u2029]/;

/**
 * Prose, not a label: a full stop, or a count with its measure word (「申请 34 件」); table labels have
 * neither (their numbers are item numbers: 1.属于国家秘密).
 */
const isSentence = (text: string) => /[。！？]/.test(text) || /\d\s*[件条个项次人份]/.test(text);

/** A line short enough to be a label or a piece of one (a wrapped label, a header word). */
const maxFragmentLength = 40;

/** The parts of `text` between matches of `separator`, each at its own column (a separator may be a run of several characters). */
function split(text: string, separator: RegExp): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  const take = (to: number) => {
    const part = text.slice(from, to);
    const lead = part.length - part.trimStart().length;
    out.push({ text: part.trim(), char: from + lead + 1 });
  };
  for (const m of text.matchAll(new RegExp(separator.source, 'g'))) {
    if (m[0] === '') continue;
    take(m.index);
    from = m.index + m[0].length;
  }
  take(text.length);
  return out;
}

/**
 * A row: a label, then values after spaces (「一、本年新收政府信息公开申请数量  64 0 0 2 0 4 70」). The
 * label is the shortest start of the line that ends in a letter, after which every word is a value;
 * a scan of the line's words, where a pattern with a lazy label was quadratic in the line's length
 * (a 200 KB line of spaces took two minutes).
 */
function rowOf(text: string): { label: string; values: Piece[] } | undefined {
  const words: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < text.length; ) {
    while (i < text.length && isSeparator(text[i]!)) i++;
    const start = i;
    while (i < text.length && !isSeparator(text[i]!)) i++;
    if (i > start) words.push({ start, end: i });
  }
  let firstValue = words.length;
  while (firstValue > 1 && isValue(text.slice(words[firstValue - 1]!.start, words[firstValue - 1]!.end))) firstValue--;
  for (let last = firstValue - 1; last < words.length - 1; last++) {
    const end = words[last]!.end;
    if (!endsLabel(text[end - 1]!)) continue;
    const label = text.slice(0, end);
    if (lineBreakInside.test(label)) return undefined;
    const values = words.slice(last + 1).map((w) => ({ text: text.slice(w.start, w.end), char: w.start + 1 }));
    return { label, values };
  }
  return undefined;
}

/** A markdown table's rule under its header: `|---|:--:|`, pipes at the ends optional. */
function isRule(text: string): boolean {
  let inner = text.trim();
  if (inner.startsWith('|')) inner = inner.slice(1);
  if (inner.endsWith('|')) inner = inner.slice(0, -1);
  return inner.split('|').every((part) => /^:?-{3,}:?$/.test(part.trim()));
}

export function classify(at: SourceLine): Classified {
  spendWork();
  // trimEnd, not /\s+$/: that pattern is tried at every space of a long run of them (quadratic).
  const text = at.text.trimEnd();
  if (text.trim() === '') return { kind: 'blank', at };
  const heading = /^\s*#{1,6}\s+(.*)$/.exec(text);
  if (heading) return { kind: 'heading', at, text: heading[1]!.trim() };
  if (isRule(text)) return { kind: 'rule', at };
  if (/^\s*\|.*\|\s*$/.test(text)) {
    const start = text.indexOf('|');
    const cells = split(text.slice(start + 1, text.lastIndexOf('|')), /\|/).map((p) => ({ ...p, char: p.char + start + 1 }));
    return { kind: 'pipe', at, cells };
  }
  if (text.includes('\t')) return { kind: 'tab', at, cells: split(text, /\t/) };
  const number = numberLine.exec(text);
  if (number) return { kind: 'number', at, value: { text: number[1]!, char: text.indexOf(number[1]!) + 1 } };
  const row = rowOf(text);
  if (row && /[\u3400-\u9fff]/.test(row.label) && !isSentence(row.label)) {
    const label = row.label.trim();
    const labelAt = row.label.length - row.label.trimStart().length;
    return { kind: 'row', at, label: { text: label.replace(/^[-*+]\s+/, ''), char: labelAt + 1 }, values: row.values };
  }
  return { kind: 'text', at, text: text.trim().replace(/^[-*+]\s+/, '') };
}

const cell = (piece: Piece, line: number, table: number, row: number, col: number): LayoutCell => ({
  text: piece.text,
  rowSpan: 1,
  colSpan: 1,
  source: { line: piece.line ?? line, char: piece.char, table, row, col },
});

/** Character columns of a line's pieces in the file's own line, and that line. */
function inFile(c: Classified): Classified {
  const column = c.at.column ?? ((char: number) => char);
  const fix = (p: Piece): Piece => ({ ...p, char: column(p.char), line: c.at.line });
  if (c.kind === 'tab' || c.kind === 'pipe') return { ...c, cells: c.cells.map(fix) };
  if (c.kind === 'row') return { ...c, label: fix(c.label), values: c.values.map(fix) };
  if (c.kind === 'number') return { ...c, value: fix(c.value) };
  return c;
}

/** 第二十条第（一）项: the caption of a Table 2 block. */
const isCaption = (text: string) => /^第二十条/.test(text);
/** A Table 2 header word: 信息内容 or a column label. */
const isHeaderPart = (text: string) => text === '信息内容' || table2Columns.some((c) => c.contains?.some((w) => text.includes(w)) && text.length <= c.label.length + 4);
/** A line of them, side by side (「信息内容 本年处理决定数量」), counts as one each. */
const isHeaderWord = (text: string) => text.split(/\s+/).every(isHeaderPart);
const headerCells = (piece: Piece): Piece[] => split(piece.text, /\s+/).map((p) => ({ ...p, char: piece.char + p.char - 1 }));

/** A fragment that may belong to a table's labels: short, no section heading, no piece of a sentence. */
const isFragment = (c: Classified) => c.kind === 'text' && c.text.length <= maxFragmentLength && !headedSection(c.text) && !isSentence(c.text);

export function toBlocks(lines: SourceLine[]): Block[] {
  const items = lines.map((l) => inFile(classify(l)));
  const blocks: Block[] = [];
  let tables = 0;
  const table = (rows: Array<{ line: number; cells: Piece[] }>): TableBlock => {
    const index = tables++;
    return {
      kind: 'table',
      index,
      rows: rows.map((r, i) => r.cells.map((p, c) => cell(p, r.line, index, i, c))),
      source: { line: rows[0]!.line, table: index },
    };
  };
  // The first non-blank line at or after each line, in one pass from the end: scanning forward from
  // each blank line of a long run of them was quadratic.
  const solidFrom: number[] = new Array<number>(items.length + 1);
  solidFrom[items.length] = items.length;
  for (let k = items.length - 1; k >= 0; k--) solidFrom[k] = items[k]!.kind === 'blank' ? solidFrom[k + 1]! : k;
  const nextSolid = (from: number) => solidFrom[from]!;

  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    if (item.kind === 'blank' || item.kind === 'rule') {
      i++;
    } else if (item.kind === 'heading') {
      blocks.push({ kind: 'text', role: 'heading', text: item.text, source: { line: item.at.line } });
      i++;
    } else if (item.kind === 'tab' || item.kind === 'pipe') {
      // One table until a line of another kind; blank lines inside it do not end it.
      const rows: Array<{ line: number; cells: Piece[] }> = [];
      let j = i;
      while (j < items.length) {
        const k = items[j]!;
        if (k.kind === item.kind) rows.push({ line: k.at.line, cells: k.cells });
        else if (k.kind === 'rule' && item.kind === 'pipe') {
          /* the header rule */
        } else if (k.kind === 'blank' && items[nextSolid(j)]?.kind === item.kind) {
          /* a blank line inside the table */
        } else break;
        j++;
      }
      blocks.push(table(rows));
      i = j;
    } else if (item.kind === 'row' || item.kind === 'number') {
      const j = readRows(items, i, blocks, table);
      i = j;
    } else {
      blocks.push({ kind: 'text', role: 'paragraph', text: item.kind === 'text' ? item.text : item.at.text.trim(), source: { line: item.at.line } });
      i++;
    }
  }
  return blocks;
}

/**
 * Rows of label + values from `start` on: short lines between rows are the
 * next row's label wrapped (or a group label); short lines just before the
 * first row are the table's header, taken back from the paragraphs already
 * emitted. A value on a line of its own continues the row above.
 */
function readRows(
  items: Classified[],
  start: number,
  blocks: Block[],
  table: (rows: Array<{ line: number; cells: Piece[] }>) => TableBlock,
): number {
  const header: Array<{ line: number; cells: Piece[] }> = [];
  // At most 20 lines, header words side by side included: they are merged into one row, so counting
  // rows let a run of 100,000 of them be taken back, each merge copying the row.
  let headerLines = 0;
  while (blocks.length > 0) {
    const last = blocks.at(-1)!;
    if (last.kind !== 'text' || last.role !== 'paragraph' || last.text.length > maxFragmentLength || headedSection(last.text) || headerLines >= 20) break;
    blocks.pop();
    headerLines++;
    const piece = { text: last.text, char: 1 };
    // Header words side by side (信息内容 本年制发件数 …) are the cells of one header row.
    const cells = isHeaderWord(last.text) ? headerCells(piece) : [piece];
    if (isHeaderWord(last.text) && header[0] && isHeaderWord(header[0].cells[0]!.text)) header[0] = { line: last.source.line!, cells: [...cells, ...header[0].cells] };
    else header.unshift({ line: last.source.line!, cells });
  }
  // A table that starts with a value on a line of its own (one cell a line): the line above is its first row's label, not header.
  const firstLabel = items[start]!.kind === 'number' && header.length > 0 && header.at(-1)!.cells.length === 1 && !isCaption(header.at(-1)!.cells[0]!.text) && !isHeaderWord(header.at(-1)!.cells[0]!.text) ? header.pop() : undefined;
  const rows: Array<{ line: number; cells: Piece[] }> = [];
  let pending: Array<{ line: number; piece: Piece }> = firstLabel ? [{ line: firstLabel.line, piece: firstLabel.cells[0]! }] : [];
  /** Captions and header words before a row are rows of their own; what follows the last of them is the row's label, wrapped. */
  const ownRows = () => {
    const last = pending.findLastIndex((p) => isCaption(p.piece.text) || isHeaderWord(p.piece.text));
    for (let f = 0; f <= last; f++) {
      const p = pending[f]!;
      const prev = rows.at(-1);
      // Header words side by side (信息内容 本年制发件数 …) are the cells of one header row.
      const cells = isHeaderWord(p.piece.text) ? headerCells(p.piece) : [p.piece];
      if (isHeaderWord(p.piece.text) && f > 0 && isHeaderWord(pending[f - 1]!.piece.text) && prev) append(prev.cells, cells);
      else rows.push({ line: p.line, cells });
    }
    pending = pending.slice(last + 1);
  };
  let j = start;
  while (j < items.length) {
    const k = items[j]!;
    if (k.kind === 'row') {
      ownRows();
      const label = pending.length > 0 ? { text: pending.map((p) => p.piece.text).join('') + k.label.text, char: pending[0]!.piece.char } : k.label;
      rows.push({ line: pending[0]?.line ?? k.at.line, cells: [label, ...k.values] });
      pending = [];
    } else if (k.kind === 'number') {
      ownRows();
      if (pending.length > 0) {
        rows.push({ line: pending[0]!.line, cells: [{ text: pending.map((p) => p.piece.text).join(''), char: pending[0]!.piece.char }, k.value] });
        pending = [];
      } else if (rows.length > 0) rows.at(-1)!.cells.push(k.value);
      else break;
    } else if (isFragment(k)) {
      pending.push({ line: k.at.line, piece: { text: (k as { text: string }).text, char: 1 } });
    } else if (k.kind !== 'blank') break;
    j++;
  }
  // Fragments after the last row are no label of it: give them back as paragraphs.
  const leftover = pending.length;
  // One line with a number at its end is a sentence (「联系电话 12345」), not a table, unless it holds a
  // table's worth of values (Table 4 is one row; a dump runs its digits together).
  const tableRow = (r: { cells: Piece[] }) => r.cells.length > 3 || r.cells.slice(1).some((c) => /^\d{7,}$/.test(c.text));
  if (rows.length === 0 || (rows.length === 1 && !tableRow(rows[0]!))) {
    for (const h of firstLabel ? [...header, firstLabel] : header) blocks.push({ kind: 'text', role: 'paragraph', text: h.cells[0]!.text, source: { line: h.line } });
    const k = items[start]!;
    blocks.push({ kind: 'text', role: 'paragraph', text: k.at.text.trim(), source: { line: k.at.line } });
    return start + 1;
  }
  blocks.push(table([...header, ...rows]));
  // Step back over the trailing fragments so that they are read again as paragraphs.
  let end = j;
  let back = leftover;
  while (back > 0 && end > start) {
    end--;
    if (items[end]!.kind !== 'blank') back--;
  }
  for (let k = end; k < j; k++) {
    const it = items[k]!;
    if (it.kind === 'text') blocks.push({ kind: 'text', role: 'paragraph', text: it.text, source: { line: it.at.line } });
  }
  return j;
}

/**
 * Text outside tables: runs → lines, page furniture (page numbers, running
 * headers and footers) removed, lines → paragraphs and the title.
 */
import type { TextBlock } from '../../src/model/layout.js';
import type { Box, Matrix } from './geometry.js';
import { toUserSpace, union } from './geometry.js';
import type { PdfSettings } from './settings.js';
import { groupLines } from './tables.js';
import type { TextRun } from './text.js';
import { needsSpace } from './text.js';
import { maxOf, minOf } from '../../src/arrays.js';

export interface Line {
  runs: TextRun[];
  text: string;
  box: Box;
  size: number;
  page: number;
}

export function toLines(runs: TextRun[], settings: PdfSettings): Line[] {
  return groupLines(runs, settings).map((line) => {
    const text = line.reduce((t, run, i) => {
      if (i === 0) return run.text;
      const gap = run.box[0] - line[i - 1]!.box[2];
      return t + (needsSpace(t, run.text, gap, run.size, settings) ? ' ' : '') + run.text;
    }, '');
    const sizes = line.map((r) => r.size);
    return { runs: line, text, box: line.map((r) => r.box).reduce(union), size: maxOf(sizes), page: line[0]!.page };
  });
}

const pageNumber = /^(?:[-–—－‐\s]*\d{1,4}[-–—－‐\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

/** Lines that are page furniture: page numbers in the top or bottom band, and lines repeated there on most pages. */
export function furniture(lines: Line[], pageHeights: Map<number, number>, settings: PdfSettings): Set<Line> {
  const inBand = (l: Line) => {
    const h = pageHeights.get(l.page)!;
    return l.box[3] < h * settings.furnitureBand || l.box[1] > h * (1 - settings.furnitureBand);
  };
  const banded = lines.filter(inBand);
  const out = new Set(banded.filter((l) => pageNumber.test(l.text.trim())));
  const pages = pageHeights.size;
  const shape = (l: Line) => `${Math.round(l.box[1] / 10)}|${l.text.replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const counts = new Map<string, Set<number>>();
  for (const l of banded) counts.set(shape(l), (counts.get(shape(l)) ?? new Set()).add(l.page));
  for (const l of banded) {
    const onPages = counts.get(shape(l))!.size;
    if (onPages >= 3 && onPages >= pages * settings.runningShare) out.add(l);
  }
  return out;
}

/** The most common font size by characters: the size of body text. */
export function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) for (const r of l.runs) weight.set(Math.round(r.size * 2) / 2, (weight.get(Math.round(r.size * 2) / 2) ?? 0) + r.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
}

const startsHeading = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])/;
const cjkEdge = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

export interface ParagraphContext {
  pageToUser: Map<number, Matrix>;
  body: number;
  /** Left and right text margins per page. */
  margins: Map<number, [number, number]>;
}

export function pageMargins(lines: Line[]): Map<number, [number, number]> {
  const margins = new Map<number, [number, number]>();
  for (const l of lines) {
    const m = margins.get(l.page);
    margins.set(l.page, m ? [Math.min(m[0], l.box[0]), Math.max(m[1], l.box[2])] : [l.box[0], l.box[2]]);
  }
  return margins;
}

/** Whether `line` is set in another size than `previous`: by font size, or for OCR lines by ink height, which varies with the glyphs. */
function sizeChanges(previous: Line, line: Line, settings: PdfSettings): boolean {
  const ocr = [previous, line].some((l) => l.runs.some((r) => r.confidence !== undefined));
  const tolerance = ocr ? settings.ocrSizeChangeShare * Math.max(previous.size, line.size) : settings.sizeChange;
  return Math.abs(line.size - previous.size) > tolerance;
}

/**
 * Consecutive lines of running text → paragraphs. A line starts a paragraph
 * when it is indented, follows a short line, starts like a heading, changes
 * size, or stands apart; paragraphs run on across page breaks.
 */
export function paragraphs(lines: Line[], ctx: ParagraphContext, settings: PdfSettings): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: { lines: Line[] } | undefined;
  const flush = () => {
    if (!current) return;
    const first = current.lines[0]!;
    const text = current.lines.reduce((t, l, i) => {
      if (i === 0) return l.text.trim();
      const joiner = cjkEdge.test(t.slice(-1)) || cjkEdge.test(l.text.trim()[0] ?? '') ? '' : ' ';
      return t + joiner + l.text.trim();
    }, '');
    const samePage = current.lines.filter((l) => l.page === first.page);
    const confidences = current.lines.flatMap((l) => l.runs.flatMap((r) => (r.confidence !== undefined ? [r.confidence] : [])));
    blocks.push({
      kind: 'text',
      role: first.size >= ctx.body * settings.titleSizeRatio || startsHeading.test(first.text) ? 'heading' : 'paragraph',
      text,
      source: { page: first.page, bbox: toUserSpace(samePage.map((l) => l.box).reduce(union), ctx.pageToUser.get(first.page)!) },
      ...(confidences.length > 0 ? { confidence: minOf(confidences) } : {}),
    });
    current = undefined;
  };
  let previous: Line | undefined;
  // The title: the large lines that open the document, however they are centred or broken.
  const isTitle = (l: Line) => l.size >= ctx.body * settings.titleSizeRatio;
  let inTitle = lines[0] !== undefined && isTitle(lines[0]);
  for (const line of lines) {
    const [left, right] = ctx.margins.get(line.page)!;
    const continuesTitle = inTitle && previous !== undefined && isTitle(line);
    inTitle &&= isTitle(line);
    const startsNew =
      !continuesTitle &&
      (!current ||
      !previous ||
      line.box[0] > left + settings.indentShare * line.size ||
      previous.box[2] < right - settings.shortLineShare * previous.size ||
      startsHeading.test(line.text) ||
      sizeChanges(previous, line, settings) ||
      (line.page === previous.page && line.box[1] - previous.box[3] > 1.5 * line.size));
    if (startsNew) flush();
    current ??= { lines: [] };
    current.lines.push(line);
    previous = line;
  }
  flush();
  return blocks;
}

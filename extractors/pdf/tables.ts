/**
 * Table rectangles + text runs → layout tables. Runs go to the cell holding
 * their centre; cells of a table continued on the next page are stacked
 * under the first part (stitch); the cell rectangles then become a grid with
 * row and column spans, holes filled with empty cells so that the grid in
 * the layout model has every position where the page has it.
 */
import type { LayoutCell, TableBlock } from '../../src/model/layout.js';
import type { Box, Matrix } from './geometry.js';
import { centerX, centerY, cluster, contains, mean, toUserSpace, union } from './geometry.js';
import type { CellRect } from './lattice.js';
import type { PdfSettings } from './settings.js';
import type { TextRun } from './text.js';
import { needsSpace, splitAtSpaces } from './text.js';
import { startsNumbered } from '../../src/text/headings.js';
import { parseValue } from '../../src/text/number.js';
import { maxOf, minOf } from '../../src/arrays.js';
import { confidence } from '../../src/settings.js';

export interface PdfCell {
  /** Rectangle in page space. */
  rect: Box;
  page: number;
  runs: TextRun[];
  /** Sides without a drawn rule: where a page break cut the table. */
  openTop: boolean;
  openBottom: boolean;
  /** How its rules are known (lattice.ts). */
  placed: CellRect['placed'];
  /** The rest of this cell on the next page, when a page break cut through the row. */
  continuation?: PdfCell;
}

const placementOrder: Array<CellRect['placed']> = ['ruled', 'repaired', 'inferred'];
const weakestPlacement = (list: Array<CellRect['placed']>): CellRect['placed'] => placementOrder[Math.max(...list.map((p) => placementOrder.indexOf(p)))]!;

export interface PdfTable {
  /** Pages the table is on, first to last. */
  pages: number[];
  /** Outer rectangle on its first page (for ordering) and on its last page (for stitching). */
  firstRect: Box;
  lastRect: Box;
  cells: PdfCell[];
  /** Read by OCR: each page part is in its own page's nominal space, placed where the paper lay on the scanner. */
  scanned?: boolean;
}

/** Assigns runs to the cells of the tables of one page; returns the tables and the runs outside every table. */
export function fillTables(rectsByTable: CellRect[][], runs: TextRun[], page: number, scanned = false): { tables: PdfTable[]; outside: TextRun[] } {
  const tables: PdfTable[] = rectsByTable.map((rects) => {
    const outer = rects.map((r) => r.box).reduce(union);
    return {
      pages: [page],
      firstRect: outer,
      lastRect: outer,
      cells: rects.map((r) => ({ rect: r.box, page, runs: [], openTop: r.openTop, openBottom: r.openBottom, placed: r.placed })),
      ...(scanned ? { scanned } : {}),
    };
  });
  const outside: TextRun[] = [];
  for (const run of runs) {
    const table = tables.find((t) => contains(t.firstRect, centerX(run.box), centerY(run.box)));
    if (!table) {
      outside.push(run);
      continue;
    }
    for (const piece of crossesCells(run, table.cells) ? splitAtSpaces(run) : [run]) {
      const cell = smallestCellAt(table.cells, centerX(piece.box), centerY(piece.box));
      if (cell) cell.runs.push(piece);
    }
  }
  return { tables, outside };
}

function smallestCellAt(cells: PdfCell[], x: number, y: number): PdfCell | undefined {
  let best: PdfCell | undefined;
  for (const c of cells) {
    if (!contains(c.rect, x, y)) continue;
    if (!best || area(c.rect) < area(best.rect)) best = c;
  }
  return best;
}

const area = (b: Box) => (b[2] - b[0]) * (b[3] - b[1]);

/** A run reaching well into a second cell holds text of both. */
function crossesCells(run: TextRun, cells: PdfCell[]): boolean {
  const y = centerY(run.box);
  const margin = run.size / 2;
  return cells.some((c) => y >= c.rect[1] && y <= c.rect[3] && c.rect[0] > run.box[0] + margin && c.rect[0] < run.box[2] - margin);
}

/**
 * Appends `next` (first on its page) to `table` (last on the page before)
 * when their outer left and right borders agree: the reports never repeat
 * the header after a page break.
 */
export function canStitch(table: PdfTable, next: PdfTable, settings: PdfSettings): boolean {
  if (Math.abs(table.lastRect[0] - next.firstRect[0]) <= settings.stitchTolerance && Math.abs(table.lastRect[2] - next.firstRect[2]) <= settings.stitchTolerance) return true;
  // Scanned sheets lie on the scanner a little apart and each page has its own scale: the columns where
  // the table breaks must agree as shares of the table's width.
  if (!table.scanned || !next.scanned) return false;
  const lastPage = table.pages.at(-1)!;
  const ends = table.cells.map(lastOf).filter((c) => c.page === lastPage);
  const bottom = maxOf(ends.map((c) => c.rect[3]));
  const top = minOf(next.cells.map((c) => c.rect[1]));
  const above = columnShares(ends.filter((c) => Math.abs(c.rect[3] - bottom) < settings.snapTolerance).map((c) => c.rect), table.lastRect);
  const below = columnShares(next.cells.filter((c) => Math.abs(c.rect[1] - top) < settings.snapTolerance).map((c) => c.rect), next.firstRect);
  return above.length === below.length && above.every((x, i) => Math.abs(x - below[i]!) <= settings.scanStitchShare);
}

/** The left edges of a row's cells as shares of the table's width, left to right. */
function columnShares(rects: Box[], outer: Box): number[] {
  const width = Math.max(1e-9, outer[2] - outer[0]);
  return [...new Set(rects.map((r) => Math.round(((r[0] - outer[0]) / width) * 1000) / 1000))].sort((a, b) => a - b);
}

/** `next`'s cells moved and scaled across so that its outer left and right borders are the table's (the text runs keep their place: provenance). */
function alignTo(table: PdfTable, next: PdfTable): PdfTable {
  const [from0, from1] = [next.firstRect[0], next.firstRect[2]];
  const [to0, to1] = [table.lastRect[0], table.lastRect[2]];
  const a = (to1 - to0) / Math.max(1e-9, from1 - from0);
  const x = (v: number) => to0 + (v - from0) * a;
  const move = (c: PdfCell): PdfCell => ({ ...c, rect: [x(c.rect[0]), c.rect[1], x(c.rect[2]), c.rect[3]], ...(c.continuation ? { continuation: move(c.continuation) } : {}) });
  return { ...next, cells: next.cells.map(move), firstRect: [to0, next.firstRect[1], to1, next.firstRect[3]], lastRect: [x(next.lastRect[0]), next.lastRect[1], x(next.lastRect[2]), next.lastRect[3]] };
}

/**
 * Joins `next` to `table`. Where the break cut through a row, the halves of
 * its cells become one cell again. A cut row shows either as cells without a
 * drawn rule at the cut, or (LibreOffice draws rules there) as a first row
 * on the new page that only continues text: no number in it, no text that
 * starts like a new row (一、 （二） 3.), under a row that has numbers.
 */
export function stitch(table: PdfTable, unaligned: PdfTable, settings: PdfSettings): PdfTable {
  const next = alignTo(table, unaligned);
  const lastPage = table.pages.at(-1)!;
  // A cell that already runs over a page break (a group label down the left side) ends on the last page
  // though it starts before it: its last part is what the new page continues.
  const ends = table.cells.filter((c) => lastOf(c).page === lastPage);
  const bottom = maxOf(ends.map((c) => lastOf(c).rect[3]));
  const top = minOf(next.cells.map((c) => c.rect[1]));
  const lastRow = ends.filter((c) => Math.abs(lastOf(c).rect[3] - bottom) < 1);
  const firstRow = next.cells.filter((c) => Math.abs(c.rect[1] - top) < 1);
  const texts = firstRow.map((c) => cellText(c.runs, settings)).filter((t) => t !== '');
  const rowContinues =
    lastRow.some((c) => parseValue(cellText(lastOf(c).runs, settings)).state === 'number') &&
    texts.length > 0 &&
    texts.every((t) => parseValue(t).state === 'unreadable' && !startsNumbered.test(t));
  const continued = new Set<PdfCell>();
  for (const lower of firstRow) {
    if (!rowContinues && !lower.openTop) continue;
    const upper = lastRow.filter((u) => (rowContinues || lastOf(u).openBottom) && overlapShare(lastOf(u).rect, lower.rect) > 0.5);
    if (upper.length !== 1 || lastOf(upper[0]!).continuation) continue; // ambiguous: keep the halves apart
    lastOf(upper[0]!).continuation = lower;
    continued.add(lower);
  }
  return {
    pages: [...table.pages, ...next.pages],
    firstRect: table.firstRect,
    lastRect: next.lastRect,
    cells: [...table.cells, ...next.cells.filter((c) => !continued.has(c))],
    ...(table.scanned ? { scanned: true } : {}),
  };
}


const lastOf = (cell: PdfCell): PdfCell => (cell.continuation ? lastOf(cell.continuation) : cell);

/** How much of the narrower of two boxes their horizontal overlap covers. */
function overlapShare(a: Box, b: Box): number {
  const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  return overlap / Math.min(a[2] - a[0], b[2] - b[0]);
}

/** Only digits and separators (a sign first): a piece of a number, or a whole one. */
export const numberPiece = /^[+\-]?[\d,.，．]+$/;

/** Lines of one cell, top to bottom, that can be the pieces of one number: digits and separators only, a sign only before the first. */
export const numberPieces = (texts: string[]) => texts.length >= 2 && texts.every((t, i) => numberPiece.test(t) && (i === 0 || /^[\d,.，．]/.test(t)));

/**
 * The most a cell leaves between a side and its text, as a share of the
 * text's size: Word's default padding (0.19 cm) is half a character of
 * 10.5 pt, LibreOffice's and HTML's less.
 */
const maxPaddingShare = 0.75;

/** A line of a cell across: where it starts and ends, and how much wider it would be with its next character. */
export interface LineSpan {
  x0: number;
  x1: number;
  slack: number;
}

/**
 * Whether lines of one cell were broken by the cell: every line but the
 * last is as wide as the cell lets a line be, within its slack (the next
 * character did not fit). A line may fill the cell less its padding on each
 * side; the padding is what the first line leaves on its nearer side, at
 * most `maxPaddingShare` of `size`, so that it holds for text set left,
 * centred or right, and a short line in a wide cell (two values on two
 * lines) leaves too much room to be a broken one.
 */
export function fullLines(lines: LineSpan[], cell: [number, number], size: number): boolean {
  if (lines.length < 2) return false;
  const first = lines[0]!;
  const padding = Math.max(0, Math.min(first.x0 - cell[0], cell[1] - first.x1, maxPaddingShare * size));
  const room = cell[1] - cell[0] - 2 * padding;
  return lines.slice(0, -1).every((l) => l.x1 - l.x0 + l.slack >= room);
}

/**
 * A number wrapped by a narrow column ("5,43" over "3"): two or more lines
 * of one cell, all pieces of a number, each but the last as wide as the
 * cell lets it be (the next digit, 1.5 characters of slack, did not fit).
 * Such lines are one number; digit lines that leave room are separate
 * values. The OCR reader joins a scanned cell's lines by the same rule.
 */
export function wrappedNumber(lines: TextRun[][], rect: Box): boolean {
  if (lines.length < 2) return false;
  const texts = lines.map((l) => l.map((r) => r.text).join('').replace(/\s+/g, ''));
  if (!numberPieces(texts)) return false;
  const spans = lines.map((line, i) => {
    const x0 = minOf(line.map((r) => r.box[0]));
    const x1 = maxOf(line.map((r) => r.box[2]));
    return { x0, x1, slack: (1.5 * (x1 - x0)) / Math.max(1, texts[i]!.length) };
  });
  return fullLines(spans, [rect[0], rect[2]], lines[0]![0]!.size);
}

/** Cell text: runs grouped into lines top to bottom, joined left to right; a wide gap becomes a space. A number wrapped by its cell is one line again. */
export function cellText(runs: TextRun[], settings: PdfSettings, rect?: Box): string {
  const lines = groupLines(runs, settings);
  const separator = rect && wrappedNumber(lines, rect) ? '' : '\n';
  return lines
    .map((line) =>
      line.reduce((text, run, i) => {
        if (i === 0) return run.text;
        const gap = run.box[0] - line[i - 1]!.box[2];
        return text + (needsSpace(text, run.text, gap, run.size, settings) ? ' ' : '') + run.text;
      }, ''),
    )
    .join(separator);
}

/** Runs on one visual line (vertical centres close), lines top to bottom, runs left to right. */
export function groupLines(runs: TextRun[], settings: PdfSettings): TextRun[][] {
  const sorted = [...runs].sort((a, b) => centerY(a.box) - centerY(b.box));
  const lines: TextRun[][] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    const lineY = line ? mean(line.map((r) => centerY(r.box))) : NaN;
    if (line && Math.abs(centerY(run.box) - lineY) < Math.min(run.size, line[0]!.size) * settings.sameLineShare) line.push(run);
    else lines.push([run]);
  }
  return lines.map((l) => l.sort((a, b) => a.box[0] - b.box[0]));
}

/**
 * Stacks the parts of a table (one per page) and turns its cells into a
 * layout table: column and row boundaries are the snapped edges of all
 * cells; each cell spans the boundaries it covers.
 */
export function toTableBlock(
  table: PdfTable,
  index: number,
  pageToUser: Map<number, Matrix>,
  settings: PdfSettings,
): TableBlock {
  // Each page's part is shifted below the previous part so rows stay in order.
  const offsets = new Map<number, number>();
  let bottom = 0;
  for (const page of table.pages) {
    const cells = table.cells.filter((c) => c.page === page);
    const top = minOf(cells.map((c) => c.rect[1]));
    offsets.set(page, bottom - top);
    bottom += maxOf(cells.map((c) => c.rect[3])) - top;
  }
  const placed = table.cells.map((c) => {
    const end = lastOf(c);
    return { cell: c, rect: [c.rect[0], c.rect[1] + offsets.get(c.page)!, c.rect[2], end.rect[3] + offsets.get(end.page)!] as Box };
  });
  const xs = boundaries(placed.flatMap((p) => [p.rect[0], p.rect[2]]), settings.snapTolerance);
  const ys = boundaries(placed.flatMap((p) => [p.rect[1], p.rect[3]]), settings.snapTolerance);
  const nearest = (list: number[], v: number) => list.reduce((best, x, i) => (Math.abs(x - v) < Math.abs(list[best]! - v) ? i : best), 0);

  const rows: Array<Array<{ col: number; cell: LayoutCell }>> = ys.slice(1).map(() => []);
  const covered = ys.slice(1).map(() => xs.slice(1).map(() => false));
  for (const { cell, rect } of placed) {
    const [c0, c1, r0, r1] = [nearest(xs, rect[0]), nearest(xs, rect[2]), nearest(ys, rect[1]), nearest(ys, rect[3])];
    if (c1 <= c0 || r1 <= r0) continue;
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) covered[r]![c] = true;
    // A cell cut by a page break: its text is both halves; its place, the first half that has text.
    const halves: PdfCell[] = [];
    for (let h: PdfCell | undefined = cell; h; h = h.continuation) halves.push(h);
    const located = halves.find((h) => h.runs.length > 0) ?? cell;
    const confidences = halves.flatMap((h) => h.runs.flatMap((r) => (r.confidence !== undefined ? [r.confidence] : [])));
    const box = located.runs.length > 0 ? located.runs.map((r) => r.box).reduce(union) : located.rect;
    const placedAs = weakestPlacement(halves.map((h) => h.placed));
    // A cell beside a rule put back: read, but its bounds were not seen.
    if (placedAs === 'inferred') confidences.push(confidence.placedByInference);
    rows[r0]!.push({
      col: c0,
      cell: {
        text: halves.map((h) => cellText(h.runs, settings, h.rect)).filter((t) => t !== '').join('\n'),
        rowSpan: r1 - r0,
        colSpan: c1 - c0,
        source: { page: located.page, bbox: toUserSpace(box, pageToUser.get(located.page)!), table: index, placed: placedAs },
        ...(confidences.length > 0 ? { confidence: minOf(confidences) } : {}),
        // A cell read as one run (OCR) keeps that run's other readings.
        ...(halves.length === 1 && cell.runs.length === 1 && cell.runs[0]!.alternatives ? { alternatives: cell.runs[0]!.alternatives } : {}),
      },
    });
  }
  // Holes (a border missing in the drawing) become empty cells, so later cells keep their columns.
  covered.forEach((row, r) =>
    row.forEach((isCovered, c) => {
      if (!isCovered) rows[r]!.push({ col: c, cell: { text: '', rowSpan: 1, colSpan: 1, source: { page: table.pages[0]!, table: index } } });
    }),
  );
  return {
    kind: 'table',
    index,
    rows: rows.map((row) => row.sort((a, b) => a.col - b.col).map((x) => x.cell)),
    source: { page: table.pages[0]!, bbox: toUserSpace(table.firstRect, pageToUser.get(table.pages[0]!)!), table: index },
  };
}

function boundaries(values: number[], tolerance: number): number[] {
  return cluster(values, tolerance).map(mean);
}

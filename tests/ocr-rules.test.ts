/**
 * Ruling lines found in page images (extractors/ocr/rules.ts): whole rules
 * as found, broken ones (a fax-like scan) repaired, a column's rule put back
 * where the table shows it, and strokes of characters never taken for rules.
 * Images are drawn here at the reader's scale (characters 32 px high).
 */
import { describe, expect, it } from 'vitest';
import type { Gray } from '../extractors/ocr/image.js';
import { imageEdges } from '../extractors/ocr/rules.js';
import { ocrSettings } from '../extractors/ocr/settings.js';
import { findTables } from '../extractors/pdf/lattice.js';
import type { Edge } from '../extractors/pdf/rules.js';
import { pdfSettings } from '../extractors/pdf/settings.js';

const g = ocrSettings.glyphHeight;

function paper(width: number, height: number): Gray {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fill(image: Gray, x0: number, y0: number, x1: number, y1: number) {
  for (let y = y0; y < y1; y++) image.data.fill(0, y * image.width + x0, y * image.width + x1);
}

/** A horizontal rule at y from x0 to x1, drawn in dashes `dash` long with `gap` between (whole when gap is 0), 2 px thick. */
function hRule(image: Gray, y: number, x0: number, x1: number, dash = x1 - x0, gap = 0) {
  for (let x = x0; x < x1; x += dash + gap) fill(image, x, y, Math.min(x1, x + dash), y + 2);
}

function vRule(image: Gray, x: number, y0: number, y1: number, dash = y1 - y0, gap = 0) {
  for (let y = y0; y < y1; y += dash + gap) fill(image, x, y, x + 2, Math.min(y1, y + dash));
}

/** A table of `rows` × `cols` cells, 3 g × 2.5 g each, at (left, top); `missing` leaves out the vertical rule at column c in row r. */
function table(image: Gray, left: number, top: number, rows: number, cols: number, style: { dash?: number; gap?: number; missing?: Array<[number, number]> } = {}) {
  const w = 3 * g;
  const h = Math.round(2.5 * g);
  for (let r = 0; r <= rows; r++) hRule(image, top + r * h, left, left + cols * w + 2, style.dash, style.gap);
  for (let c = 0; c <= cols; c++) {
    for (let r = 0; r < rows; r++) {
      if (style.missing?.some(([mr, mc]) => mr === r && mc === c)) continue;
      vRule(image, left + c * w, top + r * h, top + (r + 1) * h + 2, style.dash, style.gap);
    }
  }
  return { w, h };
}

const toPoints = (edges: Edge[]) => edges.map((e) => ({ ...e, pos: (e.pos * 72) / ocrSettings.dpi, start: (e.start * 72) / ocrSettings.dpi, end: (e.end * 72) / ocrSettings.dpi }));
const cellCount = (edges: Edge[]) => findTables(toPoints(edges), pdfSettings).reduce((n, t) => n + t.length, 0);

describe('imageEdges: rules drawn whole', () => {
  it('finds every rule of a whole table, none of them repaired', () => {
    const image = paper(30 * g, 20 * g);
    table(image, 2 * g, 2 * g, 4, 6);
    const edges = imageEdges(image, 215, 170);
    expect(edges.filter((e) => e.drawn)).toEqual([]);
    expect(cellCount(edges)).toBe(24);
  });
});

describe('imageEdges: a border lost at the corner', () => {
  // A skewed sheet whose corner ran off the scanner's glass: the right border stops two rows short of the bottom.
  const lostCorner = () => {
    const image = paper(30 * g, 20 * g);
    const { w, h } = table(image, 2 * g, 2 * g, 5, 6, { missing: [[3, 6], [4, 6]] });
    return { image, w, h };
  };

  it('carries the border on to the rules that keep ending on its line, marked repaired', () => {
    const { image, w, h } = lostCorner();
    const edges = imageEdges(image, 215, 170);
    const right = 2 * g + 6 * w;
    const carried = edges.filter((e) => e.orientation === 'v' && Math.abs(e.pos - right) <= 2 && e.drawn === 'repaired');
    expect(carried).toHaveLength(1);
    expect(carried[0]!.end).toBeCloseTo(2 * g + 5 * h + 1, -1);
    expect(cellCount(edges)).toBe(30);
  });

  it('does not carry a rule across text, nor past a rule that runs on across its line', () => {
    const { image, w, h } = lostCorner();
    // A word written across the lost border in the fourth row.
    fill(image, 2 * g + 6 * w - g, 2 * g + 3 * h + 10, 2 * g + 6 * w + g, 2 * g + 3 * h + 10 + g);
    expect(imageEdges(image, 215, 170).filter((e) => e.drawn)).toEqual([]);
    const other = paper(40 * g, 20 * g);
    // The same table with a rule below it running on past both borders (another, wider table's).
    table(other, 6 * g, 2 * g, 3, 6);
    hRule(other, 2 * g + 4 * h, g, 6 * g + 8 * w);
    expect(imageEdges(other, 215, 170).filter((e) => e.drawn)).toEqual([]);
  });

  it('does not join two tables stacked with the same width across the paper between them', () => {
    const image = paper(30 * g, 30 * g);
    const { h } = table(image, 2 * g, 2 * g, 3, 6);
    table(image, 2 * g, 2 * g + 5 * h, 3, 6);
    const edges = imageEdges(image, 215, 170);
    expect(edges.filter((e) => e.drawn)).toEqual([]);
    expect(findTables(toPoints(edges), pdfSettings)).toHaveLength(2);
  });
});

describe('imageEdges: rules a fax-like scan broke into dashes', () => {
  it('joins the dashes of every rule into one, marked repaired, and the table has all its cells', () => {
    const image = paper(30 * g, 20 * g);
    // Dashes of 2 character heights, gaps of 1.4: as on the bilevel samples at 150 dpi.
    table(image, 2 * g, 2 * g, 4, 6, { dash: 2 * g, gap: Math.round(1.4 * g) });
    const edges = imageEdges(image, 215, 170);
    const horizontals = edges.filter((e) => e.orientation === 'h');
    expect(horizontals).toHaveLength(5);
    for (const e of horizontals) {
      expect(e.drawn).toBe('repaired');
      expect(e.end - e.start).toBeGreaterThan(17 * g);
    }
    expect(cellCount(edges)).toBe(24);
  });

  it('puts back a column rule missing in two rows, from the rows above and below, and says it was inferred', () => {
    const image = paper(30 * g, 20 * g);
    const { w, h } = table(image, 2 * g, 2 * g, 5, 6, { dash: 2 * g, gap: Math.round(1.4 * g), missing: [[1, 3], [2, 3]] });
    const edges = imageEdges(image, 215, 170);
    const x = 2 * g + 3 * w;
    const inferred = edges.filter((e) => e.drawn === 'inferred').sort((a, b) => a.start - b.start);
    expect(inferred).toHaveLength(2);
    for (const [k, e] of inferred.entries()) {
      expect(Math.abs(e.pos - x)).toBeLessThanOrEqual(2);
      expect(Math.abs(e.start - (2 * g + (k + 1) * h))).toBeLessThanOrEqual(3);
    }
    expect(cellCount(edges)).toBe(30);
  });

  it('does not put back a rule where text crosses its line (a cell merged across the columns)', () => {
    const image = paper(30 * g, 20 * g);
    const { w, h } = table(image, 2 * g, 2 * g, 4, 6, { dash: 2 * g, gap: Math.round(1.4 * g), missing: [[2, 3]] });
    // A line of "text" across where the rule would be: blocks of ink a character wide.
    const y = 2 * g + 2 * h + Math.round(0.8 * g);
    for (let x = 2 * g + 2 * w + 8; x < 2 * g + 4 * w - 8; x += g) fill(image, x, y, x + g - 6, y + Math.round(0.8 * g));
    const edges = imageEdges(image, 215, 170);
    expect(edges.filter((e) => e.drawn === 'inferred')).toEqual([]);
  });

  it('does not put back a column rule missing from the top row on (a header cell merged across columns)', () => {
    const image = paper(30 * g, 20 * g);
    table(image, 2 * g, 2 * g, 4, 6, { dash: 2 * g, gap: Math.round(1.4 * g), missing: [[0, 3]] });
    const edges = imageEdges(image, 215, 170);
    expect(edges.filter((e) => e.drawn === 'inferred')).toEqual([]);
    expect(cellCount(edges)).toBe(23);
  });
});

describe('imageEdges: row rules lost in the last column', () => {
  /** A dashed table whose row rules stop at the last column's rule: the thresholding lost them there. */
  function lastColumnLost(rows: number, cols: number) {
    const image = paper(30 * g, 20 * g);
    const [left, top] = [2 * g, 2 * g];
    const { w, h } = table(image, left, top, rows, cols, { dash: 2 * g, gap: Math.round(1.4 * g) });
    for (let r = 1; r < rows; r++) for (let y = top + r * h; y < top + r * h + 2; y++) image.data.fill(255, y * image.width + left + (cols - 1) * w + 3, y * image.width + left + cols * w - 1);
    return { image, w, h, left, top };
  }

  it('carries the row rules on across the last column to the border, marked inferred, and the column has its cells again', () => {
    const { image } = lastColumnLost(4, 6);
    const edges = imageEdges(image, 215, 170);
    expect(edges.filter((e) => e.orientation === 'h' && e.drawn === 'inferred')).toHaveLength(3);
    expect(cellCount(edges)).toBe(24);
  });

  it('does not carry them on where text crosses their line (a cell merged down the last column)', () => {
    const { image, w, h, left, top } = lastColumnLost(4, 6);
    // Text across the line between rows 1 and 2 of the last column.
    const y = top + 2 * h - Math.round(0.4 * g);
    fill(image, left + 5 * w + 8, y, left + 6 * w - 8, y + Math.round(0.8 * g));
    const edges = imageEdges(image, 215, 170);
    expect(edges.filter((e) => e.orientation === 'h' && e.drawn === 'inferred')).toHaveLength(2);
  });
});

describe('imageEdges: strokes of characters', () => {
  it('takes no rule from strokes lined up along a text line, on a page whose rules are broken', () => {
    const image = paper(30 * g, 24 * g);
    table(image, 2 * g, 2 * g, 4, 6, { dash: 2 * g, gap: Math.round(1.4 * g) });
    // Twenty "characters" below the table whose top strokes (0.75 g long) lie on one line, as 不予… do.
    const y = 18 * g;
    for (let k = 0; k < 20; k++) {
      const x = 2 * g + k * g;
      fill(image, x, y, x + Math.round(0.75 * g), y + 3);
      fill(image, x + 10, y + 3, x + 14, y + g);
    }
    expect(imageEdges(image, 215, 170).filter((e) => e.orientation === 'h' && e.pos > 17 * g)).toEqual([]);
  });
});

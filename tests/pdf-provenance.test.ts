/**
 * Every cell read from a PDF names its page and a box that really encloses
 * the number: checked against pdf.js's own text items, independently of the
 * reader's geometry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { openPdf } from '../extractors/pdf/load.js';
import { findSamples, isScanSample } from '../src/eval/truth.js';
import { convertedFile } from './helpers/converted.js';

// Pages with a text layer: pdf.js's own text items are the independent witness. (Scans: see ocr tests.)
// Pre-2019 reports have no cells (their figures: tests/pre2019-formats.test.ts).
const pdfs = findSamples().filter((s) => s.input.endsWith('.pdf') && !isScanSample(s) && Object.keys(s.truth.cells).length > 0);

async function itemsByPage(path: string): Promise<Map<number, TextItem[]>> {
  const task = openPdf(readFileSync(path));
  const doc = await task.promise;
  const pages = new Map<number, TextItem[]>();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.set(n, content.items.filter((i): i is TextItem => 'str' in i));
  }
  await task.destroy();
  return pages;
}

describe('PDF cell provenance', () => {
  it.each(pdfs.map((s) => [s.truth.file, s.input] as const))('%s: each number cell box encloses its text item', async (_, input) => {
    const report = await convertedFile(input);
    const items = await itemsByPage(input);
    const numberCells = Object.entries(report.cells).filter(([, c]) => c.state === 'number');
    expect(numberCells.length).toBeGreaterThan(0);
    for (const [key, cell] of numberCells) {
      const [x0, y0, x1, y1] = cell.source!.bbox!;
      const onPage = items.get(cell.source!.page!)!;
      // The item's baseline, start to end, in PDF user space, must lie inside the box (any rotation).
      const within = (x: number, y: number) => x >= x0 - 0.5 && x <= x1 + 0.5 && y >= y0 - 0.5 && y <= y1 + 0.5;
      const inBox = onPage.filter((i) => {
        const [a, b, , , e, f] = i.transform as [number, number, number, number, number, number];
        const scale = Math.hypot(a, b);
        return i.str.trim() !== '' && within(e, f) && within(e + (a / scale) * i.width, f + (b / scale) * i.width);
      });
      // The number is one item, or (wrapped by a narrow column: 「3,93」 over 「8」) its pieces, top to bottom, all in the box.
      const pieces = [...inBox].sort((p, q) => (q.transform[5] as number) - (p.transform[5] as number)).map((i) => i.str.trim());
      expect(pieces.includes(cell.raw!) || pieces.join('') === cell.raw, `${key} raw ${cell.raw} box ${cell.source!.bbox}: ${pieces.join(' | ')}`).toBe(true);
      // And the box is a cell's worth, not the page.
      expect(Math.min(x1 - x0, y1 - y0)).toBeLessThan(60);
      expect(Math.max(x1 - x0, y1 - y0)).toBeLessThan(200);
    }
  });
});

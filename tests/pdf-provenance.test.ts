/**
 * Every cell read from a PDF names its page and a box that really encloses
 * the number: checked against pdf.js's own text items, independently of the
 * reader's geometry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { openPdf } from '../extractors/pdf/load.js';
import { findSamples } from '../src/eval/truth.js';
import { convertFile } from '../src/pipeline.js';

const pdfs = findSamples().filter((s) => s.input.endsWith('.pdf'));

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
    const report = await convertFile(input);
    const items = await itemsByPage(input);
    const numberCells = Object.entries(report.cells).filter(([, c]) => c.state === 'number');
    expect(numberCells.length).toBeGreaterThan(0);
    for (const [key, cell] of numberCells) {
      const [x0, y0, x1, y1] = cell.source!.bbox!;
      const onPage = items.get(cell.source!.page!)!;
      // The item's baseline start and end, in PDF user space, must lie inside the box (upright pages).
      const inside = onPage.filter((i) => {
        const [a, , , d, e, f] = i.transform as number[];
        const ex = e! + (a! >= 0 ? i.width : -i.width);
        return i.str.trim() === cell.raw && e! >= x0 - 0.5 && e! <= x1 + 0.5 && ex >= x0 - 0.5 && ex <= x1 + 0.5 && f! >= y0 - 0.5 && f! + (d! > 0 ? 0.7 * d! : 0) <= y1 + 0.5;
      });
      expect(inside.length, `${key} raw ${cell.raw} box ${cell.source!.bbox}`).toBeGreaterThanOrEqual(1);
      // And the box is a cell's worth, not the page.
      expect(x1 - x0).toBeLessThan(200);
      expect(y1 - y0).toBeLessThan(100);
    }
  });
});

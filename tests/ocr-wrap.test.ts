/**
 * Numbers wrapped by a narrow cell (「2,74」 over 「8」): one rule for the PDF
 * text reader and the OCR reader (extractors/pdf/tables.ts `fullLines`,
 * `numberPieces`): the lines lie in one cell, are digits and separators
 * only, and every line but the last is as wide as the cell lets a line be.
 * Two values on two lines, with room left on the first, stay apart.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Crop, OcrEngine, Recognized } from '../extractors/ocr/engine.js';
import { brokenByCell, readCells } from '../extractors/ocr/cells.js';
import type { Gray } from '../extractors/ocr/image.js';
import type { Box } from '../extractors/pdf/geometry.js';
import { openPdf } from '../extractors/pdf/load.js';
import { pdfSettings } from '../extractors/pdf/settings.js';
import { cellText } from '../extractors/pdf/tables.js';
import { repoRoot } from '../src/eval/truth.js';
import { convertedFile } from './helpers/converted.js';
import { ocrMissing } from './helpers/ocr.js';
import { inTier } from './helpers/tiers.js';

const run = (text: string, x0: number, y0: number, width: number) => ({ text, box: [x0, y0, x0 + width, y0 + 10] as Box, size: 10, page: 1, horizontal: true });

describe('the PDF text reader: lines of a cell that are one number', () => {
  it('joins centred digit lines when the first is as wide as the cell lets it be, even short of its right side', () => {
    // A 34 pt cell, "2,74" (24 pt) centred with 5 pt each side: "2,748" (30 pt) does not fit within the padding.
    expect(cellText([run('2,74', 105, 100, 24), run('8', 114, 112, 6)], pdfSettings, [100, 98, 134, 124])).toBe('2,748');
    expect(cellText([run('1.20', 105, 100, 24), run('8', 114, 112, 6)], pdfSettings, [100, 98, 134, 124])).toBe('1.208');
  });

  it('keeps two values apart when the first line leaves room, set left, centred or right', () => {
    expect(cellText([run('12', 102, 100, 12), run('34', 102, 112, 12)], pdfSettings, [100, 98, 160, 124])).toBe('12\n34');
    expect(cellText([run('12', 124, 100, 12), run('34', 124, 112, 12)], pdfSettings, [100, 98, 160, 124])).toBe('12\n34');
    expect(cellText([run('12', 146, 100, 12), run('34', 146, 112, 12)], pdfSettings, [100, 98, 160, 124])).toBe('12\n34');
  });

  it('joins only digits and separators', () => {
    expect(cellText([run('2,74', 105, 100, 24), run('人', 114, 112, 10)], pdfSettings, [100, 98, 134, 124])).toBe('2,74\n人');
    expect(cellText([run('274', 105, 100, 24), run('-8', 114, 112, 12)], pdfSettings, [100, 98, 134, 124])).toBe('274\n-8');
  });
});

/** A white image with black blocks: the ink of lines of text. */
function image(width: number, height: number, blocks: Box[]): Gray {
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, y0, x1, y1] of blocks) for (let y = y0; y < y1; y++) data.fill(0, y * width + x0, y * width + x1);
  return { width, height, data };
}

/** An engine that reads every number crop as `number` and every text crop as `text`, and keeps the crops. */
function engine(number: string, text: string): OcrEngine & { crops: Crop[] } {
  const crops: Crop[] = [];
  const read = (t: string): Recognized => ({ text: t, charConfidence: [...t].map(() => 0.9) });
  return {
    name: 'fake',
    crops,
    unavailable: async () => null,
    recognize: async (list) => {
      crops.push(...list);
      return list.map((c) => read(c.kind === 'number' ? number : text));
    },
    readPages: async () => [],
    close: async () => {},
  };
}

const inkOf = (lines: Box[]): Box => [Math.min(...lines.map((l) => l[0])), Math.min(...lines.map((l) => l[1])), Math.max(...lines.map((l) => l[2])), Math.max(...lines.map((l) => l[3]))];

describe('the OCR reader: lines of ink in one cell that are one number (characters 32 px high)', () => {
  // A cell 90 px wide; 「2,74」 centred in it, 70 px wide, the comma's tail 4 px below the digits (29 px); 「8」 under it.
  const cell: Box = [10, 10, 100, 110];
  const wrapped = (firstHeight: number): Box[] => [
    [21, 30, 91, 30 + firstHeight],
    [47, 70, 65, 95],
  ];

  it('judges the lines broken by the cell by their widths, as the PDF reader does', () => {
    const lines = (boxes: Box[]) => boxes.map(([x0, y0, x1, y1]) => ({ x0, y0, x1, y1 }));
    expect(brokenByCell(lines(wrapped(29)), cell)).toBe(true);
    // Centred 8 px short of each side: still as wide as the cell lets it be, within a digit.
    expect(brokenByCell(lines([[29, 30, 83, 59], [47, 70, 65, 95]]), cell)).toBe(true);
    // 「12」 over 「34」 centred in a cell 190 px wide: room for more on the first line.
    expect(brokenByCell(lines([[89, 30, 121, 55], [89, 64, 121, 89]]), [10, 10, 200, 110])).toBe(false);
  });

  it('reads a wrapped number whose comma descends below the digits as one number, its lines side by side', async () => {
    // Digits 25 px high, the comma's tail 4 px wide below them; the text read made the first line Chinese (as at 200 dpi).
    const lines: Box[] = [[21, 30, 91, 55], [45, 55, 49, 59], [47, 70, 65, 95]];
    const ocr = engine('2,748', '2水\n8');
    const [read] = await readCells(image(120, 120, lines), [cell], [inkOf(lines)], 128, ocr);
    expect(read!.text).toBe('2,748');
    // The number was read from the two lines put side by side (70 + 4 + 18 px wide), not from the cell as it is.
    expect(ocr.crops.some((c) => c.kind === 'number')).toBe(true);
  });

  it('joins taller lines when their text read is pieces of a number, one a line', async () => {
    const lines = wrapped(31);
    const [read] = await readCells(image(120, 120, lines), [cell], [inkOf(lines)], 128, engine('2,748', '2,74\n8'));
    expect(read!.text).toBe('2,748');
  });

  it('keeps text that a narrow cell broke as text', async () => {
    const lines = wrapped(34);
    const [read] = await readCells(image(120, 120, lines), [cell], [inkOf(lines)], 128, engine('2,748', '自然\n人'));
    expect(read!.text).toBe('自然\n人');
  });

  it('never joins two values on two lines with room left on the first', async () => {
    const lines: Box[] = [
      [89, 30, 121, 55],
      [89, 64, 121, 89],
    ];
    const ocr = engine('1234', '12\n34');
    const [read] = await readCells(image(220, 120, lines), [[10, 10, 200, 110]], [inkOf(lines)], 128, ocr);
    expect(read!.text).not.toBe('1234');
    expect(ocr.crops.filter((c) => c.kind === 'number')).toEqual([]);
  });
});

const wrapSample = (name: string) => join(repoRoot(), 'samples', 'wrap', name);
/** Cells whose value the narrow columns of samples/wrap print on two lines (see scripts/make-wrap-samples.ts). */
const wrappedCells: Record<string, number> = {
  't3.newReceived.natural': 3938,
  't3.newReceived.total': 4052,
  't3.granted.natural': 2748,
  't3.granted.total': 2776,
  't3.unableNotHeld.natural': 1065,
  't3.unableNotHeld.total': 1089,
  't3.resultTotal.natural': 3943,
  't3.resultTotal.total': 4058,
};

describe('the wrapped-numbers sample', () => {
  it('prints those cells on two lines, and the text reader joins them', async () => {
    // The text layer: the first piece of each value is a text item of its own (the line break is the cell's).
    const task = openPdf(new Uint8Array((await import('node:fs')).readFileSync(wrapSample('narrow-numbers.pdf'))));
    const items: string[] = [];
    try {
      const doc = await task.promise;
      for (let n = 1; n <= doc.numPages; n++) for (const item of (await (await doc.getPage(n)).getTextContent()).items) if ('str' in item) items.push(item.str.trim());
    } finally {
      await task.destroy();
    }
    for (const value of Object.values(wrappedCells)) {
      const printed = value.toLocaleString('en-US');
      expect(items).not.toContain(printed);
      expect(items).toContain(printed.slice(0, 4));
      expect(items).toContain(printed.slice(4));
    }
    const report = await convertedFile(wrapSample('narrow-numbers.pdf'));
    for (const [key, value] of Object.entries(wrappedCells)) expect(report.cells[key]?.value, key).toBe(value);
  });

  // 150 and 300 dpi in the full OCR tier (tests/helpers/tiers.ts).
  const scans = ['narrow-numbers-scan-150.pdf', 'narrow-numbers-scan-200.pdf', 'narrow-numbers-scan-300.pdf'];
  it.skipIf(ocrMissing !== null).each(inTier(scans, (name) => name, ['narrow-numbers-scan-200.pdf']))(
    'reads them from the scan %s',
    async (name) => {
      const report = await convertedFile(wrapSample(name));
      expect(report.source.reader).toBe('pdf-ocr');
      for (const [key, value] of Object.entries(wrappedCells)) expect(report.cells[key]?.value, key).toBe(value);
    },
    900_000,
  );
});

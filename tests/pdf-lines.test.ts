/**
 * Lines → paragraphs (extractors/pdf/lines.ts): a sentence wrapped onto a
 * second line stays one paragraph, whether the lines come from a text layer
 * or from OCR, whose line "size" is the height of the ink.
 */
import { describe, expect, it } from 'vitest';
import type { Line } from '../extractors/pdf/lines.js';
import { paragraphs } from '../extractors/pdf/lines.js';
import { pdfSettings } from '../extractors/pdf/settings.js';

/** A line of one run at [x0, top, x1, top + size] on page 1 (page space, y down). */
function line(text: string, x0: number, x1: number, top: number, size: number, confidence?: number): Line {
  const box: [number, number, number, number] = [x0, top, x1, top + size];
  return { text, box, size, page: 1, runs: [{ text, box, size, page: 1, horizontal: true, ...(confidence !== undefined ? { confidence } : {}) }] };
}

const context = { pageToUser: new Map([[1, [1, 0, 0, 1, 0, 0] as [number, number, number, number, number, number]]]), body: 10.5, margins: new Map([[1, [57, 561] as [number, number]]]) };

describe('paragraphs', () => {
  // pingtan-2014 scanned at 200 dpi: the first line holds 「1；」 and is 12.9 pt of ink high, its continuation 11.1 pt.
  const first = '2014年全区收到有关政府信息公开的信函申请1条，已受理回复；未收到有关政府信息公开行';
  const second = '政复议的申请。';

  it('keeps an OCR sentence wrapped onto a line of lower ink in one paragraph', () => {
    const blocks = paragraphs([line(first, 57.6, 561.2, 100, 12.9, 0.9), line(second, 57.2, 134.3, 118, 11.1, 0.9)], context, pdfSettings);
    expect(blocks.map((b) => b.text)).toEqual([first + second]);
  });

  it('still starts a paragraph where a text layer changes font size', () => {
    const blocks = paragraphs([line(first, 57.6, 561.2, 100, 12.9), line(second, 57.2, 134.3, 118, 11.1)], context, pdfSettings);
    expect(blocks.map((b) => b.text)).toEqual([first, second]);
  });
});

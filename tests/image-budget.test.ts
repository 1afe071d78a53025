/**
 * One pixel budget (limits.maxImagePixels), checked before any image is
 * decoded: PNG and JPEG headers for the image reader and the compare page,
 * the image dictionaries of a PDF before pdf.js sees them, the canvas of a
 * drawn page. A few hundred bytes can declare 20000×20000 pixels (2.7 GB
 * decoded); each such file is built here and must be refused by its header
 * with a problem that names it (and, in a PDF, its page), and the compare
 * page must be written whatever images its reports' sources hold.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageDefect } from '../extractors/image-check.js';
import { readImage } from '../extractors/image/index.js';
import { declaredImages, disarmOversizedImages, oversizedImages } from '../extractors/pdf/images.js';
import { readPdf } from '../extractors/pdf/index.js';
import { openPdf } from '../extractors/pdf/load.js';
import { PageTooLarge, drawPage } from '../extractors/pdf/render.js';
import { repoRoot } from '../src/eval/truth.js';
import type { Report } from '../src/model/report.js';
import { convertedFile } from './helpers/converted.js';
import { limits } from '../src/settings.js';
import { bin, expectBuilt } from './helpers/cli.js';
import { declaredPng, pdfWithImage } from './helpers/hostile.js';

const run = promisify(execFile);

/** A sound JPEG whose frame header is then damaged (a component count that does not fit it). */
function damagedJpeg(): Buffer {
  const canvas = createCanvas(40, 30);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 40, 30);
  const b = Buffer.from(canvas.toBuffer('image/jpeg'));
  for (let i = 2; i < b.length - 1; i++) {
    if (b[i] === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2)) {
      b[i + 9] = 200;
      return b;
    }
  }
  throw new Error('no frame header');
}

describe('the pixel budget of the readers', () => {
  it('is read from a PNG header: 20000×20000 declared in 65 bytes is refused, 10000×10000 (the budget) is not', () => {
    const big = declaredPng(20000, 20000);
    expect(big.length).toBeLessThan(100);
    expect(imageDefect(big)).toMatch(/20000×20000 pixels, over the budget of 100 million/);
    expect(imageDefect(declaredPng(10000, 10000))).toBeUndefined();
    expect(10000 * 10000).toBe(limits.maxImagePixels);
  });

  it('makes the image reader refuse such a PNG with FILE_UNREADABLE before decoding it', async () => {
    const layout = await readImage(declaredPng(20000, 20000));
    expect(layout.problems).toEqual([expect.objectContaining({ code: 'FILE_UNREADABLE', message: expect.stringMatching(/20000×20000 pixels, over the budget/) })]);
  });

  it('finds the image dictionaries of a PDF, and disarms those over the budget at the same length', () => {
    const bytes = pdfWithImage(20000, 20000);
    expect(declaredImages(bytes).map((i) => [i.width, i.height])).toEqual([[20000, 20000]]);
    const disarmed = disarmOversizedImages(new Uint8Array(bytes));
    expect(disarmed.length).toBe(bytes.length);
    expect(declaredImages(disarmed).map((i) => [i.width, i.height])).toEqual([[0, 20000]]);
    expect(Buffer.from(disarmed).toString('latin1')).toMatch(/\/NoFilt \/FlateDecode/);
    // A page scan's image is left as it is.
    const scan = pdfWithImage(4961, 7016);
    expect(oversizedImages(scan)).toEqual([]);
    expect(Buffer.from(disarmOversizedImages(new Uint8Array(scan))).equals(scan)).toBe(true);
  });

  it('gives PAGE_UNREADABLE naming the page of a PDF that draws an image over the budget, and reads the other pages', async () => {
    const layout = await readPdf(pdfWithImage(20000, 20000, { pages: 3, imagePage: 2 }));
    const refused = layout.problems.filter((p) => p.code === 'PAGE_UNREADABLE');
    expect(refused).toEqual([expect.objectContaining({ source: { page: 2 }, message: expect.stringMatching(/^Page 2 draws an image of 20000×20000 pixels, over the budget/) })]);
    expect(layout.pageReads).toEqual(['text', 'blank', 'text']);
  });

  it('never draws a page whose canvas would be over the budget', async () => {
    const task = openPdf(pdfWithImage(10, 10, { mediaBox: [0, 0, 200000, 200000] }));
    try {
      const page = await (await task.promise).getPage(1);
      await expect(drawPage(page, 1)).rejects.toBeInstanceOf(PageTooLarge);
    } finally {
      await task.destroy();
    }
  });
});

describe('the compare page on sources that convert refused', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'govreport-image-budget-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes report.html for every report: a 60000×60000 PNG, a JPEG with a damaged frame header and a PDF drawing a 20000² image are not decoded', async () => {
    expectBuilt();
    const base = await convertedFile(join(repoRoot(), 'samples', 'html', 'clean-2021-utf8.html'));
    const out = join(work, 'out');
    mkdirSync(out);
    const sources: Array<[string, Buffer, Report['source']['format']]> = [
      ['big.png', declaredPng(60000, 60000), 'image'],
      ['damaged.jpg', damagedJpeg(), 'image'],
      ['scan.pdf', pdfWithImage(20000, 20000), 'pdf'],
    ];
    for (const [name, bytes, format] of sources) {
      writeFileSync(join(out, name), bytes);
      const report = structuredClone(base);
      report.source = { file: name, sha256: createHash('sha256').update(bytes).digest('hex'), format, reader: format === 'pdf' ? 'pdf-ocr' : 'image-ocr', pages: 1 };
      for (const cell of Object.values(report.cells)) if (cell.source) cell.source = { page: 1, bbox: [10, 10, 50, 30] };
      writeFileSync(join(out, `${name}.json`), JSON.stringify(report));
    }
    const page = join(work, 'report.html');
    await run(process.execPath, [bin, 'compare', out, '-o', page], { timeout: 120_000 });
    expect(readFileSync(page, 'utf8')).toContain('govreport');
    const details = readdirSync(join(work, 'report.files', 'detail')).map((f) => readFileSync(join(work, 'report.files', 'detail', f), 'utf8'));
    expect(details).toHaveLength(3);
    const notes = details.map((d) => /"sourceNote":("(?:[^"\\]|\\.)*"|null)/.exec(d)![1]).sort();
    expect(notes).toEqual([expect.stringMatching(/JPEG with a damaged frame header/), expect.stringMatching(/PNG of 60000×60000 pixels/), 'null']);
    // The PDF's page is drawn, without its image.
    expect(readdirSync(join(work, 'report.files', 'pages'))).toHaveLength(1);
  }, 180_000);
});

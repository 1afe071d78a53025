/**
 * A scanned page that is one image is read from the image pdf.js decoded,
 * not drawn (extractors/ocr/page-image.ts): the pixels must be those the
 * drawn page shows, ink dark whatever the image's Decode array says, and
 * every page that is more than one upright image covering the page must
 * still be drawn.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { afterAll, describe, expect, it } from 'vitest';
import type { Gray } from '../extractors/ocr/image.js';
import { normalizedImage, pdfPageSource } from '../extractors/ocr/page.js';
import type { PageSource } from '../extractors/ocr/page.js';
import { decodedPage } from '../extractors/ocr/page-image.js';
import type { Matrix } from '../extractors/pdf/geometry.js';
import { openPdf } from '../extractors/pdf/load.js';
import { pageGraphics } from '../extractors/pdf/rules.js';
import { pdfSettings } from '../extractors/pdf/settings.js';
import { repoRoot } from '../src/eval/truth.js';

const tasks: Array<ReturnType<typeof openPdf>> = [];
afterAll(async () => {
  await Promise.all(tasks.map((t) => t.destroy()));
});

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const task = openPdf(bytes);
  tasks.push(task);
  return task.promise;
}

/** Page `n` of the file: its graphics and its source as the OCR reader gets it. */
async function pageOf(doc: PDFDocumentProxy, n = 1) {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  const graphics = await pageGraphics(page, viewport.transform as Matrix, pdfSettings);
  return { page, graphics, source: pdfPageSource(page, graphics.imageScale, graphics.scan), width: viewport.width, height: viewport.height };
}

/** Mean absolute difference of two images of one size, and how many pixels each has darker than mid-grey. */
function compare(a: Gray, b: Gray): { meanDiff: number; inkA: number; inkB: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  let inkA = 0;
  let inkB = 0;
  for (let i = 0; i < a.data.length; i++) {
    sum += Math.abs(a.data[i]! - b.data[i]!);
    if (a.data[i]! < 128) inkA++;
    if (b.data[i]! < 128) inkB++;
  }
  return { meanDiff: sum / a.data.length, inkA, inkB };
}

/** The decoded page next to the page drawn at the scan's own scale: the same pixels. */
async function decodedMatchesDrawn(file: string, n = 1): Promise<Gray> {
  const { graphics, source } = await pageOf(await open(new Uint8Array(readFileSync(file))), n);
  expect(graphics.scan).toBeDefined();
  const decoded = (await source.decoded!())!;
  expect(decoded).toBeDefined();
  const drawn = await source.render(1 / decoded.toPage[0]);
  const { meanDiff, inkA, inkB } = compare(decoded.image, drawn);
  expect(meanDiff).toBeLessThan(1);
  expect(Math.abs(inkA - inkB)).toBeLessThanOrEqual(0.005 * inkB);
  expect(inkA).toBeGreaterThan(1000); // a page of text, not blank paper
  return decoded.image;
}

interface TestImage {
  width: number;
  height: number;
  /** The image dictionary's entries besides its size, filter and length. */
  entries: string;
  /** The stream's decoded bytes. */
  data: Buffer;
}

/** A one-page PDF whose content is `content`, drawing the images named Im0, Im1, …; A4 unless `size` says otherwise. */
function pdf(content: string, images: TestImage[], size: [number, number] = [595, 842]): Buffer {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
  const xobjects = images.map((_, k) => `/Im${k} ${5 + k} 0 R`).join(' ');
  objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size.join(' ')}] /Resources << /XObject << ${xobjects} >> /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>`);
  objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  for (const image of images) {
    const data = deflateSync(image.data).toString('latin1');
    objects.push(`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} ${image.entries} /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream`);
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// A 200 dpi A4 scan's size: 1654 × 2339 pixels, on a page of exactly that size at 200 dpi (0.36 pt a pixel), so that the drawn page
// has the image's pixels; on A4's 595 × 842 points the two axes' scales differ by 0.1 %.
const [W, H] = [1654, 2339];
const [pageW, pageH] = [W * 0.36, H * 0.36];
const fullPage = `q ${pageW} 0 0 ${pageH} 0 0 cm /Im0 Do Q`;
const scale = 200 / 72;
/** Ink of the test images: a dark bar across rows 100–119 and one down columns 300–309, on white. */
const isInk = (x: number, y: number) => (y >= 100 && y < 120) || (x >= 300 && x < 310);

function grayImage(): TestImage {
  const data = Buffer.alloc(W * H, 255);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (isInk(x, y)) data[y * W + x] = 20;
  return { width: W, height: H, entries: '/ColorSpace /DeviceGray /BitsPerComponent 8', data };
}

/** One bit a pixel; `inkBit` is the bit value of ink (0 as DeviceGray reads it; 1 with /Decode [1 0]). */
function bilevelImage(inkBit: 0 | 1): TestImage {
  const rowBytes = (W + 7) >> 3;
  const data = Buffer.alloc(rowBytes * H, inkBit ? 0 : 0xff);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (!isInk(x, y)) continue;
      const bit = 0x80 >> (x & 7);
      data[y * rowBytes + (x >> 3)] = inkBit ? data[y * rowBytes + (x >> 3)]! | bit : data[y * rowBytes + (x >> 3)]! & ~bit;
    }
  return { width: W, height: H, entries: `/ColorSpace /DeviceGray /BitsPerComponent 1${inkBit ? ' /Decode [1 0]' : ''}`, data };
}

/** The seal's red (R 220, G 40, B 40) over the left half, black ink in the bar. */
function rgbImage(): TestImage {
  const data = Buffer.alloc(W * H * 3, 255);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = 3 * (y * W + x);
      if (isInk(x, y)) data.fill(0, i, i + 3);
      else if (x < W / 2) [data[i], data[i + 1], data[i + 2]] = [220, 40, 40];
    }
  return { width: W, height: H, entries: '/ColorSpace /DeviceRGB /BitsPerComponent 8', data };
}


/** The decoded page is the image's own pixels, placed on the page: ink where the image has ink, white elsewhere. */
function expectPixels(image: Gray, ink: number, paper: number): void {
  expect([image.width, image.height]).toEqual([W, H]);
  let wrong = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (image.data[y * W + x] !== (isInk(x, y) ? ink : paper)) wrong++;
  expect(wrong).toBe(0);
}

describe('a page that is one image is read without drawing it', () => {
  it('a JPEG scan (gray): the decoded pixels are the drawn page', async () => {
    await decodedMatchesDrawn(join(repoRoot(), 'samples', 'scan', 'scan-150-noisy.pdf'));
  });

  it('a JPEG scan in colour with a red seal: washed out as when drawn', async () => {
    await decodedMatchesDrawn(join(repoRoot(), 'samples', 'scan', 'scan-200-seal.pdf'));
  });

  it('a Flate gray image: its own pixels, and the matrix that puts them on the page', async () => {
    const { source } = await pageOf(await open(pdf(fullPage, [grayImage()], [pageW, pageH])));
    const decoded = (await source.decoded!())!;
    expectPixels(decoded.image, 20, 255);
    expect(decoded.toPage.map((v) => Number(v.toFixed(9)))).toEqual([0.36, 0, 0, 0.36, 0, 0]);
    expect(compare(decoded.image, await source.render(scale)).meanDiff).toBeLessThan(1);
  });

  it('a scan whose two axes have different scales on the page (1654 × 2339 pixels on A4): each axis keeps its own', async () => {
    const { source } = await pageOf(await open(pdf('q 595 0 0 842 0 0 cm /Im0 Do Q', [grayImage()])));
    const decoded = (await source.decoded!())!;
    expectPixels(decoded.image, 20, 255);
    expect(decoded.toPage).toEqual([595 / W, 0, 0, 842 / H, 0, 0]);
  });

  it('a Flate colour image: seal red turns to paper, black ink stays (the formula of the drawn page)', async () => {
    const { source } = await pageOf(await open(pdf(fullPage, [rgbImage()], [pageW, pageH])));
    const decoded = (await source.decoded!())!;
    // max(R, luminance) of (220, 40, 40) is 220; white paper 255.
    for (const [x, y, v] of [[10, 10, 220], [W - 10, 10, 255], [10, 110, 0], [305, 2000, 0]] as const) expect(decoded.image.data[y * W + x], `${x},${y}`).toBe(v);
    expect(compare(decoded.image, await source.render(scale)).meanDiff).toBeLessThan(1);
  });

  it.each([0, 1] as const)('a 1-bit image whose ink bit is %i (Decode array): ink comes out black, paper white', async (inkBit) => {
    const { source } = await pageOf(await open(pdf(fullPage, [bilevelImage(inkBit)], [pageW, pageH])));
    const decoded = (await source.decoded!())!;
    expectPixels(decoded.image, 0, 255);
    expect(compare(decoded.image, await source.render(scale)).meanDiff).toBeLessThan(1);
  });

  const bilevel = join(repoRoot(), '..', 'shared', 'samples', 'bilevel', 'd045.pdf');
  const poppler = (() => {
    try {
      execFileSync('pdfimages', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!existsSync(bilevel))('a 1-bit CCITT G4 scan (BlackIs1 as the scanner wrote it): the drawn page, and the pixels poppler reads', async () => {
    const decoded = await decodedMatchesDrawn(bilevel);
    if (!poppler) return;
    const dir = mkdtempSync(join(tmpdir(), 'page-image-'));
    try {
      // pdfimages writes the image as decoded (PBM: 1 is black): pixel for pixel the same.
      execFileSync('pdfimages', ['-f', '1', '-l', '1', bilevel, join(dir, 'im')]);
      const pbm = readFileSync(join(dir, 'im-000.pbm'));
      const header = /^P4\s+(\d+)\s+(\d+)\s/.exec(pbm.toString('latin1', 0, 30))!;
      expect([Number(header[1]), Number(header[2])]).toEqual([decoded.width, decoded.height]);
      const bits = pbm.subarray(header[0].length);
      const rowBytes = (decoded.width + 7) >> 3;
      let wrong = 0;
      for (let y = 0; y < decoded.height; y++)
        for (let x = 0; x < decoded.width; x++) if ((decoded.data[y * decoded.width + x] === 0) !== (((bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1)) wrong++;
      expect(wrong).toBe(0);
      // pdftoppm draws the page at the scan's 150 dpi with its image smoothing (edge pixels grey): as much ink, the same side dark.
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '150', '-gray', bilevel, join(dir, 'p')]);
      const pgm = readFileSync(join(dir, 'p-1.pgm'));
      const pgmHeader = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
      const drawn: Gray = { width: Number(pgmHeader[1]), height: Number(pgmHeader[2]), data: new Uint8Array(pgm.subarray(pgmHeader[0].length)) };
      const { inkA, inkB } = compare(decoded, drawn);
      expect(Math.abs(inkA - inkB)).toBeLessThanOrEqual(0.01 * inkB);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a page that is not one upright image covering it is drawn', () => {
  const cases: Array<[string, string, TestImage[]]> = [
    ['text besides the image', `${fullPage} BT /F1 12 Tf 72 720 Td (page text) Tj ET`, [grayImage()]],
    ['a rule drawn over the image', `${fullPage} 0 0 0 RG 2 w 50 400 m 500 400 l S`, [grayImage()]],
    ['two images', `${fullPage} q 100 0 0 100 10 10 cm /Im1 Do Q`, [grayImage(), grayImage()]],
    ['an image clipped', `q 0 0 300 842 re W n ${fullPage} Q`, [grayImage()]],
    ['an image mask (painted in the fill colour)', fullPage, [{ ...bilevelImage(0), entries: '/ImageMask true /BitsPerComponent 1' }]],
  ];
  it.each(cases)('%s: no scan', async (_, content, images) => {
    const { graphics, source } = await pageOf(await open(pdf(content, images)));
    expect(graphics.scan).toBeUndefined();
    expect(source.decoded).toBeUndefined();
  });

  const placed: Array<[string, string]> = [
    ['turned a quarter', 'q 0 842 -595 0 595 0 cm /Im0 Do Q'],
    ['mirrored', 'q -595 0 0 842 595 0 cm /Im0 Do Q'],
    ['upside down', 'q 595 0 0 -842 0 842 cm /Im0 Do Q'],
    ['over half of the page', 'q 297 0 0 421 0 421 cm /Im0 Do Q'],
    ['shifted by ten points', 'q 595 0 0 842 10 0 cm /Im0 Do Q'],
  ];
  it.each(placed)('the image %s: not decoded directly', async (_, content) => {
    const { page, graphics, width, height } = await pageOf(await open(pdf(content, [grayImage()])));
    expect(graphics.scan).toBeDefined();
    expect(await decodedPage(page, graphics.scan!, width, height)).toBeUndefined();
  });

  it('normalizedImage draws a page without a decoded image, and does not draw one with it', async () => {
    const gray: Gray = { width: 100, height: 100, data: new Uint8Array(100 * 100).fill(255) };
    let drawn = 0;
    const base = { width: 100, height: 100, nativeScale: 1, render: async () => (drawn++, gray) };
    await normalizedImage(base);
    expect(drawn).toBe(1);
    const direct: PageSource = { ...base, decoded: async () => ({ image: gray, toPage: [0.5, 0, 0, 0.5, 0, 0] }) };
    expect((await normalizedImage(direct)).toPage).toEqual([0.5, 0, 0, 0.5, 0, 0]);
    expect(drawn).toBe(1);
  });
});

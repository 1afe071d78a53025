/**
 * The degradations of the scan variants (scripts/scan-degrade.ts) do what
 * their names say, and the variants are the same bytes on every run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Gray } from '../extractors/ocr/image.js';
import { random } from '../scripts/fuzz-corpus.js';
import { bilevel, faint, perspective, photocopy, saltAndPepper, turn, twoUp } from '../scripts/scan-degrade.js';
import { scanPages, scanPdf, variants } from '../scripts/scan-variants.js';
import { repoRoot } from '../src/eval/truth.js';

const gray = (width: number, height: number, value: (x: number, y: number) => number): Gray => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { width, height, data };
};

const office = { blur: 0.5, noise: 24, grain: 2, threshold: 150 };

describe('scan degradations', () => {
  it('turns by quarter turns pixel for pixel: 90° clockwise puts the top-left pixel top-right, 90° then 270° is the original', () => {
    const image = gray(5, 3, (x, y) => 10 * y + x);
    const turned = turn(image, 90);
    expect([turned.width, turned.height]).toEqual([3, 5]);
    expect(turned.data[2]).toBe(0); // (0,0) → top-right of the 3-wide image
    expect(Array.from(turn(turned, 270).data)).toEqual(Array.from(image.data));
    expect(Array.from(turn(turn(image, 180), 180).data)).toEqual(Array.from(image.data));
  });

  it('salt-and-pepper dots about the asked fraction of the pixels, half black, half white', () => {
    const image = saltAndPepper(gray(200, 200, () => 128), 0.01, random(7));
    const black = image.data.filter((v) => v === 0).length / image.data.length;
    const white = image.data.filter((v) => v === 255).length / image.data.length;
    expect(black).toBeGreaterThan(0.004);
    expect(black).toBeLessThan(0.006);
    expect(white).toBeGreaterThan(0.004);
    expect(white).toBeLessThan(0.006);
  });

  it('faint print keeps paper white and lightens black ink to the contrast asked', () => {
    const image = faint(gray(2, 1, (x) => (x === 0 ? 0 : 255)), 0.3);
    expect(Array.from(image.data)).toEqual([Math.round(255 * 0.7), 255]);
  });

  it('bilevel: paper stays white, solid ink black, and a faint hairline breaks into dashes', () => {
    // 400 px wide: paper, a 3 px black rule at rows 10–12, and at rows 30–31 a rule as a 0.75 pt rule in 50 % grey
    // prints at 150 dpi (1.6 px wide: two rows of mid grey after anti-aliasing).
    const image = gray(400, 40, (_, y) => (y >= 10 && y <= 12 ? 0 : y === 30 || y === 31 ? 150 : 255));
    const ink = bilevel(image, office, random(3));
    const row = (y: number) => Array.from(ink.subarray(y * 400, (y + 1) * 400));
    expect(row(2).every((b) => b === 0)).toBe(true);
    expect(row(11).every((b) => b === 1)).toBe(true);
    const hairline = row(30);
    const kept = hairline.filter((b) => b === 1).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(400);
    // Dashes, not single dots: the noise varies over a few pixels.
    const runs = hairline.join('').split(/0+/).filter((r) => r.length > 0);
    expect(kept / runs.length).toBeGreaterThanOrEqual(3);
  });

  it('perspective with the page corners on the frame corners leaves the page as it is', () => {
    const image = gray(30, 20, (x, y) => (x * 7 + y * 3) % 256);
    const out = perspective(
      image,
      [
        [0, 0],
        [29, 0],
        [29, 19],
        [0, 19],
      ],
      30,
      20,
      0,
    );
    for (let y = 0; y < 19; y++) for (let x = 0; x < 29; x++) expect(Math.abs(out.data[y * 30 + x]! - image.data[y * 30 + x]!)).toBeLessThanOrEqual(1);
  });

  it('photocopy darkens the edges and two holes in the left margin, and leaves the middle alone', () => {
    const out = photocopy(gray(300, 400, () => 255), { band: 10, hole: 12 }, random(5));
    expect(out.data[0]).toBeLessThan(128);
    expect(out.data[200 * 300 + 150]).toBe(255);
    // Hole centres: a hole's width inside the band, 80 mm of the 297 mm page apart about the middle.
    const apart = (80 / 297) * 400;
    for (const cy of [200 - apart / 2, 200 + apart / 2]) expect(out.data[Math.round(cy) * 300 + 22]).toBeLessThan(128);
    expect(out.data[200 * 300 + 22]).toBe(255);
  });

  it('two-up puts each page in its half of the sheet', () => {
    const sheet = twoUp(gray(10, 14, () => 0), gray(10, 14, () => 100), 20, 14);
    expect([sheet.data[7 * 20 + 5], sheet.data[7 * 20 + 15]]).toEqual([0, 100]);
  });

  it('makes the same bytes on every run (seeded noise)', async () => {
    const source = readFileSync(join(repoRoot(), 'samples', 'pdf', 'lo-clean-2021.pdf'));
    const variant = variants.find((v) => v.name === 'bilevel-100')!;
    const [a, b] = [scanPdf(await scanPages(source, [3], variant), variant), scanPdf(await scanPages(source, [3], variant), variant)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).toString('latin1')).toContain('/Filter /CCITTFaxDecode /DecodeParms << /K -1');
  });
});

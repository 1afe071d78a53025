/**
 * The CCITT G4 encoder of the bilevel scan variants (scripts/ccitt-g4.ts):
 * its code tables are prefix codes of the sizes T.4 gives, and what it
 * writes decodes, in a PDF image with /CCITTFaxDecode /K -1, to the same
 * bits in pdf.js (the reader's decoder) and in poppler (pdfimages), with
 * ink dark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../extractors/pdf/load.js';
import { encodeG4, g4Codes } from '../scripts/ccitt-g4.js';
import { random } from '../scripts/fuzz-corpus.js';
import { scanPdf } from '../scripts/scan-variants.js';

interface Bits {
  name: string;
  width: number;
  height: number;
  /** 1 = black, one byte per pixel. */
  ink: Uint8Array;
}

const image = (name: string, width: number, height: number, black: (x: number, y: number) => boolean): Bits => {
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) ink[y * width + x] = black(x, y) ? 1 : 0;
  return { name, width, height, ink };
};

const rnd = random(2024);
const noise = Array.from({ length: 300 * 40 }, () => rnd());
const images: Bits[] = [
  image('random half black', 300, 40, (x, y) => noise[y * 300 + x]! < 0.5),
  image('random sparse specks', 300, 40, (x, y) => noise[y * 300 + x]! < 0.03),
  // Every run length 0–2700 of both colours on some row: terminating, make-up and extended make-up codes, and
  // runs past 2560 that take two make-up codes.
  image('long runs', 2700, 30, (x, y) => (y % 2 === 0 ? x < y * 90 + 5 : x >= (y * 89) % 2700)),
  image('all white', 64, 8, () => false),
  image('all black', 65, 8, () => true),
  image('one column', 1, 9, (_, y) => y % 3 === 0),
  // A page: ruled table cells with broken hairlines, glyph-like blocks; vertical mode everywhere, pass mode at cell corners.
  image('page-like', 613, 211, (x, y) => {
    if (y % 50 === 10 && (x * 7) % 13 < 9) return true;
    if (x % 120 === 30 && y % 17 < 12) return true;
    const [cx, cy] = [x % 120, y % 50];
    return cx > 40 && cx < 90 && cy > 20 && cy < 40 && (cx * cy) % 7 < 3;
  }),
];

const pdfOf = (bits: Bits) =>
  scanPdf([{ filter: 'CCITTFaxDecode', bytes: encodeG4(bits.ink, bits.width, bits.height), width: bits.width, height: bits.height }], {
    name: bits.name,
    imitates: 'test',
    scanDpi: 72,
    page: { declaredPpi: 72 },
  });

/** The image of page 1 as pdf.js decodes it, as ink bits (its 1-bit grey keeps 0 for black). */
async function pdfjsBits(pdf: Uint8Array): Promise<Bits> {
  const task = openPdf(pdf);
  try {
    const page = await (await task.promise).getPage(1);
    const ops = await page.getOperatorList();
    const id = ops.argsArray[ops.fnArray.indexOf(OPS.paintImageXObject)]![0] as string;
    const decoded = await new Promise<{ width: number; height: number; kind: number; data: Uint8Array }>((resolve) => page.objs.get(id, resolve));
    expect(decoded.kind).toBe(1); // ImageKind.GRAYSCALE_1BPP: packed rows, 1 = white
    return unpack('pdf.js', decoded.width, decoded.height, decoded.data, 0);
  } finally {
    await task.destroy();
  }
}

/** Packed rows (MSB first, rows padded to bytes) → ink bits; `inkBit` is the bit value of black. */
function unpack(name: string, width: number, height: number, data: Uint8Array, inkBit: 0 | 1): Bits {
  const stride = Math.ceil(width / 8);
  return image(name, width, height, (x, y) => ((data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1) === inkBit);
}

const poppler = spawnSync('pdfimages', ['-v']).error === undefined;

/** The image as poppler's pdfimages writes it: a PBM (P4), where 1 is black. */
function popplerBits(pdf: Uint8Array): Bits {
  const dir = mkdtempSync(join(tmpdir(), 'g4-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const run = spawnSync('pdfimages', [join(dir, 'in.pdf'), join(dir, 'img')]);
    expect(run.status, String(run.stderr)).toBe(0);
    const pbm = readFileSync(join(dir, 'img-000.pbm'));
    const header = /^P4\s+(\d+)\s+(\d+)\s/.exec(pbm.subarray(0, 40).toString('latin1'))!;
    return unpack('poppler', Number(header[1]), Number(header[2]), pbm.subarray(header[0].length), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('CCITT G4 encoder', () => {
  it('has the T.4 code tables: 64 terminating and 27 make-up codes per colour, 13 shared, each colour a prefix code', () => {
    const { whiteTerminating, whiteMakeup, blackTerminating, blackMakeup, extendedMakeup } = g4Codes;
    expect([whiteTerminating.length, whiteMakeup.length, blackTerminating.length, blackMakeup.length, extendedMakeup.length]).toEqual([64, 27, 64, 27, 13]);
    for (const codes of [
      [...whiteTerminating, ...whiteMakeup, ...extendedMakeup],
      [...blackTerminating, ...blackMakeup, ...extendedMakeup],
    ]) {
      expect(new Set(codes).size).toBe(codes.length);
      for (const a of codes) for (const b of codes) if (a !== b) expect(b.startsWith(a), `${a} is a prefix of ${b}`).toBe(false);
    }
  });

  it.each(images.map((b) => [b.name, b] as const))('%s: pdf.js decodes the same bits, black where the ink is', async (_, bits) => {
    const decoded = await pdfjsBits(pdfOf(bits));
    expect([decoded.width, decoded.height]).toEqual([bits.width, bits.height]);
    expect(Buffer.from(decoded.ink).equals(Buffer.from(bits.ink))).toBe(true);
  });

  it.skipIf(!poppler).each(images.map((b) => [b.name, b] as const))('%s: poppler (pdfimages) decodes the same bits', (_, bits) => {
    const decoded = popplerBits(pdfOf(bits));
    expect([decoded.width, decoded.height]).toEqual([bits.width, bits.height]);
    expect(Buffer.from(decoded.ink).equals(Buffer.from(bits.ink))).toBe(true);
  });
});

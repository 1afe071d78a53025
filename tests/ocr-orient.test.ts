/**
 * The steps that bring an archive's page image to what the reader expects
 * (issue 21): which way up it is, how far askew, uneven or faint paper and
 * ink, a copier's border and punch holes. Synthetic pages whose every pixel
 * is known; the variants in samples/scan-variants test the whole reader.
 */
import { describe, expect, it } from 'vitest';
import { apply } from '../extractors/pdf/geometry.js';
import { flattenBackground } from '../extractors/ocr/background.js';
import type { Gray } from '../extractors/ocr/image.js';
import { estimateSkew, inkThreshold, rotate } from '../extractors/ocr/image.js';
import { clearMargins } from '../extractors/ocr/margins.js';
import type { OcrEngine, Recognized } from '../extractors/ocr/engine.js';
import { doubtfulOrientation, isSideways, orientSettings, probeCrops, readsBetterTurned, turnedToImage, turnImage } from '../extractors/ocr/orient.js';
import { ocrSettings } from '../extractors/ocr/settings.js';

/** A page of "characters" (32 px squares of strokes, 34 px apart, lines 52 px apart) under a ruled table, ink at `ink` on paper at `paper(x, y)`. */
function textPage(width: number, height: number, ink = 0, paper: (x: number, y: number) => number = () => 255): { page: Gray; inkAt: Uint8Array } {
  const inkAt = new Uint8Array(width * height);
  const mark = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < width && y < height) inkAt[y * width + x] = 1;
  };
  for (let top = 120; top + 32 < height - 120; top += 52)
    for (let left = 120; left + 32 < width - 120; left += 34) {
      // 口 with a cross: four sides and two middle strokes, 3 px thick.
      for (let k = 0; k < 32; k++)
        for (let t = 0; t < 3; t++) {
          mark(left + k, top + t);
          mark(left + k, top + 29 + t);
          mark(left + t, top + k);
          mark(left + 29 + t, top + k);
          if ((left + top) % 3 === 0) mark(left + 15 + t, top + k);
          else mark(left + k, top + 15 + t);
        }
    }
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = inkAt[y * width + x] ? Math.round((ink * paper(x, y)) / 255) : paper(x, y);
  return { page: { width, height, data }, inkAt };
}

describe('page orientation', () => {
  it('tells text lines across the image from lines down it (a sheet fed sideways)', () => {
    const { page } = textPage(900, 1200);
    const threshold = inkThreshold(page);
    expect(isSideways(page, threshold)).toBe(false);
    expect(isSideways(turnImage(page, 1), threshold)).toBe(true);
    expect(isSideways(turnImage(page, 3), threshold)).toBe(true);
    expect(isSideways(turnImage(page, 2), threshold)).toBe(false);
    // Askew by 4° too.
    expect(isSideways(turnImage(rotate(page, 4), 1), threshold)).toBe(true);
  });

  it('maps boxes of the turned image back onto the pixels as given', () => {
    const page: Gray = { width: 5, height: 3, data: new Uint8Array(15).fill(255) };
    page.data[1 * 5 + 4] = 0; // pixel x 4…5, y 1…2
    for (const turn of [1, 2, 3] as const) {
      const turned = turnImage(page, turn);
      const at = turned.data.indexOf(0);
      const [x, y] = [at % turned.width, Math.floor(at / turned.width)];
      const m = turnedToImage(page, turn);
      const corners = [apply(m, x, y), apply(m, x + 1, y + 1)];
      expect([Math.min(corners[0]![0], corners[1]![0]), Math.min(corners[0]![1], corners[1]![1])]).toEqual([4, 1]);
      expect([Math.max(corners[0]![0], corners[1]![0]), Math.max(corners[0]![1], corners[1]![1])]).toEqual([5, 2]);
    }
  });

  it('finds a skew of 3–5° (paper fed by hand), not only up to 2.5°', () => {
    const { page } = textPage(1000, 800);
    for (const angle of [4.5, -3.2]) {
      const skewed = rotate(page, angle);
      expect(estimateSkew(skewed, inkThreshold(skewed))).toBeCloseTo(angle, 0);
    }
  });
});

describe('paper and ink made even', () => {
  const share = (page: Gray, inkAt: Uint8Array) => {
    const threshold = inkThreshold(page);
    let wrong = 0;
    for (let i = 0; i < inkAt.length; i++) if ((page.data[i]! <= threshold) !== (inkAt[i] === 1)) wrong++;
    return wrong / inkAt.length;
  };

  it('evens out light falling to 45 % across the page, so paper never counts as ink', () => {
    // Ink at 55 % of its paper's brightness (a photo's low contrast): the lit side's ink is brighter than the dark side's paper.
    const { page, inkAt } = textPage(900, 1200, 140, (x) => Math.round(255 * (1 - (0.55 * x) / 900)));
    // No global threshold can tell them apart.
    expect(share(page, inkAt)).toBeGreaterThan(0.05);
    expect(share(flattenBackground(page), inkAt)).toBeLessThan(0.005);
  });

  it('darkens faint grey print (ink at 30 % contrast) to ink', () => {
    const { page, inkAt } = textPage(900, 1200, 178);
    expect(share(page, inkAt)).toBeGreaterThan(0.05);
    expect(share(flattenBackground(page), inkAt)).toBeLessThan(0.005);
  });

  it('leaves a clean page as it is', () => {
    const { page } = textPage(900, 1200, 0);
    expect(Buffer.compare(flattenBackground(page).data, page.data)).toBe(0);
  });
});

describe("a copier's border and punch holes", () => {
  it('paints the dark ragged border and round holes white, and keeps the text', () => {
    const { page, inkAt } = textPage(900, 1200);
    const data = Uint8Array.from(page.data);
    for (let y = 0; y < 1200; y++)
      for (let x = 0; x < 900; x++) {
        const band = 30 + Math.round(10 * Math.sin(y / 37) + 8 * Math.sin(x / 23));
        const hole = (x - 75) ** 2 + (y - 400) ** 2 <= 22 ** 2 || (x - 75) ** 2 + (y - 800) ** 2 <= 22 ** 2;
        if (x < band || y < band || x >= 900 - band || y >= 1200 - band || hole) data[y * 900 + x] = 40;
      }
    const copied: Gray = { width: 900, height: 1200, data };
    const cleared = clearMargins(copied, inkThreshold(copied));
    let wrong = 0;
    for (let i = 0; i < inkAt.length; i++) if ((cleared.data[i]! <= 128) !== (inkAt[i] === 1)) wrong++;
    expect(wrong).toBe(0);
  });

  it('asks which way up a page is only when its Chinese text read with little confidence', () => {
    const box: [number, number, number, number] = [0, 0, 300, 30];
    const sure = { text: '一、总体情况', confidence: 0.8, box };
    const unsure = { text: '丨夕乂卜丿亻', confidence: 0.1, box };
    expect(doubtfulOrientation([sure, sure])).toBe(false);
    expect(doubtfulOrientation([unsure, unsure])).toBe(true);
    // Numbers and Latin say nothing: only Chinese characters count, and too few give no cause.
    expect(doubtfulOrientation([{ text: '12345678901234', confidence: 0, box }])).toBe(false);
    expect(doubtfulOrientation([{ text: '丨夕', confidence: 0, box }])).toBe(false);
    expect(doubtfulOrientation([unsure, sure, sure, sure])).toBe(false);
  });

  it('takes the widest stretches of Chinese text as probes, cut to a few character heights', () => {
    const g = ocrSettings.glyphHeight;
    const image: Gray = { width: 2000, height: 400, data: new Uint8Array(2000 * 400).fill(255) };
    const at = (x1: number, y: number) => [0, y, x1, y + g] as [number, number, number, number];
    const probes = probeCrops(image, [
      { text: '短', confidence: 0.2, box: at(2 * g, 0) },
      { text: '较长的一行', confidence: 0.2, box: at(10 * g, 50) },
      { text: '12,345', confidence: 0.2, box: at(40 * g, 100) },
      { text: '最长的一行文字', confidence: 0.2, box: at(30 * g, 150) },
      { text: '中等', confidence: 0.2, box: at(5 * g, 200) },
    ]);
    expect(probes).toHaveLength(orientSettings.probeLines);
    // Widest first, numbers left out, none longer than the probe length (plus the half-height margin each side).
    expect(probes.map((p) => p.width)).toEqual([orientSettings.probeLengthShare * g, 10 * g, 5 * g].map((w) => w + 2 * Math.round(0.5 * g)));
  });

  it('turns a page only when its probes read surer turned', async () => {
    // An engine that is sure of marks whose ink sits in the crop's upper half (as if that were upright text).
    const engine = (calls: Gray[][]): OcrEngine => ({
      name: 'fake',
      unavailable: async () => null,
      readPages: async () => [],
      close: async () => {},
      recognize: async (crops): Promise<Recognized[]> => {
        calls.push(crops.map((c) => c.image));
        return crops.map(({ image }) => {
          let top = 0;
          let all = 0;
          for (let y = 0; y < image.height; y++)
            for (let x = 0; x < image.width; x++)
              if (image.data[y * image.width + x]! < 128) {
                all++;
                if (y < image.height / 2) top++;
              }
          const confidence = all > 0 && top / all > 0.5 ? 0.9 : 0.2;
          return { text: '字字字', charConfidence: [confidence, confidence, confidence] };
        });
      },
    });
    const mark = (upper: boolean): Gray => {
      const image: Gray = { width: 40, height: 20, data: new Uint8Array(800).fill(255) };
      for (let y = upper ? 2 : 12; y < (upper ? 8 : 18); y++) for (let x = 5; x < 35; x++) image.data[y * 40 + x] = 0;
      return image;
    };
    const calls: Gray[][] = [];
    expect(await readsBetterTurned([mark(true), mark(true)], engine(calls))).toBe(false);
    expect(await readsBetterTurned([mark(false), mark(false)], engine(calls))).toBe(true);
    // One engine call each, every probe read both ways.
    expect(calls.map((c) => c.length)).toEqual([4, 4]);
    // No probe, no call and no turn.
    expect(await readsBetterTurned([], engine(calls))).toBe(false);
    expect(calls).toHaveLength(2);
  });
});

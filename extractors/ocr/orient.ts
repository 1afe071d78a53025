/**
 * Which way up a page image is. A sheet fed sideways or upside down is
 * scanned with its pixels turned and no /Rotate to say so. Lines of text
 * put close neighbours beside each mark, not below it; turned a quarter,
 * below. Whether the text stands upright or on its head, the ink cannot
 * tell; the engine can: a page whose text it read with little confidence
 * has a few of its lines read both ways, the read it is surer of wins.
 */
import type { Matrix } from '../pdf/geometry.js';
import type { OcrEngine } from './engine.js';
import type { Component } from './components.js';
import { components } from './components.js';
import type { Gray } from './image.js';
import { crop } from './image.js';
import { ocrSettings, px } from './settings.js';
import { hanIdeograph } from '../../src/text/normalize.js';

export const orientSettings = {
  /** Lines of text run down the image only when marks have a close neighbour below this many times as often as one beside them. */
  sideways: 1.5,
  /** …and at least this many marks have one beside them or below (a page of a few marks keeps its orientation). */
  minPairs: 20,
  /** Marks are ink components from this to this share of a character height across (whole characters, their parts, digits; not specks nor rules). */
  minMarkShare: 0.3,
  maxMarkShare: 1.5,
  /** Neighbours on one line are at most this share of a character height apart (lines of text are further apart). */
  neighbourGapShare: 0.25,
  /** Stretches of text read both ways to tell upright from upside down. */
  probeLines: 3,
  /** A page is probed only when its Chinese text read below this mean confidence per character… */
  doubtfulConfidence: 0.5,
  /** …over at least this many characters. */
  minProbeChars: 8,
  /** A probe line is at most this many character heights long (the engine's time grows with it). */
  probeLengthShare: 14,
  /** The turned read wins only by this much mean confidence per character (upright is what pages are). */
  upsideDownMargin: 0.15,
} as const;

/** Quarter turns clockwise: 0, 1 (90°), 2 (180°), 3 (270°). */
export type Turn = 0 | 1 | 2 | 3;

/** The image turned by `turn` quarter turns clockwise. */
export function turnImage(image: Gray, turn: Turn): Gray {
  if (turn === 0) return image;
  const { width, height, data } = image;
  const [w, h] = turn === 2 ? [width, height] : [height, width];
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [tx, ty] = turn === 1 ? [height - 1 - y, x] : turn === 2 ? [width - 1 - x, height - 1 - y] : [y, width - 1 - x];
      out[ty * w + tx] = data[y * width + x]!;
    }
  return { width: w, height: h, data: out };
}

/** Pixels of the turned image → pixels of the image as given (pixel edges, so boxes map exactly). */
export function turnedToImage(image: { width: number; height: number }, turn: Turn): Matrix {
  const { width, height } = image;
  // Inverse of turnImage's map, on continuous coordinates (pixel x spans x…x+1).
  if (turn === 1) return [0, -1, 1, 0, 0, height];
  if (turn === 2) return [-1, 0, 0, -1, width, height];
  if (turn === 3) return [0, 1, -1, 0, width, 0];
  return [1, 0, 0, 1, 0, 0];
}

/**
 * Whether the page's lines of text run down the image (the sheet turned a
 * quarter). Characters of a line stand close side by side (a tenth of
 * their height apart), lines and table rows further apart than that: pairs
 * of character-sized ink components that close, overlapping across the
 * gap, are counted side by side and one above the other; a page of text or
 * of table cells has far more of the first, turned a quarter far more of
 * the second. Projection profiles cannot tell on table pages (cells in
 * columns make both sharp). On every other pixel of every other row.
 */
export function isSideways(image: Gray, threshold: number): boolean {
  const { width, height, data } = image;
  const [hw, hh] = [Math.floor(width / 2), Math.floor(height / 2)];
  const half = new Uint8Array(hw * hh);
  for (let y = 0; y < hh; y++) for (let x = 0; x < hw; x++) half[y * hw + x] = data[2 * y * width + 2 * x]!;
  const g = ocrSettings.glyphHeight / 2;
  const size = (c: Component) => Math.max(c.x1 - c.x0, c.y1 - c.y0);
  const marks = components({ width: hw, height: hh, data: half }, threshold).filter((c) => size(c) >= orientSettings.minMarkShare * g && size(c) <= orientSettings.maxMarkShare * g);
  const gap = orientSettings.neighbourGapShare * g;
  // Buckets of one character height, by top-left corner.
  const cell = Math.ceil(g);
  const buckets = new Map<number, Component[]>();
  const key = (bx: number, by: number) => by * 100_000 + bx;
  for (const c of marks) {
    const k = key(Math.floor(c.x0 / cell), Math.floor(c.y0 / cell));
    (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(c);
  }
  const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0) >= 0.5 * Math.min(a1 - a0, b1 - b0);
  let across = 0;
  let down = 0;
  for (const a of marks) {
    let right = false;
    let below = false;
    for (let by = Math.floor((a.y0 - 2 * g) / cell); by <= Math.floor((a.y1 + gap) / cell); by++)
      for (let bx = Math.floor((a.x0 - 2 * g) / cell); bx <= Math.floor((a.x1 + gap) / cell); bx++)
        for (const b of buckets.get(key(bx, by)) ?? []) {
          if (b === a) continue;
          if (b.x0 >= a.x1 && b.x0 - a.x1 <= gap && overlap(a.y0, a.y1, b.y0, b.y1)) right = true;
          if (b.y0 >= a.y1 && b.y0 - a.y1 <= gap && overlap(a.x0, a.x1, b.x0, b.x1)) below = true;
        }
    if (right) across++;
    if (below) down++;
  }
  return down > orientSettings.sideways * Math.max(across, orientSettings.minPairs);
}

/**
 * Whether the text of a page reads better turned 180°: crops of a few of its
 * lines (or text cells), each read as it is and turned, in one engine call;
 * the turned reads must be surer by `upsideDownMargin` per character.
 */
export async function readsBetterTurned(probes: Gray[], engine: OcrEngine): Promise<boolean> {
  if (probes.length === 0) return false;
  const crops = [...probes, ...probes.map((p) => turnImage(p, 2))].map((p) => ({ image: p, dpi: ocrSettings.dpi, kind: 'text' as const }));
  const reads = await engine.recognize(crops);
  const score = (from: number) => {
    let sum = 0;
    let count = 0;
    for (const r of reads.slice(from, from + probes.length))
      for (let k = 0; k < r.text.length; k++)
        if (r.text[k]!.trim() !== '') {
          sum += r.charConfidence[k] ?? 0;
          count++;
        }
    return count === 0 ? 0 : sum / count;
  };
  return score(probes.length) > score(0) + orientSettings.upsideDownMargin;
}

/** A page's text read: each stretch of Chinese text with the engine's confidence, and its box in the image read. */
export interface TextSample {
  text: string;
  confidence: number;
  box: [number, number, number, number];
}

/**
 * Whether what was read of a page gives cause to ask which way up it is:
 * upright pages, even poor scans, read their Chinese text with some
 * confidence; a page on its head reads as marks the engine is unsure of.
 * Pages without Chinese text give no cause.
 */
export function doubtfulOrientation(samples: TextSample[]): boolean {
  let sum = 0;
  let count = 0;
  for (const s of samples) {
    const chars = [...s.text].filter((c) => hanIdeograph.test(c)).length;
    sum += s.confidence * chars;
    count += chars;
  }
  return count >= orientSettings.minProbeChars && sum / count < orientSettings.doubtfulConfidence;
}

/** The probes of a page: its widest stretches of Chinese text, cropped at most `probeLengthShare` character heights long. */
export function probeCrops(image: Gray, samples: TextSample[]): Gray[] {
  const g = ocrSettings.glyphHeight;
  return samples
    .filter((s) => hanIdeograph.test(s.text) && s.box[3] - s.box[1] >= 0.5 * g)
    .sort((a, b) => b.box[2] - b.box[0] - (a.box[2] - a.box[0]))
    .slice(0, orientSettings.probeLines)
    .map((s) => crop(image, [s.box[0], s.box[1], Math.min(s.box[2], s.box[0] + orientSettings.probeLengthShare * g), s.box[3]], px(0.5)));
}

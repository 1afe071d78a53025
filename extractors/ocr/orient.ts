/**
 * Which way up a page image is. A sheet fed sideways or upside down is
 * scanned with its pixels turned and no /Rotate to say so. Lines of text
 * make the ink's projection across them sharp (rows of ink, rows of paper);
 * turned a quarter, the sharp projection is the other one. Whether the text
 * stands upright or on its head, the projections cannot tell; the engine
 * can: a few lines of ink read both ways, the read it is surer of wins.
 */
import type { Matrix } from '../pdf/geometry.js';
import type { OcrEngine } from './engine.js';
import type { Gray } from './image.js';
import { crop, inkLines } from './image.js';
import { ocrSettings, px } from './settings.js';

export const orientSettings = {
  /** Text lines run across the image's columns only when that projection is this much sharper than the rows' (tables' grids sharpen both). */
  sideways: 1.3,
  /** Lines of ink read both ways to tell upright from upside down. */
  probeLines: 3,
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
 * Sharpness of the ink's projection onto rows: how unevenly text ink falls
 * on pairs of rows (sum of squared counts, times the span, over the count
 * squared: 1 for ink spread evenly, more for lines and gaps), best over
 * tilts of a skewed page, of text ink only — runs of ink longer than a
 * ruling line's minimum are left out, or a table's grid would decide. On
 * every other pixel of every other row: a character is still 16 px high.
 */
export function projectionSharpness(image: Gray, threshold: number, across: boolean): number {
  const { width, height, data } = image;
  const maxRun = Math.max(2, Math.round(px(ocrSettings.minRuleRunShare) / 2));
  const [hw, hh] = [Math.floor(width / 2), Math.floor(height / 2)];
  const [w, h] = across ? [hh, hw] : [hw, hh];
  // Ink of the half-size view; across, the view is the image turned a quarter anticlockwise (its columns are rows).
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < hh; y++)
    for (let x = 0; x < hw; x++) if (data[2 * y * width + 2 * x]! <= threshold) ink[across ? (hw - 1 - x) * w + y : y * w + x] = 1;
  const keep = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; ) {
      if (!ink[row + x]) {
        x++;
        continue;
      }
      let end = x;
      while (end < w && ink[row + end]) end++;
      if (end - x < maxRun) keep.fill(1, row + x, row + end);
      x = end;
    }
  }
  for (let x = 0; x < w; x++)
    for (let y = 0; y < h; ) {
      if (!ink[y * w + x]) {
        y++;
        continue;
      }
      let end = y;
      while (end < h && ink[end * w + x]) end++;
      if (end - y >= maxRun) for (let k = y; k < end; k++) keep[k * w + x] = 0;
      y = end;
    }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y++) for (let x = (y * 7) % 2; x < w; x += 2) if (keep[y * w + x]) (xs.push(x), ys.push(y));
  if (xs.length < 100) return 0;
  let best = 0;
  const bins = new Float64Array(h + w);
  for (let a = -6; a <= 6; a += 1) {
    const t = Math.tan((a * Math.PI) / 180);
    bins.fill(0);
    const offset = Math.ceil(w * Math.abs(t)) + 1;
    for (let k = 0; k < xs.length; k++) {
      const bin = Math.floor(ys[k]! - xs[k]! * t + offset);
      if (bin >= 0 && bin < bins.length) bins[bin]!++;
    }
    let score = 0;
    let [first, last] = [-1, -1];
    for (let k = 0; k < bins.length; k++) {
      if (bins[k]! === 0) continue;
      if (first < 0) first = k;
      last = k;
      score += bins[k]! * bins[k]!;
    }
    best = Math.max(best, (score * (last - first + 1)) / xs.length ** 2);
  }
  return best;
}

/** Whether the page's lines of text run down the image (the sheet turned a quarter). */
export function isSideways(image: Gray, threshold: number): boolean {
  return projectionSharpness(image, threshold, true) > orientSettings.sideways * projectionSharpness(image, threshold, false);
}

/**
 * Whether an image with its lines across is upside down: the longest lines
 * of ink near character height, each read as it is and turned 180°.
 */
export async function isUpsideDown(image: Gray, threshold: number, engine: OcrEngine): Promise<boolean> {
  const g = ocrSettings.glyphHeight;
  const lines = inkLines(image, [0, 0, image.width, image.height], threshold, px(ocrSettings.lineGapShare))
    .filter((l) => l.y1 - l.y0 >= 0.7 * g && l.y1 - l.y0 <= 1.5 * g && l.x1 - l.x0 >= 3 * g)
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, orientSettings.probeLines);
  if (lines.length === 0) return false;
  const probes = lines.map((l) => crop(image, [l.x0, l.y0, Math.min(l.x1, l.x0 + orientSettings.probeLengthShare * g), l.y1], px(0.5)));
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

/** The quarter turns that bring the page upright. */
export async function uprightTurn(image: Gray, threshold: number, engine: OcrEngine): Promise<Turn> {
  const sideways = isSideways(image, threshold);
  const across = sideways ? turnImage(image, 1) : image;
  const flipped = await isUpsideDown(across, threshold, engine);
  return ((sideways ? 1 : 0) + (flipped ? 2 : 0)) as Turn;
}

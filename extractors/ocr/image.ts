/**
 * Grayscale page images and the few operations the OCR reader needs:
 * seal removal, ink threshold, skew estimate, rotation, crops. Pure
 * functions over a plain { width, height, data } buffer; canvas only where
 * drawing is needed (rotation, PNG encoding).
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Box } from '../pdf/geometry.js';
import { components } from './components.js';
import { ocrSettings } from './settings.js';
import { maxOf } from '../../src/arrays.js';

export interface Gray {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white. */
  data: Uint8Array;
}

/**
 * RGB or RGBA (`channels` 3 or 4) → gray: the brighter of luminance and the
 * red channel. Black and blue ink stay dark (dark in both); a red 公章
 * stamped over the table, its blurred JPEG edges included, turns light
 * (bright in red), while text and rules under it, dark in every channel,
 * stay ink. Transparent pixels show the white paper under them, as when
 * the page is drawn on white.
 */
export function toGray(pixels: Uint8ClampedArray | Uint8Array, width: number, height: number, channels: 3 | 4 = 4): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += channels, j++) {
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    // A gray pixel (a gray scan pdf.js hands over as RGB) is its own value.
    let v = r === g && g === b ? r : Math.max(r, Math.round(0.299 * r + 0.587 * g + 0.114 * b));
    if (channels === 4) {
      const alpha = pixels[i + 3]!;
      if (alpha < 255) v = 255 - Math.round(((255 - v) * alpha) / 255);
    }
    data[j] = v;
  }
  return { width, height, data };
}

/** One bit per pixel, rows padded to whole bytes, most significant bit first, 1 white (a bilevel scan as decoded) → gray 0 or 255. */
export function fromBits(bits: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  const rowBytes = (width + 7) >> 3;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    const out = y * width;
    for (let x = 0; x < width; x++) data[out + x] = (bits[row + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  }
  return { width, height, data };
}

/** Otsu's threshold, capped so that light noise never counts as ink. */
export function inkThreshold(image: Gray): number {
  const histogram = new Int32Array(256);
  const pixels = image.data;
  for (let i = 0, n = pixels.length; i < n; i++) histogram[pixels[i]!]!++;
  const total = image.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * histogram[t]!;
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightB += histogram[t]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * histogram[t]!;
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return Math.min(threshold, ocrSettings.maxInkLevel);
}

/**
 * The skew angle in degrees: the rotation that makes the rows of ink
 * sharpest (largest variance of the horizontal projection), searched on a
 * sample of ink pixels.
 */
export function estimateSkew(image: Gray, threshold: number): number {
  // Every row, every fourth column: sampling every n-th row would alias with the row pattern that
  // resampling a 200 dpi scan to 300 dpi leaves (period 3), and make 0° look sharpest.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = (y * 7) % 4; x < image.width; x += 4)
      if (image.data[y * image.width + x]! <= threshold) {
        xs.push(x);
        ys.push(y);
      }
  }
  if (xs.length < 100) return 0;
  const px = Int32Array.from(xs);
  const py = Int32Array.from(ys);
  const bins = new Float64Array(Math.ceil(image.height / 2) + image.width);
  const sharpness = (a: number, stride: number) => {
    const t = Math.tan((a * Math.PI) / 180);
    bins.fill(0);
    const offset = Math.ceil(image.width * Math.abs(t)) + 1;
    for (let k = 0; k < px.length; k += stride) {
      const bin = Math.floor((py[k]! - px[k]! * t + offset) / 2);
      if (bin >= 0 && bin < bins.length) bins[bin]!++;
    }
    let score = 0;
    for (let k = 0; k < bins.length; k++) score += bins[k]! * bins[k]!;
    return score;
  };
  const best = (from: number, to: number, step: number, stride: number) => {
    let bestAngle = 0;
    let bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = sharpness(a, stride);
      if (score > bestScore) [bestScore, bestAngle] = [score, a];
    }
    return bestAngle;
  };
  // Coarse to fine: a page's lines stay sharp within about a line height over its width (1° at 32 px on 1,800), so
  // a coarse step on a quarter of the ink finds the peak and the fine step only searches around it.
  const { maxSkewDegrees: max, coarseSkewStep: coarse, deskewStep: fine } = ocrSettings;
  const rough = best(-max, max, coarse, 4);
  const bestAngle = best(Math.max(-max, rough - coarse), Math.min(max, rough + coarse), fine, 1);
  return Math.round(bestAngle * 100) / 100;
}

/**
 * Rotates by `degrees` about the centre (positive = clockwise on screen),
 * white background, bilinear: hairline rules scanned at low resolution stay
 * continuous (nearest-neighbour sampling breaks them into pieces).
 */
export function rotate(image: Gray, degrees: number): Gray {
  if (degrees === 0) return image;
  const { width, height, data } = image;
  const out = new Uint8Array(width * height).fill(255);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    // Source coordinates step by (cos, -sin) along an output row.
    let sx = cos * -cx + sin * dy + cx - cos;
    let sy = -sin * -cx + cos * dy + cy + sin;
    for (let x = 0; x < width; x++) {
      sx += cos;
      sy -= sin;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const i = y0 * width + x0;
      const v = data[i]!;
      // Four equal neighbours (paper, mostly) blend to their own value: no arithmetic.
      if (v === data[i + 1] && v === data[i + width] && v === data[i + width + 1]) {
        out[y * width + x] = v;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const top = v * (1 - fx) + data[i + 1]! * fx;
      const bottom = data[i + width]! * (1 - fx) + data[i + width + 1]! * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
}

function clampBox(image: Gray, box: Box): Box {
  return [
    Math.max(0, Math.floor(box[0])),
    Math.max(0, Math.floor(box[1])),
    Math.min(image.width, Math.ceil(box[2])),
    Math.min(image.height, Math.ceil(box[3])),
  ];
}

/**
 * A crop of the image, scaled by `scale` (bilinear) and with a white margin:
 * tesseract reads text touching the border badly, and digits best at about
 * 30 px high (ocrSettings.digitHeight).
 */
export function crop(image: Gray, box: Box, margin = 20, scale = 1): Gray {
  const [x0, y0, x1, y1] = clampBox(image, box);
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const sw = Math.max(1, Math.round(w * scale));
  const sh = Math.max(1, Math.round(h * scale));
  const width = sw + 2 * margin;
  const out = new Uint8Array(width * (sh + 2 * margin)).fill(255);
  const src = image.data;
  if (sw === w && sh === h) {
    for (let y = 0; y < h; y++) out.set(src.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x0 + w), (y + margin) * width + margin);
    return { width, height: sh + 2 * margin, data: out };
  }
  // Sample centres of the output pixels in the source, clamped to the crop; the same columns on every row.
  const c0s = new Int32Array(sw);
  const c1s = new Int32Array(sw);
  const fxs = new Float64Array(sw);
  for (let x = 0; x < sw; x++) {
    const sx = Math.min(w - 1, Math.max(0, (x + 0.5) / scale - 0.5));
    c0s[x] = Math.floor(sx);
    c1s[x] = Math.min(w - 1, c0s[x]! + 1);
    fxs[x] = sx - c0s[x]!;
  }
  for (let y = 0; y < sh; y++) {
    const sy = Math.min(h - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const r0 = Math.floor(sy);
    const r1 = Math.min(h - 1, r0 + 1);
    const fy = sy - r0;
    const row0 = (y0 + r0) * image.width + x0;
    const row1 = (y0 + r1) * image.width + x0;
    const o = (y + margin) * width + margin;
    for (let x = 0; x < sw; x++) {
      const c0 = c0s[x]!;
      const c1 = c1s[x]!;
      const v = src[row0 + c0]!;
      // Four equal neighbours blend to their own value (see rotate).
      if (v === src[row0 + c1] && v === src[row1 + c0] && v === src[row1 + c1]) {
        out[o + x] = v;
        continue;
      }
      const fx = fxs[x]!;
      const top = v * (1 - fx) + src[row0 + c1]! * fx;
      const bottom = src[row1 + c0]! * (1 - fx) + src[row1 + c1]! * fx;
      out[o + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height: sh + 2 * margin, data: out };
}

/** The image as a binary PGM (P5): what tesseract reads fastest, with no compression to pay for. */
export function toPgm(image: Gray): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  return Buffer.concat([header, image.data]);
}

/** The image as PNG (for engines that take only common image formats, and for looking at a crop). */
export function toPng(image: Gray): Uint8Array {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i]!;
    pixels.data[4 * i] = v;
    pixels.data[4 * i + 1] = v;
    pixels.data[4 * i + 2] = v;
    pixels.data[4 * i + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return canvas.toBuffer('image/png');
}

/**
 * Paints boxes white (tables, once read, are masked before the text around
 * them is read): on a copy, or, with `inPlace`, on the image itself (a page
 * image of 4 MB need not be copied for a few boxes when nothing else uses it).
 */
export function whiteOut(image: Gray, boxes: Box[], inPlace = false): Gray {
  const data = inPlace ? image.data : Uint8Array.from(image.data);
  for (const box of boxes) {
    const [x0, y0, x1, y1] = clampBox(image, box);
    for (let y = y0; y < y1; y++) data.fill(255, y * image.width + x0, y * image.width + x1);
  }
  return { ...image, data };
}

/**
 * The image scaled by `factor`: bilinear when enlarging, the average over
 * each output pixel's area when shrinking (bilinear sampling would drop the
 * hairline rules of a fine scan between its samples).
 */
export function resize(image: Gray, factor: number): Gray {
  if (factor >= 1) return crop(image, [0, 0, image.width, image.height], 0, factor);
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const horizontal = areaWeights(image.width, width);
  const vertical = areaWeights(image.height, height);
  // Rows first (into floats), then columns.
  const rows = new Float32Array(width * image.height);
  const { start: hStart, index: hIndex, weight: hWeight } = horizontal;
  const source = image.data;
  for (let y = 0; y < image.height; y++) {
    const src = y * image.width;
    const dst = y * width;
    for (let out = 0; out < width; out++) {
      let sum = 0;
      for (let k = hStart[out]!, end = hStart[out + 1]!; k < end; k++) sum += source[src + hIndex[k]!]! * hWeight[k]!;
      rows[dst + out] = sum;
    }
  }
  const data = new Uint8Array(width * height);
  const column = new Float32Array(width);
  for (let out = 0; out < height; out++) {
    column.fill(0);
    for (let k = vertical.start[out]!; k < vertical.start[out + 1]!; k++) {
      const row = vertical.index[k]! * width;
      const w = vertical.weight[k]!;
      for (let x = 0; x < width; x++) column[x]! += rows[row + x]! * w;
    }
    const o = out * width;
    for (let x = 0; x < width; x++) data[o + x] = Math.round(column[x]!);
  }
  return { width, height, data };
}

/**
 * For each output index, the source pixels it covers and the share of each
 * (summing to 1), as flat arrays: output i uses entries start[i] … start[i+1]-1.
 */
function areaWeights(from: number, to: number): { start: Int32Array; index: Int32Array; weight: Float32Array } {
  const step = from / to;
  const start = new Int32Array(to + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < to; i++) {
    start[i] = index.length;
    const begin = i * step;
    const end = Math.min(from, (i + 1) * step);
    for (let s = Math.floor(begin); s < end; s++) {
      index.push(s);
      weight.push((Math.min(s + 1, end) - Math.max(s, begin)) / step);
    }
  }
  start[to] = index.length;
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}

/** A line of ink inside a box: its rows, and the columns its ink spans. */
export interface InkLine {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

/**
 * The lines of ink inside `box`, top to bottom: runs of rows with ink,
 * separated by more than `gap` blank rows.
 */
export function inkLines(image: Gray, box: Box, threshold: number, gap: number): InkLine[] {
  const [x0, y0, x1, y1] = clampBox(image, box);
  const lines: InkLine[] = [];
  let current: InkLine | undefined;
  let blank = 0;
  for (let y = y0; y < y1; y++) {
    let left = -1;
    let right = -1;
    const row = y * image.width;
    for (let x = x0; x < x1; x++) {
      if (image.data[row + x]! > threshold) continue;
      if (left < 0) left = x;
      right = x + 1;
    }
    if (left < 0) {
      blank++;
      if (current && blank > gap) current = undefined;
      continue;
    }
    blank = 0;
    if (current) {
      current.y1 = y + 1;
      current.x0 = Math.min(current.x0, left);
      current.x1 = Math.max(current.x1, right);
    } else {
      current = { y0: y, y1: y + 1, x0: left, x1: right };
      lines.push(current);
    }
  }
  return lines;
}

/** Boxes of the image set side by side on white, bottoms aligned, `gap` pixels apart: a wrapped number put back on one line. */
export function sideBySide(image: Gray, boxes: Box[], gap: number): Gray {
  const parts = boxes.map((b) => crop(image, b, 0));
  const height = maxOf(parts.map((p) => p.height));
  const width = parts.reduce((s, p) => s + p.width, 0) + gap * (parts.length - 1);
  const data = new Uint8Array(width * height).fill(255);
  let left = 0;
  for (const part of parts) {
    const top = height - part.height;
    for (let y = 0; y < part.height; y++) data.set(part.data.subarray(y * part.width, (y + 1) * part.width), (top + y) * width + left);
    left += part.width + gap;
  }
  return { width, height, data };
}

/**
 * The ink of a cell, without what is left of its rules: a thin component
 * that spans the box from edge to edge (or nearly, from one edge) is a rule
 * the inset did not clear (a doubled or faint border), not text. Specks of
 * at most `speck` pixels are noise.
 */
export function cellInk(image: Gray, box: Box, threshold: number, thin: number, speck: number): { bounds?: Box; pixels: number; removed: Box[] } {
  const region = crop(image, box, 0);
  const [x0, y0] = clampBox(image, box);
  let pixels = 0;
  let bounds: Box | undefined;
  const removed: Box[] = [];
  // From each side inwards, columns (rows) that are ink along most of their length: the rule, as thick as it
  // is here, which a digit set close to it would otherwise join into one component.
  const { width: w, height: h, data } = region;
  const columnInk = (x: number) => {
    let ink = 0;
    for (let y = 0; y < h; y++) if (data[y * w + x]! <= threshold) ink++;
    return ink / h;
  };
  const rowInk = (y: number) => {
    let ink = 0;
    for (let x = 0; x < w; x++) if (data[y * w + x]! <= threshold) ink++;
    return ink / w;
  };
  const clearColumn = (x: number) => {
    for (let y = 0; y < h; y++) data[y * w + x] = 255;
    removed.push([x0 + x, y0, x0 + x + 1, y0 + h]);
  };
  const clearRow = (y: number) => {
    data.fill(255, y * w, (y + 1) * w);
    removed.push([x0, y0 + y, x0 + w, y0 + y + 1]);
  };
  for (let x = 0; x < Math.min(thin, w) && columnInk(x) >= 0.5; x++) clearColumn(x);
  for (let x = w - 1; x >= Math.max(0, w - thin) && columnInk(x) >= 0.5; x--) clearColumn(x);
  for (let y = 0; y < Math.min(thin, h) && rowInk(y) >= 0.5; y++) clearRow(y);
  for (let y = h - 1; y >= Math.max(0, h - thin) && rowInk(y) >= 0.5; y--) clearRow(y);
  for (const c of components(region, threshold)) {
    const w = c.x1 - c.x0;
    const h = c.y1 - c.y0;
    // Thin and from edge to edge, or thin, long and against a side: a rule, or a piece of a broken one.
    const vertical = w <= thin && ((c.y0 === 0 && c.y1 === region.height) || ((c.y0 === 0 || c.y1 === region.height) && h >= 0.9 * region.height) || ((c.x0 === 0 || c.x1 === region.width) && h >= 3 * thin));
    const horizontal = h <= thin && ((c.x0 === 0 && c.x1 === region.width) || ((c.x0 === 0 || c.x1 === region.width) && w >= 0.9 * region.width) || ((c.y0 === 0 || c.y1 === region.height) && w >= 3 * thin));
    const b: Box = [x0 + c.x0, y0 + c.y0, x0 + c.x1, y0 + c.y1];
    if (vertical || horizontal || c.pixels <= speck) {
      removed.push(b);
      continue;
    }
    pixels += c.pixels;
    bounds = bounds ? [Math.min(bounds[0], b[0]), Math.min(bounds[1], b[1]), Math.max(bounds[2], b[2]), Math.max(bounds[3], b[3])] : b;
  }
  return bounds ? { bounds, pixels, removed } : { pixels, removed };
}

/**
 * A 3 × 3 binomial blur (1 2 1 by 1 2 1). A bilevel scan (1-bit, CCITT or
 * JBIG2) is smoothed once before any resampling or threshold, as drawing it
 * would: hard 0/255 edges resampled make jagged strokes that the engine and
 * the rule finder read worse, and a one-pixel hairline keeps its grey.
 */
export function smooth(image: Gray): Gray {
  const { width, height, data } = image;
  const rows = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const left = data[o + Math.max(0, x - 1)]!;
      const right = data[o + Math.min(width - 1, x + 1)]!;
      rows[o + x] = left + 2 * data[o + x]! + right;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const up = Math.max(0, y - 1) * width;
    const here = y * width;
    const down = Math.min(height - 1, y + 1) * width;
    for (let x = 0; x < width; x++) out[here + x] = (rows[up + x]! + 2 * rows[here + x]! + rows[down + x]! + 8) >> 4;
  }
  return { width, height, data: out };
}

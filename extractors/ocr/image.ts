/**
 * Grayscale page images and the few operations the OCR reader needs:
 * seal removal, ink threshold, skew estimate, rotation, crops. Pure
 * functions over a plain { width, height, data } buffer; canvas only where
 * drawing is needed (rotation, PNG encoding).
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Box } from '../pdf/geometry.js';
import { ocrSettings } from './settings.js';

export interface Gray {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white. */
  data: Uint8Array;
}

/**
 * RGBA → gray: the brighter of luminance and the red channel. Black and blue
 * ink stay dark (dark in both); a red 公章 stamped over the table, its blurred
 * JPEG edges included, turns light (bright in red), while text and rules
 * under it, dark in every channel, stay ink.
 */
export function toGray(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++) {
    const r = rgba[i]!;
    data[j] = Math.max(r, Math.round(0.299 * r + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!));
  }
  return { width, height, data };
}

/** Otsu's threshold, capped so that light noise never counts as ink. */
export function inkThreshold(image: Gray): number {
  const histogram = new Array<number>(256).fill(0);
  for (const v of image.data) histogram[v]!++;
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
  const points: Array<[number, number]> = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = (y * 7) % 4; x < image.width; x += 4) if (image.data[y * image.width + x]! <= threshold) points.push([x, y]);
  }
  if (points.length < 100) return 0;
  let bestAngle = 0;
  let bestScore = -1;
  const bins = new Float64Array(Math.ceil(image.height / 2) + image.width);
  for (let a = -ocrSettings.maxSkewDegrees; a <= ocrSettings.maxSkewDegrees + 1e-9; a += ocrSettings.deskewStep) {
    const t = Math.tan((a * Math.PI) / 180);
    bins.fill(0);
    const offset = Math.ceil(image.width * Math.abs(t)) + 1;
    for (const [x, y] of points) {
      const bin = Math.floor((y - x * t + offset) / 2);
      if (bin >= 0 && bin < bins.length) bins[bin]!++;
    }
    let score = 0;
    for (const v of bins) score += v * v;
    if (score > bestScore) {
      bestScore = score;
      bestAngle = a;
    }
  }
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
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i]! * (1 - fx) + data[i + 1]! * fx;
      const bottom = data[i + width]! * (1 - fx) + data[i + width + 1]! * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data: out };
}

/** Ink pixels in a box. */
export function inkCount(image: Gray, box: Box, threshold: number): number {
  const [x0, y0, x1, y1] = clampBox(image, box);
  let ink = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (image.data[y * image.width + x]! <= threshold) ink++;
  return ink;
}

/** The smallest box holding the ink inside `box`, or undefined when there is none. */
export function inkBounds(image: Gray, box: Box, threshold: number): Box | undefined {
  const [x0, y0, x1, y1] = clampBox(image, box);
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -Infinity;
  let by1 = -Infinity;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (image.data[y * image.width + x]! > threshold) continue;
      bx0 = Math.min(bx0, x);
      by0 = Math.min(by0, y);
      bx1 = Math.max(bx1, x + 1);
      by1 = Math.max(by1, y + 1);
    }
  }
  return bx1 > bx0 ? [bx0, by0, bx1, by1] : undefined;
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
 * A crop as PNG, scaled by `scale` (smooth) and with a white margin:
 * tesseract reads text touching the border badly, and digits best at about
 * 30 px high (ocrSettings.digitHeight).
 */
export function cropPng(image: Gray, box: Box, margin = 20, scale = 1): Uint8Array {
  const [x0, y0, x1, y1] = clampBox(image, box);
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const source = createCanvas(w, h);
  const pixels = source.getContext('2d').createImageData(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = image.data[(y0 + y) * image.width + x0 + x]!;
      const o = (y * w + x) * 4;
      pixels.data[o] = v;
      pixels.data[o + 1] = v;
      pixels.data[o + 2] = v;
      pixels.data[o + 3] = 255;
    }
  }
  source.getContext('2d').putImageData(pixels, 0, 0);
  const sw = Math.max(1, Math.round(w * scale));
  const sh = Math.max(1, Math.round(h * scale));
  const canvas = createCanvas(sw + 2 * margin, sh + 2 * margin);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, sw + 2 * margin, sh + 2 * margin);
  ctx.drawImage(source, margin, margin, sw, sh);
  return canvas.toBuffer('image/png');
}

/** Paints boxes white (tables, once read, are masked before the text around them is read). */
export function whiteOut(image: Gray, boxes: Box[]): Gray {
  const data = Uint8Array.from(image.data);
  for (const box of boxes) {
    const [x0, y0, x1, y1] = clampBox(image, box);
    for (let y = y0; y < y1; y++) data.fill(255, y * image.width + x0, y * image.width + x1);
  }
  return { ...image, data };
}

/**
 * The paper of a page image made even, before any threshold: a phone photo
 * lights one side of the page at half the other's brightness, a photocopy
 * greys whole areas, and faint print leaves its ink lighter than a global
 * threshold's cap. Each pixel is divided by the brightness of the paper
 * around it (a large-window estimate: no character is that large), then the
 * darkest ink is stretched to black. Pure functions over Gray.
 */
import type { Gray } from './image.js';

export const backgroundSettings = {
  /** The paper around a pixel is estimated in blocks this share of the page's shorter side: 10 mm on A4, larger than a title's characters. */
  blockShare: 1 / 20,
  /** In each block, the paper is this quantile of its pixels: ink rarely covers a tenth of a block, noise rarely a hundredth. */
  paperQuantile: 0.9,
  /** Paper whose darkest block is at least this share of its brightest is even (the image is not divided). */
  evenPaper: 0.94,
  /** The ink level is the level this share of the page's pixels is at most as bright as (the core of the strokes). */
  inkQuantile: 0.002,
  /** Ink at least this dark (relative to the paper, 0…1) is left as it is; lighter ink is stretched to black. */
  darkInk: 0.45,
  /** Ink lighter than this (relative to the paper) is no ink: stretching it would turn paper grain into text. */
  faintestInk: 0.8,
} as const;

/**
 * The paper level of every pixel (0…255): quantiles of blocks, the brightest
 * of each block's 3×3 neighbourhood (a block all ink, inside a table's
 * shaded header or a black border, takes its neighbours' paper), then
 * interpolated bilinearly between block centres; undefined where the
 * paper is even already.
 */
export function paperLevel(image: Gray): Float32Array | undefined {
  const { width, height, data } = image;
  const block = Math.max(8, Math.round(Math.min(width, height) * backgroundSettings.blockShare));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const quantile = new Float32Array(bw * bh);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      histogram.fill(0);
      const [x0, y0, x1, y1] = [bx * block, by * block, Math.min(width, (bx + 1) * block), Math.min(height, (by + 1) * block)];
      // Every other pixel of every other row: the quantile of 10,000 samples moves by less than a grey level.
      for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) histogram[data[y * width + x]!]!++;
      let count = 0;
      for (let v = 0; v < 256; v++) count += histogram[v]!;
      const wanted = count * backgroundSettings.paperQuantile;
      let v = 0;
      for (let seen = histogram[0]!; seen < wanted && v < 255; ) seen += histogram[++v]!;
      quantile[by * bw + bx] = v;
    }
  const paper = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let best = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const [x, y] = [bx + dx, by + dy];
          if (x >= 0 && y >= 0 && x < bw && y < bh) best = Math.max(best, quantile[y * bw + x]!);
        }
      paper[by * bw + bx] = Math.max(1, best);
    }
  // Paper even within a few grey levels (a flatbed scan) is left as it is: dividing would only cost time.
  let [low, high] = [255, 0];
  for (const v of paper) [low, high] = [Math.min(low, v), Math.max(high, v)];
  if (low >= backgroundSettings.evenPaper * high) return undefined;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(bh - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(bw - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const x0 = Math.floor(gx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const fx = gx - x0;
      const top = paper[y0 * bw + x0]! * (1 - fx) + paper[y0 * bw + x1]! * fx;
      const bottom = paper[y1 * bw + x0]! * (1 - fx) + paper[y1 * bw + x1]! * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/**
 * The image on even white paper, its ink as dark as printed ink: each pixel
 * divided by its paper level; then, when the darkest ink is still light
 * grey (faint print, a photo's low contrast) but clearly not paper, the
 * levels between that ink and the paper stretched to black … white.
 */
export function flattenBackground(image: Gray): Gray {
  const paper = paperLevel(image);
  const data = paper ? new Uint8Array(image.data.length) : image.data;
  const histogram = new Uint32Array(256);
  if (paper)
    for (let i = 0; i < data.length; i++) {
      const v = Math.min(255, Math.round((255 * image.data[i]!) / paper[i]!));
      data[i] = v;
      histogram[v]!++;
    }
  else for (let i = 0; i < data.length; i += 4) histogram[data[i]!]!++;
  const wanted = (paper ? data.length : data.length / 4) * backgroundSettings.inkQuantile;
  let ink = 0;
  for (let seen = histogram[0]!; seen < wanted && ink < 255; ) seen += histogram[++ink]!;
  const relative = ink / 255;
  if (relative > backgroundSettings.darkInk && relative <= backgroundSettings.faintestInk) {
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round((255 * (v - ink)) / (255 - ink))));
    const out = paper ? data : new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = lut[data[i]!]!;
    return { width: image.width, height: image.height, data: out };
  }
  return paper ? { width: image.width, height: image.height, data } : image;
}

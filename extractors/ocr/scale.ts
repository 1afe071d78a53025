/**
 * The scale of a page image, measured from what it shows: the height of its
 * characters. Scanning tools write pages at any density and declare it or
 * not (no density in a JPEG reads as 96 ppi; pages fitted onto A4), so
 * neither the page box nor the declared density says how large the text is
 * in pixels. The characters do: a page is brought to the scale at which the
 * reader's pixel tolerances were set (ocrSettings.glyphHeight), whatever
 * its source.
 */
import { components } from './components.js';
import type { Gray } from './image.js';

/** Log-height bins per doubling of the height: fine enough to tell 23 px from 25 px apart, coarse enough to gather one font size. */
const binsPerOctave = 16;

/**
 * The most common character height in pixels, or undefined when the page
 * shows too few characters to tell (a blank page, a picture). Each ink
 * component votes for its height with its ink: whole glyphs and digits
 * outweigh the parts of glyphs, dots and specks; ruling lines and grids are
 * left out by their extent (wider or taller than a tenth of the page).
 */
export function glyphHeight(image: Gray, threshold: number): number | undefined {
  const votes = new Map<number, number>();
  const heights: Array<{ bin: number; h: number; w: number }> = [];
  for (const c of components(image, threshold)) {
    const h = c.y1 - c.y0;
    const w = c.x1 - c.x0;
    if (h < 4 || w * 10 > image.width || h * 10 > image.height) continue;
    const bin = Math.round(Math.log2(h) * binsPerOctave);
    votes.set(bin, (votes.get(bin) ?? 0) + c.pixels);
    heights.push({ bin, h, w: c.pixels });
  }
  if (heights.length < minCharacters) return undefined;
  // The peak of the votes, smoothed over neighbouring bins (one font size spreads over two or three).
  let best = 0;
  let bestBin = 0;
  for (const bin of votes.keys()) {
    const score = (votes.get(bin - 1) ?? 0) + 2 * votes.get(bin)! + (votes.get(bin + 1) ?? 0);
    if (score > best) {
      best = score;
      bestBin = bin;
    }
  }
  const near = heights.filter((x) => Math.abs(x.bin - bestBin) <= 1);
  const weight = near.reduce((s, x) => s + x.w, 0);
  return near.reduce((s, x) => s + x.h * x.w, 0) / weight;
}

/** Fewer components than this are not a page of text. */
const minCharacters = 30;

/**
 * What a copier adds around the printed page: the dark, ragged border where
 * the lid was open (the copier's black beyond the sheet's edge) and the
 * round holes of a punched sheet. Neither is ink of the report; left in,
 * the border reads as rules and thick "pictures" and the holes as blots, and
 * the page's threshold and scale are measured on them. Both are painted
 * white before anything is measured.
 */
import { components } from './components.js';
import type { Gray } from './image.js';

export const marginSettings = {
  /** Runs of dark pixels from the image's edge inwards are the copier's border; a run is cut by this many light pixels (speckle in the black). */
  borderGap: 2,
  /** A border run reaches at most this share of the side across it (deeper, it is the page's own black). */
  maxBorderShare: 0.15,
  /** A punch hole is this share of the page's shorter side across, at least and at most (5–8 mm on A4; 10.5 pt characters are 1.8 %). */
  minHoleShare: 0.015,
  maxHoleShare: 0.06,
  /** A hole is round: its box nearly square, its ink filling about π/4 of the box (a character or a square fills far less or more). */
  maxHoleAspect: 1.25,
  minHoleFill: 0.65,
  maxHoleFill: 0.88,
} as const;

/** The image with the copier's border and punch holes painted white; ink is pixels at most `threshold` bright. */
export function clearMargins(image: Gray, threshold: number): Gray {
  const { width, height } = image;
  const data = Uint8Array.from(image.data);
  const dark = (i: number) => data[i]! <= threshold;
  // One run per row from the left and from the right, and per column from the top and the bottom.
  const clearRun = (start: number, step: number, length: number) => {
    if (!dark(start)) return;
    const limit = Math.round(length * marginSettings.maxBorderShare);
    let end = 0;
    let light = 0;
    for (let k = 0; k < limit; k++) {
      if (dark(start + k * step)) {
        end = k + 1;
        light = 0;
      } else if (++light > marginSettings.borderGap) break;
    }
    if (end >= limit) return;
    for (let k = 0; k < end; k++) data[start + k * step] = 255;
  };
  const columns = Array.from({ length: width }, (_, x) => x);
  for (let y = 0; y < height; y++) {
    clearRun(y * width, 1, width);
    clearRun(y * width + width - 1, -1, width);
  }
  for (const x of columns) {
    clearRun(x, width, height);
    clearRun((height - 1) * width + x, -width, height);
  }
  const side = Math.min(width, height);
  for (const c of components({ width, height, data }, threshold)) {
    const w = c.x1 - c.x0;
    const h = c.y1 - c.y0;
    const fill = c.pixels / (w * h);
    const round = Math.max(w, h) <= marginSettings.maxHoleAspect * Math.min(w, h) && fill >= marginSettings.minHoleFill && fill <= marginSettings.maxHoleFill;
    if (!round || Math.min(w, h) < marginSettings.minHoleShare * side || Math.max(w, h) > marginSettings.maxHoleShare * side) continue;
    for (let y = c.y0; y < c.y1; y++) data.fill(255, y * width + c.x0, y * width + c.x1);
  }
  return { width, height, data };
}

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
  for (let y = 0; y < height; y++) {
    clearRun(y * width, 1, width);
    clearRun(y * width + width - 1, -1, width);
  }
  for (let x = 0; x < width; x++) {
    clearRun(x, width, height);
    clearRun((height - 1) * width + x, -width, height);
  }
  if (!solidSomewhere({ width, height, data }, threshold, Math.round(marginSettings.minHoleShare * 0.7 * Math.min(width, height)))) return { width, height, data };
  // Holes are sought on every other pixel of every other row (a hole is 40 px across at 200 dpi): a quarter of the work.
  const [hw, hh] = [Math.floor(width / 2), Math.floor(height / 2)];
  const half = new Uint8Array(hw * hh);
  for (let y = 0; y < hh; y++) for (let x = 0; x < hw; x++) half[y * hw + x] = data[2 * y * width + 2 * x]!;
  const side = Math.min(hw, hh);
  for (const c of components({ width: hw, height: hh, data: half }, threshold)) {
    const w = c.x1 - c.x0;
    const h = c.y1 - c.y0;
    const fill = c.pixels / (w * h);
    const round = Math.max(w, h) <= marginSettings.maxHoleAspect * Math.min(w, h) && fill >= marginSettings.minHoleFill && fill <= marginSettings.maxHoleFill;
    if (!round || Math.min(w, h) < marginSettings.minHoleShare * side || Math.max(w, h) > marginSettings.maxHoleShare * side) continue;
    // The hole's box at full size, two pixels more each side (the rim between samples).
    for (let y = Math.max(0, 2 * c.y0 - 2); y < Math.min(height, 2 * c.y1 + 2); y++) data.fill(255, y * width + Math.max(0, 2 * c.x0 - 2), y * width + Math.min(width, 2 * c.x1 + 2));
  }
  return { width, height, data };
}

/** Whether a square of `side` pixels anywhere is all ink (on a grid of every fourth pixel): a hole holds one; text, rules and specks do not. */
function solidSomewhere(image: Gray, threshold: number, side: number): boolean {
  const { width, height, data } = image;
  const step = 4;
  const n = Math.max(1, Math.floor(side / step));
  // Runs of dark samples along each sampled row, then runs of such rows down each sampled column.
  const [gw, gh] = [Math.floor(width / step), Math.floor(height / step)];
  const down = new Uint16Array(gw);
  for (let gy = 0; gy < gh; gy++) {
    let run = 0;
    for (let gx = 0; gx < gw; gx++) {
      run = data[gy * step * width + gx * step]! <= threshold ? run + 1 : 0;
      down[gx] = run >= n ? down[gx]! + 1 : 0;
      if (down[gx]! >= n) return true;
    }
  }
  return false;
}

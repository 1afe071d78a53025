/**
 * pdf.js text items → text runs with boxes in page space. CJK text needs
 * pdf.js's cMaps (see load.ts), or characters vanish silently.
 */
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { Box, Matrix } from './geometry.js';
import { boundsOf, multiply } from './geometry.js';

export interface TextRun {
  text: string;
  /** Box in page space (upright page, y down). */
  box: Box;
  /** Font size in page space. */
  size: number;
  /** 1-based page number. */
  page: number;
  /** False for text drawn at a right angle to the page's reading direction. */
  horizontal: boolean;
  /** How sure the reading is (OCR); absent for a text layer, which is what the file says. */
  confidence?: number;
  /** Other readings OCR saw for this text (a number's disputed reads), most supported first. */
  alternatives?: string[];
}

/** The em box of a glyph runs from about 0.2 below the baseline to 1.0 above it; boxes enclose it whole. */
const descent = 0.2;
const ascent = 1.0;

export function runsFromItems(items: Array<TextItem | { type: string }>, viewportTransform: Matrix, page: number): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const m = multiply(viewportTransform, item.transform as Matrix);
    const size = Math.hypot(m[2], m[3]);
    const advance = Math.hypot(m[0], m[1]);
    if (size === 0 || advance === 0) continue;
    const dir: [number, number] = [m[0] / advance, m[1] / advance];
    const up: [number, number] = [m[2] / size, m[3] / size];
    const corner = (along: number, rise: number): [number, number] => [
      m[4] + dir[0] * along + up[0] * rise * size,
      m[5] + dir[1] * along + up[1] * rise * size,
    ];
    const width = item.width;
    runs.push({
      text: item.str,
      box: boundsOf([corner(0, -descent), corner(width, -descent), corner(width, ascent), corner(0, ascent)]),
      size,
      page,
      horizontal: Math.abs(dir[0]) >= Math.abs(dir[1]),
    });
  }
  return runs;
}

/**
 * Splits a run at its spaces into one run per token, placing each token by
 * its share of the characters. Needed where one text item covers several
 * table cells (a row drawn by one TJ with gaps).
 */
export function splitAtSpaces(run: TextRun): TextRun[] {
  const tokens = [...run.text.matchAll(/\S+/g)];
  if (tokens.length <= 1 || !run.horizontal) return [run];
  const perChar = (run.box[2] - run.box[0]) / run.text.length;
  return tokens.map((t) => ({
    ...run,
    text: t[0],
    box: [run.box[0] + t.index! * perChar, run.box[1], run.box[0] + (t.index! + t[0].length) * perChar, run.box[3]] as Box,
  }));
}

/** Characters that mean the font has no usable ToUnicode map. */
const garbage = /[\ufffd\ue000-\uf8ff]/g;

export function textQuality(runs: TextRun[]): { chars: number; garbage: number } {
  let chars = 0;
  let bad = 0;
  for (const r of runs) {
    const t = r.text.replace(/\s+/g, '');
    chars += t.length;
    bad += t.match(garbage)?.length ?? 0;
  }
  return { chars, garbage: bad };
}

const cjkChar = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Whether two runs on a line are separate words: a gap wider than the join
 * share of the font size, except between two CJK characters, which Chinese
 * never separates by a space however wide the letter spacing (or an OCR
 * engine's word boxes) make the gap.
 */
export function needsSpace(before: string, after: string, gap: number, size: number, settings: { joinGapShare: number }): boolean {
  if (gap <= size * settings.joinGapShare) return false;
  return !(cjkChar.test(before.slice(-1)) && cjkChar.test(after[0] ?? ''));
}

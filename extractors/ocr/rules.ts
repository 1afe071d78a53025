/**
 * Ruling lines in a page image: long thin runs of ink, horizontal and
 * vertical. The table structure comes from these lines, as in a born-digital
 * PDF, and the same lattice steps (../pdf/lattice.ts) turn them into cells.
 */
import type { Edge } from '../pdf/rules.js';
import type { Gray } from './image.js';
import { ocrSettings, px } from './settings.js';
import { maxOf, minOf } from '../../src/arrays.js';

interface Run {
  at: number;
  from: number;
  to: number;
}

/**
 * Runs of ink along each row (or column), gaps up to `ruleGap` bridged, at
 * least `minRuleRun` long. A pixel counts as ink when it or a neighbour
 * across the line is: a hairline scanned at low resolution is grey and
 * dotted, its dots alternating between two pixel rows.
 */
function runs(image: Gray, threshold: number, vertical: boolean): Run[] {
  const { width, height, data } = image;
  const lines = vertical ? width : height;
  const length = vertical ? height : width;
  const across = vertical ? 1 : width;
  const out: Run[] = [];
  for (let a = 0; a < lines; a++) {
    let start = -1;
    let lastInk = -1;
    for (let b = 0; b <= length; b++) {
      const i = vertical ? b * width + a : a * width + b;
      const ink =
        b < length &&
        (data[i]! <= threshold || (a > 0 && data[i - across]! <= threshold) || (a + 1 < lines && data[i + across]! <= threshold));
      if (ink) {
        if (start < 0) start = b;
        lastInk = b;
      } else if (start >= 0 && b - lastInk > px(ocrSettings.ruleGapShare)) {
        if (lastInk - start + 1 >= px(ocrSettings.minRuleRunShare)) out.push({ at: a, from: start, to: lastInk + 1 });
        start = -1;
      }
    }
  }
  return out;
}

/**
 * Runs on neighbouring rows that overlap or follow one another form one
 * rule: a line that is not quite level (residual skew, nearest-neighbour
 * rotation) steps from one pixel row to the next. A band thicker than a rule
 * is not one.
 */
function bands(list: Run[]): Array<{ at: number; top: number; bottom: number; from: number; to: number }> {
  const sorted = [...list].sort((p, q) => p.at - q.at || p.from - q.from);
  const groups: Array<{ runs: Run[]; last: number }> = [];
  const gap = px(ocrSettings.ruleGapShare);
  for (const run of sorted) {
    const group = groups.find((g) => run.at - g.last <= 2 && g.runs.some((r) => r.from <= run.to + gap && run.from <= r.to + gap));
    if (group) {
      group.runs.push(run);
      group.last = run.at;
    } else groups.push({ runs: [run], last: run.at });
  }
  return groups
    .filter((g) => g.last - g.runs[0]!.at + 1 <= px(ocrSettings.maxRuleThicknessShare))
    .map((g) => ({
      at: (g.runs[0]!.at + g.last) / 2,
      top: g.runs[0]!.at,
      bottom: g.last,
      from: minOf(g.runs.map((r) => r.from)),
      to: maxOf(g.runs.map((r) => r.to)),
    }));
}

/**
 * The share of a band's length along which there is ink just beside it on
 * both sides (within `ruleClearanceShare` of a character height). A ruling
 * line has paper on at least one side but where other rules cross it (text
 * in a narrow cell may touch it on one side); a stroke of a large character
 * (strokes lined up along a bold title) has the rest of its character
 * around it.
 */
function crowded(image: Gray, threshold: number, vertical: boolean, band: { top: number; bottom: number; from: number; to: number }): number {
  const d = px(ocrSettings.ruleClearanceShare);
  const lines = vertical ? image.width : image.height;
  const at = (a: number, b: number) => image.data[vertical ? b * image.width + a : a * image.width + b]! <= threshold;
  let count = 0;
  for (let b = band.from; b < band.to; b++) {
    let before = false;
    let after = false;
    for (let k = 2; k <= d + 1; k++) {
      before ||= band.top - k >= 0 && at(band.top - k, b);
      after ||= band.bottom + k < lines && at(band.bottom + k, b);
    }
    if (before && after) count++;
  }
  return count / Math.max(1, band.to - band.from);
}

/**
 * How thick the band is in dark ink (at most `inkLevel`), the median over
 * its length: a printed rule is a hairline or a point thick, however grey
 * its halo; the strokes of a bold title are thicker.
 */
function coreThickness(image: Gray, inkLevel: number, vertical: boolean, band: { top: number; bottom: number; from: number; to: number }): number {
  const lines = vertical ? image.width : image.height;
  const counts: number[] = [];
  const step = Math.max(1, Math.floor((band.to - band.from) / 50));
  for (let b = band.from; b < band.to; b += step) {
    let n = 0;
    for (let a = Math.max(0, band.top - 1); a <= Math.min(lines - 1, band.bottom + 1); a++) {
      if (image.data[vertical ? b * image.width + a : a * image.width + b]! <= inkLevel) n++;
    }
    counts.push(n);
  }
  counts.sort((p, q) => p - q);
  return counts[Math.floor(counts.length / 2)] ?? 0;
}

/**
 * The page's ruling lines as edges in pixels: runs of pixels at most
 * `ruleLevel` bright (hairlines scan light grey), with no ink at most
 * `inkLevel` bright crowding them (light JPEG noise beside a rule is not ink).
 */
export function imageEdges(image: Gray, ruleLevel: number, inkLevel: number): Edge[] {
  const rules = (vertical: boolean) =>
    bands(runs(image, ruleLevel, vertical)).filter(
      (b) => coreThickness(image, inkLevel, vertical, b) <= px(ocrSettings.maxRuleCoreShare) && crowded(image, inkLevel, vertical, b) <= ocrSettings.maxCrowdedShare,
    );
  return [
    ...rules(false).map((b): Edge => ({ orientation: 'h', pos: b.at, start: b.from, end: b.to })),
    ...rules(true).map((b): Edge => ({ orientation: 'v', pos: b.at, start: b.from, end: b.to })),
  ];
}

/**
 * Ruling lines in a page image: long thin runs of ink, horizontal and
 * vertical. The table structure comes from these lines, as in a born-digital
 * PDF, and the same lattice steps (../pdf/lattice.ts) turn them into cells.
 */
import type { Edge } from '../pdf/rules.js';
import type { Gray } from './image.js';
import { ocrSettings } from './settings.js';

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
      } else if (start >= 0 && b - lastInk > ocrSettings.ruleGap) {
        if (lastInk - start + 1 >= ocrSettings.minRuleRun) out.push({ at: a, from: start, to: lastInk + 1 });
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
function bands(list: Run[]): Array<{ at: number; from: number; to: number }> {
  const sorted = [...list].sort((p, q) => p.at - q.at || p.from - q.from);
  const groups: Array<{ runs: Run[]; last: number }> = [];
  const gap = ocrSettings.ruleGap;
  for (const run of sorted) {
    const group = groups.find((g) => run.at - g.last <= 2 && g.runs.some((r) => r.from <= run.to + gap && run.from <= r.to + gap));
    if (group) {
      group.runs.push(run);
      group.last = run.at;
    } else groups.push({ runs: [run], last: run.at });
  }
  return groups
    .filter((g) => g.last - g.runs[0]!.at + 1 <= ocrSettings.maxRuleThickness)
    .map((g) => ({
      at: (g.runs[0]!.at + g.last) / 2,
      from: Math.min(...g.runs.map((r) => r.from)),
      to: Math.max(...g.runs.map((r) => r.to)),
    }));
}

/** The page's ruling lines as edges in pixels. */
export function imageEdges(image: Gray, threshold: number): Edge[] {
  return [
    ...bands(runs(image, threshold, false)).map((b): Edge => ({ orientation: 'h', pos: b.at, start: b.from, end: b.to })),
    ...bands(runs(image, threshold, true)).map((b): Edge => ({ orientation: 'v', pos: b.at, start: b.from, end: b.to })),
  ];
}

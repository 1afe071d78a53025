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

/** Runs of ink along each row (or column), gaps up to `ruleGap` bridged, at least `minRuleRun` long. */
function runs(image: Gray, threshold: number, vertical: boolean): Run[] {
  const { width, height, data } = image;
  const lines = vertical ? width : height;
  const length = vertical ? height : width;
  const out: Run[] = [];
  for (let a = 0; a < lines; a++) {
    let start = -1;
    let lastInk = -1;
    for (let b = 0; b <= length; b++) {
      const ink = b < length && data[vertical ? b * width + a : a * width + b]! <= threshold;
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

/** Runs on neighbouring rows that overlap form one rule; a band thicker than a rule is not one. */
function bands(list: Run[]): Array<{ at: number; from: number; to: number }> {
  const sorted = [...list].sort((p, q) => p.at - q.at || p.from - q.from);
  const groups: Array<{ runs: Run[]; last: number }> = [];
  for (const run of sorted) {
    const group = groups.find((g) => run.at - g.last <= 1 && g.runs.some((r) => r.from < run.to && run.from < r.to));
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

/**
 * Digits run together: a dump that lost the separators of a row prints
 * 「640020470」 for 64 0 0 2 0 4 70. Such a row is split only where exactly
 * one split into the row's cells satisfies every arithmetic rule that lies
 * within the row (its total): the total then no longer is independent
 * evidence, so the values stay in doubt and the problem says what the split
 * rests on. Otherwise the row is unreadable. Nothing is guessed.
 */
import { equations } from '../checks/arithmetic.js';
import type { Equation } from '../checks/arithmetic.js';
import { sumTolerance } from '../settings.js';

/** Enumerating more splits than this means the digits tell too little: the row stays unreadable. */
const maxSplits = 200_000;

/** A run of digits that could hold several numbers. */
export const isDigitRun = (text: string) => /^\d+$/.test(text.trim());

/**
 * Every way to cut the runs (in order; each run one number at least) into
 * `count` numbers, none with a leading zero except 0 itself; undefined when
 * there are more than `limit`.
 */
export function digitSplits(runs: string[], count: number, limit = maxSplits): string[][] | undefined {
  const out: string[][] = [];
  const minLeft = (r: number) => runs.length - r; // one number per run still to come
  const maxLeft = (r: number) => runs.slice(r).reduce((s, run) => s + run.length, 0);
  let overflow = false;
  const cutRun = (r: number, at: number, parts: string[]) => {
    if (overflow) return;
    if (r === runs.length) {
      if (parts.length === count) {
        if (out.length >= limit) overflow = true;
        else out.push([...parts]);
      }
      return;
    }
    const run = runs[r]!;
    for (let end = at + 1; end <= run.length; end++) {
      const part = run.slice(at, end);
      if (part.length > 1 && part.startsWith('0')) break; // 05 is no number, nor anything longer from here
      parts.push(part);
      const left = count - parts.length;
      if (end === run.length) {
        if (left >= minLeft(r + 1) && left <= maxLeft(r + 1)) cutRun(r + 1, 0, parts);
      } else if (left >= 1 + minLeft(r + 1) && left <= run.length - end + maxLeft(r + 1)) {
        cutRun(r, end, parts);
      }
      parts.pop();
    }
  };
  cutRun(0, 0, []);
  return overflow ? undefined : out;
}

/** The rules that lie within a row: every key they name is one of the row's. */
export function rowEquations(keys: string[]): Equation[] {
  const inRow = new Set(keys);
  return equations('2021').filter((eq) => [...eq.lhs, ...eq.rhs].every((k) => inRow.has(k)));
}

export type SplitResult =
  | { kind: 'split'; parts: string[]; rules: Equation[] }
  | { kind: 'ambiguous'; candidates: number | 'too many' };

/** The one split of the runs onto `keys` that the row's own rules allow (or the only one there is: 000 is 0 0 0), or why there is none. */
export function splitByRules(runs: string[], keys: string[]): SplitResult {
  const rules = rowEquations(keys);
  const splits = digitSplits(runs, keys.length);
  if (!splits) return { kind: 'ambiguous', candidates: 'too many' };
  const index = new Map(keys.map((k, i) => [k, i]));
  const total = (parts: number[], side: string[]) => side.reduce((s, k) => s + parts[index.get(k)!]!, 0);
  const fitting = splits.filter((parts) => {
    const values = parts.map(Number);
    return rules.every((eq) => Math.abs(total(values, eq.lhs) - total(values, eq.rhs)) <= sumTolerance);
  });
  return fitting.length === 1 ? { kind: 'split', parts: fitting[0]!, rules } : { kind: 'ambiguous', candidates: fitting.length };
}

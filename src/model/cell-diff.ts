/**
 * Which cells two reports of the same agency and year print differently:
 * the versions list of a batch and `govreport compare` both say what
 * differs, not only that there are several files.
 */
import type { Cell, Report } from './report.js';

export interface CellDifference {
  key: string;
  a: Pick<Cell, 'value' | 'raw' | 'state'> | null;
  b: Pick<Cell, 'value' | 'raw' | 'state'> | null;
}

/** Two cells agree when they print the same number, or the same non-number state. */
function same(a: Cell | undefined, b: Cell | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.state === 'number' || b.state === 'number') return a.state === b.state && a.value === b.value;
  return a.state === b.state;
}

/** The cells whose values differ, in key order; cells absent from one report count as differing only when the other has them. */
export function cellDifferences(a: Pick<Report, 'cells'>, b: Pick<Report, 'cells'>): CellDifference[] {
  const keys = [...new Set([...Object.keys(a.cells), ...Object.keys(b.cells)])].sort();
  const pick = (c: Cell | undefined) => (c ? { value: c.value, raw: c.raw, state: c.state } : null);
  const out: CellDifference[] = [];
  for (const key of keys) {
    const [x, y] = [a.cells[key], b.cells[key]];
    const absent = (c: Cell | undefined) => !c || c.state === 'absent';
    if (absent(x) && absent(y)) continue;
    if (!same(x, y)) out.push({ key, a: pick(x), b: pick(y) });
  }
  return out;
}

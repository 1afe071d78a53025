/**
 * Helpers for arrays of any length. `target.push(...items)`, `Math.max(...values)` and
 * their kind pass every item as an argument of one call, and a few hundred
 * thousand of them (the cells of one row of a hostile file) overflow the
 * stack: `RangeError: Maximum call stack size exceeded`. These loop instead.
 */

/** Appends `items` to `target`, in order; returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, as Math.max: -Infinity for none, NaN if one is NaN. */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > max) max = v;
  }
  return max;
}

/** The smallest of `values`, as Math.min: Infinity for none, NaN if one is NaN. */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < min) min = v;
  }
  return min;
}

/** `items` grouped by `key`, groups and their items in the order first seen; an item whose key is null is left out. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * How the rows of a pre-2019 statistics table nest, from their labels alone:
 * a label that opens with 其中 starts a level under the row above it; a
 * numbered label (1． 1. 1、) continues the level whose last item it follows
 * (2 after 1), however deep the rows between went; a label with neither is at
 * the top. Numbering restarts under every 其中, so the number alone never
 * says the level: the run it continues does.
 */
import { normalizeText } from '../text/normalize.js';

export interface Nesting {
  level: number;
  /** Index of the row it nests under, or null at the top. */
  parent: number | null;
}

/** 其中 and a colon before the row's own words (其中：1．在办). */
const opensSublist = /^其中[:：]?/;
/** An item number: 1． 1. 1、 (NFKC turns ． into .). */
const itemNumber = /^(\d{1,2})\s*[.、,](?!\d)/;

export interface LabelParts {
  sublist: boolean;
  number: number | null;
  /** The label without 其中 and its number. */
  words: string;
}

export function labelParts(label: string): LabelParts {
  let t = normalizeText(label);
  const sublist = opensSublist.test(t);
  t = t.replace(opensSublist, '');
  const m = itemNumber.exec(t);
  return { sublist, number: m ? Number(m[1]) : null, words: m ? t.slice(m[0].length) : t };
}

/**
 * Hooks for a reader that keys rows as it nests them: `fits` says whether row i
 * is something under that parent (asked only where the numbering allows more
 * than one level: 3 after a 2 at two depths), `placed` is told each row's place.
 */
export interface NestingHooks {
  fits?: (row: number, parent: number | null) => boolean;
  placed?: (row: number, nesting: Nesting) => void;
}

export function nestRows(labels: readonly string[], hooks: NestingHooks = {}): Nesting[] {
  const out: Nesting[] = [];
  // stack[level]: the last row at that level and its item number.
  const stack: Array<{ row: number; number: number | null }> = [];
  labels.forEach((label, i) => {
    const { sublist, number } = labelParts(label);
    let level = 0;
    if (sublist && i > 0) level = out[i - 1]!.level + 1;
    else if (number !== null) {
      // The levels whose last item this one follows, deepest first: the deepest where the row fits, else the deepest.
      // A list starting at 1 right after an unnumbered row opens a level under it.
      const follows = stack.map((s, l) => (s.number === number - 1 ? l : -1)).filter((l) => l >= 0).reverse();
      const parentAt = (l: number) => (l > 0 ? stack[l - 1]!.row : null);
      const found = follows.length > 1 ? (follows.find((l) => hooks.fits?.(i, parentAt(l)) ?? false) ?? follows[0]!) : (follows[0] ?? -1);
      if (found >= 0) level = found;
      else if (number === 1 && i > 0) level = out[i - 1]!.level + 1;
      else level = i > 0 ? out[i - 1]!.level : 0;
    }
    stack.length = level;
    stack[level] = { row: i, number };
    const nesting = { level, parent: level > 0 ? stack[level - 1]!.row : null };
    out.push(nesting);
    hooks.placed?.(i, nesting);
  });
  return out;
}

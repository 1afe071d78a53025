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

export function nestRows(labels: readonly string[]): Nesting[] {
  const out: Nesting[] = [];
  // stack[level]: the last row at that level and its item number.
  const stack: Array<{ row: number; number: number | null }> = [];
  labels.forEach((label, i) => {
    const { sublist, number } = labelParts(label);
    let level = 0;
    if (sublist && i > 0) level = out[i - 1]!.level + 1;
    else if (number !== null) {
      // The deepest level whose last item this one follows; a list starting at 1 right after an unnumbered row opens a level under it.
      let found = -1;
      for (let l = stack.length - 1; l >= 0; l--) {
        if (stack[l]!.number === number - 1) {
          found = l;
          break;
        }
      }
      if (found >= 0) level = found;
      else if (number === 1 && i > 0) level = out[i - 1]!.level + 1;
      else level = i > 0 ? out[i - 1]!.level : 0;
    }
    stack.length = level;
    stack[level] = { row: i, number };
    out.push({ level, parent: level > 0 ? stack[level - 1]!.row : null });
  });
  return out;
}

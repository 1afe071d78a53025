/**
 * Which indicator of the pre-2019 vocabulary (mappings/pre2019-vocabulary.ts)
 * a statistics-table row is: the closest label by edit distance
 * (closeness.ts), among the indicators the row's position allows - the
 * children of the indicator its parent row is, or the top level - and not
 * taken by an earlier row. Typos (当面申请书), other wordings (网络申请数,
 * 受理政府信息公开工作行政复议数) and bare words ('其他') resolve this way; a row
 * no indicator is close enough to keeps no key.
 */
import type { Pre2019Indicator } from '../../mappings/pre2019-vocabulary.js';
import { pre2019Indicators, pre2019LabelFillers } from '../../mappings/pre2019-vocabulary.js';
import type { TemplateRow } from './closeness.js';
import { closestRow } from './closeness.js';
import type { Nesting } from './pre2019-nesting.js';
import { labelParts, nestRows } from './pre2019-nesting.js';
import { normalizeText } from '../text/normalize.js';

/** The words a label is compared by: 其中, numbering and the filler qualifiers left out. */
function comparable(label: string): string {
  let words = labelParts(label).words;
  for (const filler of pre2019LabelFillers) words = words.split(normalizeText(filler)).join('');
  return words;
}

const templateOf = (indicators: readonly Pre2019Indicator[]): TemplateRow[] =>
  indicators.map((i) => ({ key: i.key, labels: [...new Set(i.labels.map(comparable))] }));

/** The indicators a row may be when it nests under a row of indicator `parentKey` (undefined: the top, or a parent that matched nothing). */
function allowedUnder(parentKey: string | null | undefined, taken: ReadonlySet<string>): Pre2019Indicator[] {
  const where = parentKey ?? '';
  return pre2019Indicators.filter((i) => (i.under ?? ['']).includes(where) && !taken.has(i.key));
}

/** The indicator a row is under a parent of indicator `parentKey` (null: the top), among those not taken. */
function keyUnder(label: string, parentKey: string | null, taken: ReadonlySet<string>): string | undefined {
  const indicators = allowedUnder(parentKey, taken);
  return indicators.length === 0 ? undefined : closestRow([comparable(label)], templateOf(indicators))?.key;
}

/** The key of a row at its place: its parent's children first; a row put too deep by its numbering may still be a top-level indicator. */
function keyAt(label: string, parentKey: string | null, taken: ReadonlySet<string>): string | null {
  return keyUnder(label, parentKey, taken) ?? (parentKey ? keyUnder(label, null, taken) : undefined) ?? null;
}

/** The key of each row (null when none matches), given its label and nesting. */
export function matchRows(labels: readonly string[], nesting: readonly Nesting[]): Array<string | null> {
  const keys: Array<string | null> = [];
  const taken = new Set<string>();
  labels.forEach((label, i) => {
    const parent = nesting[i]!.parent;
    const key = keyAt(label, parent === null ? null : keys[parent]!, taken);
    if (key) taken.add(key);
    keys.push(key);
  });
  return keys;
}

/**
 * Nesting and keys together: where the numbering leaves a row's level open
 * (a 3 after a 2 at two depths), it goes where the vocabulary has it under
 * its parent (3.其他类型答复数 under the answers, not under the refusals).
 */
export function nestAndMatch(labels: readonly string[]): { nesting: Nesting[]; keys: Array<string | null> } {
  const keys: Array<string | null> = [];
  const taken = new Set<string>();
  const keyOf = (parent: number | null) => (parent === null ? null : keys[parent]!);
  const nesting = nestRows(labels, {
    fits: (i, parent) => keyUnder(labels[i]!, keyOf(parent), taken) !== undefined && (parent === null || keys[parent] !== null),
    placed: (i, n) => {
      const key = keyAt(labels[i]!, keyOf(n.parent), taken);
      if (key) taken.add(key);
      keys[i] = key;
    },
  });
  return { nesting, keys };
}

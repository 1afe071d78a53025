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
import { labelParts } from './pre2019-nesting.js';
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

/** The key of each row (null when none matches), given its label and nesting. */
export function matchRows(labels: readonly string[], nesting: readonly Nesting[]): Array<string | null> {
  const keys: Array<string | null> = [];
  const taken = new Set<string>();
  labels.forEach((label, i) => {
    const parent = nesting[i]!.parent;
    const parentKey = parent === null ? null : keys[parent];
    const read = comparable(label);
    const tryAmong = (indicators: Pre2019Indicator[]) => (indicators.length === 0 ? undefined : closestRow([read], templateOf(indicators))?.key);
    // Under a parent that matched, its children first; a row put too deep by its numbering may still be a top-level indicator.
    const key = tryAmong(allowedUnder(parentKey, taken)) ?? (parentKey ? tryAmong(allowedUnder(null, taken)) : undefined) ?? null;
    if (key) taken.add(key);
    keys.push(key);
  });
  return keys;
}

/** Matching source labels against the mapping's label definitions. */
import type { LabelMatcher } from '../../mappings/types.js';
import { labelKey } from '../text/normalize.js';

/**
 * The definition a label matches: an exact key beats any containment; among
 * containments the longest contained entry wins, so 行政规范性文件 beats
 * 规范性文件 and 其他法律 beats 其他. Returns undefined when none matches.
 */
export function matchLabel<T extends LabelMatcher>(text: string, defs: readonly T[]): T | undefined {
  const key = labelKey(text);
  if (key === '') return undefined;
  // OCR misreads numbering such as （七） into Latin junk ("Ce)总计"): exact labels are also tried without it.
  const bare = key.replace(/^[A-Za-z0-9()[\]{}<>|!]+(?=[\u3400-\u9fff])/, '');
  let best: T | undefined;
  let bestScore = 0;
  for (const def of defs) {
    if (def.exact?.includes(key) || def.exact?.includes(bare)) return def;
    for (const entry of def.contains ?? []) {
      if (entry.length > bestScore && key.includes(entry)) {
        best = def;
        bestScore = entry.length;
      }
    }
  }
  return best;
}

/** True when the label matches one of the definitions by containment (not by a bare exact word such as 总计). */
export function matchesSpecifically(text: string, defs: readonly LabelMatcher[]): boolean {
  return keyMatchesSpecifically(labelKey(text), defs);
}

/** matchesSpecifically for a label key already made (labelKey): a caller trying many definitions makes it once. */
export function keyMatchesSpecifically(key: string, defs: readonly LabelMatcher[]): boolean {
  return key !== '' && defs.some((d) => d.contains?.some((entry) => key.includes(entry)));
}

/** True when the text contains any of the entries (compared as label keys). */
export function containsAny(text: string, entries: readonly string[]): boolean {
  const key = labelKey(text);
  return entries.some((e) => key.includes(e));
}

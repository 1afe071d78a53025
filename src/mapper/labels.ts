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

/**
 * The definitions a label names by containment, where one names more than one row: a label cell whose
 * rules were lost holds the labels of several rows (「（二）部分公开… 一、本年新收…」), and the row it
 * stands in is none of them for sure. An entry inside another one matched (规范性文件 in
 * 行政规范性文件, 其他 in 其他法律) is the same word, not a second row. Empty when the label names one
 * row or none; an exact label is never several.
 */
export function severalRows<T extends LabelMatcher>(text: string, defs: readonly T[]): T[] {
  const key = labelKey(text);
  if (key === '') return [];
  const hits = defs.flatMap((def) => (def.contains ?? []).filter((entry) => key.includes(entry)).map((entry) => ({ def, entry })));
  const own = hits.filter((h) => !hits.some((o) => o.entry !== h.entry && o.entry.includes(h.entry)));
  const named = [...new Set(own.map((h) => h.def))];
  return named.length > 1 ? named : [];
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

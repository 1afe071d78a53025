/**
 * Whether a short text is one of the six section headings (一、总体情况 …):
 * it starts with the section's numeral and 、 (or . ，) and names the section
 * (mappings/sections.ts). Readers use it to keep headings out of tables and
 * to find where a report sits in a page; the mapper to find the sections.
 */
import type { SectionDef } from '../../mappings/sections.js';
import { maxHeadingLength, sections } from '../../mappings/sections.js';
import { labelKey, normalizeText } from './normalize.js';

/** Whether `text` begins like the heading of `def` (only its first characters are looked at). */
export function startsSection(text: string, def: SectionDef): boolean {
  if (!new RegExp(`^${def.numeral}[、.,，]`).test(normalizeText(text))) return false;
  const head = labelKey(text.trim().slice(0, maxHeadingLength));
  return def.contains.some((k) => head.includes(k));
}

/**
 * Whether `text` is the title of `def` word for word but for its numeral (「主动公开政府信息情况」 where
 * OCR lost 「二、」, or an editor dropped Word's automatic numbering), or but for one character before it
 * (OCR reads a speck in the margin as 「人」: 「人六、其他需要报告的事项」): a heading all the same, though
 * only where the sections' order expects it (the mapper's call), since such a text could be a caption.
 */
export function isTitleWithoutNumeral(text: string, def: SectionDef): boolean {
  const title = labelKey(def.title);
  const trimmed = text.trim();
  return labelKey(trimmed) === title || labelKey(trimmed.slice(1)) === title;
}

/** The section a short text (a heading on its own) heads, if any. */
export function headedSection(text: string, maxLength = maxHeadingLength): SectionDef | undefined {
  return text.trim().length <= maxLength ? sections.find((def) => startsSection(text, def)) : undefined;
}

/** How a numbered label or heading begins: 一、 （二） (3) 1. 1、 — a new row or paragraph, not the rest of one. */
export const startsNumbered = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])/;

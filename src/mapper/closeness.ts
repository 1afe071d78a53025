/**
 * Closeness of a row label that OCR garbled to the template's row labels: the
 * row it most likely is, when one row is clearly closer than any other and
 * lies where the rows matched above and below leave room for it.
 *
 * Only evidence the page gives is used: the label's Chinese characters (edit
 * distance), its numbering (（七） 1. 3、), and the order of the rows that
 * matched exactly. A label close to two rows alike names neither.
 */
import type { LabelMatcher } from '../../mappings/types.js';
import { plural, quote } from '../model/wording.js';
import { normalizeText } from '../text/normalize.js';
import { labelCloseness } from '../settings.js';

/** A row of the template, in template order. */
export interface TemplateRow {
  key: string;
  /** The label as printed, with its numbering; older versions' prints and whole-label synonyms too. */
  labels: readonly string[];
  /**
   * Labels of the cells that span this row and its siblings, outermost first (Table 3:
   * 三、本年度办理结果, （三）不予公开). A read may carry the end of them before the row's own label
   * (cells run together, or a flattened row).
   */
  parents?: readonly string[];
}

/** The row a label is read as, how far the read is from its label, and how far the next best is. */
export interface CloseMatch {
  key: string;
  distance: number;
  /** The read (after normalisation) that came closest, for messages. */
  read: string;
  runnerUp?: { key: string; distance: number };
}

/** Where a label's row may lie: below the row matched above it, above the row matched below it, and not a row taken. */
export interface OrderBounds {
  above?: string;
  below?: string;
  taken?: ReadonlySet<string>;
}

type NumberingKind = 'section' | 'bracketed' | 'item';
interface Numbering {
  kind: NumberingKind;
  value: number;
}

const chineseNumerals = '一二三四五六七八九十';

/**
 * Numbering markers as they print and as OCR leaves them: 三、 (a section), （七） with either
 * bracket lost (an item of a section), 3. 3、 (a sub-item). Brackets OCR reads as 《 〈 < « count.
 */
const numberingMarkers = new RegExp(
  [
    `(?<bracketed>[(《〈<«][${chineseNumerals}][)》〉>»]?|[${chineseNumerals}][)》〉>»])`,
    `(?<section>(?<![\\u3400-\\u9fff])[${chineseNumerals}][、.,])`,
    `(?<item>(?<!\\d)\\d{1,2}[.、,](?!\\d))`,
  ].join('|'),
  'gu',
);

/** Characters that carry a label's words: CJK ideographs. Everything else in a read is numbering, punctuation or noise. */
const notWords = /[^\u3400-\u9fff]+/gu;

interface ParsedLabel {
  /** The last numbering marker: the row's own (a read may begin with its parents' numbering). */
  numbering?: Numbering;
  /** The label's ideographs, numbering removed. */
  words: string;
}

export function parseLabel(text: string): ParsedLabel {
  const t = normalizeText(text);
  let numbering: Numbering | undefined;
  for (const m of t.matchAll(numberingMarkers)) {
    const g = m.groups!;
    const kind: NumberingKind = g['bracketed'] ? 'bracketed' : g['section'] ? 'section' : 'item';
    const marker = m[0];
    const value = kind === 'item' ? Number.parseInt(marker, 10) : chineseNumerals.indexOf([...marker].find((c) => chineseNumerals.includes(c))!) + 1;
    numbering = { kind, value };
  }
  return { numbering, words: t.replace(numberingMarkers, '').replace(notWords, '') };
}

/**
 * Edit distance from `read` to `own` preceded by any end of `parents` (a free
 * start anywhere in the parents: the read may carry all, part or none of them),
 * counting insertions, deletions and substitutions of characters as 1.
 */
export function distanceWithParents(read: string, own: string, parents = ''): number {
  const template = [...parents, ...own];
  const r = [...read];
  const free = [...parents].length;
  // prev[i]: cost of aligning template[0..j) with r[0..i); a template prefix within the parents costs nothing.
  let prev = Array.from({ length: r.length + 1 }, (_, i) => i);
  for (let j = 1; j <= template.length; j++) {
    const cur = new Array<number>(r.length + 1);
    cur[0] = j <= free ? 0 : j - free;
    for (let i = 1; i <= r.length; i++) {
      const sub = prev[i - 1]! + (template[j - 1] === r[i - 1] ? 0 : 1);
      cur[i] = Math.min(sub, prev[i]! + 1, cur[i - 1]! + 1);
    }
    prev = cur;
  }
  return prev[r.length]!;
}

/** Numbering that disagrees with the row's own counts as one more edit; numbering missing or unreadable counts nothing. */
function numberingCost(read: Numbering | undefined, own: Numbering | undefined): number {
  if (!read || !own) return 0;
  return read.kind === own.kind && read.value === own.value ? 0 : 1;
}

function rowDistance(read: ParsedLabel, row: TemplateRow): number {
  const parents = (row.parents ?? []).map((p) => parseLabel(p).words).join('');
  // A read the parents alone explain as well (三、本年度办理结果, a group cell where the row's own label is lost) names no row under them.
  const parentsOnly = parents === '' ? Infinity : distanceWithParents(read.words, '', parents);
  let best = Infinity;
  for (const label of row.labels) {
    const own = parseLabel(label);
    const words = distanceWithParents(read.words, own.words, parents);
    if (words >= parentsOnly) continue;
    const d = words + numberingCost(read.numbering, own.numbering);
    if (d < best) best = d;
  }
  return best;
}

/** The rows a label may be: strictly between the rows matched above and below, in template order, and not taken. */
export function rowsBetween(template: readonly TemplateRow[], bounds: OrderBounds): TemplateRow[] {
  const index = (key: string | undefined) => (key === undefined ? -1 : template.findIndex((t) => t.key === key));
  const from = bounds.above === undefined ? -1 : index(bounds.above);
  const to = bounds.below === undefined ? template.length : index(bounds.below);
  // A neighbour that is no row of this template (another version's) leaves no order to go by.
  if ((bounds.above !== undefined && from < 0) || (bounds.below !== undefined && to < 0)) return [];
  return template.slice(from + 1, Math.max(from + 1, to)).filter((t) => !bounds.taken?.has(t.key));
}

/**
 * The template row a garbled label is, or undefined: the closest of the rows
 * its matched neighbours leave room for, when it is within the distance bound
 * for the label's length and clearly closer than the next (a tie names none).
 * `reads` are readings of the same label (its own cell, all its label cells
 * joined): the closest reading counts.
 */
export function closestRow(reads: readonly string[], template: readonly TemplateRow[], bounds: OrderBounds = {}): CloseMatch | undefined {
  const candidates = rowsBetween(template, bounds);
  const scored: Array<{ key: string; distance: number; read: string; length: number }> = [];
  for (const text of reads) {
    const read = parseLabel(text);
    if ([...read.words].length < labelCloseness.minChars) continue;
    for (const row of candidates) {
      const distance = rowDistance(read, row);
      const existing = scored.find((s) => s.key === row.key);
      if (existing && existing.distance <= distance) continue;
      // Bounds are measured against the longer of read and label: a short read is no closer to a long label for being short.
      const length = Math.max([...read.words].length, ...row.labels.map((l) => [...parseLabel(l).words].length));
      const entry = { key: row.key, distance, read: read.words, length };
      if (existing) Object.assign(existing, entry);
      else scored.push(entry);
    }
  }
  scored.sort((a, b) => a.distance - b.distance);
  const [best, second] = scored;
  if (!best) return undefined;
  if (best.distance > Math.floor(labelCloseness.maxDistanceRatio * best.length)) return undefined;
  const margin = Math.max(1, Math.floor(best.length * labelCloseness.marginRatio));
  if (second && second.distance - best.distance < margin) return undefined;
  return {
    key: best.key,
    distance: best.distance,
    read: best.read,
    ...(second ? { runnerUp: { key: second.key, distance: second.distance } } : {}),
  };
}

/** A mapping's row definition as a template row: its printed labels (every version's) and whole-label synonyms. */
export function templateRow(def: LabelMatcher & { key: string }, parents: readonly string[] = []): TemplateRow {
  const labels = [...new Set([def.label, ...Object.values(def.labelIn ?? {}), ...(def.exact ?? [])])];
  return { key: def.key, labels, ...(parents.length > 0 ? { parents } : {}) };
}

/** The keys of the nearest rows above and below row `r` that are placed (rowOf[i] set). */
export function placedNeighbours(rowOf: ReadonlyArray<string | undefined>, r: number): { above?: string; below?: string } {
  let above = r - 1;
  while (above >= 0 && rowOf[above] === undefined) above--;
  let below = r + 1;
  while (below < rowOf.length && rowOf[below] === undefined) below++;
  return {
    ...(above >= 0 ? { above: rowOf[above]! } : {}),
    ...(below < rowOf.length ? { below: rowOf[below]! } : {}),
  };
}

/** Why a garbled label was taken for a row, for ROW_INFERRED: the row chosen, how close, how close the next came. */
export function closenessReason(close: CloseMatch, chosenLabel: string, noun = 'row'): string {
  const apart = `${plural(close.distance, 'character')} apart${close.runnerUp ? `, the next closest ${noun} ${close.runnerUp.distance}` : ''}`;
  return `its label is closest to ${quote(chosenLabel)} (${apart}) among the ${noun}s its neighbours leave room for`;
}

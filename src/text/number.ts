/**
 * Reading a table cell as a number. A value is only ever what the cell says:
 * blank and dash cells keep their state and a null value, nothing is guessed.
 */
import type { MoneyUnit, Unit } from '../../mappings/units.js';
import { countUnits, moneyUnits } from '../../mappings/units.js';
import type { CellState } from '../model/report.js';
import { canonicalText, hasWords } from './normalize.js';

export interface ParsedValue {
  state: Exclude<CellState, 'absent'>;
  value: number | null;
  /** The unit printed after the number (`2笔`, `984361元`): the value is the number, in that unit. */
  unit?: Unit;
}

/** Cells that say "not applicable / none" without a number (format.md §7.10). */
const dashes = new Set(['-', '--', '—', '——', '–', '/', '\\', '无', '空', 'N/A', 'NA', '…', '……', '×']);

/** Units as a regex alternation, longest first so that 万元 is not read as 元. */
const anyOf = (units: readonly string[]) => [...units].sort((a, b) => b.length - a.length).join('|');

/** Units printed inside value cells (format.md §7.14). */
const trailingUnit = new RegExp(`(${anyOf([...countUnits, ...moneyUnits])})$`);

/** An optionally signed decimal with optional thousands separators. */
const numberPattern = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

export function parseValue(raw: string): ParsedValue {
  // Invisible characters go first (11\u200b00 shows as 1100, not as 11 and 00); NFKC turns full-width
  // digits, signs and separators into ASCII.
  const spaced = canonicalText(raw).normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  // "1 2" may be two cells run together: not a number to trust.
  if (/\d \d/.test(spaced)) return { state: 'unreadable', value: null };
  const text = spaced.replace(/ /g, '');
  if (text === '') return { state: 'blank', value: null };
  if (dashes.has(text) || /^[-—–_]+$/.test(text)) return { state: 'dash', value: null };
  const unit = trailingUnit.exec(text)?.[1] as Unit | undefined;
  const bare = (unit ? text.slice(0, -unit.length) : text).replace(/^[＋]/, '+');
  if (!numberPattern.test(bare)) return { state: 'unreadable', value: null };
  const value = Number(bare.replace(/,/g, ''));
  if (!Number.isFinite(value)) return { state: 'unreadable', value: null };
  return unit ? { state: 'number', value, unit } : { state: 'number', value };
}

/** The money unit a column label names for its cells: 「本年收费金额（单位：万元）」, 「采购总金额(元)」. */
const labelUnit = new RegExp(`[（(]\\s*(?:单位\\s*[:：]\\s*)?(${anyOf(moneyUnits)})\\s*[)）]`);

export function unitInLabel(label: string): MoneyUnit | undefined {
  return labelUnit.exec(label.normalize('NFKC'))?.[1] as MoneyUnit | undefined;
}

/** A cell that holds a value rather than a label: a number, blank or dash. */
export function isValueLike(raw: string): boolean {
  return parseValue(raw).state !== 'unreadable';
}

/** A cell that holds a label: words, and not a value (so 5件 and 无 are values). */
export function isLabelText(raw: string): boolean {
  return hasWords(raw) && !isValueLike(raw);
}

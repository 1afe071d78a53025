/**
 * A pre-2019 statistics table whose cells were pasted as one run-together
 * paragraph ('指标名称单位2017年历年累计主动公开文件数条148 其中：1.政府网站公开数条148 …'):
 * the header words, then for each row its label, its unit and its numbers.
 * A row ends at a unit followed by a number; the numbers fill the value
 * columns in order, and a column a row prints no number for is blank (the
 * paragraph kept no empty cells to say which, so the cells are placed by
 * order: confidence byOrder). Where the digits of two columns may have run
 * together, the row's cells are unreadable, never a number made of both.
 */
import { pre2019Units } from '../../mappings/pre2019-vocabulary.js';
import type { Provenance } from '../model/layout.js';
import type { Cell } from '../model/report.js';
import { confidence } from '../settings.js';
import { parseValue } from '../text/number.js';
import { headerRole, headerTokenPattern, printed } from './pre2019-columns.js';

export interface FlatRow {
  label: string;
  unit: string;
  values: Cell[];
  /** Numbers the row prints beyond the header's columns: not placed (ROW_EXTRA_CELLS names them). */
  extra: string[];
}

export interface FlatTable {
  /** Value column headers as printed, in order. */
  headers: string[];
  /** Whether the header names a unit column. */
  hasUnit: boolean;
  /** What follows the last row that could be read as one (a row without a number, digits run into the next label). */
  unread?: string;
  rows: FlatRow[];
}

const header = new RegExp(`^\\s*(?:${headerTokenPattern()})`);
const units = [...pre2019Units].sort((a, b) => b.length - a.length).join('|');
const value = String.raw`\d[\d,]*(?:\.\d+)?(?![\d.．、])`;
/** One row: optional 其中 and numbering, words without digits, a unit, then its numbers. */
const row = new RegExp(String.raw`\s*((?:其中\s*[:：]\s*)?(?:\d{1,2}\s*[.．、]\s*)?[^\d]+?)\s*(${units})\s*(${value}(?:[\s\u00a0]+${value})*)`, 'y');

/** The table a paragraph holds, or undefined when the paragraph does not open with a statistics-table header. */
export function readFlatTable(text: string, source: Provenance): FlatTable | undefined {
  const headers: string[] = [];
  let hasUnit = false;
  let at = 0;
  let first = true;
  for (;;) {
    const m = header.exec(text.slice(at));
    if (!m) break;
    const role = headerRole(m[0]);
    if (first && role !== 'label') return undefined;
    first = false;
    if (role === 'unit') hasUnit = true;
    else if (role === 'value') headers.push(printed(m[0]));
    at += m[0].length;
  }
  if (headers.length === 0) return undefined;
  const rows: FlatRow[] = [];
  row.lastIndex = at;
  let end = at;
  for (let m = row.exec(text); m; m = row.exec(text)) {
    end = row.lastIndex;
    const numbers = m[3]!.trim().split(/[\s\u00a0]+/);
    // Fewer numbers than columns and the next label right after them, or a number such as 00: the columns' digits
    // may be run together (「条206912106其中」 is 2069 and 12106), so none of them is read as a value.
    const next = text[end];
    const runTogether = (numbers.length < headers.length && next !== undefined && !/[\s\u00a0]/.test(next)) || numbers.some((n) => /^0\d/.test(n));
    const values: Cell[] = headers.map((_, i) => {
      const raw = runTogether ? (i === 0 ? numbers.join(' ') : '') : (numbers[i] ?? '');
      const parsed = runTogether ? { value: null, state: 'unreadable' as const } : parseValue(raw);
      // More numbers than columns: which ones belong where is a guess (below the LOW_CONFIDENCE threshold).
      const placed = numbers.length > headers.length ? confidence.extraCellsDropped : confidence.byOrder;
      return { value: parsed.value, raw, state: parsed.state, confidence: placed, source: { ...source } };
    });
    rows.push({ label: printed(m[1]!), unit: m[2]!, values, extra: numbers.slice(headers.length) });
  }
  const rest = text.slice(end).trim();
  return rows.length > 0 ? { headers, hasUnit, rows, ...(rest !== '' ? { unread: rest } : {}) } : undefined;
}

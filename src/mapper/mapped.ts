/** What a table mapper hands on: cells by key, with their provenance, and the problems it found. */
import type { TableVersion } from '../../mappings/types.js';
import type { MoneyUnit } from '../../mappings/units.js';
import type { Problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';
import { parseValue } from '../text/number.js';
import type { PlacedCell } from './place.js';

export interface MappedTable {
  /** The version the table's own labels show; undefined when they show none (Table 4). */
  version: TableVersion | undefined;
  cells: Map<string, Cell>;
  problems: Problem[];
  /** Money units the table's column labels name for its cells (「（单位：万元）」): the cell checks hold the cells to them. */
  units?: Map<string, MoneyUnit>;
}

export function toCell({ cell, confidence, raw, unreadable }: PlacedCell): Cell {
  const parsed = unreadable ? { value: null, state: 'unreadable' as const } : parseValue(cell.text);
  return {
    value: parsed.value,
    raw: raw ?? cell.text.trim(),
    state: parsed.state,
    // Placement doubt and reading doubt (OCR) both count.
    confidence: Math.min(confidence, cell.confidence ?? 1),
    source: cell.source,
    ...(cell.alternatives && parsed.state === 'number' ? { alternatives: cell.alternatives } : {}),
  };
}

export function absentCell(): Cell {
  return { value: null, raw: null, state: 'absent', confidence: 0, source: null };
}

/** Reading column keys from a table's header rows. */
import type { LabelMatcher } from '../../mappings/types.js';
import type { Grid } from '../layout/grid.js';
import { matchLabel } from './labels.js';

/**
 * For each grid column, the deepest header cell that matches a definition
 * names the column; a label spanning several columns names the first of them
 * (the value cell under it spans them too). Empty header rows (some pages put
 * one under merged headers instead of a rowspan) are simply passed over.
 */
export function columnsFromHeader<T extends LabelMatcher & { key: string }>(
  grid: Grid,
  headerRows: number[],
  defs: readonly T[],
): Map<string, number> {
  const columns = new Map<string, number>();
  for (let c = 0; c < grid.width; c++) {
    for (let i = headerRows.length - 1; i >= 0; i--) {
      const cell = grid.rows[headerRows[i]!]?.[c];
      if (!cell) continue;
      const def = matchLabel(cell.text, defs);
      if (def) {
        if (!columns.has(def.key)) columns.set(def.key, c);
        break;
      }
    }
  }
  return columns;
}

/** The texts above a grid column, top to bottom, span copies once. */
export function headerPath(grid: Grid, headerRows: number[], col: number): string[] {
  const path: string[] = [];
  let lastId = -1;
  for (const r of headerRows) {
    const cell = grid.rows[r]?.[col];
    if (cell && cell.id !== lastId && cell.text.trim() !== '') path.push(cell.text);
    if (cell) lastId = cell.id;
  }
  return path;
}

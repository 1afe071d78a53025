/**
 * Expands a table's row/col spans into a dense grid (the HTML table model),
 * so that every position knows the cell covering it. Provenance row/col are
 * set to the cell's origin in the grid.
 */
import type { LayoutCell, Provenance, TableBlock } from '../model/layout.js';
import { maxOf } from '../arrays.js';
import { spendWork } from '../work-budget.js';

export interface GridCell {
  text: string;
  /** Grid position of the cell's top-left corner. */
  originRow: number;
  originCol: number;
  rowSpan: number;
  colSpan: number;
  source: Provenance;
  /** The same object for every position the cell covers, so identity tells span copies apart. */
  id: number;
  /** From the layout cell: how sure the extractor is of the text (OCR). */
  confidence?: number;
  alternatives?: string[];
}

export interface Grid {
  /** rows[r][c] is the cell covering (r, c), or undefined where the source has none. */
  rows: Array<Array<GridCell | undefined>>;
  width: number;
}

/** HTML caps colspan at 1000 and rowspan at 65534; our tables are far smaller, so clip spans to what the table can hold. */
const maxColSpan = 200;

export function toGrid(table: TableBlock): Grid {
  const rows: Array<Array<GridCell | undefined>> = table.rows.map(() => []);
  let nextId = 0;
  table.rows.forEach((sourceRow: LayoutCell[], r) => {
    let c = 0;
    for (const cell of sourceRow) {
      spendWork();
      while (rows[r]![c] !== undefined) c++;
      const rowSpan = Math.max(1, Math.min(cell.rowSpan, table.rows.length - r));
      const colSpan = Math.max(1, Math.min(cell.colSpan, maxColSpan));
      const gridCell: GridCell = {
        text: cell.text,
        originRow: r,
        originCol: c,
        rowSpan,
        colSpan,
        source: { ...cell.source, row: r, col: c },
        id: nextId++,
        ...(cell.confidence !== undefined ? { confidence: cell.confidence } : {}),
        ...(cell.alternatives ? { alternatives: cell.alternatives } : {}),
      };
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) rows[r + dr]![c + dc] = gridCell;
      }
      c += colSpan;
    }
  });
  const width = Math.max(0, maxOf(rows.map((row) => row.length)));
  return { rows, width };
}

/** Concatenates grids of tables that continue one another (a table split in two). */
export function appendGrid(a: Grid, b: Grid): Grid {
  return { rows: [...a.rows, ...b.rows], width: Math.max(a.width, b.width) };
}

/** The distinct cells of a grid row in column order (span copies once). */
export function distinctCells(row: Array<GridCell | undefined>): GridCell[] {
  const seen = new Set<number>();
  const out: GridCell[] = [];
  for (const cell of row) {
    if (cell && !seen.has(cell.id)) {
      seen.add(cell.id);
      out.push(cell);
    }
  }
  return out;
}

/**
 * Placing one table row's value cells onto cell keys. Where the row lines up
 * with the header grid, each key takes the cell at its column. Where it does
 * not (flattened markup, padding cells, stray tokens), cells are placed by
 * order and the doubt is recorded: in the confidence and in a problem that
 * names the keys.
 */
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import { confidence } from '../settings.js';
import { isLabelText, isValueLike, parseValue } from '../text/number.js';
import type { GridCell } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';

export interface PlacedCell {
  cell: GridCell;
  confidence: number;
}

export interface Placement {
  placed: Map<string, PlacedCell>;
  problems: Problem[];
}

const isBlank = (cell: GridCell) => parseValue(cell.text).state === 'blank';
const isLabel = (cell: GridCell) => isLabelText(cell.text);

/**
 * @param row        the grid row
 * @param columns    expected keys with the grid column each sits at (from the header), in order
 * @param rowLabel   for messages
 */
export function placeRow(
  row: Array<GridCell | undefined>,
  columns: Array<{ key: string; col: number | undefined }>,
  rowLabel: string,
): Placement {
  const aligned = placeAligned(row, columns);
  if (aligned) return { placed: aligned, problems: [] };
  return placeByOrder(row, columns.map((c) => c.key), rowLabel);
}

/** Every key has its own value-like cell at its header column, and no value sits elsewhere. */
function placeAligned(
  row: Array<GridCell | undefined>,
  columns: Array<{ key: string; col: number | undefined }>,
): Map<string, PlacedCell> | undefined {
  const placed = new Map<string, PlacedCell>();
  const used = new Set<number>();
  for (const { key, col } of columns) {
    if (col === undefined) return undefined;
    const cell = row[col];
    // An OCR misreading (58 read as 品上) at its own column is that column's cell, unreadable; text-layer
    // words at a value column mean the row does not line up with the header.
    const misread = cell !== undefined && cell.confidence !== undefined && cell.confidence < 1;
    if (!cell || (!isValueLike(cell.text) && !misread) || used.has(cell.id)) return undefined;
    used.add(cell.id);
    placed.set(key, { cell, confidence: confidence.aligned });
  }
  const valueCols = new Set(columns.map((c) => c.col));
  const strayValue = row.some(
    (cell, c) => cell && !valueCols.has(c) && !used.has(cell.id) && parseValue(cell.text).state === 'number',
  );
  return strayValue ? undefined : placed;
}

function placeByOrder(row: Array<GridCell | undefined>, keys: string[], rowLabel: string): Placement {
  const cells = distinctCells(row);
  let lastLabel = -1;
  cells.forEach((cell, i) => {
    if (isLabel(cell)) lastLabel = i;
  });
  let values = cells.slice(lastLabel + 1);
  const placed = new Map<string, PlacedCell>();
  const problems: Problem[] = [];
  const where = (cs: GridCell[]) => cs.map((c) => `「${c.text.trim() || '空'}」`).join(' ');

  if (values.length === keys.length) {
    keys.forEach((key, i) => placed.set(key, { cell: values[i]!, confidence: confidence.byOrder }));
    return { placed, problems };
  }
  if (values.length < keys.length) {
    problems.push(
      problem(
        'CELL_MISSING',
        `${rowLabel}: ${values.length} value cells where ${keys.length} are expected; which column each belongs to cannot be told, so none is placed`,
        { cells: keys, source: cells[0]?.source },
      ),
    );
    return { placed, problems };
  }

  // More cells than columns: drop blank padding at either end first.
  const dropped: GridCell[] = [];
  while (values.length > keys.length && isBlank(values[values.length - 1]!)) dropped.push(values.pop()!);
  while (values.length > keys.length && isBlank(values[0]!)) dropped.push(values.shift()!);
  let level: number = confidence.paddingDropped;
  if (values.length > keys.length) {
    // Non-blank extras: take the last N (format.md §7.16), and say it is a guess.
    dropped.push(...values.slice(0, values.length - keys.length));
    values = values.slice(values.length - keys.length);
    level = confidence.extraCellsDropped;
  }
  keys.forEach((key, i) => placed.set(key, { cell: values[i]!, confidence: level }));
  problems.push(
    problem(
      'ROW_EXTRA_CELLS',
      `${rowLabel}: ${keys.length + dropped.length} value cells where ${keys.length} are expected; ignored ${where(dropped)}, placed the remaining ${keys.length} by order`,
      { cells: keys, source: dropped[0]?.source },
    ),
  );
  return { placed, problems };
}

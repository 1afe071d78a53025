/** Table 4 (行政复议、行政诉讼): three blocks × five outcomes, one data row. */
import { reviewBlocks, reviewOutcomes, table4CellKeys, table4HeaderOnlyLabels } from '../../mappings/table4.js';
import { problem } from '../model/problems.js';
import { quote } from '../model/wording.js';
import { confidence } from '../settings.js';
import type { Cell } from '../model/report.js';
import type { Grid, GridCell } from '../layout/grid.js';
import { isLabelText, parseValue } from '../text/number.js';
import { headerPath } from './header.js';
import type { CloseMatch } from './closeness.js';
import { closenessReason, closestRow, placedNeighbours, templateRow } from './closeness.js';
import { containsAny, matchLabel } from './labels.js';
import type { MappedTable } from './mapped.js';
import { toCell } from './mapped.js';
import { placeRow } from './place.js';

export function mapTable4(grid: Grid): MappedTable {
  const cells = new Map<string, Cell>();
  const numbers = (r: number) => grid.rows[r]!.filter((c) => c && parseValue(c.text).state === 'number').length;
  const isValueRow = (r: number) => grid.rows[r]!.every((c) => !c || !isLabelText(c.text));
  // The data row is the one with the most numbers (a header cell misread as a number must not win); the
  // last such row on a tie. Failing any number (all blank or dashes), the last row without words.
  let dataRow = -1;
  grid.rows.forEach((_, r) => {
    if (numbers(r) > 0 && (dataRow < 0 || numbers(r) >= numbers(dataRow))) dataRow = r;
  });
  if (dataRow < 0) {
    for (let r = grid.rows.length - 1; r > 0 && dataRow < 0; r--) if (isValueRow(r)) dataRow = r;
  }
  if (dataRow < 0) return { version: undefined, cells, problems: [] };

  const headerRows = Array.from({ length: dataRow }, (_, i) => i);
  const blockOf: Array<string | undefined> = [];
  const outcomeOf: Array<string | undefined> = [];
  for (let c = 0; c < grid.width; c++) {
    const path = headerPath(grid, headerRows, c);
    blockOf[c] = path.map((t) => matchLabel(t, reviewBlocks)).find((b) => b !== undefined)?.key;
    outcomeOf[c] = [...path].reverse().map((t) => matchLabel(t, reviewOutcomes)).find((o) => o !== undefined)?.key;
  }
  const inferred = inferOutcomes(grid, headerRows, blockOf, outcomeOf);
  const columnOf = new Map<string, number>();
  for (let c = 0; c < grid.width; c++) {
    const key = blockOf[c] && outcomeOf[c] ? `t4.${blockOf[c]}.${outcomeOf[c]}` : undefined;
    if (key && !columnOf.has(key)) columnOf.set(key, c);
  }
  const placement = placeRow(
    grid.rows[dataRow]!,
    table4CellKeys.map((key) => ({ key, col: columnOf.get(key) })),
    'Table 4 data row',
  );
  const problems = [...placement.problems];
  for (const [key, placed] of placement.placed) {
    const cell = toCell(placed);
    cells.set(key, inferred.has(key) ? { ...cell, confidence: Math.min(cell.confidence, confidence.rowInferred) } : cell);
  }
  for (const [key, { label, close, source }] of inferred) {
    if (!cells.has(key)) continue;
    problems.push(
      problem(
        'ROW_INFERRED',
        `Table 4: the column labelled ${quote(label)} names no outcome of the format exactly; ${closenessReason(close, reviewOutcomes.find((o) => o.key === close.key)!.label, 'outcome')}`,
        { cells: [key], source },
      ),
    );
  }
  return { version: undefined, cells, problems };
}

const outcomeTemplate = reviewOutcomes.map((o) => templateRow(o));

/**
 * Outcome labels OCR garbled: within each block, a column whose own (lowest) header cell names no
 * outcome takes the closest outcome among those its matched neighbours leave room for. Fills
 * `outcomeOf` for every column under that cell; returns the cell keys so placed, with why.
 */
function inferOutcomes(
  grid: Grid,
  headerRows: number[],
  blockOf: ReadonlyArray<string | undefined>,
  outcomeOf: Array<string | undefined>,
): Map<string, { label: string; close: CloseMatch; source: GridCell['source'] }> {
  const inferred = new Map<string, { label: string; close: CloseMatch; source: GridCell['source'] }>();
  const lowest = (c: number) =>
    headerRows.map((r) => grid.rows[r]?.[c]).filter((cell): cell is GridCell => cell !== undefined && cell.text.trim() !== '').at(-1);
  for (const block of reviewBlocks) {
    // One entry per header cell (a label spanning columns is one column of the table).
    const units: Array<{ cell: GridCell | undefined; cols: number[] }> = [];
    for (let c = 0; c < grid.width; c++) {
      if (blockOf[c] !== block.key) continue;
      const cell = lowest(c);
      const unit = units.find((u) => u.cell !== undefined && u.cell === cell);
      if (unit) unit.cols.push(c);
      else units.push({ cell, cols: [c] });
    }
    const keys = units.map((u) => outcomeOf[u.cols[0]!]);
    units.forEach((unit, i) => {
      const text = unit.cell?.text;
      // A column whose lowest label is its block's (or 行政诉讼) has no outcome label to read.
      if (keys[i] !== undefined || !text || matchLabel(text, reviewBlocks) || containsAny(text, table4HeaderOnlyLabels)) return;
      const close = closestRow([text], outcomeTemplate, { ...placedNeighbours(keys, i), taken: new Set(keys.filter((k) => k !== undefined)) });
      if (!close) return;
      keys[i] = close.key;
      for (const c of unit.cols) outcomeOf[c] = close.key;
      inferred.set(`t4.${block.key}.${close.key}`, { label: text.trim(), close, source: unit.cell!.source });
    });
  }
  return inferred;
}

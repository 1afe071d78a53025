/** Table 4 (行政复议、行政诉讼): three blocks × five outcomes, one data row. */
import { reviewBlocks, reviewOutcomes, table4CellKeys } from '../../mappings/table4.js';
import type { Cell } from '../model/report.js';
import type { Grid } from '../layout/grid.js';
import { isLabelText, parseValue } from '../text/number.js';
import { headerPath } from './header.js';
import { matchLabel } from './labels.js';
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
  const columnOf = new Map<string, number>();
  for (let c = 0; c < grid.width; c++) {
    const path = headerPath(grid, headerRows, c);
    const block = path.map((t) => matchLabel(t, reviewBlocks)).find((b) => b !== undefined);
    const outcome = [...path].reverse().map((t) => matchLabel(t, reviewOutcomes)).find((o) => o !== undefined);
    const key = block && outcome ? `t4.${block.key}.${outcome.key}` : undefined;
    if (key && !columnOf.has(key)) columnOf.set(key, c);
  }
  const placement = placeRow(
    grid.rows[dataRow]!,
    table4CellKeys.map((key) => ({ key, col: columnOf.get(key) })),
    'Table 4 data row',
  );
  for (const [key, placed] of placement.placed) cells.set(key, toCell(placed));
  return { version: undefined, cells, problems: placement.problems };
}

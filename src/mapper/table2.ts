/** Table 2 (主动公开政府信息情况): stacked blocks of caption, header and data rows. */
import { table2CellSignatures, table2Cells, table2ColumnSequences, table2Columns, table2Rows, table2VersionSignatures } from '../../mappings/table2.js';
import type { TableVersion } from '../../mappings/types.js';
import type { MoneyUnit } from '../../mappings/units.js';
import type { Problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';
import type { Grid } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';
import { isLabelText, unitInLabel } from '../text/number.js';
import { containsAny, matchLabel } from './labels.js';
import { quote } from '../model/wording.js';
import type { MappedTable } from './mapped.js';
import { toCell } from './mapped.js';
import { placeRow } from './place.js';
import { append } from '../arrays.js';

const knownKeys = new Set([...table2Cells['2021'], ...table2Cells['2019']].map((c) => c.key));

export function mapTable2(grid: Grid): MappedTable {
  const cells = new Map<string, Cell>();
  const problems: Problem[] = [];
  const columnKeysSeen = new Set<string>();
  const units = new Map<string, MoneyUnit>();
  let header: Array<{ key: string; col: number; unit?: MoneyUnit }> = [];

  for (const row of grid.rows) {
    const rowCells = distinctCells(row);
    const labelCells = rowCells.filter((c) => isLabelText(c.text));
    if (labelCells.length === 0) continue;
    if (labelCells.some((c) => containsAny(c.text, ['第二十条']))) {
      header = []; // a new block begins; its header row follows
      continue;
    }
    const columnCells = labelCells
      .map((cell) => ({ cell, def: matchLabel(cell.text, table2Columns) }))
      .filter((x) => x.def !== undefined);
    const rowDef = matchLabel(labelCells[0]!.text, table2Rows);
    if (columnCells.length > 0 && (!rowDef || containsAny(labelCells[0]!.text, ['信息内容']))) {
      const valueLabels = labelCells.filter((c) => !containsAny(c.text, ['信息内容']));
      header = completeHeader(valueLabels.map((cell) => ({ key: matchLabel(cell.text, table2Columns)?.key, col: cell.originCol, unit: unitInLabel(cell.text) })));
      header.forEach((h) => columnKeysSeen.add(h.key));
      continue;
    }
    if (!rowDef || header.length === 0) continue;
    const columns = header
      .map((h) => ({ key: `t2.${rowDef.key}.${h.key}`, col: h.col as number | undefined }))
      .filter((c) => knownKeys.has(c.key));
    if (columns.length === 0) continue;
    const placement = placeRow(row, columns, `Table 2 row ${quote(labelCells[0]!.text.trim())}`);
    for (const [key, placed] of placement.placed) if (!cells.has(key)) cells.set(key, toCell(placed));
    for (const h of header) if (h.unit && !units.has(`t2.${rowDef.key}.${h.key}`)) units.set(`t2.${rowDef.key}.${h.key}`, h.unit);
    append(problems, placement.problems);
  }
  return { version: versionOf(columnKeysSeen, new Set(cells.keys())), cells, problems, units };
}

/**
 * A header row's columns; a label that could not be read takes the one key
 * of the template's column sequence that fits between the readable ones
 * (only when exactly one sequence of that length fits).
 */
function completeHeader<C extends { key: string | undefined; col: number }>(cells: C[]): Array<C & { key: string }> {
  const known = cells.filter((c): c is C & { key: string } => c.key !== undefined);
  if (known.length === cells.length) return known;
  const fits = table2ColumnSequences.filter(
    (seq) => seq.length === cells.length && cells.every((c, i) => c.key === undefined || c.key === seq[i]),
  );
  return fits.length === 1 ? cells.map((c, i) => ({ ...c, key: fits[0]![i]! })) : known;
}

function versionOf(columnKeys: Set<string>, cellKeys: Set<string>): TableVersion | undefined {
  const score = (v: TableVersion) =>
    table2VersionSignatures[v].filter((k) => columnKeys.has(k)).length + table2CellSignatures[v].filter((k) => cellKeys.has(k)).length;
  const s2021 = score('2021');
  const s2019 = score('2019');
  if (s2021 === 0 && s2019 === 0) return undefined;
  return s2021 >= s2019 ? '2021' : '2019';
}

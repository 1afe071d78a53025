/** Table 2 (主动公开政府信息情况): stacked blocks of caption, header and data rows. */
import { table2CellSignatures, table2Cells, table2ColumnSequences, table2Columns, table2Rows, table2VersionSignatures } from '../../mappings/table2.js';
import type { TableVersion } from '../../mappings/types.js';
import type { MoneyUnit } from '../../mappings/units.js';
import type { Problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';
import type { Grid } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';
import { isLabelText, parseValue, unitInLabel } from '../text/number.js';
import { containsAny, matchLabel } from './labels.js';
import { quote } from '../model/wording.js';
import { problem } from '../model/problems.js';
import { confidence } from '../settings.js';
import type { CloseMatch } from './closeness.js';
import { closenessReason, closestRow, placedNeighbours, templateRow } from './closeness.js';
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

  const rowDefs = rowsByLabel(grid);
  grid.rows.forEach((row, r) => {
    const rowCells = distinctCells(row);
    const labelCells = rowCells.filter((c) => isLabelText(c.text));
    if (labelCells.length === 0) return;
    if (labelCells.some((c) => containsAny(c.text, ['第二十条']))) {
      header = []; // a new block begins; its header row follows
      return;
    }
    const columnCells = labelCells
      .map((cell) => ({ cell, def: matchLabel(cell.text, table2Columns) }))
      .filter((x) => x.def !== undefined);
    const rowDef = matchLabel(labelCells[0]!.text, table2Rows);
    if (columnCells.length > 0 && (!rowDef || containsAny(labelCells[0]!.text, ['信息内容']))) {
      const valueLabels = labelCells.filter((c) => !containsAny(c.text, ['信息内容']));
      header = completeHeader(valueLabels.map((cell) => ({ key: matchLabel(cell.text, table2Columns)?.key, col: cell.originCol, unit: unitInLabel(cell.text) })));
      header.forEach((h) => columnKeysSeen.add(h.key));
      return;
    }
    const placedAs = rowDefs[r];
    if (!placedAs || header.length === 0) return;
    const columns = header
      .map((h) => ({ key: `t2.${placedAs.key}.${h.key}`, col: h.col as number | undefined }))
      .filter((c) => knownKeys.has(c.key));
    if (columns.length === 0) return;
    const label = labelCells[0]!.text.trim();
    const placement = placeRow(row, columns, `Table 2 row ${quote(label)}`);
    const fresh = [...placement.placed].filter(([key]) => !cells.has(key));
    for (const [key, placed] of fresh) {
      const cell = toCell(placed);
      cells.set(key, placedAs.close ? { ...cell, confidence: Math.min(cell.confidence, confidence.rowInferred) } : cell);
    }
    for (const h of header) if (h.unit && !units.has(`t2.${placedAs.key}.${h.key}`)) units.set(`t2.${placedAs.key}.${h.key}`, h.unit);
    append(problems, placement.problems);
    if (placedAs.close && fresh.length > 0) {
      const close = placedAs.close;
      problems.push(
        problem(
          'ROW_INFERRED',
          `Table 2: the row labelled ${quote(label)} names no row of the format exactly; ${closenessReason(close, table2Rows.find((d) => d.key === placedAs.key)!.label)}`,
          { cells: fresh.map(([key]) => key), source: labelCells[0]!.source },
        ),
      );
    }
  });
  return { version: versionOf(columnKeysSeen, new Set(cells.keys())), cells, problems, units };
}

const template = table2Rows.map((d) => templateRow(d));

/**
 * The row each grid row is, by its first label cell: the mapping's label, or failing one (OCR garbled it)
 * the closest label among the rows between its matched neighbours (`close` says how close). Rows of
 * numbers only; captions and header rows name none.
 */
function rowsByLabel(grid: Grid): Array<{ key: string; close?: CloseMatch } | undefined> {
  const firstLabels = grid.rows.map((row) => distinctCells(row).find((c) => isLabelText(c.text))?.text);
  const rowOf: Array<string | undefined> = firstLabels.map((t) => (t === undefined ? undefined : matchLabel(t, table2Rows)?.key));
  const out: Array<{ key: string; close?: CloseMatch } | undefined> = rowOf.map((key) => (key === undefined ? undefined : { key }));
  const taken = new Set(rowOf.filter((k): k is string => k !== undefined));
  grid.rows.forEach((row, r) => {
    const text = firstLabels[r];
    if (text === undefined || rowOf[r] !== undefined || !hasNumber(row)) return;
    // A caption or a header row is no data row, however its words read.
    if (containsAny(text, ['第二十条', '信息内容']) || distinctCells(row).some((c) => matchLabel(c.text, table2Columns))) return;
    const close = closestRow([text], template, { ...placedNeighbours(rowOf, r), taken });
    if (!close) return;
    rowOf[r] = close.key;
    taken.add(close.key);
    out[r] = { key: close.key, close };
  });
  return out;
}

const hasNumber = (row: Grid['rows'][number]) => row.some((c) => c && parseValue(c.text).state === 'number');

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

/** Table 3 (收到和处理政府信息公开申请情况): 7 applicant columns × 25 (2021) or 23 (2019) rows. */
import { applicantColumns, resultRowParents, resultRows, table3VersionSignatures } from '../../mappings/table3.js';
import type { TableVersion } from '../../mappings/types.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import { plural, quote } from '../model/wording.js';
import type { Cell } from '../model/report.js';
import type { Grid, GridCell } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';
import { isLabelText, parseValue } from '../text/number.js';
import { columnsFromHeader } from './header.js';
import { closenessReason, closestRow, parseLabel, placedNeighbours, rowsBetween, templateRow } from './closeness.js';
import { matchLabel, matchesSpecifically, severalRows } from './labels.js';
import type { MappedTable } from './mapped.js';
import { toCell } from './mapped.js';
import { placeRow } from './place.js';
import { confidence, labelCloseness } from '../settings.js';
import { append } from '../arrays.js';

export interface RowLabel {
  /** The row's own label: the last label cell (group labels spanning rows come before it). */
  leaf: string;
  /** All label cells of the row joined, for labels split over two cells. */
  full: string;
}

export function rowLabel(row: Array<GridCell | undefined>): RowLabel {
  const cells = distinctCells(row);
  // Labels stand left of the values: words among the values (OCR made 58 into 品上) are no label.
  const firstValue = cells.findIndex((c) => parseValue(c.text).state === 'number');
  const labels = (firstValue > 0 ? cells.slice(0, firstValue) : cells).filter((c) => isLabelText(c.text)).map((c) => c.text.trim());
  return { leaf: labels.at(-1) ?? '', full: labels.join('') };
}

/**
 * A leaf label run together with its group label in one cell (「（六）其他处理3.其他」, where a page break
 * cut the group cell): the part from the item number on.
 */
const withoutGroup = (label: string) => label.replace(/^[（(][一二三四五六七八九十][)）][^\d０-９]{1,8}?(?=[\d０-９]+[.、．])/, '');

/** Words in several value columns and no number: a header row, not a data row (whose labels take three cells at most). */
function isHeaderRow(row: Array<GridCell | undefined>): boolean {
  const cells = distinctCells(row);
  return cells.filter((c) => isLabelText(c.text)).length > 3 && !cells.some((c) => parseValue(c.text).state === 'number');
}

/** A grid row that holds no text of its own: each cell with text in it is the one of the row above, spanning down. */
function continuesRowAbove(row: Array<GridCell | undefined>, above: Array<GridCell | undefined> | undefined): boolean {
  const texts = distinctCells(row).filter((c) => c.text.trim() !== '');
  return above !== undefined && texts.length > 0 && texts.every((c) => above.includes(c));
}

export function mapTable3(grid: Grid): MappedTable {
  const labels = grid.rows.map(rowLabel);
  // The header ends where the first row names a result row by a specific label (not 总计, which the header has too).
  const firstData = labels.findIndex(
    (l) => matchesSpecifically(l.leaf, resultRows) || matchesSpecifically(l.full, resultRows),
  );
  const cells = new Map<string, Cell>();
  const problems: Problem[] = [];
  if (firstData < 0) return { version: undefined, cells, problems };

  // Rows of numbers right above the first labelled row whose labels were lost (their label cells run into
  // the header's): rows of the table, for the row order to place (below), not of the header.
  const lead: number[] = [];
  for (let r = firstData - 1; r > 0; r--) {
    const row = grid.rows[r]!;
    if (isHeaderRow(row) || !row.some((c) => c && parseValue(c.text).state === 'number') || matchLabel(labels[r]!.leaf, resultRows)) break;
    lead.unshift(r);
  }
  const headerRows = Array.from({ length: firstData - lead.length }, (_, i) => i);
  const columns = columnsFromHeader(grid, headerRows, applicantColumns);
  const seen = new Set<string>();
  const repeated: number[] = [];
  const rowOf: Array<string | undefined> = [];
  const unlabelled: number[] = [...lead];
  const mixedLabel = new Set<number>();
  for (let r = firstData; r < grid.rows.length; r++) {
    const label = labels[r]!;
    // A header row printed again (a table cut into pieces, each with its header: 「类别 | 数据1 | … | 总计」)
    // names no result row, though its last word is 总计.
    if (isHeaderRow(grid.rows[r]!)) continue;
    // Every cell reaching down from a row above (a cell cut by a page break, its parts read as two rows):
    // the same row continued, not the row printed again.
    if (continuesRowAbove(grid.rows[r]!, grid.rows[r - 1])) continue;
    // A label that names several rows (their label cells run into one) places the row by its neighbours only.
    const several = severalRows(label.leaf, resultRows).length > 0;
    if (several) mixedLabel.add(r);
    const def = several ? undefined : (matchLabel(label.leaf, resultRows) ?? matchLabel(label.full, resultRows) ?? matchLabel(withoutGroup(label.leaf), resultRows));
    if (def && !seen.has(def.key)) {
      seen.add(def.key);
      rowOf[r] = def.key;
    } else if (def) {
      repeated.push(r); // a row again (the table printed twice): the first one stands, and the problem says so
    } else if (!def && grid.rows[r]!.some((c) => c && parseValue(c.text).state === 'number')) {
      unlabelled.push(r);
    }
  }
  if (repeated.length > 0) {
    problems.push(
      problem(
        'TABLE_REPEATED',
        `Table 3: ${plural(repeated.length, 'row')} ${repeated.length === 1 ? 'is' : 'are'} printed again further down (from ${quote(labels[repeated[0]!]!.leaf)}): two tables (two years, or a table pasted twice) read as one; the values are those of the first, the repeated rows are not used`,
        { source: distinctCells(grid.rows[repeated[0]!]!)[0]?.source },
      ),
    );
  }
  const version = versionOf(seen);
  const template = resultRows.filter((d) => !version || d.versions.includes(version)).map((d) => templateRow(d, resultRowParents(d)));
  // Why each row whose label matched no row exactly was placed where it is, for ROW_INFERRED.
  const inferred = new Map<number, string>();
  for (const r of unlabelled) {
    const neighbours = placedNeighbours(rowOf, r);
    const reads = mixedLabel.has(r) ? [] : [...new Set([labels[r]!.leaf, labels[r]!.full])].filter((t) => t !== '');
    const close = closestRow(reads, template, { ...neighbours, taken: seen });
    // Failing a label close enough, the one row the neighbours leave room for (a label unreadable or missing).
    const between = rowsBetween(template, neighbours);
    // As many unplaced rows of numbers between the same neighbours as the format has rows there: each
    // is the one at its place in that order.
    const [from, to] = [rowOf.findLastIndex((k, i) => i < r && k !== undefined), rowOf.findIndex((k, i) => i > r && k !== undefined)];
    const run = unlabelled.filter((u) => u > from && (to < 0 || u < to) && rowOf[u] === undefined);
    // Only rows that have no label of their own to go by (a label close to two rows places neither).
    const labelless = (u: number) => lead.includes(u) || [...parseLabel(labels[u]!.leaf).words].length < labelCloseness.minChars;
    const byOrder = between.length > 1 && run.length === between.length && run.every(labelless) ? between[run.indexOf(r)] : undefined;
    const key = close?.key ?? (between.length === 1 ? between[0]!.key : byOrder?.key);
    if (key && !seen.has(key)) {
      seen.add(key);
      rowOf[r] = key;
      const row = resultRows.find((d) => d.key === key)!.label;
      const mixed = mixedLabel.has(r) ? `it names several rows of the format (${severalRows(labels[r]!.leaf, resultRows).map((d) => quote(d.label)).join(', ')}: their label cells run into one); ` : '';
      inferred.set(r, mixed + (close ? closenessReason(close, row) : byOrder ? `it is one of ${run.length} rows of numbers between its neighbours, where the format has ${run.length} rows, and by its order ${quote(row)}` : `by its place between its neighbours it is ${quote(row)}`));
    } else {
      problems.push(
        problem('CELL_MISSING', `Table 3: a row with numbers has ${labels[r]!.full ? `a label that names no row of the format, ${quote(labels[r]!.full)}` : 'no label'}; its values are not placed`, {
          source: distinctCells(grid.rows[r]!)[0]?.source,
        }),
      );
    }
  }
  // A value cell that reaches over rows the format keeps apart (its rules lost in a scan) is the value of
  // none of them for sure: no row takes it (place.ts says which columns it leaves missing).
  // (A cell is known by identity: ids restart in each piece of a table cut by a page break.)
  const rowsOfCell = new Map<GridCell, Set<string>>();
  rowOf.forEach((key, r) => {
    for (const c of key ? distinctCells(grid.rows[r]!) : []) if (!isLabelText(c.text)) rowsOfCell.set(c, (rowsOfCell.get(c) ?? new Set()).add(key!));
  });
  const acrossRows = new Set([...rowsOfCell].filter(([, keys]) => keys.size > 1).map(([c]) => c));
  rowOf.forEach((key, r) => {
    if (!key) return;
    const placement = placeRow(
      grid.rows[r]!,
      applicantColumns.map((c) => ({ key: `t3.${key}.${c.key}`, col: columns.get(c.key) })),
      `Table 3 row ${quote(labels[r]!.leaf)}`,
      acrossRows,
    );
    for (const [cellKey, placed] of placement.placed) {
      const cell = toCell(placed);
      cells.set(cellKey, inferred.has(r) ? { ...cell, confidence: Math.min(cell.confidence, confidence.rowInferred) } : cell);
    }
    append(problems, placement.problems);
    const why = inferred.get(r);
    if (why !== undefined) {
      const keys = applicantColumns.map((c) => `t3.${key}.${c.key}`);
      problems.push(
        problem('ROW_INFERRED', `Table 3: the row ${labels[r]!.full ? `labelled ${quote(labels[r]!.full)}` : 'without a label'} names no row of the format exactly; ${why}`, {
          cells: keys,
          source: distinctCells(grid.rows[r]!)[0]?.source,
        }),
      );
    }
  });
  return { version: versionOf(seen) ?? version, cells, problems };
}

function versionOf(rowKeys: Set<string>): TableVersion | undefined {
  if (table3VersionSignatures['2021'].some((k) => rowKeys.has(k))) return '2021';
  if (table3VersionSignatures['2019'].some((k) => rowKeys.has(k))) return '2019';
  return undefined;
}

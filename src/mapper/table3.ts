/** Table 3 (收到和处理政府信息公开申请情况): 7 applicant columns × 25 (2021) or 23 (2019) rows. */
import { applicantColumns, resultRows, table3VersionSignatures } from '../../mappings/table3.js';
import type { TableVersion } from '../../mappings/types.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';
import type { Grid, GridCell } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';
import { hasWords } from '../text/normalize.js';
import { isValueLike, parseValue } from '../text/number.js';
import { columnsFromHeader } from './header.js';
import { matchLabel, matchesSpecifically } from './labels.js';
import type { MappedTable } from './mapped.js';
import { toCell } from './mapped.js';
import { placeRow } from './place.js';

export interface RowLabel {
  /** The row's own label: the last label cell (group labels spanning rows come before it). */
  leaf: string;
  /** All label cells of the row joined, for labels split over two cells. */
  full: string;
}

export function rowLabel(row: Array<GridCell | undefined>): RowLabel {
  const labels = distinctCells(row)
    .filter((c) => hasWords(c.text) && !isValueLike(c.text))
    .map((c) => c.text.trim());
  return { leaf: labels.at(-1) ?? '', full: labels.join('') };
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

  const headerRows = Array.from({ length: firstData }, (_, i) => i);
  const columns = columnsFromHeader(grid, headerRows, applicantColumns);
  const seen = new Set<string>();
  for (let r = firstData; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    const label = labels[r]!;
    const def = matchLabel(label.leaf, resultRows) ?? matchLabel(label.full, resultRows);
    if (!def) {
      if (row.some((c) => c && parseValue(c.text).state === 'number')) {
        problems.push(
          problem('CELL_MISSING', `表三: a row with numbers has no recognisable label (「${label.full || '无标签'}」); its values are not placed`, {
            source: distinctCells(row)[0]?.source,
          }),
        );
      }
      continue;
    }
    if (seen.has(def.key)) continue; // a repeated row (table pasted twice): the first one stands
    seen.add(def.key);
    const placement = placeRow(
      row,
      applicantColumns.map((c) => ({ key: `t3.${def.key}.${c.key}`, col: columns.get(c.key) })),
      `表三「${label.leaf}」`,
    );
    for (const [key, placed] of placement.placed) cells.set(key, toCell(placed));
    problems.push(...placement.problems);
  }
  return { version: versionOf(seen), cells, problems };
}

function versionOf(rowKeys: Set<string>): TableVersion | undefined {
  if (table3VersionSignatures['2021'].some((k) => rowKeys.has(k))) return '2021';
  if (table3VersionSignatures['2019'].some((k) => rowKeys.has(k))) return '2019';
  return undefined;
}

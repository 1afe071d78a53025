/**
 * Which standard table a layout table is, by how many of each table's labels
 * it carries. Tables that carry too few (CMS metadata boxes, layout tables,
 * unrelated statistics) are left out.
 */
import { table2Columns, table2Rows, table2Signature } from '../../mappings/table2.js';
import { applicantColumns, resultRows, table3Signature } from '../../mappings/table3.js';
import { reviewBlocks, reviewOutcomes, table4Signature } from '../../mappings/table4.js';
import type { LabelMatcher } from '../../mappings/types.js';
import type { Grid } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';
import { labelKey } from '../text/normalize.js';
import { parseValue } from '../text/number.js';
import { keyMatchesSpecifically } from './labels.js';

export type TableKind = 't2' | 't3' | 't4';

/** A table needs at least this many distinct matching labels to count as a standard table. */
const minScore = 3;

const vocabulary: Record<TableKind, { signature: string[]; labels: LabelMatcher[] }> = {
  t2: { signature: table2Signature.contains, labels: [...table2Rows, ...table2Columns] },
  t3: { signature: table3Signature.contains, labels: [...resultRows, ...applicantColumns] },
  t4: { signature: table4Signature.contains, labels: [...reviewBlocks, ...reviewOutcomes] },
};

export function classifyTable(grid: Grid): TableKind | undefined {
  const texts = grid.rows.flatMap((row) => distinctCells(row).map((c) => c.text));
  // One cell around the whole page is a layout table (a whole report wrapped for the site's frame), whatever its text names.
  if (texts.length <= 1) return undefined;
  const all = labelKey(texts.join(''));
  // Each text's key once, not once per label of each table (a hostile row of 100,000 cells took minutes).
  const keys = [...new Set(texts)].map(labelKey);
  let best: TableKind | undefined;
  let bestScore = 0;
  for (const kind of Object.keys(vocabulary) as TableKind[]) {
    const { signature, labels } = vocabulary[kind];
    const score =
      signature.filter((s) => all.includes(s)).length +
      labels.filter((l) => keys.some((k) => keyMatchesSpecifically(k, [l]))).length;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return bestScore >= minScore ? best : namesTable3Row(grid) ? 't3' : undefined;
}

/**
 * A piece of Table 3 cut off with a header of its own (an OCR export prints
 * each row under its heading): too few labels to score, but a row that names
 * a Table 3 row in its own words (本年新收政府信息公开申请数量, not 总计) and
 * carries its values.
 */
function namesTable3Row(grid: Grid): boolean {
  return grid.rows.some((row) => {
    const cells = distinctCells(row);
    const numbers = cells.filter((c) => parseValue(c.text).state === 'number').length;
    return (
      numbers >= 3 &&
      cells.some((c) => {
        const key = labelKey(c.text); // once a cell, not once an entry
        return resultRows.some((r) => r.contains?.some((entry) => entry.length >= 3 && key.includes(entry)));
      })
    );
  });
}

/**
 * The template's printed labels of a cell key, for messages that quote them:
 * t3.carriedOver.natural → 「二、上年结转政府信息公开申请数量」 「自然人」.
 */
import { table2Columns, table2Rows } from '../../mappings/table2.js';
import { applicantColumns, resultRows } from '../../mappings/table3.js';
import { reviewBlocks, reviewOutcomes } from '../../mappings/table4.js';

const labelTables: Record<string, { rows: Array<{ key: string; label: string }>; columns: Array<{ key: string; label: string }> }> = {
  t2: { rows: table2Rows, columns: table2Columns },
  t3: { rows: resultRows, columns: applicantColumns },
  t4: { rows: reviewBlocks, columns: reviewOutcomes },
};

/** 「row」「column」 as the template prints them, or the key itself for a key of no known table. */
export function cellLabel(key: string): string {
  const [table, row, column] = key.split('.');
  const labels = labelTables[table ?? ''];
  const rowLabel = labels?.rows.find((r) => r.key === row)?.label;
  const columnLabel = labels?.columns.find((c) => c.key === column)?.label;
  return rowLabel && columnLabel ? `「${rowLabel}」「${columnLabel}」` : key;
}

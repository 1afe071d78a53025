/**
 * The statistics tables of a report from before 2019 on the output model:
 * every row read (pre2019-table.ts), nested by its 其中 and numbering
 * (pre2019-nesting.ts), keyed by the vocabulary (pre2019-vocabulary.ts), its
 * value columns with the period they hold (pre2019-columns.ts). Problems:
 * rows no indicator matches (one info listing them), a year column headed
 * with another year than the report's.
 */
import type { Block, TableBlock } from '../model/layout.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { StatisticsTable } from '../model/report.js';
import { plural, quote } from '../model/wording.js';
import { valueColumn } from './pre2019-columns.js';
import { readStatisticsTables } from './pre2019-table.js';
import { nestAndMatch } from './pre2019-vocabulary.js';

export interface Statistics {
  tables: StatisticsTable[];
  problems: Problem[];
  /** Table blocks read as statistics tables: their text is no sentence to take figures from. */
  blocks: Set<TableBlock>;
}

export function readStatistics(blocks: readonly Block[], reportYear: number | null): Statistics {
  const problems: Problem[] = [];
  const unmatched: string[] = [];
  const read = readStatisticsTables(blocks);
  const tables = read.map((table, t): StatisticsTable => {
    const columns = table.headers.map((h) => valueColumn(h, reportYear));
    for (const c of columns) {
      if (c.otherYear === undefined) continue;
      problems.push(
        problem(
          'PRE2019_COLUMN_YEAR',
          `Statistics table ${t + 1}: the column headed ${quote(c.column.header)} prints the year ${c.otherYear} in the report of ${reportYear}; it is read as the report year's column`,
          { source: table.source },
        ),
      );
    }
    for (const { row, numbers } of table.extra ?? []) {
      problems.push(
        problem(
          'ROW_EXTRA_CELLS',
          `Statistics table ${t + 1} (run together in a paragraph), row ${quote(table.rows[row]!.label)}: it prints ${numbers.length} more ${numbers.length === 1 ? 'number' : 'numbers'} (${numbers.join(', ')}) than the header has columns; its values are placed in order and the rest is not read`,
          { source: table.source },
        ),
      );
    }
    const unreadable = table.rows.filter((r) => r.values.some((v) => v.state === 'unreadable')).map((r) => quote(r.label));
    if (unreadable.length > 0 || table.unread !== undefined) {
      const rest = table.unread === undefined ? '' : `; the text after its last row could not be split into rows: ${quote(table.unread.length > 60 ? `${table.unread.slice(0, 60)}…` : table.unread)}`;
      problems.push(
        problem(
          'CELL_UNREADABLE',
          `Statistics table ${t + 1}: ${unreadable.length > 0 ? `the values of ${unreadable.join(', ')} are not read (no number, or the digits of its columns run together)` : 'not read to its end'}${rest}`,
          { source: table.source },
        ),
      );
    }
    const labels = table.rows.map((r) => r.label);
    const { nesting, keys } = nestAndMatch(labels);
    keys.forEach((k, i) => {
      if (k === null) unmatched.push(`${quote(labels[i]!)} (table ${t + 1}, row ${i + 1})`);
    });
    return {
      title: table.title,
      columns: columns.map((c) => c.column),
      rows: table.rows.map((r, i) => ({ label: r.label, level: nesting[i]!.level, parent: nesting[i]!.parent, unit: r.unit, key: keys[i]!, values: r.values, source: r.source })),
      source: table.source,
    };
  });
  if (unmatched.length > 0) {
    problems.push(problem('PRE2019_ROWS_UNMATCHED', `${plural(unmatched.length, 'statistics-table row')} match no indicator of the pre-2019 vocabulary and keep only their label: ${unmatched.join(', ')}`));
  }
  return { tables, problems, blocks: new Set(read.flatMap((t) => (t.block ? [t.block] : []))) };
}

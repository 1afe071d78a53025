/**
 * The nine headline figures of a report from before 2019: from the first
 * statistics-table row of the figure's indicator, in the report-year column
 * (a blank cell stays blank: a figure is never filled in), else from the
 * sentence that states it (pre2019.ts; also where the row's cell holds no
 * number). A table cut short has no row for the
 * rest, and those figures come from sentences or are left out, never 0.
 * Where the table and a sentence give different numbers the table's is
 * taken and PRE2019_FIGURE_CONFLICT names both.
 */
import { pre2019HeadlineKeys } from '../../mappings/pre2019-vocabulary.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { Cell, StatisticsTable } from '../model/report.js';
import { quote, quoteText } from '../model/wording.js';

/** The column of the report year: the first year column, or a table's only column when its header says no period. */
export function reportYearColumn(table: StatisticsTable): number | undefined {
  const year = table.columns.findIndex((c) => c.period === 'year');
  if (year >= 0) return year;
  return table.columns.length === 1 && table.columns[0]!.period === 'unknown' ? 0 : undefined;
}

export function headlineFigures(tables: readonly StatisticsTable[], sentences: Record<string, Cell>): { figures: Record<string, Cell>; problems: Problem[] } {
  const figures: Record<string, Cell> = {};
  const problems: Problem[] = [];
  for (const key of pre2019HeadlineKeys) {
    const found = tables.flatMap((table) => {
      const col = reportYearColumn(table);
      const row = table.rows.find((r) => r.key === key);
      return col !== undefined && row ? [{ row, column: table.columns[col]!, cell: row.values[col]! }] : [];
    })[0];
    const sentence = sentences[key];
    // A row whose cell holds no number (blank, unreadable) leaves the figure to a sentence that states it.
    if (!found || (found.cell.state !== 'number' && sentence)) {
      if (sentence) figures[key] = sentence;
      else if (found) figures[key] = found.cell;
      continue;
    }
    figures[key] = found.cell;
    if (sentence && found.cell.state === 'number' && sentence.value !== found.cell.value) {
      problems.push(
        problem(
          'PRE2019_FIGURE_CONFLICT',
          `${key}: the statistics table's row ${quote(found.row.label)} gives ${found.cell.value} (column ${quote(found.column.header)}), the text says ${sentence.value} in ${quoteText(sentence.raw ?? '')}; the table's is taken`,
          { cells: [key], ...(found.cell.source ? { source: found.cell.source } : {}) },
        ),
      );
    }
  }
  return { figures, problems };
}

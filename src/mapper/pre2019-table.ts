/**
 * Finds the statistics tables of a report from before 2019 in the common
 * layout and reads them row by row, as printed: a table whose header row
 * names the indicator (指标名称) and at least one value column (2014年度,
 * 历年累计, 年末统计 …), or a paragraph that opens with such a header and runs
 * the cells together (pre2019-flat.ts). A one-cell table that wraps a whole
 * page is read as its lines. Nesting and indicator keys are added by
 * pre2019-statistics.ts; nothing here knows the input format.
 */
import type { Block, Provenance, TableBlock } from '../model/layout.js';
import type { Cell } from '../model/report.js';
import type { Grid } from '../layout/grid.js';
import { distinctCells, toGrid } from '../layout/grid.js';
import { confidence } from '../settings.js';
import { parseValue } from '../text/number.js';
import { absentCell } from './mapped.js';
import { headerRole, printed } from './pre2019-columns.js';
import { readFlatTable } from './pre2019-flat.js';

export interface ReadRow {
  label: string;
  unit: string | null;
  values: Cell[];
  source: Provenance;
}

export interface ReadTable {
  title: string | null;
  /** A run-together paragraph: what follows the last row read (CELL_UNREADABLE quotes it). */
  unread?: string;
  /** Rows of a run-together paragraph that print more numbers than the header has columns, with the numbers left over. */
  extra?: Array<{ row: number; numbers: string[] }>;
  /** Value column headers as printed. */
  headers: string[];
  rows: ReadRow[];
  source: Provenance;
  /** The table block read (a grid table), so that sentences are not looked for in it. */
  block?: TableBlock;
}

interface Line {
  text: string;
  source: Provenance;
}

/** The header row of a statistics table (in its first rows): the columns of the label, the unit and the values. */
function headerOf(grid: Grid): { row: number; label: number; unit: number | null; values: number[] } | undefined {
  for (let r = 0; r < Math.min(3, grid.rows.length); r++) {
    const cells = distinctCells(grid.rows[r]!);
    const roles = cells.map((c) => headerRole(c.text));
    const label = roles.indexOf('label');
    if (label < 0 || !roles.includes('value')) continue;
    const unit = roles.indexOf('unit');
    const values = cells.map((_, i) => i).filter((i) => i > label && i !== unit);
    return { row: r, label: cells[label]!.originCol, unit: unit >= 0 ? cells[unit]!.originCol : null, values: values.map((i) => cells[i]!.originCol) };
  }
  return undefined;
}

function readGrid(table: TableBlock): Omit<ReadTable, 'title'> | undefined {
  const grid = toGrid(table);
  const head = headerOf(grid);
  if (!head) return undefined;
  const headers = head.values.map((c) => printed(grid.rows[head.row]![c]!.text));
  const rows: ReadRow[] = [];
  for (const cells of grid.rows.slice(head.row + 1)) {
    const labelCell = cells[head.label];
    const label = printed(labelCell?.text ?? '');
    const values: Cell[] = head.values.map((c) => {
      const cell = cells[c];
      if (!cell) return absentCell();
      const parsed = parseValue(cell.text);
      return { value: parsed.value, raw: cell.text.trim(), state: parsed.state, confidence: Math.min(confidence.aligned, cell.confidence ?? 1), source: cell.source };
    });
    if (label === '' && values.every((v) => v.state === 'blank' || v.state === 'absent')) continue;
    const unitText = head.unit === null ? '' : printed(cells[head.unit]?.text ?? '');
    rows.push({ label, unit: unitText === '' ? null : unitText, values, source: labelCell?.source ?? table.source });
  }
  return { headers, rows, source: table.source, block: table };
}

const titleMarker = /^(?:附\s*[件表]|[一二三四五六七八九十]+[、.．])/;
const bareMarker = /^附\s*[件表]\s*\d*\s*[:：]?$/;
const dateLine = /^(?:\d{4}|[○〇零一二三四五六七八九]{4})\s*年[^。]{0,8}日$/;
const maxTitle = 60;

/** A line that could title a table: short, no sentence, no date. */
const titleLike = (text: string) => text !== '' && text.length <= maxTitle && !/[。；]$/.test(text) && !dateLine.test(text);

/**
 * The title of a table from the lines just before it: the nearest line, and
 * the one before when the nearest is the second line of a two-line title
 * (neither a 附表/七、 heading itself nor preceded by a bare 附件).
 */
function titleFrom(before: readonly Line[]): string | null {
  const near = before.at(-1)?.text.trim() ?? '';
  if (!titleLike(near)) return null;
  if (titleMarker.test(near)) return printed(near);
  const prev = before.at(-2)?.text.trim() ?? '';
  if (titleLike(prev) && !bareMarker.test(prev) && !titleMarker.test(prev)) return `${printed(prev)} ${printed(near)}`;
  return printed(near);
}

/** Every statistics table of the document, in order. */
export function readStatisticsTables(blocks: readonly Block[]): ReadTable[] {
  const tables: ReadTable[] = [];
  let lines: Line[] = [];
  const readLines = (text: string, source: Provenance) => {
    for (const part of text.split('\n')) {
      const flat = readFlatTable(part, source);
      if (flat) {
        tables.push({
          title: titleFrom(lines),
          headers: flat.headers,
          rows: flat.rows.map((r) => ({ label: r.label, unit: r.unit, values: r.values, source: { ...source } })),
          source: { ...source },
          extra: flat.rows.flatMap((r, i) => (r.extra.length > 0 ? [{ row: i, numbers: r.extra }] : [])),
          ...(flat.unread !== undefined ? { unread: flat.unread } : {}),
        });
        lines = [];
      } else if (part.trim() !== '') lines.push({ text: part.trim(), source });
    }
  };
  for (const block of blocks) {
    if (block.kind === 'text') {
      readLines(block.text, block.source);
      continue;
    }
    const read = readGrid(block);
    if (read) {
      tables.push({ title: titleFrom(lines), ...read });
      lines = [];
      continue;
    }
    // A layout table (one cell around the page) is text; any other table ends what could title the next.
    const cells = block.rows.flat();
    if (cells.length === 1) readLines(cells[0]!.text, cells[0]!.source);
    else lines = [];
  }
  return tables;
}

/**
 * What the viewer shows of sources without pages: the table grids of a Word
 * or HTML report (read again with the project's own reader, so the grid is
 * the one its source.table/row/col count in) and the lines of a text export.
 */
import { readDoc } from '../../../extractors/doc/index.js';
import { readDocx } from '../../../extractors/docx/index.js';
import { decodeHtml } from '../../../extractors/html/decode.js';
import { readHtml } from '../../../extractors/html/index.js';
import { toGrid } from '../../layout/grid.js';
import type { LayoutDocument, TableBlock } from '../../model/layout.js';
import { pageSettings } from './settings.js';

/** A cell where it starts in the grid: text, grid position and spans. */
export interface GridCellView {
  t: string;
  r: number;
  c: number;
  rs: number;
  cs: number;
}

/** A table as rows of the cells that start in each row. */
export type TableView = GridCellView[][];

const gridReaders: Record<string, (bytes: Uint8Array) => LayoutDocument | Promise<LayoutDocument>> = {
  html: readHtml,
  docx: readDocx,
  doc: readDoc,
};

export const hasGridReader = (format: string) => format in gridReaders;

/** The tables `wanted` (by index) of the source, read with the reader of its format. */
export async function sourceTables(bytes: Uint8Array, format: string, wanted: Set<number>): Promise<Map<number, TableView>> {
  const reader = gridReaders[format];
  const tables = new Map<number, TableView>();
  if (!reader) return tables;
  const layout = await reader(bytes);
  for (const block of layout.blocks) {
    if (block.kind === 'table' && wanted.has(block.index)) tables.set(block.index, tableView(block));
  }
  return tables;
}

function tableView(table: TableBlock): TableView {
  const grid = toGrid(table);
  return grid.rows.map((row, r) => {
    const seen = new Set<number>();
    const starts: GridCellView[] = [];
    for (const cell of row) {
      if (!cell || seen.has(cell.id) || cell.originRow !== r) continue;
      seen.add(cell.id);
      starts.push({ t: cell.text, r, c: cell.originCol, rs: cell.rowSpan, cs: cell.colSpan });
    }
    return starts;
  });
}

/** A piece of a source line: `start` is the 1-based column of its first character. */
export interface LineView {
  line: number;
  start: number;
  text: string;
}

/** The source's lines decoded as the text reader decodes them (BOM, UTF-8, GB18030). */
export function sourceLines(bytes: Uint8Array): string[] {
  const decoded = decodeHtml(bytes, { markup: false });
  return decoded.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** The line `line` around column `char` and its neighbours, long lines cut around the cell. */
export function lineContext(lines: string[], line: number, char: number): LineView[] {
  const out: LineView[] = [];
  const first = Math.max(1, line - pageSettings.neighbourLines);
  const last = Math.min(lines.length, line + pageSettings.neighbourLines);
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const start = n === line ? Math.max(1, char - pageSettings.charsBeforeCell) : 1;
    out.push({ line: n, start, text: text.slice(start - 1, start - 1 + pageSettings.maxLineChars) });
  }
  return out;
}

/**
 * The detail of one report for the viewer: its cells and problems as the
 * JSON gives them, each source place resolved to something the browser can
 * draw — a box in the pixels of a page image, a cell of a re-drawn table
 * grid, or a few lines of the text file — and why not, when the source file
 * cannot be found or read.
 */
import type { Cell, Report } from '../../model/report.js';
import { cellLabel } from '../cell-labels.js';
import type { CompareReport } from '../model.js';
import type { SourceBytes } from '../source-path.js';
import type { Box, RenderedPages } from './page-images.js';
import type { LineView, TableView } from './source-views.js';
import { hasGridReader, lineContext, sourceLines, sourceTables } from './source-views.js';

type Source = NonNullable<Cell['source']>;

/** A place resolved for the viewer: the page and the box in its image's pixels. */
export interface PixelBox {
  page: number;
  box: Box;
}

export interface DetailCell extends Cell {
  px?: PixelBox;
}

export type DetailProblem = Report['problems'][number] & { px?: PixelBox };

export interface ReportDetail {
  file: string;
  format: string;
  reader: string;
  sourcePath: string | null;
  /** Why the viewer cannot show the source (missing file, unreadable pages), or null. */
  sourceNote: string | null;
  /** The grid and text views are the source's own (true) or re-drawn from the report's cells (false). */
  fromSource: boolean;
  cells: Record<string, DetailCell>;
  /** The template's printed row and column labels of each cell key. */
  labels: Record<string, string>;
  problems: DetailProblem[];
  pages: Record<number, { src: string; width: number; height: number }>;
  tables: Record<number, TableView>;
  /** Keyed `line:char`: the line of a text cell with its neighbours. */
  lines: Record<string, LineView[]>;
}

/** Where a report's cells and problems point: pages, tables, lines. */
export function referencedPlaces(report: Report): { pages: number[]; tables: Set<number>; lines: Array<[number, number]> } {
  const sources: Source[] = [
    ...Object.values(report.cells).map((c) => c.source),
    ...Object.values(report.pre2019 ?? {}).map((c) => c.source),
    ...report.problems.map((p) => p.source),
  ].filter((s): s is Source => !!s);
  const pages = [...new Set(sources.map((s) => s.page).filter((p): p is number => p !== undefined))].sort((a, b) => a - b);
  const tables = new Set(sources.map((s) => s.table).filter((t): t is number => t !== undefined));
  const lineKeys = new Set(sources.filter((s) => s.line !== undefined).map((s) => `${s.line}:${s.char ?? 1}`));
  const lines = [...lineKeys].map((k) => k.split(':').map(Number) as [number, number]);
  return { pages, tables, lines };
}

const pagedFormats = new Set(['pdf', 'image']);

/** `source`: the source's bytes, which match the report's sha256 (source-path.ts readSource), or why it is not shown. */
export async function buildDetail(report: Report, ref: CompareReport, rendered: RenderedPages | undefined, source: SourceBytes): Promise<ReportDetail> {
  const places = referencedPlaces(report);
  const detail: ReportDetail = {
    file: report.source.file,
    format: report.source.format,
    reader: report.source.reader,
    sourcePath: ref.sourcePath,
    sourceNote: 'refused' in source ? source.refused : null,
    fromSource: false,
    cells: {},
    labels: {},
    problems: [],
    pages: {},
    tables: {},
    lines: {},
  };
  const locate = (source: Source | null | undefined): PixelBox | undefined => {
    const page = source?.page !== undefined ? rendered?.pages.get(source.page) : undefined;
    if (!page || !source?.bbox) return undefined;
    return { page: source.page!, box: page.toPixels(source.bbox).map((v) => Math.round(v * 10) / 10) as Box };
  };
  for (const [key, cell] of [...Object.entries(report.cells), ...Object.entries(report.pre2019 ?? {})]) {
    const px = locate(cell.source);
    detail.cells[key] = px ? { ...cell, px } : cell;
    detail.labels[key] = cellLabel(key);
  }
  detail.problems = report.problems.map((p) => {
    const px = locate(p.source);
    return px ? { ...p, px } : p;
  });
  if (rendered) {
    for (const [n, page] of rendered.pages) detail.pages[n] = { src: page.src, width: page.width, height: page.height };
    if (rendered.failure) detail.sourceNote = rendered.failure;
  }
  if ('refused' in source || pagedFormats.has(report.source.format)) return detail;
  try {
    if (places.lines.length > 0) {
      const lines = sourceLines(source.bytes);
      for (const [line, char] of places.lines) detail.lines[`${line}:${char}`] = lineContext(lines, line, char);
      detail.fromSource = true;
    } else if (places.tables.size > 0 && hasGridReader(report.source.format)) {
      for (const [index, table] of await sourceTables(source.bytes, report.source.format, places.tables)) detail.tables[index] = table;
      detail.fromSource = true;
    }
  } catch (error) {
    detail.sourceNote = `the source could not be read again (${(error as Error).message}); the grid is re-drawn from the report's cells`;
  }
  return detail;
}

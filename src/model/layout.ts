/**
 * The layout model: the one intermediate representation every extractor
 * produces. Nothing downstream of it (mapper, checks) knows the input format.
 */
import type { Problem } from './problems.js';

/** Where a piece of text came from. Each extractor fills the fields its format has. */
export interface Provenance {
  /** 1-based page number (PDF). */
  page?: number;
  /** [x0, y0, x1, y1] in PDF user space (PDF). */
  bbox?: [number, number, number, number];
  /** 0-based index of the table among the document's tables (DOCX, HTML). */
  table?: number;
  /** 0-based row and column of the cell's origin in the table grid. */
  row?: number;
  col?: number;
  /** CSS-like path of the element in the DOM (HTML). */
  path?: string;
  /** 1-based line of the file, and 1-based character column in it where the text starts (text files). */
  line?: number;
  char?: number;
  /** How a PDF or scanned table cell was placed: inside rules drawn whole, pieced together from a broken scan, beside a rule put back (inferred), or by text alignment without rules. */
  placed?: CellPlacement;
}

export const cellPlacements = ['ruled', 'repaired', 'inferred', 'aligned'] as const;
export type CellPlacement = (typeof cellPlacements)[number];

export type InputFormat = 'pdf' | 'docx' | 'doc' | 'html' | 'txt' | 'image';

export interface TextBlock {
  kind: 'text';
  /** Headings are blocks the source marked as such (h1-h6, Word heading styles, bold short lines). */
  role: 'heading' | 'paragraph';
  text: string;
  source: Provenance;
  /** 0..1, how sure the extractor is of the text (OCR); absent when read from the file's own text. */
  confidence?: number;
}

/** A cell as it stands in the source: spans are not expanded yet (see layout/grid.ts). */
export interface LayoutCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  source: Provenance;
  /** 0..1, how sure the extractor is that `text` is what the source shows (OCR); absent when read from the file's own text. */
  confidence?: number;
  /** Other readings OCR saw for the cell's text (a disputed number), most supported first. */
  alternatives?: string[];
}

export interface TableBlock {
  kind: 'table';
  /** 0-based index among the document's tables. */
  index: number;
  /** Rows in source order; each row lists the cells that start in it. */
  rows: LayoutCell[][];
  source: Provenance;
}

export type Block = TextBlock | TableBlock;

/** A block's text in reading order: a table's cells row by row, run together (a crawler dump cuts sentences into cells). */
export function blockText(block: Block): string {
  return block.kind === 'text' ? block.text : block.rows.map((row) => row.map((c) => c.text).join('')).join('');
}

export interface DocumentMeta {
  /** Title as the container declares it (HTML <title>, PDF Info Title, DOCX core title). */
  title?: string;
  /** Other candidate titles the container offers (e.g. an ArticleTitle meta tag). */
  titleCandidates?: string[];
}

/** How a page was read: its text layer, OCR, nothing to read (blank), or not at all (no text layer and no OCR here). */
export type PageRead = 'text' | 'ocr' | 'blank' | 'none';

export interface LayoutDocument {
  format: InputFormat;
  /** Which extractor produced the layout: pdf-text | pdf-ocr | docx | html | … */
  reader: string;
  pages?: number;
  /** How each page was read, in page order (formats with pages). */
  pageReads?: PageRead[];
  /** Character encoding the text was decoded with, where the format has one (HTML). */
  encoding?: string;
  meta: DocumentMeta;
  /** Blocks of the report's content in reading order. */
  blocks: Block[];
  /** Problems the extractor found (encoding, unreadable pages, …). */
  problems: Problem[];
}

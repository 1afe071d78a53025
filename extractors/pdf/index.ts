/**
 * The PDF reader for documents with a text layer: pdf.js text and ruling
 * lines → tables (ruled, or aligned text where there are no rules) and
 * paragraphs, in reading order, with page furniture removed and tables
 * continued across pages stitched into one.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Block, LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import type { Box, Matrix } from './geometry.js';
import { invert } from './geometry.js';
import { findTables } from './lattice.js';
import type { Line } from './lines.js';
import { bodySize, furniture, pageMargins, paragraphs, toLines } from './lines.js';
import { loadFailure, openPdf } from './load.js';
import { pageEdges } from './rules.js';
import { pdfSettings } from './settings.js';
import { findRegions, joinWrappedLabels, streamTableBlock } from './stream.js';
import type { PdfTable } from './tables.js';
import { canStitch, fillTables, stitch, toTableBlock } from './tables.js';
import type { TextRun } from './text.js';
import { runsFromItems, textQuality } from './text.js';

interface PageContent {
  page: number;
  height: number;
  pageToUser: Matrix;
  tables: PdfTable[];
  lines: Line[];
  usable: boolean;
}

async function readPage(doc: PDFDocumentProxy, pageNumber: number): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const toPage = viewport.transform as Matrix;
  const [content, edges] = await Promise.all([page.getTextContent(), pageEdges(page, toPage, pdfSettings)]);
  const runs: TextRun[] = runsFromItems(content.items, toPage, pageNumber);
  const quality = textQuality(runs);
  const usable = quality.chars >= pdfSettings.minPageChars && quality.garbage <= quality.chars * pdfSettings.maxGarbageShare;
  const { tables, outside } = fillTables(findTables(edges, pdfSettings), usable ? runs : [], pageNumber);
  page.cleanup();
  return {
    page: pageNumber,
    height: viewport.height,
    pageToUser: invert(toPage),
    tables,
    lines: toLines(outside, pdfSettings),
    usable,
  };
}

type Item = { kind: 'table'; table: PdfTable; top: number; page: number } | { kind: 'line'; line: Line; top: number; page: number };

export async function readPdf(bytes: Uint8Array): Promise<LayoutDocument> {
  const layout: LayoutDocument = { format: 'pdf', reader: 'pdf-text', meta: {}, blocks: [], problems: [] };
  const task = openPdf(bytes);
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      layout.problems.push(problem('FILE_UNREADABLE', loadFailure(error)));
      return layout;
    }
    layout.pages = doc.numPages;
    const info = (await doc.getMetadata().catch(() => undefined))?.info as { Title?: string } | undefined;
    if (info?.Title?.trim()) layout.meta.title = info.Title.trim();

    const pages: PageContent[] = [];
    const broken: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        pages.push(await readPage(doc, n));
      } catch {
        broken.push(n);
      }
    }
    if (pages.length === 0) {
      layout.problems.push(problem('FILE_UNREADABLE', `None of the ${doc.numPages} pages could be read (damaged or truncated PDF)`));
      return layout;
    }
    if (broken.length > 0) {
      layout.problems.push(problem('PAGE_UNREADABLE', `Pages ${broken.join(', ')} could not be read (damaged or truncated PDF); the other pages are converted`));
    }
    const noText = pages.filter((p) => !p.usable).map((p) => p.page);
    if (noText.length > 0) {
      layout.problems.push(
        problem('NO_TEXT_LAYER', `Page${noText.length > 1 ? 's' : ''} ${noText.join(', ')} ha${noText.length > 1 ? 've' : 's'} no usable text layer (scanned or without ToUnicode); OCR is not available in this version, so their content is not read`),
      );
    }
    layout.blocks = assemble(pages);
    return layout;
  } finally {
    await task.destroy();
  }
}

/** Pages → blocks in reading order: furniture dropped, tables continued on the next page stitched. */
function assemble(pages: PageContent[]): Block[] {
  const allLines = pages.flatMap((p) => p.lines);
  const heights = new Map(pages.map((p) => [p.page, p.height]));
  const pageToUser = new Map(pages.map((p) => [p.page, p.pageToUser]));
  const dropped = furniture(allLines, heights, pdfSettings);

  // Reading order: pages in order; on a page, top to bottom.
  const items: Item[] = pages.flatMap((p) =>
    [
      ...p.tables.map((table): Item => ({ kind: 'table', table, top: table.firstRect[1], page: p.page })),
      ...p.lines.filter((l) => !dropped.has(l)).map((line): Item => ({ kind: 'line', line, top: line.box[1], page: p.page })),
    ].sort((a, b) => a.top - b.top),
  );

  // A table that ends a page and one that opens the next page are one table when their borders agree.
  const merged: Item[] = [];
  for (const item of items) {
    const last = merged.at(-1);
    if (item.kind === 'table' && last?.kind === 'table' && item.page === last.table.pages.at(-1)! + 1 && canStitch(last.table, item.table, pdfSettings)) {
      last.table = stitch(last.table, item.table, pdfSettings);
      continue;
    }
    merged.push(item);
  }

  const textLines = merged.flatMap((i) => (i.kind === 'line' ? [i.line] : []));
  const context = { pageToUser, body: bodySize(textLines), margins: pageMargins(textLines) };
  const blocks: Block[] = [];
  let run: Line[] = [];
  let tableIndex = 0;
  // Lines between two ruled tables: paragraphs, and tables drawn without rules.
  const flushText = () => {
    let plain: Line[] = [];
    for (const part of findRegions(run, pdfSettings)) {
      if ('line' in part) {
        plain.push(part.line);
        continue;
      }
      blocks.push(...paragraphs(plain, context, pdfSettings));
      plain = [];
      blocks.push(streamTableBlock(joinWrappedLabels(part.region, pdfSettings), tableIndex++, pageToUser));
    }
    blocks.push(...paragraphs(plain, context, pdfSettings));
    run = [];
  };
  for (const item of merged) {
    if (item.kind === 'line') {
      run.push(item.line);
      continue;
    }
    flushText();
    blocks.push(toTableBlock(item.table, tableIndex++, pageToUser, pdfSettings));
  }
  flushText();
  return blocks;
}



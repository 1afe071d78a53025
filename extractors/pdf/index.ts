/**
 * The PDF reader: pdf.js text and ruling lines → tables (ruled, or aligned
 * text where there are no rules) and paragraphs, in reading order, with page
 * furniture removed and tables continued across pages stitched into one.
 * Pages without a usable text layer go through OCR (../ocr), which gives the
 * same material (runs and rules), so every later step is shared.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Block, LayoutDocument, PageRead } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import type { Problem } from '../../src/model/problems.js';
import { listed } from '../../src/model/wording.js';
import type { OcrAccess } from '../ocr/access.js';
import { defaultOcr } from '../ocr/access.js';
import { SharedCalls } from '../ocr/batching.js';
import { EngineFailure } from '../ocr/engine.js';
import { ocrPage, pdfPageSource } from '../ocr/page.js';
import { ocrSettings } from '../ocr/settings.js';
import { grantTime, timeBudget } from '../../src/work-budget.js';
import type { Matrix } from './geometry.js';
import { invert, multiply } from './geometry.js';
import { findTables } from './lattice.js';
import type { Line } from './lines.js';
import { bodySize, furniture, pageMargins, paragraphs, toLines } from './lines.js';
import { oversizedImages } from './images.js';
import { loadFailure, openPdf } from './load.js';
import { refusedImageProblems } from './refused-images.js';
import type { Edge } from './rules.js';
import { pageGraphics } from './rules.js';
import { pdfSettings } from './settings.js';
import { findRegions, joinWrappedLabels, streamTableBlock } from './stream.js';
import type { PdfTable } from './tables.js';
import { canStitch, fillTables, stitch, toTableBlock } from './tables.js';
import type { TextRun } from './text.js';
import { runsFromItems, textQuality } from './text.js';
import { append } from '../../src/arrays.js';

export interface PageContent {
  page: number;
  height: number;
  pageToUser: Matrix;
  tables: PdfTable[];
  lines: Line[];
  /** How the page was read: its text layer, OCR, or not at all (no text layer and no OCR). */
  read: PageRead;
}

/** Runs and rules of one page (from its text layer or from OCR) → its tables and the lines around them. */
export function pageContent(page: number, height: number, pageToUser: Matrix, runs: TextRun[], edges: Edge[], read: PageContent['read']): PageContent {
  const { tables, outside } = fillTables(findTables(edges, pdfSettings), runs, page, read === 'ocr');
  return { page, height, pageToUser, tables, lines: toLines(outside, pdfSettings), read };
}

async function readPage(doc: PDFDocumentProxy, pageNumber: number, ocr: OcrAccess, shared: SharedCalls): Promise<PageContent> {
  grantTime(timeBudget.textPage);
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const toPage = viewport.transform as Matrix;
    const [content, { edges, imageScale, shapes, scan }] = await Promise.all([page.getTextContent(), pageGraphics(page, toPage, pdfSettings)]);
    const runs: TextRun[] = runsFromItems(content.items, toPage, pageNumber);
    const quality = textQuality(runs);
    const usable = quality.chars >= pdfSettings.minPageChars && quality.garbage <= quality.chars * pdfSettings.maxGarbageShare;
    if (usable) return pageContent(pageNumber, viewport.height, invert(toPage), runs, edges, 'text');
    grantTime(timeBudget.ocrPage);
    // Nothing drawn but perhaps a few lines: a blank page, which OCR would only spend time on.
    if (imageScale === undefined && quality.chars === 0 && shapes < pdfSettings.maxBlankShapes) return pageContent(pageNumber, viewport.height, invert(toPage), [], edges, 'blank');
    const engine = await ocr.engine();
    if (!engine) return pageContent(pageNumber, viewport.height, invert(toPage), [], edges, 'none');
    const read = await ocrPage(pdfPageSource(page, imageScale, scan), pageNumber, shared.over(engine));
    return pageContent(pageNumber, read.height, multiply(invert(toPage), read.toPage), read.runs, read.edges, 'ocr');
  } finally {
    page.cleanup();
  }
}

type Item = { kind: 'table'; table: PdfTable; top: number; page: number } | { kind: 'line'; line: Line; top: number; page: number };

export async function readPdf(bytes: Uint8Array, ocr: OcrAccess = defaultOcr): Promise<LayoutDocument> {
  const layout: LayoutDocument = { format: 'pdf', reader: 'pdf-text', meta: {}, blocks: [], problems: [] };
  const oversized = oversizedImages(bytes);
  const task = openPdf(bytes, oversized);
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
    for (let first = 1; first <= doc.numPages; first += ocrSettings.pagesReadTogether) {
      const shared = new SharedCalls();
      const numbers = Array.from({ length: Math.min(ocrSettings.pagesReadTogether, doc.numPages - first + 1) }, (_, k) => first + k);
      // A page pdf.js cannot read is the file's; an OCR engine that failed (killed, could not run) is not, and no report is made.
      const reads = await Promise.all(
        numbers.map((n) =>
          shared.run(() => readPage(doc, n, ocr, shared)).catch((error: unknown) => {
            if (error instanceof EngineFailure) throw error;
            return undefined;
          }),
        ),
      );
      reads.forEach((read, k) => (read ? pages.push(read) : broken.push(numbers[k]!)));
    }
    if (pages.length === 0) {
      layout.problems.push(problem('FILE_UNREADABLE', `None of the ${doc.numPages} pages could be read (damaged or truncated PDF)`));
      return layout;
    }
    if (broken.length > 0) {
      layout.problems.push(problem('PAGE_UNREADABLE', `Pages ${listed(broken, String)} could not be read (damaged or truncated PDF); the other pages are converted`));
    }
    append(layout.problems, await refusedImageProblems(bytes, oversized));
    layout.pageReads = pages.map((p) => p.read);
    const noText = pages.filter((p) => p.read === 'ocr' || p.read === 'none').map((p) => p.page);
    if (noText.length > 0) layout.problems.push(noTextLayer(noText, pages.some((p) => p.read === 'ocr') ? ocr.name : undefined, await ocr.unavailable()));
    if (pages.some((p) => p.read === 'ocr')) layout.reader = 'pdf-ocr';
    layout.blocks = assemble(pages);
    return layout;
  } finally {
    await task.destroy();
  }
}

/** The problem for pages without a text layer: read by OCR, or how to enable OCR. */
export function noTextLayer(pages: number[], engine: string | undefined, unavailable: string | null): Problem {
  const which = `Page${pages.length > 1 ? 's' : ''} ${listed(pages, String)} ha${pages.length > 1 ? 've' : 's'} no usable text layer (scanned, or fonts without ToUnicode)`;
  return problem(
    'NO_TEXT_LAYER',
    engine
      ? `${which}; read by OCR (${engine}): cells read there carry the engine's confidence`
      : `${which}; not read, because OCR is not available here: ${unavailable ?? 'unknown reason'}`,
  );
}

/** Pages → blocks in reading order: furniture dropped, tables continued on the next page stitched. */
export function assemble(pages: PageContent[]): Block[] {
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
      append(blocks, paragraphs(plain, context, pdfSettings));
      plain = [];
      blocks.push(streamTableBlock(joinWrappedLabels(part.region, pdfSettings), tableIndex++, pageToUser));
    }
    append(blocks, paragraphs(plain, context, pdfSettings));
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



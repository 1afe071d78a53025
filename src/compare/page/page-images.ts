/**
 * Page images for the viewer: the pages of PDFs and scans that a cell or a
 * problem points at, drawn once each with pdf.js + @napi-rs/canvas (as the
 * OCR reader draws them) and saved as WebP beside the page. A box in the
 * report's coordinates (PDF user space, y up; image pixels, y down for image
 * files) is mapped here to the pixels of that image, so the browser only scales.
 */
import { createCanvas } from '@napi-rs/canvas';
import { writeFile } from 'node:fs/promises';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { decodeImage } from '../../../extractors/image-check.js';
import { loadFailure, openPdf } from '../../../extractors/pdf/load.js';
import { drawPage } from '../../../extractors/pdf/render.js';
import { pageSettings } from './settings.js';

export type Box = [number, number, number, number];

/** One rendered page: its image (relative to the files folder), its size, and how to map a report box onto it. */
export interface PageImage {
  src: string;
  width: number;
  height: number;
  /** Report box → pixels of the image. */
  toPixels: (bbox: Box) => Box;
}

export interface RenderedPages {
  pages: Map<number, PageImage>;
  /** Why some or all pages could not be drawn, for the viewer. */
  failure?: string;
}

const normalized = (a: number, b: number, c: number, d: number): Box => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];

/**
 * Draws `pageNumbers` of the PDF at `path` into `outDir/<name>-p<N>.webp`.
 * pdf.js's own viewport maps user space to pixels, so /Rotate and a media
 * box not at the origin come out right.
 */
export async function renderPdfPages(bytes: Uint8Array, pageNumbers: number[], outDir: string, name: string, relDir: string): Promise<RenderedPages> {
  const pages = new Map<number, PageImage>();
  const task = openPdf(bytes);
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    return { pages, failure: loadFailure(error) };
  }
  const failed: number[] = [];
  try {
    for (const n of pageNumbers) {
      if (n < 1 || n > doc.numPages) {
        failed.push(n);
        continue;
      }
      const page = await doc.getPage(n);
      try {
        const natural = page.getViewport({ scale: 1 });
        const scale = Math.min(pageSettings.maxPageScale, pageSettings.pageImageWidth / natural.width);
        const { canvas, viewport } = await drawPage(page, scale);
        const file = `${name}-p${n}.webp`;
        await writeFile(`${outDir}/${file}`, await canvas.encode('webp', pageSettings.pageImageQuality));
        pages.set(n, {
          src: `${relDir}/${file}`,
          width: canvas.width,
          height: canvas.height,
          toPixels: (b) => {
            const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(b);
            return normalized(x0, y0, x1, y1);
          },
        });
      } catch {
        failed.push(n);
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await task.destroy();
  }
  return failed.length > 0 ? { pages, failure: `page${failed.length > 1 ? 's' : ''} ${failed.join(', ')} could not be drawn` } : { pages };
}

/**
 * A PNG or JPEG scan: its one page, scaled to the viewer's width; its boxes are in the image's own pixels, y down.
 * Decoded after the checks the image reader makes (a file convert refused is refused here too, not a crash).
 */
export async function renderImagePage(bytes: Uint8Array, outDir: string, name: string, relDir: string): Promise<RenderedPages> {
  const pages = new Map<number, PageImage>();
  const decoded = await decodeImage(bytes);
  if ('defect' in decoded) return { pages, failure: `the image is not drawn: ${decoded.defect}` };
  const image = decoded.decoded;
  const scale = Math.min(1, pageSettings.pageImageWidth / image.width);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, width, height);
  const file = `${name}-p1.webp`;
  await writeFile(`${outDir}/${file}`, await canvas.encode('webp', pageSettings.pageImageQuality));
  const sx = width / image.width;
  const sy = height / image.height;
  pages.set(1, { src: `${relDir}/${file}`, width, height, toPixels: (b) => normalized(b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy) });
  return { pages };
}

/**
 * A PDF page drawn to a canvas with pdf.js and @napi-rs/canvas, on white
 * (scans with transparency and empty pages must not come out black): for
 * OCR (extractors/ocr/page.ts) and for the compare page's images; never a
 * canvas over the pixel budget (extractors/image-check.ts).
 */
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist';
import { overBudget } from '../image-check.js';

export type PageViewport = ReturnType<PDFPageProxy['getViewport']>;

/** Thrown for a page whose canvas would be over the pixel budget (a media box of 200000 × 200000 points). */
export class PageTooLarge extends Error {}

export async function drawPage(page: PDFPageProxy, scale: number): Promise<{ canvas: Canvas; viewport: PageViewport }> {
  const viewport = page.getViewport({ scale });
  const [width, height] = [Math.ceil(viewport.width), Math.ceil(viewport.height)];
  const tooLarge = overBudget('page image', width, height);
  if (tooLarge) throw new PageTooLarge(tooLarge);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js is typed for the DOM's canvas; @napi-rs/canvas implements the part it uses.
  await page.render({ canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
  return { canvas, viewport };
}

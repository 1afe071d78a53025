/**
 * Scanned pages delivered as image files (PNG, JPEG; one page each): read by
 * OCR into the same page material as a PDF page, then assembled like one.
 * The page's units are the image's own pixels (provenance boxes too),
 * whatever density the file declares: the OCR reader takes its scale from
 * the characters it shows.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import type { OcrAccess } from '../ocr/access.js';
import { defaultOcr } from '../ocr/access.js';
import { toGray } from '../ocr/image.js';
import type { PageSource } from '../ocr/page.js';
import { ocrPage } from '../ocr/page.js';
import { assemble, noTextLayer, pageContent } from '../pdf/index.js';
import { decodeImage } from '../image-check.js';

export async function readImage(bytes: Uint8Array, ocr: OcrAccess = defaultOcr): Promise<LayoutDocument> {
  const layout: LayoutDocument = { format: 'image', reader: 'image-ocr', pages: 1, meta: {}, blocks: [], problems: [] };
  const image = await decodeImage(bytes);
  if ('defect' in image) {
    layout.problems.push(problem('FILE_UNREADABLE', `Not a readable image: ${image.defect}`));
    return layout;
  }
  const engine = await ocr.engine();
  if (!engine) {
    layout.problems.push(noTextLayer([1], undefined, await ocr.unavailable()));
    return layout;
  }
  const { decoded } = image;
  const source: PageSource = {
    width: decoded.width,
    height: decoded.height,
    nativeScale: 1,
    async render(scale: number) {
      const width = Math.max(1, Math.round(decoded.width * scale));
      const height = Math.max(1, Math.round(decoded.height * scale));
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(decoded, 0, 0, width, height);
      return toGray(ctx.getImageData(0, 0, width, height).data, width, height);
    },
  };
  const read = await ocrPage(source, 1, engine);
  layout.blocks = assemble([pageContent(1, read.height, read.toPage, read.runs, read.edges, 'ocr')]);
  layout.pageReads = ['ocr'];
  layout.problems.push(noTextLayer([1], engine.name, null));
  return layout;
}

/**
 * Scanned pages delivered as image files (PNG, JPEG; one page each): read by
 * OCR into the same page material as a PDF page, then assembled like one.
 * The page's units are the image's own pixels (provenance boxes too),
 * whatever density the file declares: the OCR reader takes its scale from
 * the characters it shows.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import type { OcrAccess } from '../ocr/access.js';
import { defaultOcr } from '../ocr/access.js';
import { toGray } from '../ocr/image.js';
import type { PageSource } from '../ocr/page.js';
import { ocrPage } from '../ocr/page.js';
import { assemble, noTextLayer, pageContent } from '../pdf/index.js';

/**
 * Why the bytes are not a complete PNG or JPEG, or undefined when they are.
 * Checked before decoding: the native decoder does not fail gracefully on
 * damaged headers, it takes the process down.
 */
export function imageDefect(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (b.toString('latin1', 12, 16) !== 'IHDR') return 'PNG without a header chunk';
    const width = b.readUInt32BE(16);
    const height = b.readUInt32BE(20);
    if (width === 0 || height === 0 || width > maxSide || height > maxSide) return `PNG of ${width}×${height} pixels`;
    if (!b.subarray(-12).includes(Buffer.from('IEND'))) return 'PNG cut short (no end chunk)';
    return undefined;
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    return b.subarray(-1024).includes(Buffer.from([0xff, 0xd9])) ? undefined : 'JPEG cut short (no end marker)';
  }
  return 'not a PNG or JPEG image';
}

/** Larger images are not page scans (A4 at 600 dpi is 4961 × 7016). */
const maxSide = 20_000;

export async function readImage(bytes: Uint8Array, ocr: OcrAccess = defaultOcr): Promise<LayoutDocument> {
  const layout: LayoutDocument = { format: 'image', reader: 'image-ocr', pages: 1, meta: {}, blocks: [], problems: [] };
  const defect = imageDefect(bytes);
  if (defect) {
    layout.problems.push(problem('FILE_UNREADABLE', `Not a readable image: ${defect}`));
    return layout;
  }
  let image;
  try {
    image = await loadImage(Buffer.from(bytes));
  } catch (error) {
    layout.problems.push(problem('FILE_UNREADABLE', `Not a readable PNG or JPEG image: ${(error as Error).message}`));
    return layout;
  }
  const engine = await ocr.engine();
  if (!engine) {
    layout.problems.push(noTextLayer([1], undefined, await ocr.unavailable()));
    return layout;
  }
  const decoded = image;
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

/**
 * Scanned pages delivered as image files (PNG, JPEG; one page each): read by
 * OCR into the same page material as a PDF page, then assembled like one.
 * Page space is the image at the resolution it declares or, failing that,
 * the one that makes it an A4 page wide.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { LayoutDocument } from '../../src/model/layout.js';
import { problem } from '../../src/model/problems.js';
import type { OcrAccess } from '../ocr/access.js';
import { defaultOcr } from '../ocr/access.js';
import { toGray } from '../ocr/image.js';
import { ocrImage } from '../ocr/page.js';
import { assemble, noTextLayer, pageContent } from '../pdf/index.js';

/** A4 is 8.27 in wide: a full-page scan with no resolution of its own is taken to be that wide. */
const a4WidthInches = 8.27;

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
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(image, 0, 0);
  const gray = toGray(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
  const dpi = Math.round(image.width / a4WidthInches);
  const read = await ocrImage(gray, 1, engine, dpi);
  const height = (image.height * 72) / dpi;
  // An image has no PDF user space: provenance boxes stay in points from its top-left corner, as printed.
  layout.blocks = assemble([pageContent(1, height, read.straightToPage, read.runs, read.edges, 'ocr')]);
  layout.problems.push(noTextLayer([1], engine.name, null));
  return layout;
}

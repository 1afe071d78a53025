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
    if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return 'PNG without a header chunk';
    const width = b.readUInt32BE(16);
    const height = b.readUInt32BE(20);
    if (width === 0 || height === 0 || width > maxSide || height > maxSide) return `PNG of ${width}×${height} pixels`;
    if (!b.subarray(-12).includes(Buffer.from('IEND'))) return 'PNG cut short (no end chunk)';
    return undefined;
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const frame = jpegFrameDefect(b);
    if (frame) return frame;
    return b.subarray(-1024).includes(Buffer.from([0xff, 0xd9])) ? undefined : 'JPEG cut short (no end marker)';
  }
  return 'not a PNG or JPEG image';
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic): the ones that carry the image's size. */
const startOfFrame = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * The JPEG's frame header, checked the way the PNG header is: segments
 * walked from the start, each within the file, up to the frame; its size,
 * precision and components must be those of an image (damaged frame
 * dimensions crash the native decoder).
 */
function jpegFrameDefect(b: Buffer): string | undefined {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return 'JPEG with a damaged segment before its frame header';
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > b.length) return 'JPEG with a segment longer than the file';
    if (startOfFrame.has(marker)) {
      if (length < 8) return 'JPEG with a damaged frame header';
      const precision = b[at + 4]!;
      const height = b.readUInt16BE(at + 5);
      const width = b.readUInt16BE(at + 7);
      const components = b[at + 9]!;
      if (width === 0 || height === 0 || width > maxSide || height > maxSide) return `JPEG of ${width}×${height} pixels`;
      if (![8, 12, 16].includes(precision) || ![1, 3, 4].includes(components) || length !== 8 + 3 * components) {
        return `JPEG with a damaged frame header (precision ${precision}, ${components} components)`;
      }
      return undefined;
    }
    if (marker === 0xda || marker === 0xd9) return 'JPEG without a frame header';
    at += 2 + length;
  }
  return 'JPEG without a frame header';
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

/**
 * The one place where an image is checked before it is decoded, for every
 * path that decodes one: the image reader (PNG, JPEG files), the compare
 * page's page images, and, for images inside PDFs, the pixel budget handed to
 * pdf.js (pdf/load.ts) and the drawn page's canvas (pdf/render.ts). The
 * header is read for the size the image declares, and the decoder never sees
 * an image whose header is damaged (the native decoder takes the process
 * down instead of failing) or which declares more pixels than the budget (a
 * 69-byte PNG declaring 20000×20000 costs 2.7 GB once decoded).
 */
import { type Image, loadImage } from '@napi-rs/canvas';
import { limits } from '../src/settings.js';

/** Larger sides are no page scan (A4 at 600 dpi is 4961 × 7016), whatever the pixel count. */
const maxSide = 20_000;

/** Why an image of `width` × `height` pixels is not decoded, or undefined. */
export function sizeDefect(kind: string, width: number, height: number): string | undefined {
  if (width === 0 || height === 0 || width > maxSide || height > maxSide) return `${kind} of ${width}×${height} pixels`;
  return overBudget(kind, width, height);
}

/** Why `width` × `height` pixels are over the pixel budget, or undefined. */
export function overBudget(kind: string, width: number, height: number): string | undefined {
  if (width * height <= limits.maxImagePixels) return undefined;
  return `${kind} of ${width}×${height} pixels, over the budget of ${limits.maxImagePixels / 1e6} million pixels an image may take`;
}

/**
 * Why the bytes are not a complete PNG or JPEG of a page's size, or
 * undefined when they are.
 */
export function imageDefect(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return 'PNG without a header chunk';
    const size = sizeDefect('PNG', b.readUInt32BE(16), b.readUInt32BE(20));
    if (size) return size;
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

/** The image decoded, once its header passed imageDefect; or why it is not decoded. */
export async function decodeImage(bytes: Uint8Array): Promise<{ decoded: Image } | { defect: string }> {
  const defect = imageDefect(bytes);
  if (defect) return { defect };
  try {
    return { decoded: await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  } catch (error) {
    return { defect: `the PNG or JPEG decoder failed: ${(error as Error).message}` };
  }
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
      const size = sizeDefect('JPEG', width, height);
      if (size) return size;
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

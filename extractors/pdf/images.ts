/**
 * The images a PDF declares, read from their dictionaries before pdf.js
 * decodes anything, against the pixel budget (extractors/image-check.ts).
 * An image is a stream, and a stream is never inside an object stream, so
 * every image dictionary lies in the file's bytes as written (encryption
 * leaves names and numbers alone). An image over the budget is made
 * undecodable in the bytes pdf.js is given, at the same length (so no
 * offset moves): its Width becomes 0 and its /Filter key another name, so
 * pdf.js drops it (or, for a soft mask, reads a few raw bytes) instead of
 * expanding 826 bytes of JBIG2 or Flate into gigabytes. pdf.js's own
 * maxImageSize (load.ts) covers what this scan cannot read (a Width given
 * by reference).
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { overBudget } from '../image-check.js';

/** An image dictionary and where its Width, Height and /Filter key are in the file. */
export interface DeclaredImage {
  width: number;
  height: number;
  /** Offsets and lengths of the Width and Height digits, and the offset of the /Filter key (-1: none). */
  widthAt: [number, number];
  heightAt: [number, number];
  filterAt: number;
}

/** How far back from `>>stream` a dictionary is looked for: image dictionaries are a few hundred bytes. */
const maxDictionaryLength = 4096;

/** Every image dictionary of the file whose Width and Height are written as numbers. */
export function declaredImages(bytes: Uint8Array): DeclaredImage[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const out: DeclaredImage[] = [];
  // A dictionary lies after the stream before it: looking back no further keeps the scan linear in the file's size.
  let previous = 0;
  for (const end of text.matchAll(/>>\s*stream\r?\n/g)) {
    const start = dictionaryStart(text, end.index, previous);
    previous = end.index + end[0].length;
    if (start < 0) continue;
    const dict = text.slice(start, end.index + 2);
    if (!/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const width = /\/Width\s+(\d+)\b/.exec(dict);
    const height = /\/Height\s+(\d+)\b/.exec(dict);
    if (!width || !height) continue;
    const digitsAt = (m: RegExpExecArray): [number, number] => [start + m.index + m[0].length - m[1]!.length, m[1]!.length];
    const filter = /\/Filter\b/.exec(dict);
    out.push({ width: Number(width[1]), height: Number(height[1]), widthAt: digitsAt(width), heightAt: digitsAt(height), filterAt: filter ? start + filter.index : -1 });
  }
  return out;
}

/** The offset of the `<<` that the `>>` at `close` ends, not before `floor`, or -1. */
function dictionaryStart(text: string, close: number, floor: number): number {
  let depth = 1;
  for (let i = close - 1; i >= Math.max(floor, close - maxDictionaryLength); i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      depth--;
      i--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The image dictionaries over the pixel budget, each with why. */
export function oversizedImages(bytes: Uint8Array): Array<DeclaredImage & { why: string }> {
  return declaredImages(bytes).flatMap((image) => {
    const why = overBudget('an image', image.width, image.height);
    return why ? [{ ...image, why }] : [];
  });
}

function writeDigits(bytes: Uint8Array, [at, length]: [number, number], value: number): void {
  const digits = String(value).padStart(length, '0');
  for (let i = 0; i < length; i++) bytes[at + i] = digits.charCodeAt(i);
}

/** Same length as /Filter: pdf.js ignores a key it does not know, and reads the data as it is. */
const noFilterKey = '/NoFilt';

function dropFilter(bytes: Uint8Array, image: DeclaredImage): void {
  if (image.filterAt < 0) return;
  for (let i = 0; i < noFilterKey.length; i++) bytes[image.filterAt + i] = noFilterKey.charCodeAt(i);
}

/** `bytes` with every image over the budget made undecodable, in place (the caller's copy). */
export function disarmOversizedImages(bytes: Uint8Array, oversized = oversizedImages(bytes)): Uint8Array {
  for (const image of oversized) {
    writeDigits(bytes, image.widthAt, 0);
    dropFilter(bytes, image);
  }
  return bytes;
}

/**
 * A size no page scan has, given to each image over the budget in a copy of
 * the file, so that the pages drawing one can be told by the images pdf.js
 * paints there (9 × 7 raw pixels, a few bytes read, nothing expanded).
 */
const marker = { width: 9, height: 7 } as const;

export function markOversizedImages(bytes: Uint8Array, oversized: DeclaredImage[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  for (const image of oversized) {
    writeDigits(copy, image.widthAt, marker.width);
    writeDigits(copy, image.heightAt, marker.height);
    dropFilter(copy, image);
  }
  return copy;
}

const paintImageOps = new Set<number>([OPS.paintImageXObject, OPS.paintImageMaskXObject]);

/** How many images of the marker's size an operator list paints (the size is in the arguments, or in the image data for masks). */
export function markerImages(list: { fnArray: number[]; argsArray: unknown[] }): number {
  let n = 0;
  for (let k = 0; k < list.fnArray.length; k++) {
    if (!paintImageOps.has(list.fnArray[k]!)) continue;
    const args = list.argsArray[k] as unknown[];
    const image = args[0] as { width?: number; height?: number } | string | undefined;
    const [width, height] = typeof image === 'object' && image ? [image.width, image.height] : [args[1], args[2]];
    if (width === marker.width && height === marker.height) n++;
  }
  return n;
}

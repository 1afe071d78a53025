/**
 * A scanned PDF page's pixels without drawing it: where the page draws one
 * image and nothing else, upright and covering the page (pdf/rules.ts tells
 * which), the image pdf.js has already decoded is the page. Drawing it would
 * only resample it onto a canvas four bytes a pixel deep and read it back;
 * here it becomes one 8-bit gray buffer straight away, with the matrix that
 * places its pixels on the page (the scan's own pixels, whatever scale the
 * file gives its two axes).
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import { ImageKind } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { overBudget } from '../image-check.js';
import type { Matrix } from '../pdf/geometry.js';
import type { PageScan } from '../pdf/rules.js';
import type { Gray } from './image.js';
import { fromBits, toGray } from './image.js';

/** The page's pixels and where they lie: `toPage` maps pixel coordinates (x right, y down) onto page space. */
export interface DecodedPage {
  image: Gray;
  toPage: Matrix;
  /** A 1-bit image (CCITT, JBIG2, a bitmap): its pixels are 0 or 255. */
  bilevel?: boolean;
}

/** What pdf.js hands over for a decoded image XObject (its own pixels, or a bitmap it made). */
interface DecodedImage {
  width?: number;
  height?: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray | null;
}

/**
 * The page's one image as gray pixels, or undefined where drawing is needed:
 * the image turned, mirrored or not covering the page (to within one of its
 * pixels), or decoded into a form other than raw pixels.
 */
export async function decodedPage(page: PDFPageProxy, scan: PageScan, pageWidth: number, pageHeight: number): Promise<DecodedPage | undefined> {
  const [a, b, c, d, e, f] = scan.toPage;
  // Upright: x along x, image rows downwards (the unit square's top, y = 1, is the image's first row).
  if (b !== 0 || c !== 0 || !(a > 0) || !(d < 0)) return undefined;
  const image = await decodedImage(page, scan.objId);
  if (!image) return undefined;
  const { width, height } = image;
  const [left, top, right, bottom] = [e, f + d, e + a, f];
  const [pixelWidth, pixelHeight] = [a / width, -d / height];
  const covers = Math.abs(left) <= pixelWidth && Math.abs(right - pageWidth) <= pixelWidth && Math.abs(top) <= pixelHeight && Math.abs(bottom - pageHeight) <= pixelHeight;
  if (!covers || overBudget('page image', width, height)) return undefined;
  const gray = toPixels(image);
  return gray && { image: gray, toPage: [pixelWidth, 0, 0, pixelHeight, left, top], ...(image.kind === ImageKind.GRAYSCALE_1BPP ? { bilevel: true } : {}) };
}

async function decodedImage(page: PDFPageProxy, objId: string): Promise<(DecodedImage & { width: number; height: number }) | undefined> {
  // Images shared by several pages live in the document's objects (pdf.js names them g_…).
  const objects = objId.startsWith('g_') ? page.commonObjs : page.objs;
  const image = await new Promise<DecodedImage | null>((resolve) => objects.get(objId, resolve as (data: unknown) => void));
  if (!image || !image.data || !Number.isInteger(image.width) || !Number.isInteger(image.height) || !(image.width! > 0 && image.height! > 0)) return undefined;
  return image as DecodedImage & { width: number; height: number };
}

/** pdf.js's pixel layouts → gray; undefined for a layout or length this does not know. */
function toPixels({ width, height, kind, data }: DecodedImage & { width: number; height: number }): Gray | undefined {
  if (!data) return undefined;
  if (kind === ImageKind.GRAYSCALE_1BPP && data.length >= ((width + 7) >> 3) * height) return fromBits(data, width, height);
  if (kind === ImageKind.RGB_24BPP && data.length >= width * height * 3) return toGray(data, width, height, 3);
  if (kind === ImageKind.RGBA_32BPP && data.length >= width * height * 4) return toGray(data, width, height, 4);
  return undefined;
}

/**
 * Opening a PDF with pdf.js (legacy build, for Node). The cMaps, standard
 * fonts and wasm decoders ship with pdfjs-dist and are read from disk: never
 * the network. Without cMaps the text of non-embedded CJK fonts vanishes
 * silently; without the wasm decoders JPEG 2000 scans render blank
 * (stack.md §3).
 */
import { createCanvas } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { limits } from '../../src/settings.js';
import { disarmOversizedImages, oversizedImages } from './images.js';

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * pdf.js probes how large an image it may decode by drawing on an
 * OffscreenCanvas; Node has none, so every image wider or taller than
 * 2048 px is decoded at half size or less — a 300 dpi A4 scan (2481 × 3508)
 * comes out at 150 dpi, too coarse for small digits. A canvas from
 * @napi-rs/canvas (which pdf.js itself uses in Node) answers the probe.
 * The rest of pdf.js stays on its Node path (isOffscreenCanvasSupported: false).
 */
const scope = globalThis as { OffscreenCanvas?: unknown };
scope.OffscreenCanvas ??= class {
  constructor(width: number, height: number) {
    return createCanvas(width, height);
  }
};

/**
 * Opens the PDF with its images over the pixel budget made undecodable first (images.ts);
 * `oversized` when the caller has found them already (one scan of the bytes, not two).
 */
export function openPdf(bytes: Uint8Array, oversized = oversizedImages(bytes)): PDFDocumentLoadingTask {
  return getDocument({
    // pdf.js takes ownership of the buffer it is given: a copy, disarmed in place.
    data: disarmOversizedImages(new Uint8Array(bytes), oversized),
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
    wasmUrl: join(pdfjsDir, 'wasm') + '/',
    // Errors only: warnings about odd fonts are not the user's business.
    verbosity: 0,
    // pdf.js reads each image's Width and Height from its dictionary and drops one over the budget before decoding it.
    maxImageSize: limits.maxImagePixels,
  });
}

/** A readable reason for pdf.js's exceptions. */
export function loadFailure(error: unknown): string {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'The PDF is encrypted with a password';
  if (name === 'InvalidPDFException') return `Not a valid PDF (damaged or truncated): ${message}`;
  return `The PDF could not be opened: ${message}`;
}

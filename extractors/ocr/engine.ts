/**
 * The OCR engine behind one small interface, so engines can be compared on
 * the same scans and swapped without touching the reader. An engine reads
 * image crops (one table cell or one line each) and answers, per crop, the
 * text with a confidence for every character it read.
 */

import type { Gray } from './image.js';

/** A grayscale image with its resolution (engines guess badly without it); each engine encodes it as it reads best. */
export interface Crop {
  image: Gray;
  dpi: number;
  /** What the crop holds, so the engine can restrict its alphabet: a number cell or free text. */
  kind: 'number' | 'text';
}

export interface Recognized {
  text: string;
  /** 0..1 per character of `text` (spaces included), as the engine reports it. */
  charConfidence: number[];
}

/** A word found on a whole page, with its box in the image's pixels. */
export interface PageWord {
  text: string;
  box: [number, number, number, number];
  confidence: number;
  /** Words the engine found on one line share this number. */
  line?: number;
}

const cjk = /[\u3000-\u9fff\uff00-\uffef]/;

/** What joins two words an engine read on one line: nothing where either side is CJK (engines split CJK runs at will), else a space. */
export function wordSeparator(before: string, after: string): string {
  return cjk.test(before.slice(-1)) || cjk.test(after[0] ?? '') ? '' : ' ';
}

export interface OcrEngine {
  readonly name: string;
  /** Null when the engine can run here; otherwise what the user must do to enable it. */
  unavailable(): Promise<string | null>;
  /** Reads the crops; the result has one entry per crop, in order. */
  recognize(crops: Crop[]): Promise<Recognized[]>;
  /** Reads running text on whole pages (tables masked out), word by word with boxes; one list per page, in order. */
  readPages(pages: Crop[]): Promise<PageWord[][]>;
  close(): Promise<void>;
}

/**
 * The engine failed for a reason that is not the file's: its process was
 * killed by a signal (Ctrl-C, a service stop, the OOM killer), could not
 * start, or ran out of time. No reading of the page came out, so there is no
 * report to make: the conversion is to be tried again, and the file never
 * blamed (pages of a damaged file are a PAGE_UNREADABLE problem; this is not).
 * Readers let it through; the pipeline throws it instead of making a report.
 */
export class EngineFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineFailure';
  }
}

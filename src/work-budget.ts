/**
 * How long a file may take is earned as it goes: a little to open it, more
 * for each page, most for each page read by OCR. The readers say what they
 * start (`grantTime`); in a worker process the pool hears it and sets the
 * file's deadline that far from now (batch/pool.ts), so a small file that
 * hangs is given up in seconds, while a 300-page scan that keeps turning
 * pages is not cut off. Outside a worker nothing listens.
 */
import { limits } from './settings.js';

let sink: ((ms: number) => void) | undefined;

/** Called by the worker side of the pool (batch/serve.ts) with where grants go. */
export function onTimeGranted(listener: ((ms: number) => void) | undefined): void {
  sink = listener;
}

/** The work from now on may take `ms` more (it replaces the deadline; the file's overall limit still holds). */
export function grantTime(ms: number): void {
  sink?.(ms);
}

/** What each kind of work is granted; a hang inside it is given up after that long. */
export const timeBudget = {
  /** Reading and sniffing a file, before any reader starts: what the pool allows a job at first. */
  start: 60_000,
  /** A reader of a whole file (HTML, text, Word). */
  file: { html: 60_000, txt: 30_000, doc: 60_000, docx: 120_000, image: 180_000, pdf: 60_000 } as Record<string, number>,
  /** One PDF page from its text layer (a page of a million drawing operators is no report page). */
  textPage: 30_000,
  /** One page read by OCR: about 4 s on one core here, 30× that is a hang. */
  ocrPage: 120_000,
} as const;

/** Grants a reader its time for a whole file of `format`. */
export function grantFile(format: string): void {
  grantTime(timeBudget.file[format] ?? limits.fileTimeoutMs);
}

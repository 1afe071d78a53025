/**
 * Whether OCR can run on this machine: tests that need tesseract (with its
 * chi_sim and eng data) are skipped where it is missing, with the reason on
 * the console, instead of failing for a reason that is not theirs.
 */
import { TesseractEngine } from '../../extractors/ocr/tesseract.js';

/** What is missing for OCR here, or null when it runs. */
export const ocrMissing: string | null = await new TesseractEngine().unavailable();

if (ocrMissing !== null) console.warn(`govreport tests: OCR tests skipped: ${ocrMissing}`);

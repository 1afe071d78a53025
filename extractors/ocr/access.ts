/**
 * The OCR engine a reader uses, found once per worker: the default engine if
 * it can run here, or the reason it cannot (which NO_TEXT_LAYER then tells
 * the user). GOVREPORT_OCR=off turns OCR off. GOVREPORT_OCR_ENGINE picks the
 * engine: tesseract (default) or paddle (PaddleOCR, installed outside the
 * project; see paddle.ts).
 */
import type { OcrEngine } from './engine.js';
import { PaddleEngine } from './paddle.js';
import { TesseractEngine } from './tesseract.js';

export interface OcrAccess {
  readonly name: string;
  /** The engine, or undefined when OCR cannot run here. */
  engine(): Promise<OcrEngine | undefined>;
  unavailable(): Promise<string | null>;
}

export function ocrAccess(make: () => OcrEngine): OcrAccess {
  let engine: OcrEngine | undefined;
  let reason: Promise<string | null> | undefined;
  const check = () => {
    if (process.env['GOVREPORT_OCR'] === 'off') return Promise.resolve('OCR is turned off (GOVREPORT_OCR=off)');
    engine ??= make();
    if (!reason) {
      const asked = engine.unavailable();
      // An engine that failed to answer (EngineFailure) is asked again by the next file, not taken as absent for good.
      asked.catch(() => {
        if (reason === asked) reason = undefined;
      });
      reason = asked;
    }
    return reason;
  };
  return {
    get name() {
      return engine?.name ?? 'none';
    },
    async engine() {
      return (await check()) === null ? engine : undefined;
    },
    unavailable: check,
  };
}

/** The engine GOVREPORT_OCR_ENGINE names (read when OCR is first needed); an unknown name is reported as unavailable. */
export function engineFromEnv(name = process.env['GOVREPORT_OCR_ENGINE']?.trim().toLowerCase() || 'tesseract'): OcrEngine {
  if (name === 'tesseract') return new TesseractEngine();
  if (name === 'paddle') return new PaddleEngine();
  return {
    name,
    unavailable: async () => `unknown OCR engine GOVREPORT_OCR_ENGINE=${name}; use tesseract or paddle`,
    recognize: async () => [],
    readPages: async () => [],
    close: async () => {},
  };
}

export const defaultOcr: OcrAccess = ocrAccess(() => engineFromEnv());

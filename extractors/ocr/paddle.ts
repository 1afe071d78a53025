/**
 * PaddleOCR (PP-OCRv4 detection + recognition, ONNX) through
 * @gutenye/ocr-node, as an OcrEngine. It is NOT a dependency of this
 * project: onnxruntime-node alone is about 290 MB and its postinstall tries
 * to download CUDA binaries. It is loaded at run time from the path in
 * GOVREPORT_PADDLE_MODULE (the package's build/index.js, installed in a
 * folder of its own) and chosen with GOVREPORT_OCR_ENGINE=paddle.
 *
 * The package reads whole lines: detection finds text boxes, recognition
 * reads each, and boxes on one midline are joined into one line with one
 * score (the mean of its characters' best-class probabilities). So every
 * character of a line gets the line's score as its confidence.
 *
 * Cell crops go to the package as they are. Padding them first (white, to
 * sides that are multiples of 32) made lone digits vanish: the package then
 * read a lone "0" as "o" below its fixed 0.5 line threshold, or not at all
 * (scan-200-rot: 137/200 cells padded, 200/200 as they are). Only whole
 * pages are padded, so that their line boxes are in the page's pixels.
 *
 * The model instance (about 4 GB of RSS on a full page at 300 dpi) is
 * created on first use and reused for the life of the process.
 */
import { pathToFileURL } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Crop, OcrEngine, PageWord, Recognized } from './engine.js';
import { toPng } from './image.js';
import { append, maxOf, minOf } from '../../src/arrays.js';

/** The part of @gutenye/ocr-node's API used here. */
type Point = [number, number];
interface PaddleLine {
  text: string;
  /** Mean character probability, 0..1; the package drops lines below 0.5. */
  mean: number;
  /** Corners top-left, top-right, bottom-right, bottom-left, in the pixels of the image given. */
  box?: [Point, Point, Point, Point];
}
interface PaddleOcr {
  /** Typed as a path; the image goes to sharp(), which takes PNG bytes as well. */
  detect(image: string | Buffer): Promise<PaddleLine[]>;
}
interface PaddleModule {
  default: { create(options?: Record<string, unknown>): Promise<PaddleOcr> };
}

const installHint =
  'the paddle OCR engine needs @gutenye/ocr-node, installed outside this project: ' +
  'mkdir -p /opt/paddle && cd /opt/paddle && npm init -y && ONNXRUNTIME_NODE_INSTALL=skip npm install @gutenye/ocr-node@1.4.8, ' +
  'then set GOVREPORT_PADDLE_MODULE=/opt/paddle/node_modules/@gutenye/ocr-node/build/index.js';

/**
 * Characters a number cell can hold (the tesseract engine's alphabet). The
 * recognizer has no alphabet restriction, so for 'number' crops every other
 * character it reads is dropped (after NFKC, which turns full-width digits
 * and ，．－ into their ASCII forms).
 */
const numberChar = /[0-9,.+\-/]/;
/**
 * A number crop in which the detector found more than one line holds no
 * single number (typically two rows in one cell, when a rule between them
 * was not found); its digits joined would read as one larger number, so
 * they are kept but doubted.
 */
const severalLinesConfidence = 0.4;

/** Detection wants sides that are multiples of this; other sizes are letterboxed in black and rescaled. */
const detectionBase = 32;
/** White border added around every image, so text at an edge is not cut off by the detector. */
const border = 16;

let shared: Promise<PaddleOcr> | undefined;

export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle';

  constructor(private readonly modulePath = process.env['GOVREPORT_PADDLE_MODULE']) {}

  private load(): Promise<PaddleOcr> {
    if (!this.modulePath) return Promise.reject(new Error('GOVREPORT_PADDLE_MODULE is not set'));
    const path = this.modulePath;
    if (!shared) {
      const loading = (async () => {
        const mod = (await import(pathToFileURL(path).href)) as PaddleModule;
        return mod.default.create();
      })();
      // A failed load is not kept, so a later call can retry.
      loading.catch(() => {
        if (shared === loading) shared = undefined;
      });
      shared = loading;
    }
    return shared;
  }

  async unavailable(): Promise<string | null> {
    if (!this.modulePath) return `GOVREPORT_PADDLE_MODULE is not set; ${installHint}`;
    try {
      await this.load();
      return null;
    } catch (error) {
      return `cannot load ${this.modulePath} (${error instanceof Error ? error.message : String(error)}); ${installHint}`;
    }
  }

  async recognize(crops: Crop[]): Promise<Recognized[]> {
    const results: Recognized[] = [];
    // One at a time: onnxruntime already spreads each run over the cores.
    for (const crop of crops) {
      const lines = await (await this.load()).detect(Buffer.from(toPng(crop.image)));
      let text = '';
      const charConfidence: number[] = [];
      lines.forEach((line, i) => {
        if (i > 0) {
          text += '\n';
          charConfidence.push(1);
        }
        text += line.text;
        append(charConfidence, Array.from(line.text, () => Math.max(0, Math.min(1, line.mean))));
      });
      if (crop.kind === 'number') {
        // Keep only what a number cell can hold; the rest (letters, CJK, spaces, line breaks) is dropped with its confidence.
        const chars = Array.from(text);
        const kept = chars.map((c) => c.normalize('NFKC')).map((c, i) => ({ c, conf: charConfidence[i] ?? 0 })).filter((x) => x.c.length === 1 && numberChar.test(x.c));
        const cap = lines.length > 1 ? severalLinesConfidence : 1;
        results.push({ text: kept.map((x) => x.c).join(''), charConfidence: kept.map((x) => Math.min(cap, x.conf)) });
      } else {
        results.push({ text, charConfidence });
      }
    }
    return results;
  }

  async readPages(pages: Crop[]): Promise<PageWord[][]> {
    const out: PageWord[][] = [];
    for (const page of pages) out.push(await this.readPage(page));
    return out;
  }

  private async readPage(page: Crop): Promise<PageWord[]> {
    return (await this.pageLines(page))
      .filter((line) => line.text.trim() !== '' && line.box)
      .map((line) => {
        const xs = line.box!.map((p) => p[0]);
        const ys = line.box!.map((p) => p[1]);
        return { text: line.text.trim(), box: [minOf(xs), minOf(ys), maxOf(xs), maxOf(ys)], confidence: line.mean };
      });
  }

  /** Detection + recognition of a whole page; boxes in the page image's pixels. */
  private async pageLines(crop: Crop): Promise<PaddleLine[]> {
    const ocr = await this.load();
    const padded = await padForDetection(toPng(crop.image));
    const lines = await ocr.detect(padded);
    return lines.map((line) => ({
      text: line.text,
      mean: Math.max(0, Math.min(1, line.mean)),
      box: line.box?.map(([x, y]) => [x - border, y - border]) as PaddleLine['box'],
    }));
  }

  async close(): Promise<void> {
    // The instance is shared for the life of the process; onnxruntime frees it at exit.
  }
}

/**
 * The image on white, with a `border` on the top and left and sides rounded
 * up to a multiple of `detectionBase`: the package then neither rescales it
 * nor pads it with black, so its boxes are in the image's pixels (offset by
 * `border`).
 */
async function padForDetection(png: Uint8Array): Promise<Buffer> {
  const image = await loadImage(Buffer.from(png));
  const round = (n: number) => Math.ceil((n + 2 * border) / detectionBase) * detectionBase;
  const canvas = createCanvas(round(image.width), round(image.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, border, border);
  return canvas.toBuffer('image/png');
}

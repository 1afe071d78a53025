/**
 * One scanned page → text runs and ruling lines in page space, the same
 * material a born-digital page gives, so the PDF reader's table and
 * paragraph steps (and the mapper and checks after them) run unchanged.
 * Steps: render at `dpi`, wash out seal red, threshold, deskew, find the
 * rules in the image, cut the table cells along them and read each cell
 * (number cells also with the number alphabet, by the engine's own repeated
 * reads, and the free-text read must agree), then read the rest of the page
 * with the tables masked out.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist';
import type { Box, Matrix } from '../pdf/geometry.js';
import { union } from '../pdf/geometry.js';
import { findTables } from '../pdf/lattice.js';
import type { Edge } from '../pdf/rules.js';
import { pdfSettings } from '../pdf/settings.js';
import type { TextRun } from '../pdf/text.js';
import type { Crop, OcrEngine } from './engine.js';
import type { Gray } from './image.js';
import { cropPng, estimateSkew, inkBounds, inkCount, inkThreshold, rotate, toGray, whiteOut } from './image.js';
import { imageEdges } from './rules.js';
import { ocrSettings } from './settings.js';

/**
 * Runs and rules are in the page space of the straightened page, where the
 * rules are axis-parallel as the lattice steps need; `straightToPage` maps
 * that space back onto the page as printed (for provenance boxes).
 */
export interface OcrPage {
  runs: TextRun[];
  edges: Edge[];
  straightToPage: Matrix;
  /** Degrees the page was turned to straighten it. */
  skew: number;
}

/**
 * Which cells are read again as numbers: short, with a digit and no CJK
 * character (a digit misread as a letter, D7 for 57, still qualifies), up
 * to three characters without CJK (a lone digit read as i, a dash), or a
 * single character of any kind.
 */
const numberLike = (text: string) => {
  const t = text.replace(/\s+/g, '');
  // 十 is the plus sign of a signed change (+3) read as a character.
  const cjk = /[\u3400-\u5340\u5342-\u9fff]/;
  // A lone character (a digit under a seal read as 和) is read as a number too; the reads then disagree and say so.
  return (t.length <= 12 && /\d/.test(t) && !cjk.test(t)) || (t.length <= 3 && !cjk.test(t)) || t.length === 1;
};
const asDigits = (t: string) => t.replace(/\s+/g, '').replace(/[Oo]/g, '0').replace(/[IlL|]/g, '1').replace(/[Ss]/g, '5').replace(/B/g, '8').replace(/[，]/g, ',').replace(/[。]/g, '.').replace(/—/g, '-').replace(/十/g, '+');

const { maxConfidence, disagreementConfidence } = ocrSettings;

/** A cell's text is one run; its "font size" for line grouping is its height, up to body size (multi-line cells are taller). */
const maxCellRunSize = 14;

export async function renderPage(page: PDFPageProxy, dpi: number): Promise<Gray> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  await page.render({ canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
  return toGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

export async function ocrImage(image: Gray, pageNumber: number, engine: OcrEngine, dpi: number): Promise<OcrPage> {
  const threshold = inkThreshold(image);
  const skew = estimateSkew(image, threshold);
  const straight = rotate(image, -skew);
  const scale = 72 / dpi;
  const toPoints = (b: Box): Box => b.map((v) => v * scale) as Box;
  // Straightened → printed page: the rotation by `skew` about the page centre (in points).
  const rad = (skew * Math.PI) / 180;
  const [cos, sin, cx, cy] = [Math.cos(rad), Math.sin(rad), (image.width / 2) * scale, (image.height / 2) * scale];
  const straightToPage: Matrix = [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy];

  // Rules and cells are found in the straightened image, in points so the PDF tolerances apply.
  const edges = imageEdges(straight, Math.max(threshold, ocrSettings.ruleInkLevel)).map((e) => ({ ...e, pos: e.pos * scale, start: e.start * scale, end: e.end * scale }));
  const tables = findTables(edges, pdfSettings);
  const cells = tables.flat().map((c) => {
    const px: Box = c.box.map((v) => v / scale) as Box;
    const inset = ocrSettings.cellInset;
    return [px[0] + inset, px[1] + inset, px[2] - inset, px[3] - inset] as Box;
  });
  const inked = cells.filter((box) => box[2] > box[0] && box[3] > box[1] && inkCount(straight, box, threshold) >= ocrSettings.minCellInk * (dpi / 300) ** 2);
  const bounds = inked.map((box) => inkBounds(straight, box, threshold) ?? box);

  const crop = (box: Box, kind: Crop['kind']): Crop => {
    if (kind === 'text') return { png: cropPng(straight, box), dpi, kind };
    // Number cells hold one line of digits: scale it to the height tesseract reads best.
    const scale = Math.min(3, Math.max(0.5, ocrSettings.digitHeight / Math.max(1, box[3] - box[1])));
    return { png: cropPng(straight, box, 20, scale), dpi: Math.round(dpi * scale), kind };
  };
  const textReads = await engine.recognize(bounds.map((b) => crop(b, 'text')));
  // A cell with ink that the text pass found nothing in is most often a lone digit: read it as a number too.
  const numberIndices = textReads.map((r, i) => (numberLike(r.text) || r.text.trim() === '' ? i : -1)).filter((i) => i >= 0);
  const numberReads = await engine.recognize(numberIndices.map((i) => crop(bounds[i]!, 'number')));

  const dump = process.env['GOVREPORT_OCR_DUMP'];
  if (dump) {
    // Debugging aid: the crops of cells that came out empty, with what each pass read.
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(dump, { recursive: true });
    bounds.forEach((box, i) => {
      const n = numberIndices.indexOf(i);
      if (n >= 0 && numberReads[n]!.text.trim() === '') writeFileSync(`${dump}/p${pageNumber}-cell${i}.png`, crop(box, 'number').png);
    });
  }
  const runs: TextRun[] = [];
  bounds.forEach((box, i) => {
    const read = textReads[i]!;
    let text = read.text;
    let confidence = Math.min(maxConfidence, ...read.charConfidence.filter((_, k) => !/\s/.test(text[k] ?? '')));
    const n = numberIndices.indexOf(i);
    if (n >= 0) {
      const number = numberReads[n]!.text.replace(/\s+/g, '');
      // The free-text read is one more read: where it saw something, it must agree. Where the number
      // reads found nothing, what the free-text read saw stays, in doubt: a cell with ink is never made blank.
      const agree = read.text.trim() === '' ? true : number === asDigits(read.text);
      text = number || read.text;
      confidence = Math.min(maxConfidence, ...(number ? numberReads[n]!.charConfidence : []), agree ? 1 : disagreementConfidence);
    }
    if (text.trim() === '') return;
    const pageBox = toPoints(box);
    runs.push({ text, box: pageBox, size: Math.min(pageBox[3] - pageBox[1], maxCellRunSize), page: pageNumber, horizontal: true, confidence: Number.isFinite(confidence) ? confidence : 0 });
  });

  // Running text: the page with its tables painted out, read word by word.
  const tableBoxes = tables.map((t) => t.map((c) => c.box).reduce(union));
  const masked = whiteOut(straight, tableBoxes.map((b) => b.map((v) => v / scale) as Box));
  for (const word of await engine.readPage({ png: cropPng(masked, [0, 0, masked.width, masked.height], 0), dpi, kind: 'text' })) {
    const pageBox = toPoints(word.box);
    runs.push({ text: word.text, box: pageBox, size: pageBox[3] - pageBox[1], page: pageNumber, horizontal: true, confidence: Math.min(maxConfidence, word.confidence) });
  }
  return { runs, edges, straightToPage, skew };
}

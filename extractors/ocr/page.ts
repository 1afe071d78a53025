/**
 * One scanned page → text runs and ruling lines in page space, the same
 * material a born-digital page gives, so the PDF reader's table and
 * paragraph steps (and the mapper and checks after them) run unchanged.
 * Steps: draw the page at its scan's own resolution, measure its
 * characters and bring them to `glyphHeight` (scale.ts), wash out seal red,
 * threshold, deskew, find the rules in the image, cut the table cells along
 * them and read each cell (cells.ts), then read the bands of the page with
 * ink outside the tables.
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import type { Box, Matrix } from '../pdf/geometry.js';
import { multiply, union } from '../pdf/geometry.js';
import { findTables } from '../pdf/lattice.js';
import { drawPage } from '../pdf/render.js';
import type { Edge, PageScan } from '../pdf/rules.js';
import { pdfSettings } from '../pdf/settings.js';
import type { TextRun } from '../pdf/text.js';
import { readCells } from './cells.js';
import type { OcrEngine, PageWord } from './engine.js';
import { wordSeparator } from './engine.js';
import type { Gray } from './image.js';
import { cellInk, estimateSkew, inkLines, inkThreshold, resize, rotate, smooth, toGray, whiteOut } from './image.js';
import { flattenBackground } from './background.js';
import { clearMargins } from './margins.js';
import type { TextSample, Turn } from './orient.js';
import { doubtfulOrientation, isSideways, orientSettings, probeCrops, readsBetterTurned, turnedToImage, turnImage } from './orient.js';
import { imageEdges } from './rules.js';
import type { DecodedPage } from './page-image.js';
import { decodedPage } from './page-image.js';
import { glyphHeight } from './scale.js';
import { ocrSettings, px } from './settings.js';
import { append } from '../../src/arrays.js';

/**
 * A page to read by OCR, whatever it came from (a PDF page, an image file):
 * it can be drawn at any scale, in pixels per page unit (PDF points, or the
 * image file's own pixels).
 */
export interface PageSource {
  render(scale: number): Promise<Gray>;
  /** The page's own pixels without drawing (a PDF page that is one scan), or undefined where it must be drawn. */
  decoded?(): Promise<DecodedPage | undefined>;
  /** Page size in page units. */
  width: number;
  height: number;
  /** The scale at which the page's scan shows at its own resolution, where known. */
  nativeScale?: number;
}

/**
 * Runs and rules are in a nominal page space: points of the straightened
 * page at the scale where its characters are `ocrSettings.glyphHeight`
 * pixels high at `ocrSettings.dpi`, so the text has the size the PDF
 * reader's tolerances expect whatever the source's size. `toPage` maps that
 * space onto the page as printed, in its own units (for provenance boxes).
 */
export interface OcrPage {
  runs: TextRun[];
  edges: Edge[];
  toPage: Matrix;
  /** Height of the page in nominal space. */
  height: number;
  /** Degrees the page was turned to straighten it. */
  skew: number;
  /** Character height measured in the source's own pixels (at `nativeScale`), when the page has text. */
  glyphHeight?: number;
}

const { maxConfidence, dpi } = ocrSettings;

/** A cell's text is one run; its "font size" for line grouping is its height, up to body size (multi-line cells are taller). */
const maxCellRunSize = 14;

/** A PDF page as a PageSource, in page-space points; `scan` where the page is one image (pdf/rules.ts). */
export function pdfPageSource(page: PDFPageProxy, nativeScale: number | undefined, scan?: PageScan): PageSource {
  const { width, height } = page.getViewport({ scale: 1 });
  return {
    width,
    height,
    ...(nativeScale !== undefined ? { nativeScale } : {}),
    ...(scan ? { decoded: () => decodedPage(page, scan, width, height) } : {}),
    async render(scale: number): Promise<Gray> {
      const { canvas } = await drawPage(page, scale);
      return toGray(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
    },
  };
}

/**
 * The page at the scale its characters ask for: its scan's own pixels where
 * the page is one image (no drawing), else drawn at the scan's own
 * resolution (or `fallbackDpi` for a page without an image); there the
 * character height is measured, and, unless that is already close, the
 * image is resampled so that characters are `glyphHeight` pixels high.
 * `toPage` maps its pixels onto the page, in page units.
 */
export async function normalizedImage(source: PageSource): Promise<{ image: Gray; toPage: Matrix; glyphHeight?: number }> {
  const native = Math.min(source.nativeScale ?? ocrSettings.fallbackDpi / 72, ocrSettings.maxSide / Math.max(source.width, source.height));
  const decoded = await source.decoded?.();
  const direct = decoded && Math.max(decoded.image.width, decoded.image.height) <= ocrSettings.maxSide ? decoded : undefined;
  const { image: given, toPage } = direct
    ? // A bilevel scan is smoothed as drawing it would: hard 0/255 edges resampled read far worse.
      { image: direct.bilevel ? smooth(direct.image) : direct.image, toPage: direct.toPage }
    : { image: await source.render(native), toPage: [1 / native, 0, 0, 1 / native, 0, 0] as Matrix };
  // The copier's border and holes, and uneven paper, would be measured as ink.
  const first = flattenBackground(clearMargins(given, inkThreshold(given)));
  const measured = glyphHeight(first, inkThreshold(first));
  if (measured === undefined) return { image: first, toPage };
  const bounded = Math.min(ocrSettings.maxUpscale, Math.max(1 / ocrSettings.maxUpscale, ocrSettings.glyphHeight / measured));
  const factor = Math.min(bounded, ocrSettings.maxSide / Math.max(first.width, first.height));
  if (Math.abs(factor - 1) < ocrSettings.rescaleTolerance) return { image: first, toPage, glyphHeight: measured };
  const image = resize(first, factor);
  // The scale actually reached (sides are whole pixels).
  return { image, toPage: multiply(toPage, [first.width / image.width, 0, 0, first.height / image.height, 0, 0]), glyphHeight: measured };
}

export async function ocrPage(source: PageSource, pageNumber: number, engine: OcrEngine): Promise<OcrPage> {
  const { image, toPage: imageToPage, glyphHeight: measured } = await normalizedImage(source);
  const read = await ocrImage(image, pageNumber, engine);
  // Nominal points → pixels of the page image → page units.
  const toPage = multiply(imageToPage, multiply(read.straightToImage, [dpi / 72, 0, 0, dpi / 72, 0, 0]));
  return {
    runs: read.runs,
    edges: read.edges,
    toPage,
    height: (read.height * 72) / dpi,
    skew: read.skew,
    ...(measured !== undefined ? { glyphHeight: measured } : {}),
  };
}

/** What one page image gives: runs and rules in nominal points; `straightToImage` maps the straightened pixels back onto the image. */
export interface ImageRead {
  runs: TextRun[];
  edges: Edge[];
  straightToImage: Matrix;
  skew: number;
  height: number;
}

/**
 * Runs and rules of a page image at the reader's scale. A sheet fed sideways
 * is turned a quarter before reading; a page whose text then reads as marks
 * the engine doubts is asked which way up it is, and read again turned 180°
 * when its text reads better so. Boxes are mapped back onto the image as given.
 */
export async function ocrImage(given: Gray, pageNumber: number, engine: OcrEngine): Promise<ImageRead> {
  const threshold = inkThreshold(given);
  const quarter: Turn = isSideways(given, threshold) ? 1 : 0;
  const first = await readTurned(given, quarter, threshold, pageNumber, engine);
  if (!doubtfulOrientation(first.samples) || !(await readsBetterTurned(first.probes(), engine))) return first.read;
  return (await readTurned(given, quarter === 0 ? 2 : 3, threshold, pageNumber, engine)).read;
}

/** The page read with its pixels turned by `turn`, and what was read of its text, to ask which way up it is. */
async function readTurned(given: Gray, turn: Turn, threshold: number, pageNumber: number, engine: OcrEngine): Promise<{ read: ImageRead; samples: TextSample[]; probes: () => Gray[] }> {
  const image = turnImage(given, turn);
  const skew = estimateSkew(image, threshold);
  const straight = rotate(image, -skew);
  const scale = 72 / dpi;
  const toPoints = (b: Box): Box => b.map((v) => v * scale) as Box;
  // Straightened → printed image: the rotation by `skew` about the image centre (in pixels).
  const rad = (skew * Math.PI) / 180;
  const [cos, sin, cx, cy] = [Math.cos(rad), Math.sin(rad), image.width / 2, image.height / 2];
  const straightToImage: Matrix = multiply(turnedToImage(given, turn), [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy]);

  // Rules and cells are found in the straightened image, in points so the PDF tolerances apply.
  const edges = imageEdges(straight, Math.max(threshold, ocrSettings.ruleInkLevel), threshold).map((e) => ({ ...e, pos: e.pos * scale, start: e.start * scale, end: e.end * scale }));
  // Strokes of large characters (a bold title) that pass for rules make "tables" of cells smaller than a
  // line of text, and without a rule across the whole table.
  const minCell = (ocrSettings.minCellHeightShare * ocrSettings.glyphHeight * 72) / dpi;
  const tables = findTables(edges, pdfSettings).filter((t) => median(t.map((c) => c.box[3] - c.box[1])) >= minCell && framed(t.map((c) => c.box).reduce(union), edges));
  const inset = px(ocrSettings.cellInsetShare);
  const minInk = Math.round(ocrSettings.minCellInkShare * ocrSettings.glyphHeight ** 2);
  const cells: Box[] = [];
  const inks: Box[] = [];
  const remnants: Box[] = [];
  for (const c of tables.flat()) {
    const [x0, y0, x1, y1] = c.box.map((v) => v / scale) as Box;
    const inner: Box = [x0 + inset, y0 + inset, x1 - inset, y1 - inset];
    if (inner[2] <= inner[0] || inner[3] <= inner[1]) continue;
    const ink = cellInk(straight, inner, threshold, px(ocrSettings.maxRuleThicknessShare), Math.round(ocrSettings.speckShare * ocrSettings.glyphHeight ** 2));
    append(remnants, ink.removed);
    if (!ink.bounds || ink.pixels < minInk) continue;
    cells.push(inner);
    inks.push(ink.bounds);
  }
  // Cells are read without what is left of their rules and without specks. The straightened image is this
  // function's own (a copy when nothing was turned), and is masked in place from here on.
  const clean = whiteOut(straight, remnants, straight !== image);
  const runs: TextRun[] = [];
  const cellReads = await readCells(clean, cells, inks, threshold, engine);
  // Cut before the tables are masked out below; cheap, and only read when the page's orientation is in doubt.
  const cellSamples: TextSample[] = cellReads.map((r) => ({ text: r.text, confidence: Number.isFinite(r.confidence) ? r.confidence : 0, box: r.box }));
  const cellProbes = probeCrops(clean, cellSamples);
  for (const read of cellReads) {
    const pageBox = toPoints(read.box);
    runs.push({
      // Ink no read could make out stays in the cell as nothing read, in doubt: never a confident blank.
      text: read.text.trim() === '' ? '' : read.text,
      box: pageBox,
      size: Math.min(pageBox[3] - pageBox[1], maxCellRunSize),
      page: pageNumber,
      horizontal: true,
      confidence: read.text.trim() === '' ? 0 : Number.isFinite(read.confidence) ? read.confidence : 0,
      ...(read.alternatives ? { alternatives: read.alternatives } : {}),
    });
  }

  // Running text: the bands of the page with ink outside the tables, read word by word.
  const tableBoxes = tables.map((t) => t.map((c) => c.box).reduce(union));
  // The remnants whited out above lie inside the tables: masking `clean` is masking `straight`.
  const masked = whiteOut(clean, tableBoxes.map((b) => b.map((v) => v / scale) as Box), true);
  const words = joinLines(await readBands(masked, threshold, engine));
  for (const word of words) {
    const pageBox = toPoints(word.box);
    runs.push({ text: word.text, box: pageBox, size: pageBox[3] - pageBox[1], page: pageNumber, horizontal: true, confidence: Math.min(maxConfidence, word.confidence) });
  }
  // Only the rules of the tables kept: the page's reader finds the tables again from them.
  const kept = edges.filter((e) => tableBoxes.some((b) => (e.orientation === 'h' ? within(e.pos, b[1], b[3]) && within((e.start + e.end) / 2, b[0], b[2]) : within(e.pos, b[0], b[2]) && within((e.start + e.end) / 2, b[1], b[3]))));
  const samples = [...cellSamples, ...words];
  return {
    read: { runs, edges: kept, straightToImage, skew, height: image.height },
    samples,
    probes: () => [...cellProbes, ...probeCrops(masked, words)].slice(0, orientSettings.probeLines),
  };
}

/** A table has a rule along most of its width and one along most of its height (its borders, or the rules between its rows and columns). */
function framed(outer: Box, edges: Edge[]): boolean {
  const [x0, y0, x1, y1] = outer;
  const along = (e: Edge, from: number, to: number) => Math.min(e.end, to) - Math.max(e.start, from) >= 0.6 * (to - from);
  return (
    edges.some((e) => e.orientation === 'h' && e.pos >= y0 - 1 && e.pos <= y1 + 1 && along(e, x0, x1)) &&
    edges.some((e) => e.orientation === 'v' && e.pos >= x0 - 1 && e.pos <= x1 + 1 && along(e, y0, y1))
  );
}

/**
 * Words of one engine line → one run per stretch of the line: the engine's
 * boxes of single CJK characters overlap and jump (bold titles above all),
 * and a text layer gives whole lines too. A gap wider than `columnGapShare`
 * line heights starts a new run (columns of a table without rules).
 */
export function joinLines(words: PageWord[]): PageWord[] {
  const out: PageWord[] = [];
  let current: PageWord | undefined;
  let chars = 0;
  for (const word of [...words].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.box[0] - b.box[0])) {
    const height = word.box[3] - word.box[1];
    if (current && word.line !== undefined && word.line === current.line && word.box[0] - current.box[2] <= ocrSettings.columnGapShare * height) {
      const space = wordSeparator(current.text, word.text);
      current.confidence = (current.confidence * chars + word.confidence * word.text.length) / (chars + word.text.length);
      chars += word.text.length;
      current.text += space + word.text;
      current.box = [Math.min(current.box[0], word.box[0]), Math.min(current.box[1], word.box[1]), Math.max(current.box[2], word.box[2]), Math.max(current.box[3], word.box[3])];
      continue;
    }
    current = { ...word, box: [...word.box] };
    chars = word.text.length;
    out.push(current);
  }
  return out;
}

const within = (v: number, from: number, to: number) => v >= from - 1 && v <= to + 1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The words of a page outside its tables. Only the bands of rows that have
 * ink are read, stacked into one image: a page that is all table costs
 * nothing, and layout analysis does not scan blank paper.
 */
async function readBands(image: Gray, threshold: number, engine: OcrEngine): Promise<PageWord[]> {
  const lines = inkLines(image, [0, 0, image.width, image.height], threshold, px(ocrSettings.bandGapShare)).filter((l) => l.y1 - l.y0 >= px(ocrSettings.minBandHeightShare));
  if (lines.length === 0) return [];
  const margin = px(ocrSettings.bandMarginShare);
  const bands = lines.map((l) => ({ from: Math.max(0, l.y0 - margin), to: Math.min(image.height, l.y1 + margin) }));
  const height = bands.reduce((s, b) => s + b.to - b.from, 0);
  const data = new Uint8Array(image.width * height);
  const offsets: number[] = [];
  let top = 0;
  for (const band of bands) {
    offsets.push(top);
    data.set(image.data.subarray(band.from * image.width, band.to * image.width), top * image.width);
    top += band.to - band.from;
  }
  const [words = []] = await engine.readPages([{ image: { width: image.width, height, data }, dpi, kind: 'text' }]);
  return words.map((w) => {
    const centre = (w.box[1] + w.box[3]) / 2;
    let k = offsets.length - 1;
    while (k > 0 && offsets[k]! > centre) k--;
    const shift = bands[k]!.from - offsets[k]!;
    return { ...w, box: [w.box[0], w.box[1] + shift, w.box[2], w.box[3] + shift] };
  });
}

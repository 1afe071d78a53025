/**
 * Ruling lines from the page's operator list: stroked axis-parallel
 * segments, and thin filled rectangles (WPS and Word draw borders that way).
 * The current transformation matrix is tracked through save/restore,
 * transform and form XObjects; points come out in page space.
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Matrix } from './geometry.js';
import { apply, multiply } from './geometry.js';
import type { PdfSettings } from './settings.js';
import { maxOf, minOf } from '../../src/arrays.js';

/** A horizontal rule: y = pos, x from start to end; a vertical one: x = pos, y from start to end. */
export interface Edge {
  orientation: 'h' | 'v';
  pos: number;
  start: number;
  end: number;
  /** How the rule is known, when not drawn whole: pieced together from a broken one (a bilevel scan), or placed where the table's columns show one is missing (OCR). */
  drawn?: 'repaired' | 'inferred';
}

type Point = [number, number];

interface Subpath {
  points: Point[];
  closed: boolean;
  curved: boolean;
}

/** pdf.js 5 path opcodes inside constructPath's buffer. */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

function parsePath(buffer: ArrayLike<number>, toPage: (x: number, y: number) => Point): Subpath[] {
  const paths: Subpath[] = [];
  let current: Subpath | undefined;
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i]!;
    if (op === MOVE) {
      current = { points: [toPage(buffer[i + 1]!, buffer[i + 2]!)], closed: false, curved: false };
      paths.push(current);
      i += 3;
    } else if (op === LINE) {
      current?.points.push(toPage(buffer[i + 1]!, buffer[i + 2]!));
      i += 3;
    } else if (op === CURVE) {
      if (current) {
        current.curved = true;
        current.points.push(toPage(buffer[i + 5]!, buffer[i + 6]!));
      }
      i += 7;
    } else if (op === QUAD) {
      if (current) {
        current.curved = true;
        current.points.push(toPage(buffer[i + 3]!, buffer[i + 4]!));
      }
      i += 5;
    } else if (op === CLOSE) {
      if (current) current.closed = true;
      i += 1;
    } else {
      break; // an opcode this version does not know: stop rather than misread
    }
  }
  return paths;
}

const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

function segmentEdge(a: Point, b: Point, settings: PdfSettings): Edge | undefined {
  const dx = Math.abs(a[0] - b[0]);
  const dy = Math.abs(a[1] - b[1]);
  if (dy <= settings.axisTolerance && dx >= settings.minRuleLength) {
    return { orientation: 'h', pos: (a[1] + b[1]) / 2, start: Math.min(a[0], b[0]), end: Math.max(a[0], b[0]) };
  }
  if (dx <= settings.axisTolerance && dy >= settings.minRuleLength) {
    return { orientation: 'v', pos: (a[0] + b[0]) / 2, start: Math.min(a[1], b[1]), end: Math.max(a[1], b[1]) };
  }
  return undefined;
}

/** A filled subpath that is a thin axis-aligned rectangle is a rule along its long side. */
function thinRectangleEdge(path: Subpath, settings: PdfSettings): Edge | undefined {
  if (path.curved || path.points.length < 4 || path.points.length > 5) return undefined;
  const xs = path.points.map((p) => p[0]);
  const ys = path.points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
  const rectilinear = path.points.every((p) => [x0, x1].some((x) => Math.abs(p[0] - x) <= settings.axisTolerance) && [y0, y1].some((y) => Math.abs(p[1] - y) <= settings.axisTolerance));
  if (!rectilinear) return undefined;
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= settings.maxRuleThickness && w >= settings.minRuleLength) return { orientation: 'h', pos: (y0 + y1) / 2, start: x0, end: x1 };
  if (w <= settings.maxRuleThickness && h >= settings.minRuleLength) return { orientation: 'v', pos: (x0 + x1) / 2, start: y0, end: y1 };
  return undefined;
}

/** What the page draws besides text: its rules, and the resolution of its largest image. */
export interface PageGraphics {
  edges: Edge[];
  /**
   * Pixels per page-space point at which the largest image on the page (a
   * scan) is drawn at its own resolution; undefined when the page draws no
   * image. The OCR reader renders the page at this scale, so that it works
   * on the scan's own pixels whatever page box or density the file declares.
   */
  imageScale?: number;
  /** Painted subpaths that are not rules (glyphs drawn as outlines, pictures): a page without text, image or these is blank. */
  shapes: number;
  /**
   * The page's one image, where the page draws that image and nothing else
   * (no text, paths, other images, clips or transparency): a scan whose
   * decoded pixels are the page, with no drawing needed (ocr/page-image.ts).
   */
  scan?: PageScan;
}

/** An image XObject as pdf.js names it, and where it lands: `toPage` maps its unit square onto page space. */
export interface PageScan {
  objId: string;
  toPage: Matrix;
}

/** Operators that put marks on the page besides paintImageXObject (paths are told by their paint operator). */
const otherMarkOps = new Set<number>([
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.shadingFill,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  // What changes how the image itself shows: a clip, a transparency group, a soft mask or blend mode (setGState).
  OPS.clip,
  OPS.eoClip,
  OPS.beginGroup,
]);

/** Graphics-state entries that leave an image's pixels as decoded (line styles, fonts, rendering intent, full opacity). */
function plainState(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  return entries.every((entry) => {
    const [key, value] = entry as [string, unknown];
    if (key === 'ca' || key === 'CA') return value === 1;
    if (key === 'BM') return value === 'source-over';
    if (key === 'SMask') return value === false;
    if (key === 'TR') return value === null;
    return ['LW', 'LC', 'LJ', 'ML', 'D', 'RI', 'FL', 'Font', 'SA', 'OP', 'op', 'OPM'].includes(key);
  });
}

const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

export async function pageGraphics(page: PDFPageProxy, viewportTransform: Matrix, settings: PdfSettings): Promise<PageGraphics> {
  const list = await page.getOperatorList();
  const edges: Edge[] = [];
  let largest = { area: 0, scale: 0 };
  let shapes = 0;
  // The page's image XObjects and whether anything else marks the page (see PageGraphics.scan).
  const painted: PageScan[] = [];
  let otherMarks = 0;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let k = 0; k < list.fnArray.length; k++) {
    const fn = list.fnArray[k];
    const args = list.argsArray[k] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (otherMarkOps.has(fn!) || (fn === OPS.setGState && !plainState(args[0]))) otherMarks++;
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args[0] as Matrix | null;
      if (matrix) ctm = multiply(ctm, matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (imageOps.has(fn!)) {
      // An image fills the unit square of its CTM; its pixel size is in its arguments (or its data, inline).
      const image = args[0] as { width?: number; height?: number } | string | undefined;
      const width = typeof image === 'object' && image ? image.width : (args[1] as number | undefined);
      const height = typeof image === 'object' && image ? image.height : (args[2] as number | undefined);
      const m = multiply(viewportTransform, ctm);
      const area = Math.abs(m[0] * m[3] - m[1] * m[2]);
      if (width && height && area > largest.area) largest = { area, scale: Math.sqrt((width * height) / area) };
      if (fn === OPS.paintImageXObject && typeof image === 'string') painted.push({ objId: image, toPage: m });
    } else if (fn === OPS.constructPath) {
      const [paintOp, buffers] = args as [number, Array<ArrayLike<number> | null>];
      const stroke = strokeOps.has(paintOp);
      const fill = fillOps.has(paintOp);
      if (!stroke && !fill) continue; // clipping paths and invisible paths
      otherMarks++;
      const toPageSpace = multiply(viewportTransform, ctm);
      const toPage = (x: number, y: number): Point => apply(toPageSpace, x, y);
      for (const buffer of buffers ?? []) {
        if (!buffer) continue;
        for (const path of parsePath(buffer, toPage)) {
          if (fill) {
            const edge = thinRectangleEdge(path, settings);
            if (edge) {
              edges.push(edge);
              continue;
            }
          }
          shapes++;
          if (!stroke || path.curved) continue;
          const points = path.closed ? [...path.points, path.points[0]!] : path.points;
          for (let i = 1; i < points.length; i++) {
            const edge = segmentEdge(points[i - 1]!, points[i]!, settings);
            if (edge) edges.push(edge);
          }
        }
      }
    }
  }
  const scan = painted.length === 1 && otherMarks === 0 ? { scan: painted[0]! } : {};
  return largest.area > 0 ? { edges, imageScale: largest.scale, shapes, ...scan } : { edges, shapes };
}

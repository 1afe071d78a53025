/**
 * Ruling lines → table cells, as a chain of small steps (after pdfplumber's
 * table.py): snap parallel edges, join collinear ones, find intersections,
 * find the smallest rectangles whose four corners and sides exist, and group
 * rectangles that touch into tables. A merged cell is simply a rectangle
 * without inner rules, so spans come for free.
 */
import type { Box } from './geometry.js';
import { cluster, mean } from './geometry.js';
import type { Edge } from './rules.js';
import type { PdfSettings } from './settings.js';
import { append, maxOf, minOf } from '../../src/arrays.js';

/** Parallel edges within the snap tolerance get the same position. */
export function snapEdges(edges: Edge[], tolerance: number): Edge[] {
  const out: Edge[] = [];
  for (const orientation of ['h', 'v'] as const) {
    const group = edges.filter((e) => e.orientation === orientation);
    const snapped = new Map<number, number>();
    for (const c of cluster(group.map((e) => e.pos), tolerance)) {
      const m = mean(c);
      for (const v of c) snapped.set(v, m);
    }
    append(out, group.map((e) => ({ ...e, pos: snapped.get(e.pos)! })));
  }
  return out;
}

/** Collinear edges that overlap or nearly touch become one. */
export function joinEdges(edges: Edge[], tolerance: number): Edge[] {
  const byLine = new Map<string, Edge[]>();
  for (const e of edges) {
    const key = `${e.orientation}${e.pos}`;
    byLine.set(key, [...(byLine.get(key) ?? []), e]);
  }
  const out: Edge[] = [];
  for (const line of byLine.values()) {
    line.sort((a, b) => a.start - b.start);
    let current = { ...line[0]! };
    for (const e of line.slice(1)) {
      if (e.start <= current.end + tolerance) current.end = Math.max(current.end, e.end);
      else {
        out.push(current);
        current = { ...e };
      }
    }
    out.push(current);
  }
  return out;
}

export interface Intersection {
  x: number;
  y: number;
  /** Indices (into the edge list) of the horizontal and vertical edges through this point. */
  h: Set<number>;
  v: Set<number>;
}

export function intersections(edges: Edge[], tolerance: number): Map<string, Intersection> {
  const points = new Map<string, Intersection>();
  edges.forEach((v, vi) => {
    if (v.orientation !== 'v') return;
    edges.forEach((h, hi) => {
      if (h.orientation !== 'h') return;
      if (v.pos < h.start - tolerance || v.pos > h.end + tolerance) return;
      if (h.pos < v.start - tolerance || h.pos > v.end + tolerance) return;
      const key = `${v.pos},${h.pos}`;
      const point = points.get(key) ?? { x: v.pos, y: h.pos, h: new Set<number>(), v: new Set<number>() };
      point.h.add(hi);
      point.v.add(vi);
      points.set(key, point);
    });
  });
  return points;
}

const shares = (a: Set<number>, b: Set<number>) => [...a].some((x) => b.has(x));

/** For every intersection, the smallest rectangle it is the top-left corner of. */
export function rectangles(points: Map<string, Intersection>, minSize: number): Box[] {
  const all = [...points.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const at = (x: number, y: number) => points.get(`${x},${y}`);
  const boxes: Box[] = [];
  for (const p of all) {
    const below = all.filter((q) => q.x === p.x && q.y > p.y + minSize && shares(p.v, q.v));
    const right = all.filter((q) => q.y === p.y && q.x > p.x + minSize && shares(p.h, q.h));
    search: for (const b of below) {
      for (const r of right) {
        const corner = at(r.x, b.y);
        if (corner && shares(corner.h, b.h) && shares(corner.v, r.v)) {
          boxes.push([p.x, p.y, r.x, b.y]);
          break search;
        }
      }
    }
  }
  return boxes;
}

/** Rectangles that share a corner or a side belong to one table. */
export function groupTables(boxes: Box[], tolerance: number): Box[][] {
  const parent = boxes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const touches = (a: Box, b: Box) =>
    a[0] <= b[2] + tolerance && b[0] <= a[2] + tolerance && a[1] <= b[3] + tolerance && b[1] <= a[3] + tolerance;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (touches(boxes[i]!, boxes[j]!)) parent[find(i)] = find(j);
  }
  const groups = new Map<number, Box[]>();
  boxes.forEach((b, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), b]));
  return [...groups.values()];
}

/**
 * A table cut by a page break often has no rule where it is cut: its
 * vertical rules just stop. Where two or more rules end (or start) at the
 * same place and no crossing rule is drawn there, the missing one is added.
 * (Not for horizontal rules: their common left end would join tables stacked
 * on a page into one.)
 */
export function closeOpenEnds(edges: Edge[], settings: PdfSettings): Edge[] {
  const verticals = edges.filter((e) => e.orientation === 'v');
  const horizontals = edges.filter((e) => e.orientation === 'h');
  const added: Edge[] = [];
  for (const end of ['start', 'end'] as const) {
    for (const group of cluster(verticals.map((e) => e[end]), settings.snapTolerance)) {
      const at = mean(group);
      const members = verticals.filter((e) => Math.abs(e[end] - at) <= settings.snapTolerance);
      if (members.length < 2) continue;
      const from = minOf(members.map((e) => e.pos));
      const to = maxOf(members.map((e) => e.pos));
      const drawn = horizontals.some(
        (h) => Math.abs(h.pos - at) <= settings.snapTolerance && h.start <= from + settings.joinTolerance && h.end >= to - settings.joinTolerance,
      );
      if (!drawn) added.push({ orientation: 'h', pos: at, start: from, end: to });
    }
  }
  return [...edges, ...added];
}

/** A cell rectangle, and whether its top and bottom sides are really drawn (not added by closeOpenEnds). */
export interface CellRect {
  box: Box;
  openTop: boolean;
  openBottom: boolean;
  /** How its rules are known: drawn whole, or (OCR) pieced together from a broken scan, or put back where the table shows one is missing. */
  placed: 'ruled' | 'repaired' | 'inferred';
}

/** The weakest way one of the box's sides is known, from the rules as found (before snapping joins them). */
function placement(box: Box, edges: Edge[], settings: PdfSettings): CellRect['placed'] {
  const [x0, y0, x1, y1] = box;
  const along = (e: Edge, pos: number, from: number, to: number) =>
    Math.abs(e.pos - pos) <= settings.snapTolerance && Math.min(e.end, to) - Math.max(e.start, from) > 0.5 * (to - from);
  const sides = (e: Edge) => (e.orientation === 'v' ? along(e, x0, y0, y1) || along(e, x1, y0, y1) : along(e, y0, x0, x1) || along(e, y1, x0, x1));
  const marked = edges.filter((e) => e.drawn && sides(e));
  if (marked.some((e) => e.drawn === 'inferred')) return 'inferred';
  return marked.length > 0 ? 'repaired' : 'ruled';
}

/** The whole chain: ruling lines of one page → its tables, each a list of cell rectangles. */
export function findTables(edges: Edge[], settings: PdfSettings): CellRect[][] {
  const snap = (list: Edge[]) =>
    joinEdges(snapEdges(list, settings.snapTolerance), settings.joinTolerance).filter((e) => e.end - e.start >= settings.minRuleLength);
  const drawn = snap(edges);
  const boxes = rectangles(intersections(snap(closeOpenEnds(drawn, settings)), settings.intersectionTolerance), settings.minCellSize);
  const horizontals = drawn.filter((e) => e.orientation === 'h');
  const isDrawn = (y: number, x0: number, x1: number) =>
    horizontals.some(
      (h) => Math.abs(h.pos - y) <= settings.snapTolerance && h.start <= x0 + settings.joinTolerance && h.end >= x1 - settings.joinTolerance,
    );
  // A table has at least two cells; a lone rectangle is a frame or a text box.
  return groupTables(boxes, 0.5)
    .filter((t) => t.length >= 2)
    .map((t) => t.map((box) => ({ box, openTop: !isDrawn(box[1], box[0], box[2]), openBottom: !isDrawn(box[3], box[0], box[2]), placed: placement(box, edges, settings) })));
}

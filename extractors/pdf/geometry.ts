/**
 * Geometry shared by the PDF reader's steps. Everything is in "page space":
 * PDF points with the page shown upright (its /Rotate applied), x to the
 * right, y downwards, origin at the top-left; provenance boxes are turned
 * back into PDF user space at the very end.
 */
import { maxOf, minOf } from '../../src/arrays.js';

/** [x0, y0, x1, y1] with x0 ≤ x1, y0 ≤ y1. */
export type Box = [number, number, number, number];

/** A PDF transform [a, b, c, d, e, f]. */
export type Matrix = [number, number, number, number, number, number];

export function multiply(m: Matrix, n: Matrix): Matrix {
  // The result applies n first, then m (pdf.js Util.transform order).
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function invert(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

export function boundsOf(points: Array<[number, number]>): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [minOf(xs), minOf(ys), maxOf(xs), maxOf(ys)];
}

export function union(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export const centerX = (b: Box) => (b[0] + b[2]) / 2;
export const centerY = (b: Box) => (b[1] + b[3]) / 2;

export function contains(outer: Box, x: number, y: number): boolean {
  return x >= outer[0] && x <= outer[2] && y >= outer[1] && y <= outer[3];
}

/** Maps a page-space box back to PDF user space (y up), for provenance. */
export function toUserSpace(box: Box, pageToUser: Matrix): Box {
  return boundsOf([apply(pageToUser, box[0], box[1]), apply(pageToUser, box[2], box[3])]).map((v) => Math.round(v * 10) / 10) as Box;
}

/** Groups sorted numbers into clusters whose neighbours are within `tolerance`. */
export function cluster(values: number[], tolerance: number): number[][] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const last = groups.at(-1);
    if (last && v - last.at(-1)! <= tolerance) last.push(v);
    else groups.push([v]);
  }
  return groups;
}

export const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

import { describe, expect, it } from 'vitest';
import { closeOpenEnds, findTables, intersections, joinEdges, rectangles, snapEdges } from '../extractors/pdf/lattice.js';
import type { Edge } from '../extractors/pdf/rules.js';
import { pdfSettings } from '../extractors/pdf/settings.js';

const h = (y: number, x0: number, x1: number): Edge => ({ orientation: 'h', pos: y, start: x0, end: x1 });
const v = (x: number, y0: number, y1: number): Edge => ({ orientation: 'v', pos: x, start: y0, end: y1 });

/** A 3×3 grid of 10-pt cells at (0,0)–(30,30), minus the rules listed in `without`. */
function grid(without: string[] = []): Edge[] {
  const edges: Edge[] = [];
  for (const y of [0, 10, 20, 30]) edges.push(h(y, 0, 30));
  for (const x of [0, 10, 20, 30]) edges.push(v(x, 0, 30));
  return edges.filter((e) => !without.includes(`${e.orientation}${e.pos}`));
}

describe('lattice steps', () => {
  it('snaps near-parallel rules and joins collinear pieces', () => {
    const joined = joinEdges(snapEdges([h(10, 0, 12), h(11.5, 13, 30), v(0, 0, 10)], 3), 3);
    const horizontal = joined.filter((e) => e.orientation === 'h');
    expect(horizontal).toHaveLength(1);
    expect(horizontal[0]).toMatchObject({ start: 0, end: 30 });
    expect(horizontal[0]!.pos).toBeCloseTo(10.75);
  });

  it('finds one rectangle per cell of a ruled grid', () => {
    const boxes = rectangles(intersections(grid(), 1), 2);
    expect(boxes).toHaveLength(9);
    expect(boxes).toContainEqual([10, 10, 20, 20]);
  });

  it('finds a merged cell where an inner rule is missing', () => {
    // The middle row's rule between columns 1 and 2 is drawn only outside that row: a 2-wide cell.
    const edges = grid(['v10']).concat([v(10, 0, 10), v(10, 20, 30)]);
    const boxes = rectangles(intersections(edges, 1), 2);
    expect(boxes).toContainEqual([0, 10, 20, 20]);
    expect(boxes).toHaveLength(8);
  });

  it('closes a table cut at a page break, whose vertical rules just stop', () => {
    const cut = grid(['h30']);
    expect(rectangles(intersections(cut, 1), 2)).toHaveLength(6);
    const closed = closeOpenEnds(cut, pdfSettings);
    expect(closed).toContainEqual(h(30, 0, 30));
    expect(rectangles(intersections(closed, 1), 2)).toHaveLength(9);
  });

  it('keeps two stacked tables apart and drops lone frames', () => {
    const lower = grid().map((e) => ({ ...e, ...(e.orientation === 'h' ? { pos: e.pos + 100 } : { start: e.start + 100, end: e.end + 100 }) }));
    const frame = [h(300, 0, 50), h(320, 0, 50), v(0, 300, 320), v(50, 300, 320)];
    const tables = findTables([...grid(), ...lower, ...frame], pdfSettings);
    expect(tables.map((t) => t.length)).toEqual([9, 9]);
  });
});

import { describe, expect, it } from 'vitest';
import { distinctCells, toGrid } from '../src/layout/grid.js';
import { table } from './helpers/layout.js';

describe('toGrid', () => {
  it('expands row and column spans like a browser', () => {
    const grid = toGrid(
      table([
        [['A', 2, 2], ['B', 1, 2]],
        ['C', 'D'],
        ['E', 'F', 'G', 'H'],
      ]),
    );
    expect(grid.width).toBe(4);
    expect(grid.rows.map((r) => r.map((c) => c?.text).join(''))).toEqual(['AABB', 'AACD', 'EFGH']);
    expect(grid.rows[1]![1]!.id).toBe(grid.rows[0]![0]!.id);
    expect(grid.rows[1]![2]!.source).toMatchObject({ row: 1, col: 2 });
  });

  it('clips a rowspan that runs past the table', () => {
    const grid = toGrid(table([[['A', 99, 1], 'B'], ['C']]));
    expect(grid.rows.length).toBe(2);
    expect(grid.rows[1]!.map((c) => c?.text)).toEqual(['A', 'C']);
  });

  it('lists span copies once', () => {
    const grid = toGrid(table([[['A', 1, 3], 'B']]));
    expect(distinctCells(grid.rows[0]!).map((c) => c.text)).toEqual(['A', 'B']);
  });
});

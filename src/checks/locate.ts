/**
 * Where a problem is, for a reader who opens the source: a problem that names
 * cells and no place of its own points at the first of its cells that has a
 * provenance (page, line, table/row/col or path). For a rule that is the
 * rule's first operand, as the message names it first (the printed total,
 * or 「一、本年新收」 for the balance). A problem that names a place itself
 * (a repeated row, a table whose cells are missing) keeps it.
 */
import type { Problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';

export function locateProblems(problems: Problem[], cells: Record<string, Cell>): Problem[] {
  return problems.map((p) => {
    if (p.source || !p.cells) return p;
    const source = p.cells.map((key) => cells[key]?.source).find((s) => s !== null && s !== undefined && Object.keys(s).length > 0);
    return source ? { ...p, source } : p;
  });
}

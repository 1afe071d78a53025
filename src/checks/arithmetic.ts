/**
 * The arithmetic rules of mappings/rules.ts, checked on the cells as read.
 * A rule whose operands are not all numbers is not assessable: it yields no
 * problem (the blank/unreadable problems say why). Nothing is ever corrected.
 */
import { rules } from '../../mappings/rules.js';
import type { RuleDef } from '../../mappings/rules.js';
import { applicantColumns, resultLeafRows, resultRows, table3RowKeys } from '../../mappings/table3.js';
import { reviewBlocks, reviewOutcomes } from '../../mappings/table4.js';
import type { TableVersion } from '../../mappings/types.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';
import { sumTolerance } from '../settings.js';

export interface Equation {
  rule: RuleDef;
  /** The value of the dimension this equation is for (a column, row or block key). */
  at: string;
  atLabel: string;
  lhs: string[];
  rhs: string[];
}

/** Expands the rule templates over the rows and columns the report's Table 3 version has. */
export function equations(t3Version: TableVersion): Equation[] {
  const t3Rows = table3RowKeys(t3Version);
  const dims = {
    col: applicantColumns.map((c) => ({ key: c.key, label: c.label })),
    row: resultRows.filter((r) => t3Rows.includes(r.key)).map((r) => ({ key: r.key, label: r.label })),
    block: reviewBlocks.map((b) => ({ key: b.key, label: b.label })),
  };
  const summands: Record<string, string[]> = {
    applicant: applicantColumns.filter((c) => c.key !== 'total').map((c) => c.key),
    resultRow: resultLeafRows.filter((r) => t3Rows.includes(r)),
    outcome: reviewOutcomes.filter((o) => o.key !== 'total').map((o) => o.key),
  };
  const expand = (template: string, at: string): string[] => {
    const fixed = template.replace(/\{(col|row|block)\}/, at);
    const m = /\{(applicant|resultRow|outcome)\}/.exec(fixed);
    return m ? summands[m[1]!]!.map((s) => fixed.replace(m[0], s)) : [fixed];
  };
  return rules.flatMap((rule) =>
    dims[rule.each].map(({ key, label }) => ({
      rule,
      at: key,
      atLabel: label,
      lhs: rule.lhs.flatMap((t) => expand(t, key)),
      rhs: rule.rhs.flatMap((t) => expand(t, key)),
    })),
  );
}

const sum = (keys: string[], cells: Record<string, Cell>, value: (k: string) => number = (k) => cells[k]?.value ?? 0) => keys.reduce((s, k) => s + value(k), 0);

/** Whether the equation holds on the cells (all of its operands numbers), or with `key` read as `instead`. */
export function holds(eq: Equation, cells: Record<string, Cell>, key?: string, instead?: number): boolean {
  const value = (k: string) => (k === key && instead !== undefined ? instead : (cells[k]?.value ?? 0));
  return Math.abs(sum(eq.lhs, cells, value) - sum(eq.rhs, cells, value)) <= sumTolerance;
}

/**
 * Where OCR read a cell of a failing rule in more than one way: the other
 * readings that would make the rule hold. Said in the problem, never applied.
 */
function otherReadings(eq: Equation, cells: Record<string, Cell>): string[] {
  const hints: string[] = [];
  for (const key of [...eq.lhs, ...eq.rhs]) {
    for (const alternative of cells[key]?.alternatives ?? []) {
      const value = Number(alternative.replace(/,/g, ''));
      if (Number.isFinite(value) && holds(eq, cells, key, value)) hints.push(`${key} was read as ${cells[key]!.raw} but also as ${alternative}, which would make it hold`);
    }
  }
  return hints;
}

export function checkArithmetic(cells: Record<string, Cell>, t3Version: TableVersion): Problem[] {
  const problems: Problem[] = [];
  for (const eq of equations(t3Version)) {
    const operands = [...eq.lhs, ...eq.rhs];
    if (!operands.every((k) => cells[k]?.state === 'number')) continue;
    if (holds(eq, cells)) continue;
    const left = sum(eq.lhs, cells);
    const right = sum(eq.rhs, cells);
    const show = (keys: string[]) => keys.map((k) => cells[k]!.value).join('+');
    const hints = otherReadings(eq, cells);
    problems.push(
      problem(
        eq.rule.code,
        `${eq.atLabel}: ${eq.rule.describe}: ${show(eq.lhs)} = ${round(left)}, ${show(eq.rhs)} = ${round(right)}${hints.length > 0 ? ` (OCR: ${hints.join('; ')})` : ''}`,
        { cells: operands },
      ),
    );
  }
  return problems;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

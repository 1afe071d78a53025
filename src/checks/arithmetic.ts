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
import { quote } from '../model/wording.js';
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

/** The label an operand is printed under, within the row, column or block the equation is for. */
function operandLabel(key: string, each: RuleDef['each']): string {
  const [table, row, col] = key.split('.');
  if (table === 't4') return reviewOutcomes.find((o) => o.key === col)?.label ?? key;
  if (each === 'col') return resultRows.find((r) => r.key === row)?.label ?? key;
  return applicantColumns.find((c) => c.key === col)?.label ?? key;
}

/** Where the equation is: 「Table 3 column 「自然人」 (natural)」, 「Table 4 「行政复议」 (review)」. */
function placeOf(eq: Equation): string {
  const where = { col: 'Table 3 column ', row: 'Table 3 row ', block: 'Table 4 ' }[eq.rule.each];
  return `${where}${quote(eq.atLabel)} (${eq.at})`;
}

/** More summands than this are named by their first and last label: twenty result rows would bury the numbers. */
const maxNamedSummands = 7;

/** One side of an equation in labels: 「结果维持」+「结果纠正」, or 「the 20 result rows 「（一）予以公开」 … 「3.其他」」. */
function sideLabels(keys: string[], each: RuleDef['each']): string {
  const labels = keys.map((k) => quote(operandLabel(k, each)));
  if (labels.length <= maxNamedSummands) return labels.join('+');
  return `the ${labels.length} result rows ${labels[0]} … ${labels[labels.length - 1]}`;
}

/** The rule in labels, for messages that say which rule a value rests on: 「总计」 = 「自然人」+…+「其他」. */
export function ruleText(eq: Equation): string {
  return `${sideLabels(eq.lhs, eq.rule.each)} = ${sideLabels(eq.rhs, eq.rule.each)}`;
}

/**
 * A failing rule, printed value beside computed sum:
 * 「Table 4 「行政复议」 (review): 「总计」 printed 0, but 「结果维持」+… = 10+1+0+0 = 11 (a difference of 11)」.
 */
function failureText(eq: Equation, cells: Record<string, Cell>): string {
  const value = (k: string) => cells[k]!.value!;
  const side = (keys: string[]) => {
    const total = round(sum(keys, cells));
    // A single cell is what the report printed; several are our sum of what it printed.
    return keys.length === 1
      ? `${sideLabels(keys, eq.rule.each)} printed ${total}`
      : `${sideLabels(keys, eq.rule.each)} = ${keys.map(value).join('+')} = ${total}`;
  };
  const difference = round(Math.abs(sum(eq.lhs, cells) - sum(eq.rhs, cells)));
  return `${placeOf(eq)}: ${side(eq.lhs)}, but ${side(eq.rhs)} (a difference of ${difference})`;
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
      if (Number.isFinite(value) && holds(eq, cells, key, value)) {
        hints.push(`OCR read ${quote(operandLabel(key, eq.rule.each))} (${key}) as ${cells[key]!.raw} but also as ${alternative}, which would make the rule hold`);
      }
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
    const hints = otherReadings(eq, cells);
    problems.push(problem(eq.rule.code, `${failureText(eq, cells)}${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`, { cells: operands }));
  }
  return problems;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

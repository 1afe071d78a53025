/**
 * What a report contributes to a comparison: its key figures (cells as
 * printed, figureKeys of model.ts), the three group figures, and the few
 * cells the carry-over check needs. Everything else of the report is let go,
 * so that ten thousand reports fit in memory.
 */
import { applicantColumns, resultRows } from '../../mappings/table3.js';
import type { Cell } from '../model/report.js';
import { type CompareReport, type FigureName, type GroupFigureName, figureKeys } from './model.js';

/** A cell as printed: all a comparison quotes (state is a CellState; a string, as a later model may add states). */
export interface PrintedCell {
  value: Cell['value'];
  raw: Cell['raw'];
  state: string;
}
export type PrintedCells = Record<string, PrintedCell | undefined>;

/** The cells summed into each group figure: the rows of （三）, （四） and （五） in the total column. */
export const groupFigureKeys: Record<GroupFigureName, string[]> = {
  denied: groupRows('denied'),
  unable: groupRows('unable'),
  notProcessed: groupRows('ignored'),
};

function groupRows(group: string): string[] {
  return resultRows.filter((r) => r.group === group).map((r) => `t3.${r.key}.total`);
}

/** The value of a cell that prints a number, else null. */
export function printedNumber(cell: PrintedCell | undefined): number | null {
  return cell?.state === 'number' && cell.value !== null ? cell.value : null;
}

export function reportFigures(cells: PrintedCells): CompareReport['figures'] {
  const figures = {} as CompareReport['figures'];
  for (const [name, key] of Object.entries(figureKeys) as Array<[FigureName, string]>) figures[name] = printedNumber(cells[key]);
  for (const [name, keys] of Object.entries(groupFigureKeys) as Array<[GroupFigureName, string[]]>) {
    const values = keys.map((key) => printedNumber(cells[key]));
    figures[name] = values.every((v) => v !== null) ? values.reduce((a, b) => a! + b!, 0) : null;
  }
  return figures;
}

/** 上年结转 and 结转下年度 in every applicant column: what CARRYOVER_MISMATCH compares. */
export const carryOverKeys = {
  carriedOver: applicantColumns.map((c) => `t3.carriedOver.${c.key}`),
  carriedForward: applicantColumns.map((c) => `t3.carriedForward.${c.key}`),
};

/** The carry-over cells of a report, reduced to what is printed. */
export function carryCells(cells: PrintedCells): Record<string, PrintedCell> {
  const out: Record<string, PrintedCell> = {};
  for (const key of [...carryOverKeys.carriedOver, ...carryOverKeys.carriedForward]) {
    const cell = cells[key];
    if (cell) out[key] = { value: cell.value, raw: cell.raw, state: cell.state };
  }
  return out;
}

/** A cell as a message quotes it: its printed text, or what stood there instead of a number. */
export function printedText(cell: PrintedCell | null | undefined): string {
  if (!cell || cell.state === 'absent') return '(absent)';
  if (cell.state === 'blank') return '(blank)';
  if (cell.state === 'number') return cell.raw !== null && cell.raw.trim() !== '' ? cell.raw.trim() : String(cell.value);
  const raw = cell.raw?.trim();
  return raw ? `「${raw}」 (${cell.state})` : `(${cell.state})`;
}

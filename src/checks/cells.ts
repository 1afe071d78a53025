/** Checks on single cells: blank, unreadable, invalid for their kind, low confidence. */
import { table2Cells } from '../../mappings/table2.js';
import type { ValueKind } from '../../mappings/types.js';
import type { MoneyUnit, Unit } from '../../mappings/units.js';
import { countUnits, moneyUnits } from '../../mappings/units.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { Cell } from '../model/report.js';
import { plural, quoteText, tableTitles } from '../model/wording.js';
import { lowConfidenceThreshold } from '../settings.js';
import { parseValue } from '../text/number.js';

const kinds = new Map<string, ValueKind>([...table2Cells['2021'], ...table2Cells['2019']].map((c) => [c.key, c.kind]));
const moneyUnitOf = new Map<string, MoneyUnit>([...table2Cells['2021'], ...table2Cells['2019']].flatMap((c) => (c.unit ? [[c.key, c.unit] as const] : [])));

/** Table 3 and 4 cells are counts; Table 2 says per cell. */
export function kindOf(key: string): ValueKind {
  return kinds.get(key) ?? 'count';
}


/**
 * Why a unit printed in a cell is not the one the cell measures, or undefined when it is: a count takes
 * any counting word, an amount any money unit, or the one its column fixes (万元 for the 2021 fee).
 */
export function unitConflict(key: string, unit: Unit, declared?: MoneyUnit): string | undefined {
  const kind = kindOf(key);
  if (kind !== 'money') return (countUnits as readonly string[]).includes(unit) ? undefined : `a count, not an amount in ${unit}`;
  if (!(moneyUnits as readonly string[]).includes(unit)) return `an amount of money, not a count of ${unit}`;
  const due = declared ?? moneyUnitOf.get(key);
  return due && due !== unit ? `in ${due} by its column, not ${unit}: the printed number is kept as it stands, not converted` : undefined;
}

/** @param units money units the column labels name for cells (the template's own where they name none) */
export function checkCells(cells: Record<string, Cell>, units: ReadonlyMap<string, MoneyUnit> = new Map()): Problem[] {
  const problems: Problem[] = [];
  const entries = Object.entries(cells);
  for (const table of ['t2', 't3', 't4'] as const) {
    const blank = entries.filter(([k, c]) => k.startsWith(`${table}.`) && (c.state === 'blank' || c.state === 'dash'));
    if (blank.length > 0) {
      problems.push(
        problem('CELL_BLANK', `${tableTitles[table]}: ${plural(blank.length, 'cell')} ${blank.length === 1 ? 'is' : 'are'} blank or a dash (value null, not 0)`, {
          cells: blank.map(([k]) => k),
        }),
      );
    }
  }
  for (const [key, cell] of entries) {
    if (cell.state === 'unreadable') {
      const lines = (cell.raw ?? '').split('\n');
      // Numbers on lines of their own that are no wrapped number (extractors join those): values that could belong to two rows.
      const message =
        lines.length > 1 && lines.every((l) => parseValue(l).state === 'number')
          ? `${key}: the cell prints ${lines.length} numbers on separate lines, ${quoteText(lines.join('\n'))}: values of ${lines.length} rows in one cell, or one number broken where no wrap would break it; none is taken`
          : `${key}: the cell prints ${quoteText(cell.raw ?? '')}, which is not a number`;
      problems.push(problem('CELL_UNREADABLE', message, { cells: [key], source: cell.source ?? undefined }));
    }
    if (cell.state === 'number' && cell.value !== null) {
      const kind = kindOf(key);
      if (kind !== 'signedCount' && cell.value < 0) {
        problems.push(problem('VALUE_INVALID', `${key}: printed ${cell.value}, a negative number where the cell counts or sums something`, { cells: [key], source: cell.source ?? undefined }));
      }
      if (kind !== 'money' && !Number.isInteger(cell.value)) {
        problems.push(problem('VALUE_INVALID', `${key}: printed ${cell.value}, a fraction where the cell counts cases`, { cells: [key], source: cell.source ?? undefined }));
      }
      const unit = parseValue(cell.raw ?? '').unit;
      const conflict = unit && unitConflict(key, unit, units.get(key));
      if (conflict) {
        problems.push(problem('VALUE_INVALID', `${key}: printed ${quoteText(cell.raw ?? '')}, but the cell is ${conflict}`, { cells: [key], source: cell.source ?? undefined }));
      }
    }
  }
  const doubtful = entries.filter(([, c]) => c.state !== 'absent' && c.confidence < lowConfidenceThreshold).map(([k]) => k);
  if (doubtful.length > 0) {
    problems.push(
      problem('LOW_CONFIDENCE', `${plural(doubtful.length, 'cell')} read with confidence below ${lowConfidenceThreshold}: check them against the source`, { cells: doubtful }),
    );
  }
  return problems;
}

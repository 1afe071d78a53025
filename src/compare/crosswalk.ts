/**
 * The compare figures of a pre-2019 report, taken through the crosswalk
 * (mappings/crosswalk.ts): a figure is the pre-2019 figure whose 2019/2021
 * cells are exactly the cells the compare figure reads. A pre-2019 figure
 * whose cells no compare figure reads (lawsuits: two Table 4 totals) gives
 * none, and figures nothing continues stay null: never a sum or a guess.
 */
import { crosswalk } from '../../mappings/crosswalk.js';
import { type PrintedCells, groupFigureKeys, printedNumber } from './figures.js';
import { type CompareCrosswalk, type CompareReport, type FigureName, type GroupFigureName, figureKeys } from './model.js';

type AnyFigure = FigureName | GroupFigureName;

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((k) => b.includes(k));

/** The cells each compare figure reads: one key, or the rows of a group figure. */
const figureCells: Array<[AnyFigure, string[]]> = [
  ...(Object.entries(figureKeys) as Array<[FigureName, string]>).map(([name, key]): [AnyFigure, string[]] => [name, [key]]),
  ...(Object.entries(groupFigureKeys) as Array<[GroupFigureName, string[]]>),
];

/** Every crosswalk entry with the compare figure it continues into (null where none reads its cells). */
export const compareCrosswalk: CompareCrosswalk[] = crosswalk.map((entry) => ({
  pre2019: entry.pre2019,
  figure: entry.continues['2021'].length === 0 ? null : (figureCells.find(([, keys]) => sameKeys(keys, entry.continues['2021']))?.[0] ?? null),
  cells2019: entry.continues['2019'],
  cells2021: entry.continues['2021'],
  match: entry.match,
  differs: entry.differs,
}));

/** The pre-2019 keys a comparison reads from every report. */
export const crosswalkKeys = compareCrosswalk.filter((c) => c.figure !== null).map((c) => c.pre2019);

/** A pre-2019 report's figures: those the crosswalk continues, from its pre2019.* cells; the others null. */
export function pre2019Figures(cells: PrintedCells): CompareReport['figures'] {
  const figures = Object.fromEntries(figureCells.map(([name]) => [name, null])) as CompareReport['figures'];
  for (const c of compareCrosswalk) if (c.figure !== null) figures[c.figure] = printedNumber(cells[c.pre2019]);
  return figures;
}

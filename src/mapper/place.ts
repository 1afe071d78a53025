/**
 * Placing one table row's value cells onto cell keys. Where the row lines up
 * with the header grid, each key takes the cell at its column. Where it does
 * not (flattened markup, padding cells, stray tokens), cells are placed by
 * order and the doubt is recorded: in the confidence and in a problem that
 * names the keys.
 */
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import { listed, quote } from '../model/wording.js';
import { ruleText } from '../checks/arithmetic.js';
import { confidence } from '../settings.js';
import { isLabelText, isValueLike, parseValue } from '../text/number.js';
import type { GridCell } from '../layout/grid.js';
import { distinctCells } from '../layout/grid.js';
import { isDigitRun, splitByRules } from './split.js';
import { append } from '../arrays.js';

export interface PlacedCell {
  cell: GridCell;
  confidence: number;
  /** The source text, where the cell's own text is a part of it (digits run together, split). */
  raw?: string;
  /** No number can be told from the text (digits run together that split more than one way). */
  unreadable?: boolean;
}

export interface Placement {
  placed: Map<string, PlacedCell>;
  problems: Problem[];
}

const isBlank = (cell: GridCell) => parseValue(cell.text).state === 'blank';
const isLabel = (cell: GridCell) => isLabelText(cell.text);

/**
 * @param row        the grid row
 * @param columns    expected keys with the grid column each sits at (from the header), in order
 * @param rowLabel   for messages
 */
export function placeRow(
  row: Array<GridCell | undefined>,
  columns: Array<{ key: string; col: number | undefined }>,
  rowLabel: string,
  acrossRows: ReadonlySet<GridCell> = new Set(),
): Placement {
  if (row.some((c) => c && acrossRows.has(c))) return placeWithout(row, columns, rowLabel, acrossRows);
  const aligned = placeAligned(row, columns);
  if (aligned) return { placed: aligned, problems: [] };
  return placeAllButOne(row, columns, rowLabel) ?? placeByOrder(row, columns.map((c) => c.key), rowLabel);
}

/**
 * A row some of whose cells reach over rows the format keeps apart (their
 * rules lost in a scan): such a cell is the value of none of them for sure.
 * Where the rest of the row lines up with the header, the rest stands and
 * those columns are missing; else the row is placed without those cells.
 */
function placeWithout(
  row: Array<GridCell | undefined>,
  columns: Array<{ key: string; col: number | undefined }>,
  rowLabel: string,
  acrossRows: ReadonlySet<GridCell>,
): Placement {
  const own = row.map((c) => (c && acrossRows.has(c) ? undefined : c));
  const lost = columns.filter((c) => c.col !== undefined && row[c.col] !== undefined && acrossRows.has(row[c.col]!));
  const rest = columns.filter((c) => !lost.includes(c));
  const aligned = lost.length > 0 && rest.length > 0 ? placeAligned(own, rest) : undefined;
  const missing = (keys: string[], source: GridCell['source'], how: string) =>
    problem('CELL_MISSING', `${rowLabel}: the cells of ${keys.join(', ')} reach over other rows of the table (the rules between them lost), so none of their values is this row's for sure; the row's other values ${how}`, { cells: keys, source });
  if (aligned) return { placed: aligned, problems: [missing(lost.map((c) => c.key), row[lost[0]!.col!]!.source, 'stand under their own headers')] };
  // Without a header to line up with: the row's cells in their order on the page, those reaching over
  // rows holding their columns' places, when there are as many as columns. Only where the page says where
  // each cell lies: in the table's markup a cell reaching down from a row above comes wherever the rows
  // above put it, not where it stands in this one.
  const cells = valueCells(row);
  const located = cells.every((c) => c.source.bbox !== undefined && c.source.page === cells[0]!.source.page);
  if (cells.length !== columns.length || !located || !cells.some((c) => acrossRows.has(c))) return placeRow(own, columns, rowLabel);
  const ordered = [...cells].sort((a, b) => a.source.bbox![0] - b.source.bbox![0]);
  const placed = new Map<string, PlacedCell>();
  const lostKeys: string[] = [];
  columns.forEach(({ key }, i) => {
    if (acrossRows.has(ordered[i]!)) lostKeys.push(key);
    else placed.set(key, { cell: ordered[i]!, confidence: confidence.byOrder });
  });
  return { placed, problems: [missing(lostKeys, ordered.find((c) => acrossRows.has(c))!.source, 'are placed by their order')] };
}

/** A row's cells after its last label cell: its values, and what stands in their places. */
function valueCells(row: Array<GridCell | undefined>): GridCell[] {
  const cells = distinctCells(row);
  let lastLabel = -1;
  cells.forEach((cell, i) => {
    if (isLabel(cell)) lastLabel = i;
  });
  return cells.slice(lastLabel + 1);
}

/**
 * A row that lines up with the header except at one column, which holds no
 * value (a blank, or a label pushed into it by a merged cell the export
 * dropped): the others are read at their columns, that one is missing.
 */
function placeAllButOne(
  row: Array<GridCell | undefined>,
  columns: Array<{ key: string; col: number | undefined }>,
  rowLabel: string,
): Placement | undefined {
  if (columns.length < 3 || columns.some((c) => c.col === undefined)) return undefined;
  const valueCols = new Set(columns.map((c) => c.col!));
  const numbers = row.map((cell, c) => (cell && parseValue(cell.text).state === 'number' ? c : -1)).filter((c) => c >= 0);
  if (numbers.some((c) => !valueCols.has(c)) || new Set(numbers.map((c) => row[c]!.id)).size !== numbers.length) return undefined;
  const missing = columns.filter((c) => !numbers.includes(c.col!));
  if (missing.length !== 1) return undefined;
  const hole = row[missing[0]!.col!];
  if (hole && isValueLike(hole.text) && !isBlank(hole)) return undefined;
  const placed = new Map<string, PlacedCell>();
  for (const { key, col } of columns) if (col !== missing[0]!.col) placed.set(key, { cell: row[col!]!, confidence: confidence.aligned });
  return {
    placed,
    problems: [
      problem('CELL_MISSING', `${rowLabel}: no value in the column of ${missing[0]!.key} (${hole?.text.trim() ? `it holds ${quote(hole.text.trim())}` : 'it is empty'}); the row's other values stand under their own headers`, {
        cells: [missing[0]!.key],
        ...(hole ? { source: hole.source } : {}),
      }),
    ],
  };
}

/** Every key has its own value-like cell at its header column, and no value sits elsewhere. */
function placeAligned(
  row: Array<GridCell | undefined>,
  columns: Array<{ key: string; col: number | undefined }>,
): Map<string, PlacedCell> | undefined {
  const placed = new Map<string, PlacedCell>();
  const used = new Set<number>();
  for (const { key, col } of columns) {
    if (col === undefined) return undefined;
    const cell = row[col];
    // An OCR misreading (58 read as 品上) at its own column is that column's cell, unreadable; text-layer
    // words at a value column mean the row does not line up with the header.
    const misread = cell !== undefined && cell.confidence !== undefined && cell.confidence < 1;
    if (!cell || (!isValueLike(cell.text) && !misread) || used.has(cell.id)) return undefined;
    used.add(cell.id);
    placed.set(key, { cell, confidence: confidence.aligned });
  }
  const valueCols = new Set(columns.map((c) => c.col));
  const strayValue = row.some(
    (cell, c) => cell && !valueCols.has(c) && !used.has(cell.id) && parseValue(cell.text).state === 'number',
  );
  return strayValue ? undefined : placed;
}

function placeByOrder(row: Array<GridCell | undefined>, keys: string[], rowLabel: string): Placement {
  const cells = distinctCells(row);
  let values = valueCells(row);
  const placed = new Map<string, PlacedCell>();
  const problems: Problem[] = [];
  const where = (cs: GridCell[]) => listed(cs, (c) => (c.text.trim() ? quote(c.text.trim()) : 'an empty cell'));

  if (values.length === keys.length) {
    keys.forEach((key, i) => placed.set(key, { cell: values[i]!, confidence: confidence.byOrder }));
    return { placed, problems };
  }
  // Fewer cells than columns, but digits enough for all of them: digits run together.
  if (values.length < keys.length && values.length > 0 && values.every((c) => isDigitRun(c.text)) && values.reduce((n, c) => n + c.text.trim().length, 0) >= keys.length) {
    return placeDigitRuns(values, keys, rowLabel);
  }
  if (values.length < keys.length) {
    problems.push(
      problem(
        'CELL_MISSING',
        `${rowLabel}: ${values.length} value cells where ${keys.length} are expected; which column each belongs to cannot be told, so none is placed`,
        { cells: keys, source: cells[0]?.source },
      ),
    );
    return { placed, problems };
  }

  // More cells than columns: drop blank padding at either end first.
  // (Ends moved as indices: a shift() a cell was quadratic in a row of 100,000 blank cells.)
  const dropped: GridCell[] = [];
  let [first, end] = [0, values.length];
  while (end - first > keys.length && isBlank(values[end - 1]!)) dropped.push(values[--end]!);
  while (end - first > keys.length && isBlank(values[first]!)) dropped.push(values[first++]!);
  values = values.slice(first, end);
  const extra = values.length - keys.length;
  const kept = extra > 0 ? values.slice(extra) : values;
  // Non-blank extras: take the last N (format.md §7.16), and say it is a guess where the guess matters.
  if (extra > 0) append(dropped, values.slice(0, extra));
  keys.forEach((key, i) => {
    // Cells keep their order, so whichever extras are dropped, this key takes one of values[i..i+extra]:
    // where all of those print the same number (a row of 0s), the choice cannot change its value. Blanks
    // are no such evidence: a blank could have been a value (a seal over a scanned row splits it so).
    const choices = extra > 0 ? values.slice(i, i + extra + 1) : [];
    const printed = choices[0]?.text.trim() ?? '';
    const valueDependsOnChoice = choices.length > 0 && (isBlank(choices[0]!) || choices.some((c) => c.text.trim() !== printed));
    placed.set(key, { cell: kept[i]!, confidence: valueDependsOnChoice ? confidence.extraCellsDropped : confidence.paddingDropped });
  });
  problems.push(
    problem(
      'ROW_EXTRA_CELLS',
      `${rowLabel}: ${keys.length + dropped.length} value cells where ${keys.length} are expected; ignored ${where(dropped)}, placed the remaining ${keys.length} by order`,
      { cells: keys, source: dropped[0]?.source },
    ),
  );
  return { placed, problems };
}

/** A row whose digits ran together (「640020470」): split where its own rules allow one split only, else unreadable. */
function placeDigitRuns(values: GridCell[], keys: string[], rowLabel: string): Placement {
  const placed = new Map<string, PlacedCell>();
  const runs = values.map((c) => c.text.trim());
  const raw = runs.join(' ');
  const result = splitByRules(runs, keys);
  if (result.kind === 'split') {
    // Which run each part came from, for its provenance.
    let run = 0;
    let used = 0;
    result.parts.forEach((part, i) => {
      const from = values[run]!;
      placed.set(keys[i]!, { cell: { ...from, text: part }, confidence: confidence.splitDigits, raw: from.text.trim() });
      used += part.length;
      if (used === runs[run]!.length) {
        run++;
        used = 0;
      }
    });
    const basis = result.rules.length > 0 ? `the only split that satisfies ${result.rules.map(ruleText).join(', ')}: that rule no longer checks these values` : 'the only split without a leading zero';
    return {
      placed,
      problems: [
        problem('DIGITS_SPLIT', `${rowLabel}: the digits ${quote(raw)} run together; split into ${result.parts.join(' ')} as ${basis}`, {
          cells: keys,
          source: values[0]!.source,
        }),
      ],
    };
  }
  for (const key of keys) placed.set(key, { cell: values[0]!, confidence: 0, raw, unreadable: true });
  const why = result.candidates === 'too many' ? 'too many ways' : `${result.candidates} ways`;
  return {
    placed,
    problems: [
      problem('CELL_UNREADABLE', `${rowLabel}: the digits ${quote(raw)} run together into ${keys.length} cells and can be split ${why} that the row's rules allow; not read`, {
        cells: keys,
        source: values[0]!.source,
      }),
    ],
  };
}

/**
 * Versions of one report (same agency and year, different bytes: an HTML
 * page and its PDF, a corrected republication): whether their values agree,
 * and where not, which cells differ. Read from the JSON the batch wrote.
 */
import { type CellDifference, cellDifferences } from '../model/cell-diff.js';
import type { Cell, Report } from '../model/report.js';
import { readOwnJson } from './json-text.js';
import { listed } from '../model/wording.js';
import type { VersionGroup } from './ledger.js';

/** One later version against the first (by file name). */
export interface VersionComparison {
  file: string;
  against: string;
  /** Cells either version prints (not absent from both). */
  cells: number;
  differences: CellDifference[];
}

export interface ComparedVersions extends VersionGroup {
  /** Each later version against the first; empty when a JSON could not be read (`unreadable` says which). */
  comparisons: VersionComparison[];
  unreadable?: string;
}

/** Differences listed by name on the summary line; the rest are counted. */
export const namedDifferences = 4;

async function cellsOf(outdir: string, output: string): Promise<Pick<Report, 'cells'>> {
  const parsed = await readOwnJson(outdir, output);
  if ('failure' in parsed) throw new Error(`${output}: ${parsed.failure}`);
  const report = parsed.json as Report;
  return { cells: report.cells ?? {} };
}

/** Counts the cells either report prints. */
function printedCells(a: Pick<Report, 'cells'>, b: Pick<Report, 'cells'>): number {
  const keys = new Set([...Object.keys(a.cells), ...Object.keys(b.cells)]);
  const printed = (cell: Cell | undefined) => cell !== undefined && cell.state !== 'absent';
  return [...keys].filter((k) => printed(a.cells[k]) || printed(b.cells[k])).length;
}

export async function compareVersions(outdir: string, group: VersionGroup): Promise<ComparedVersions> {
  const [first, ...later] = group.outputs;
  if (!first) return { ...group, comparisons: [] };
  try {
    const base = await cellsOf(outdir, first.output);
    const comparisons: VersionComparison[] = [];
    for (const other of later) {
      const cells = await cellsOf(outdir, other.output);
      comparisons.push({ file: other.file, against: first.file, cells: printedCells(base, cells), differences: cellDifferences(base, cells) });
    }
    return { ...group, comparisons };
  } catch (error) {
    return { ...group, comparisons: [], unreadable: (error as Error).message };
  }
}

/** A cell's value as a person reads it: the number, or what stands there instead. */
function shown(cell: Pick<Cell, 'value' | 'raw' | 'state'> | null): string {
  if (!cell || cell.state === 'absent') return 'absent';
  if (cell.state === 'number') return String(cell.value);
  if (cell.state === 'unreadable') return `「${cell.raw ?? ''}」`;
  return cell.state; // blank, dash
}

/** 「3 of 187 cells differ: t3.newReceived.natural 12 → 13, …」 (each value of `against`, then of `file`) or 「the values agree (187 cells)」. */
export function differenceText(c: VersionComparison): string {
  if (c.differences.length === 0) return `the values agree (${c.cells} cells)`;
  const named = listed(c.differences, (d) => `${d.key} ${shown(d.a)} → ${shown(d.b)}`, { max: namedDifferences });
  return `${c.differences.length} of ${c.cells} cells differ: ${named}`;
}

/**
 * The summary's lines for one group: the files, then each later version
 * against the first as 「first → later: …」, in the order of every value pair
 * after it (the first file's value, then the later one's).
 */
export function versionLines(group: ComparedVersions): string[] {
  const head = `  ${group.agency} ${group.year}: ${group.files.join(', ')}`;
  if (group.unreadable) return [`${head} (cannot compare: ${group.unreadable})`];
  return [head, ...group.comparisons.map((c) => `    ${c.against} → ${c.file}: ${differenceText(c)}`)];
}

/**
 * The mapper: from the layout model to the standard report model. Finds the
 * three tables and the six sections, decides the format version per table,
 * and puts every cell onto its key. It knows nothing of the input format.
 */
import { tableCellKeys } from '../../mappings/keys.js';
import type { TableVersion } from '../../mappings/types.js';
import type { MoneyUnit } from '../../mappings/units.js';
import type { LayoutDocument, Provenance, TableBlock } from '../model/layout.js';
import type { Problem } from '../model/problems.js';
import { problem } from '../model/problems.js';
import type { Cell, FormatVersion, ReportSection, StatisticsTable } from '../model/report.js';
import { plural, tableTitles } from '../model/wording.js';
import type { Grid } from '../layout/grid.js';
import { appendGrid, distinctCells, toGrid } from '../layout/grid.js';
import type { TableKind } from './classify.js';
import { classifyTable } from './classify.js';
import type { MappedTable } from './mapped.js';
import { absentCell } from './mapped.js';
import type { ReadMeta } from './metadata.js';
import { readMetadata } from './metadata.js';
import { pre2019Cells } from './pre2019.js';
import { headlineFigures } from './pre2019-figures.js';
import { readStatistics } from './pre2019-statistics.js';
import { refusal } from './refusal.js';
import { findSections } from './sections.js';
import { mapTable2 } from './table2.js';
import { mapTable3 } from './table3.js';
import { mapTable4 } from './table4.js';
import { append } from '../arrays.js';

export interface MappedReport {
  meta: ReadMeta;
  formatVersion: FormatVersion;
  /** The Table 3 version the arithmetic rules expand over. */
  t3Version: TableVersion;
  sections: ReportSection[];
  cells: Record<string, Cell>;
  /** A report from before 2019: its nine headline figures, from its statistics table or its sentences (pre2019-figures.ts). */
  pre2019?: Record<string, Cell>;
  /** A report from before 2019: its statistics tables, row by row (pre2019-statistics.ts). */
  statistics?: StatisticsTable[];
  /** Money units the tables' column labels name for cells (checks/cells.ts holds the cells to them). */
  units: Map<string, MoneyUnit>;
  problems: Problem[];
}

const tableNames: Record<TableKind, string> = tableTitles;

/** Where a problem about a whole table points: its first cell (for a PDF, the page the table starts on). */
function tableSource(grid: Grid | undefined): Provenance | undefined {
  const first = grid?.rows.flatMap((row) => distinctCells(row))[0];
  return first?.source;
}

/** The format a report year prescribes (format.md §1.2). */
function versionForYear(year: number | null): FormatVersion | undefined {
  if (year === null) return undefined;
  if (year >= 2021) return '2021';
  if (year >= 2019) return '2019';
  return 'pre2019';
}

/** Tables of the same kind in document order form one grid: a table split in two continues the first. */
function gridsByKind(tables: TableBlock[]): Map<TableKind, Grid> {
  const grids = new Map<TableKind, Grid>();
  const all = tables.map(toGrid);
  const kinds = all.map(classifyTable);
  // A piece of a table cut into many, each under the same header row: too small to tell its kind by
  // itself, it is of the kind of the pieces that share its header.
  const headerOf = (grid: Grid) => JSON.stringify(distinctCells(grid.rows[0] ?? []).map((c) => c.text.trim()));
  const kindOfHeader = new Map<string, TableKind>();
  all.forEach((grid, i) => {
    if (kinds[i] && grid.rows.length > 1) kindOfHeader.set(headerOf(grid), kinds[i]!);
  });
  all.forEach((grid, i) => {
    const kind = kinds[i] ?? (grid.rows.length > 1 ? kindOfHeader.get(headerOf(grid)) : undefined);
    if (!kind) return;
    const before = grids.get(kind);
    grids.set(kind, before ? appendGrid(before, grid) : grid);
  });
  return grids;
}

export function mapReport(layout: LayoutDocument): MappedReport {
  const problems: Problem[] = [];
  const meta = readMetadata(layout.meta, layout.blocks);
  const tables = layout.blocks.filter((b): b is TableBlock => b.kind === 'table');
  const grids = gridsByKind(tables);
  const mapped: Partial<Record<TableKind, MappedTable>> = {};
  const mappers = { t2: mapTable2, t3: mapTable3, t4: mapTable4 };
  for (const [kind, grid] of grids) mapped[kind] = mappers[kind](grid);

  const formatVersion = decideVersion(mapped.t2?.version, mapped.t3?.version, versionForYear(meta.year), grids.size > 0);

  const { sections, problems: sectionProblems } = findSections(layout.blocks);
  // A pre-2019 statistics table whose rows are indicators of the disclosure vocabulary is a report's table as much as a standard one.
  // Read once: a report without standard tables is where pre-2019 statistics tables stand (formatVersion pre2019 below).
  const statisticsRead = grids.size === 0 ? readStatistics(layout.blocks, meta.year) : undefined;
  const statisticsTable = statisticsRead?.tables.some((t) => t.rows.some((r) => r.key !== null)) ?? false;
  const notAReport = refusal(layout.meta, layout.blocks, sections.length, grids.size > 0 || statisticsTable);
  if (notAReport !== undefined) {
    // Nothing of a report is given for a document that is none: no cells, no sections, and no title, agency
    // or year (a notice about the 2019 report would otherwise stand beside that report as one of its versions).
    return {
      meta: { title: null, agency: null, year: null },
      formatVersion: 'unknown',
      t3Version: '2021',
      sections: [],
      cells: {},
      units: new Map(),
      problems: [problem('NOT_A_REPORT', notAReport)],
    };
  }
  const cells: Record<string, Cell> = {};
  let t3Version: TableVersion = formatVersion === '2019' ? '2019' : '2021';

  // Cells of a found table that only one version has: with the version unknown they are not read, and
  // FORMAT_UNKNOWN names them (the truth may hold numbers there: never a silent gap).
  const oneVersionOnly: string[] = [];
  if (formatVersion === 'unknown' && grids.size > 0) {
    // Standard tables whose version nothing tells (a partial export, or scanned rows misread): the cells
    // both versions have are still read; FORMAT_UNKNOWN says why the others are not there.
    for (const kind of ['t2', 't3', 't4'] as const) {
      const in2019 = new Set(tableCellKeys(kind, '2019'));
      const either = [...new Set([...tableCellKeys(kind, '2021'), ...in2019])];
      const table = mapped[kind];
      if (!table) {
        // The cells of either version: which ones the table would have had, nothing tells.
        problems.push(problem('TABLE_MISSING', `${tableNames[kind]} not found: no table carries its labels`, { cells: either }));
        continue;
      }
      const both = tableCellKeys(kind, '2021').filter((k) => in2019.has(k));
      append(oneVersionOnly, either.filter((k) => !both.includes(k)));
      for (const key of both) cells[key] = table.cells.get(key) ?? absentCell();
      append(problems, table.problems);
      const named = new Set(table.problems.flatMap((p) => p.cells ?? []));
      const silent = both.filter((k) => cells[k]!.state === 'absent' && !named.has(k));
      if (silent.length > 0) problems.push(problem('CELL_MISSING', `${tableNames[kind]}: ${plural(silent.length, 'cell')} not found in the table`, { cells: silent, source: tableSource(grids.get(kind)) }));
    }
  }
  if (formatVersion === '2021' || formatVersion === '2019') {
    const t2Version = mapped.t2?.version ?? formatVersion;
    t3Version = mapped.t3?.version ?? formatVersion;
    const keys = new Set([
      ...tableCellKeys('t2', formatVersion),
      ...tableCellKeys('t2', t2Version),
      ...tableCellKeys('t3', formatVersion),
      ...tableCellKeys('t3', t3Version),
      ...tableCellKeys('t4', formatVersion),
    ]);
    for (const key of keys) {
      const kind = key.slice(0, 2) as TableKind;
      cells[key] = mapped[kind]?.cells.get(key) ?? absentCell();
    }
    for (const kind of ['t2', 't3', 't4'] as const) {
      const table = mapped[kind];
      if (!table) {
        problems.push(problem('TABLE_MISSING', `${tableNames[kind]} not found: no table carries its labels`, { cells: [...keys].filter((k) => k.startsWith(kind)) }));
        continue;
      }
      append(problems, table.problems);
      const version = kind === 't2' ? t2Version : kind === 't3' ? t3Version : formatVersion;
      // Keys the table's own version lacks are absent by design, and the hybrid problem names them.
      const expected = [...keys].filter((k) => k.startsWith(`${kind}.`) && ownKeys(kind, version).has(k));
      const unplaced = expected.filter((k) => cells[k]!.state === 'absent');
      const alreadyNamed = new Set(table.problems.flatMap((p) => p.cells ?? []));
      const silent = unplaced.filter((k) => !alreadyNamed.has(k));
      if (silent.length > 0) {
        problems.push(problem('CELL_MISSING', `${tableNames[kind]}: ${plural(silent.length, 'cell')} not found in the table`, { cells: silent, source: tableSource(grids.get(kind)) }));
      }
    }
    const hybrid = (['t2', 't3'] as const).filter((k) => mapped[k]?.version && mapped[k]!.version !== formatVersion);
    for (const kind of hybrid) {
      const version = mapped[kind]!.version!;
      const missing = [...keys].filter((k) => k.startsWith(`${kind}.`) && !ownKeys(kind, version).has(k));
      problems.push(
        problem(
          'FORMAT_HYBRID',
          `${tableNames[kind]} follows the ${version} format in a ${formatVersion}-format report; its ${formatVersion} cells that the table does not have are left absent`,
          { cells: missing, source: tableSource(grids.get(kind)) },
        ),
      );
    }
  } else if (formatVersion === 'unknown') {
    problems.push(
      problem(
        'FORMAT_UNKNOWN',
        grids.size > 0
          ? `The tables show no format version and the report year does not tell it (or says before 2019): only the cells the 2019 and 2021 formats share are read${oneVersionOnly.length > 0 ? `; the ${plural(oneVersionOnly.length, 'cell')} that only one of the formats has are not read (this problem names them)` : ''}`
          : 'No standard table was found and the report year does not tell the format',
        { cells: oneVersionOnly },
      ),
    );
  }
  let pre2019: Record<string, Cell> | undefined;
  let statistics: StatisticsTable[] | undefined;
  if (formatVersion === 'pre2019') {
    const stats = statisticsRead ?? readStatistics(layout.blocks, meta.year);
    const sentences = pre2019Cells(layout.blocks.filter((b) => b.kind !== 'table' || !stats.blocks.has(b)));
    const headline = headlineFigures(stats.tables, sentences);
    pre2019 = headline.figures;
    if (stats.tables.length > 0) statistics = stats.tables;
    const found = Object.keys(pre2019).length;
    const rows = stats.tables.reduce((n, t) => n + t.rows.length, 0);
    problems.push(
      problem(
        'PRE2019_MODEL',
        `A report of ${meta.year ?? 'a year'} before 2019: free-form, so the 2019/2021 table cells do not apply; ${stats.tables.length > 0 ? `${plural(stats.tables.length, 'statistics table')} (${plural(rows, 'row')}) read into statistics; ` : 'no statistics table; '}${found} of the nine headline figures read (pre2019.*)`,
      ),
      ...stats.problems,
      ...headline.problems,
    );
  }
  if (formatVersion === 'unknown' && grids.size === 0) {
    // A text that names a report but holds none of its tables (however long it is) has no cell to give:
    // an error, as a 2019/2021 report without its tables gets; FORMAT_UNKNOWN only says why no version.
    problems.push(problem('TABLE_MISSING', `No standard table found: ${(['t2', 't3', 't4'] as const).map((k) => tableNames[k]).join(', ')} — no table carries their labels`));
  }
  // Free-form pre-2019 reports have no six sections to miss.
  const missingSections = formatVersion === 'pre2019' ? [] : sectionProblems;
  const units = new Map([...(mapped.t2?.units ?? [])].filter(([key]) => key in cells));
  return { meta, formatVersion, t3Version, sections, cells, ...(pre2019 ? { pre2019 } : {}), ...(statistics ? { statistics } : {}), units, problems: [...problems, ...missingSections] };
}

/**
 * The tables' own labels decide (Table 2 first: it differs most between the
 * versions); without them, the report year; a report with standard tables
 * but a pre-2019 year stays unknown rather than guessed. A 2021-or-later year
 * outweighs Table 3 alone saying 2019: the 2021 format applies to those years
 * (format.md §1.2), and a 2019-style Table 3 there is the hybrid FORMAT_HYBRID
 * reports (or its 2021 （六） rows were misread), whose 2021 cells must be named, not dropped.
 */
function decideVersion(
  t2Version: TableVersion | undefined,
  t3Version: TableVersion | undefined,
  yearVersion: FormatVersion | undefined,
  hasTables: boolean,
): FormatVersion {
  if (t2Version) return t2Version;
  if (yearVersion === '2021') return yearVersion;
  if (t3Version) return t3Version;
  if (yearVersion === '2019') return yearVersion;
  if (yearVersion === 'pre2019' && !hasTables) return 'pre2019';
  return 'unknown';
}

function ownKeys(kind: TableKind, version: TableVersion): Set<string> {
  return new Set(tableCellKeys(kind, version));
}

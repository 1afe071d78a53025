/**
 * The cell dictionary: every cell key a report can have → where the official
 * format prints it (table, row and column labels in Chinese), an English
 * gloss, what kind of value it holds, the format versions that have it and
 * the arithmetic rules it takes part in. Built from mappings/ and the rule
 * expansion the checks use, so it says what the mapper and the checks do;
 * schema/cells.{csv,json}, the exports' cell_dictionary table and
 * `govreport keys` all print this list.
 */
import {
  pre2019Glosses,
  table2ColumnGlosses,
  table2RowGlosses,
  table3ColumnGlosses,
  table3RowGlosses,
  table4BlockGlosses,
  table4OutcomeGlosses,
} from '../../mappings/glosses.js';
import { crosswalkOf } from '../../mappings/crosswalk.js';
import { formatCellKeys } from '../../mappings/keys.js';
import { pre2019Statistics } from '../../mappings/pre2019.js';
import { pre2019Indicators } from '../../mappings/pre2019-vocabulary.js';
import { sections } from '../../mappings/sections.js';
import { table2Cells, table2Columns, table2Rows } from '../../mappings/table2.js';
import { applicantColumns, resultBlockLabel, resultGroupLabels, resultLeafRows, resultRows } from '../../mappings/table3.js';
import { reviewBlocks, reviewOutcomes, table4HeaderOnlyLabels } from '../../mappings/table4.js';
import type { LabelMatcher, TableVersion, ValueKind } from '../../mappings/types.js';
import { equations } from '../checks/arithmetic.js';

export type DictionaryVersion = TableVersion | 'pre2019';

export interface CellEntry {
  key: string;
  table: 't2' | 't3' | 't4' | 'pre2019';
  /** The report section the table stands in, as printed; null for pre-2019 figures (read from sentences). */
  tableTitle: string | null;
  /** Label cells spanning the row label, outermost first, joined by « › »; null where none. */
  rowGroup: string | null;
  /** The row label as the latest format version with this key prints it (Table 4: the block). */
  rowLabel: string;
  /** The column label as printed; null for pre-2019 figures. */
  columnLabel: string | null;
  /** Where an older format version prints the row or column otherwise: 「2019: 行政许可 × 处理决定数量」. */
  alsoPrintedAs: string | null;
  gloss: string;
  /** count: whole number ≥ 0; signedCount: whole number, may be negative (本年增/减); money: decimal ≥ 0. */
  kind: ValueKind;
  /** The unit the label prints (万元, 条, 元), or null where it prints none. */
  unit: string | null;
  /** Format versions whose reports have this key, latest first. */
  versions: DictionaryVersion[];
  /** The arithmetic rules the cell is an operand of, as 「code:where」 (T3_ROW_TOTAL:newReceived; where = the column, row or block the rule is checked for). */
  rules: string[];
  /** A pre-2019 figure: the 2019/2021 cells whose sum continues it across the break (mappings/crosswalk.ts); empty for the others and where none does. */
  continuesAs: string[];
  /** A pre-2019 figure: how closely the cells continue it (close, loose, none) and where the definitions differ; null for the others. */
  crosswalk: string | null;
}

/** Versions newest first: the latest printing of a label is the one shown. */
const tableVersions: TableVersion[] = ['2021', '2019'];

const sectionTitle = (id: string) => sections.find((s) => s.id === id)!.title;

const printed = (label: LabelMatcher, version: TableVersion) => label.labelIn?.[version] ?? label.label;

/** The unit a label states: 「（单位：万元）」 or a trailing 「（条）」. */
function unitOf(label: string): string | null {
  return /单位[：:]\s*([^）)]+)[）)]/.exec(label)?.[1] ?? /[（(]([^（()）]{1,2})[）)]$/.exec(label)?.[1] ?? null;
}

/** key → the rules it takes part in, over every version's expansion of the rule templates. */
function rulesByKey(): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const version of tableVersions) {
    for (const eq of equations(version)) {
      const name = `${eq.rule.code}:${eq.at}`;
      for (const key of [...eq.lhs, ...eq.rhs]) {
        const list = byKey.get(key) ?? [];
        if (!list.includes(name)) list.push(name);
        byKey.set(key, list);
      }
    }
  }
  return byKey;
}

/** The labels of a row × column cell in each version that has it: the latest shown, the others said where they differ. */
function labelsOf(row: LabelMatcher, column: LabelMatcher, versions: TableVersion[]) {
  const [latest, ...older] = versions;
  const rowLabel = printed(row, latest!);
  const columnLabel = printed(column, latest!);
  const differing = older
    .filter((v) => printed(row, v) !== rowLabel || printed(column, v) !== columnLabel)
    .map((v) => `${v}: ${printed(row, v)} × ${printed(column, v)}`);
  return { rowLabel, columnLabel, alsoPrintedAs: differing.length > 0 ? differing.join('; ') : null };
}

function table2Entries(rules: Map<string, string[]>): CellEntry[] {
  const keys = [...new Set(tableVersions.flatMap((v) => table2Cells[v].map((c) => c.key)))];
  return keys.map((key) => {
    const [, rowKey, columnKey] = key.split('.') as [string, string, string];
    const row = table2Rows.find((r) => r.key === rowKey)!;
    const column = table2Columns.find((c) => c.key === columnKey)!;
    const versions = tableVersions.filter((v) => table2Cells[v].some((c) => c.key === key));
    const kind = table2Cells[versions[0]!].find((c) => c.key === key)!.kind;
    const labels = labelsOf(row, column, versions);
    return {
      key,
      table: 't2',
      tableTitle: sectionTitle('activeDisclosure'),
      rowGroup: null,
      ...labels,
      gloss: `${table2RowGlosses[rowKey]}: ${table2ColumnGlosses[columnKey]}`,
      kind,
      unit: unitOf(labels.columnLabel),
      versions,
      rules: rules.get(key) ?? [],
      ...noCrosswalk,
    };
  });
}

function table3RowGroup(row: (typeof resultRows)[number]): string | null {
  if (!resultLeafRows.includes(row.key) && row.key !== 'resultTotal') return null;
  return [resultBlockLabel, ...(row.group ? [resultGroupLabels[row.group]!] : [])].join(' › ');
}

function table3Entries(rules: Map<string, string[]>): CellEntry[] {
  return resultRows.flatMap((row) =>
    applicantColumns.map((column): CellEntry => {
      const key = `t3.${row.key}.${column.key}`;
      const versions = tableVersions.filter((v) => row.versions.includes(v));
      return {
        key,
        table: 't3',
        tableTitle: sectionTitle('applications'),
        rowGroup: table3RowGroup(row),
        ...labelsOf(row, column, versions),
        gloss: `${table3RowGlosses[row.key]}: ${table3ColumnGlosses[column.key]}`,
        kind: 'count',
        unit: null,
        versions,
        rules: rules.get(key) ?? [],
        ...noCrosswalk,
      };
    }),
  );
}

function table4Entries(rules: Map<string, string[]>): CellEntry[] {
  return reviewBlocks.flatMap((block) =>
    reviewOutcomes.map((outcome): CellEntry => {
      const key = `t4.${block.key}.${outcome.key}`;
      return {
        key,
        table: 't4',
        tableTitle: sectionTitle('reviewLitigation'),
        // 行政诉讼 spans the two lawsuit blocks; 行政复议 stands alone.
        rowGroup: block.key === 'review' ? null : table4HeaderOnlyLabels.join(' › '),
        ...labelsOf(block, outcome, tableVersions),
        gloss: `${table4BlockGlosses[block.key]}: ${table4OutcomeGlosses[outcome.key]}`,
        kind: 'count',
        unit: null,
        versions: [...tableVersions],
        rules: rules.get(key) ?? [],
        ...noCrosswalk,
      };
    }),
  );
}

/** The crosswalk fields of a cell of the 2019/2021 tables: nothing continues into them from here (the pre-2019 entries name them). */
const noCrosswalk = { continuesAs: [], crosswalk: null } satisfies Pick<CellEntry, 'continuesAs' | 'crosswalk'>;

function pre2019Entries(): CellEntry[] {
  return pre2019Statistics.map((s) => ({
    key: s.key,
    table: 'pre2019',
    tableTitle: null,
    rowGroup: null,
    rowLabel: s.label,
    columnLabel: null,
    alsoPrintedAs: null,
    gloss: pre2019Glosses[s.key]!,
    kind: s.unit === 'yuan' ? 'money' : 'count',
    unit: unitOf(s.label),
    versions: ['pre2019'],
    rules: [],
    ...crosswalkFields(s.key),
  }));
}

/**
 * The other indicators of the pre-2019 statistics tables (mappings/pre2019-vocabulary.ts):
 * the keys of the statistics rows (the export's pre2019_rows.key) that are not one of the nine figures.
 */
function pre2019IndicatorEntries(): CellEntry[] {
  const figures = new Set(pre2019Statistics.map((s) => s.key));
  const byKey = new Map(pre2019Indicators.map((i) => [i.key, i]));
  return pre2019Indicators
    .filter((i) => !figures.has(i.key))
    .map((i) => ({
      key: i.key,
      table: 'pre2019',
      tableTitle: null,
      rowGroup: (i.under ?? []).filter((k) => k !== '').map((k) => byKey.get(k)?.labels[0] ?? k).join(' / ') || null,
      rowLabel: i.labels[0]!,
      columnLabel: null,
      alsoPrintedAs: i.labels.length > 1 ? i.labels.slice(1).join('、') : null,
      gloss: `statistics-table row: ${i.meaning}`,
      kind: 'count',
      unit: null,
      versions: ['pre2019'],
      rules: [],
      continuesAs: [],
      crosswalk: null,
    }));
}

/** A pre-2019 figure's line of the crosswalk: the cells of both formats (2021's first), its match and note. */
function crosswalkFields(key: string): Pick<CellEntry, 'continuesAs' | 'crosswalk'> {
  const entry = crosswalkOf(key);
  if (!entry) return { continuesAs: [], crosswalk: null };
  return {
    continuesAs: [...new Set([...entry.continues['2021'], ...entry.continues['2019']])],
    crosswalk: `${entry.match}: ${entry.differs}`,
  };
}

/** Every cell key, tables in order (t2, t3, t4, pre2019), each in the template's order. */
export function cellDictionary(): CellEntry[] {
  const rules = rulesByKey();
  return [...table2Entries(rules), ...table3Entries(rules), ...table4Entries(rules), ...pre2019Entries(), ...pre2019IndicatorEntries()];
}

/** The entries of one format version, in the order its reports list their cells. */
export function cellDictionaryOf(version: DictionaryVersion): CellEntry[] {
  const entries = cellDictionary().filter((e) => e.versions.includes(version));
  if (version === 'pre2019') return entries;
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return formatCellKeys(version).map((key) => byKey.get(key)!);
}

/**
 * The dictionary as a flat table: column names (snake_case, as in the
 * exports), the entry field each holds, and what it means. Lists stay lists;
 * each format writes them its own way (CSV: separated by spaces; SQLite: JSON
 * text; Parquet: a list).
 */
export const cellDictionaryColumns: ReadonlyArray<{ name: string; field: keyof CellEntry; list: boolean; describe: string }> = [
  { name: 'key', field: 'key', list: false, describe: 'the cell key, as in a report\'s `cells` and the export\'s `cells.key`' },
  { name: 'table_name', field: 'table', list: false, describe: 't2, t3, t4 or pre2019' },
  { name: 'table_title', field: 'tableTitle', list: false, describe: 'the report section the table stands in, as printed (empty for pre2019)' },
  { name: 'row_group', field: 'rowGroup', list: false, describe: 'label cells spanning the row label, outermost first, joined by « › »' },
  { name: 'row_label', field: 'rowLabel', list: false, describe: 'the row label as printed (Table 4: the block), in the latest format version with the key' },
  { name: 'column_label', field: 'columnLabel', list: false, describe: 'the column label as printed' },
  { name: 'also_printed_as', field: 'alsoPrintedAs', list: false, describe: 'where the 2019 format prints the row or column otherwise' },
  { name: 'gloss', field: 'gloss', list: false, describe: 'English gloss' },
  { name: 'kind', field: 'kind', list: false, describe: 'count (whole number ≥ 0), signedCount (may be negative: 本年增/减) or money (decimal ≥ 0)' },
  { name: 'unit', field: 'unit', list: false, describe: 'the unit the label prints (万元, 条, 件, 元), empty where it prints none' },
  { name: 'versions', field: 'versions', list: true, describe: 'format versions whose reports have the key: 2021, 2019, pre2019' },
  { name: 'rules', field: 'rules', list: true, describe: 'arithmetic rules the cell is an operand of, as code:where' },
  { name: 'continues_as', field: 'continuesAs', list: true, describe: 'pre2019 figures: the 2019/2021 cell keys whose sum continues the figure across the break (docs/crosswalk.md); empty where none does' },
  { name: 'crosswalk', field: 'crosswalk', list: false, describe: 'pre2019 figures: close, loose or none, and where the definitions before and after 2019 differ' },
];

/**
 * The dataset formats, chosen by the extension of the target: the files each
 * writes and its writer. A writer's module (and its native library) is only
 * loaded when its format is asked for.
 */
import { extname } from 'node:path';
import type { DatasetWriter } from './writer.js';
import { dictionaryTable } from './dictionary-table.js';
import { tableColumns } from './tables.js';

export type DatasetFormat = 'sqlite' | 'parquet' | 'csv';

/** The long table the CSV export writes beside the wide one. */
const csvRowsTable = 'pre2019_rows';

const formatOfExtension: Record<string, DatasetFormat> = {
  '.sqlite': 'sqlite',
  '.db': 'sqlite',
  '.parquet': 'parquet',
  '.csv': 'csv',
};

export const knownExtensions = Object.keys(formatOfExtension);

export function formatOf(target: string): DatasetFormat | undefined {
  return formatOfExtension[extname(target).toLowerCase()];
}

/**
 * The files an export to `target` writes. Parquet holds one table per file:
 * `x.parquet` → `x.reports.parquet`, `x.cells.parquet`, `x.problems.parquet`,
 * `x.cell_dictionary.parquet`, `x.pre2019_figures.parquet`, `x.pre2019_rows.parquet`.
 * The wide CSV (one row per report, the pre-2019 figures among its columns) has no
 * room for a second table: `x.csv` gets its dictionary beside it, `x.cell_dictionary.csv`,
 * and the pre-2019 statistics rows, `x.pre2019_rows.csv`.
 */
export function datasetFiles(format: DatasetFormat, target: string): string[] {
  if (format === 'sqlite') return [target];
  const stem = target.slice(0, target.length - extname(target).length);
  if (format === 'csv') return [target, `${stem}.${dictionaryTable}.csv`, `${stem}.${csvRowsTable}.csv`];
  return [...Object.keys(tableColumns), dictionaryTable].map((table) => `${stem}.${table}.parquet`);
}

/** Opens the writer of `format` onto `files` (the temporary names of datasetFiles()). */
export async function openWriter(format: DatasetFormat, files: string[], scratchFolder: string): Promise<DatasetWriter> {
  if (format === 'sqlite') {
    const { SqliteWriter } = await import('./sqlite-writer.js');
    return new SqliteWriter(files[0]!);
  }
  if (format === 'parquet') {
    const { ParquetWriter } = await import('./parquet-writer.js');
    return ParquetWriter.open(files, scratchFolder);
  }
  const { CsvWriter } = await import('./csv-writer.js');
  return CsvWriter.open(files[0]!, files[1]!, files[2]!);
}

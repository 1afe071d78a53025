/**
 * The CSV dataset: one row per report, one column per cell key — the shape a
 * data team opens in a spreadsheet. UTF-8 with a byte order mark (Excel then
 * reads the Chinese right), RFC 4180 quoting, CRLF line ends, a header row.
 * Columns: the reports table's columns, then every cell key (2021 format,
 * then the 2019-only keys, then the pre2019.* keys); a cell's column holds its value, empty when null.
 * Fields are written by csvField (csv-field.ts), formula guard included.
 * The pre-2019 statistics rows, one line per value, go to a long CSV of
 * their own (the pre2019_rows table's columns), in the same dialect.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, writeFile } from 'node:fs/promises';
import { cellDictionaryCsv } from '../dictionary/files.js';
import { csvField } from './csv-field.js';
import { listed } from '../model/wording.js';
import { allCellKeys } from './cell-keys.js';
import type { ReportRows } from './tables.js';
import { columnIndex, pre2019RowColumns, reportColumns } from './tables.js';
import type { DatasetWriter } from './writer.js';

const byteOrderMark = '\uFEFF';
const lineEnd = '\r\n';
/** Text gathered before a write to the file: few system calls, little memory. */
const chunkChars = 1 << 20;
const keyColumn = columnIndex('cells', 'key');
const valueColumn = columnIndex('cells', 'value');
const figureKeyColumn = columnIndex('pre2019_figures', 'key');
const figureValueColumn = columnIndex('pre2019_figures', 'value');

export class CsvWriter implements DatasetWriter {
  private readonly keys = allCellKeys();
  private readonly hasColumn = new Set(this.keys);
  private buffer: string;
  /** Cell keys of the reports that have no column (a format newer than this list). */
  private readonly unlisted = new Map<string, number>();

  private rowsBuffer: string;

  private constructor(
    private readonly file: FileHandle,
    /** Where the cell dictionary goes: the labels of the key columns (the same text as schema/cells.csv). */
    private readonly dictionaryFile: string,
    /** The long CSV of the pre-2019 statistics rows. */
    private readonly rowsFile: FileHandle,
  ) {
    this.buffer = byteOrderMark + [...reportColumns.map((c) => c.name), ...this.keys].map(csvField).join(',') + lineEnd;
    this.rowsBuffer = byteOrderMark + pre2019RowColumns.map((c) => csvField(c.name)).join(',') + lineEnd;
  }

  static async open(path: string, dictionaryPath: string, rowsPath: string): Promise<CsvWriter> {
    const file = await open(path, 'w');
    const rowsFile = await open(rowsPath, 'w').catch(async (error: unknown) => {
      await file.close();
      throw error;
    });
    return new CsvWriter(file, dictionaryPath, rowsFile);
  }

  async add(rows: ReportRows): Promise<void> {
    const values = new Map([
      ...rows.cells.map((c): [string, unknown] => [c[keyColumn] as string, c[valueColumn]]),
      ...rows.pre2019_figures.map((f): [string, unknown] => [f[figureKeyColumn] as string, f[figureValueColumn]]),
    ]);
    const fields = rows.report.map(csvField);
    for (const key of this.keys) fields.push(csvField(values.get(key)));
    for (const key of values.keys()) if (!this.hasColumn.has(key)) this.unlisted.set(key, (this.unlisted.get(key) ?? 0) + 1);
    this.buffer += fields.join(',') + lineEnd;
    for (const row of rows.pre2019_rows) this.rowsBuffer += row.map(csvField).join(',') + lineEnd;
    if (this.buffer.length + this.rowsBuffer.length >= chunkChars) await this.writeBuffer();
  }

  private async writeBuffer(): Promise<void> {
    await this.file.write(this.buffer);
    this.buffer = '';
    await this.rowsFile.write(this.rowsBuffer);
    this.rowsBuffer = '';
  }

  async close(): Promise<void> {
    await this.writeBuffer();
    await this.file.close();
    await this.rowsFile.close();
    await writeFile(this.dictionaryFile, cellDictionaryCsv());
  }

  abort(): void {
    void this.file.close().catch(() => undefined);
    void this.rowsFile.close().catch(() => undefined);
  }

  notes(): string[] {
    if (this.unlisted.size === 0) return [];
    const keys = listed([...this.unlisted], ([key, n]) => `${key} (${n} reports)`);
    return [`the CSV has no column for ${this.unlisted.size} cell keys found in the reports (the .sqlite and .parquet exports have them): ${keys}`];
  }
}

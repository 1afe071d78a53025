/**
 * The Parquet dataset: one file per table (Parquet holds one table). The rows
 * are staged in an in-memory DuckDB through its appender, which spills to a
 * scratch folder beyond a memory cap, and each table is written out by
 * `COPY … TO … (FORMAT parquet)` in report_id order (the order of appending).
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dictionaryColumns, dictionaryRows, dictionaryTable } from './dictionary-table.js';
import { exportSettings } from './settings.js';
import type { ColumnType, ReportRows, RowValues, TableName } from './tables.js';
import { manyRowTables, tableColumns } from './tables.js';
import type { DatasetWriter } from './writer.js';

const duckdbTypes: Record<ColumnType, string> = { integer: 'INTEGER', double: 'DOUBLE', text: 'VARCHAR', textList: 'VARCHAR[]' };

const tableNames = Object.keys(tableColumns) as TableName[];

/** A string literal in DuckDB SQL. */
const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

function append(appender: DuckDBAppender, type: ColumnType, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else if (type === 'integer') appender.appendInteger(value as number);
  else if (type === 'double') appender.appendDouble(value as number);
  else if (type === 'text') appender.appendVarchar(value as string);
  else appender.appendList(listValue(value as string[]), LIST(VARCHAR));
}

export class ParquetWriter implements DatasetWriter {
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly appenders: Record<TableName, DuckDBAppender>,
    /** The Parquet file of each table. */
    private readonly files: Record<TableName, string>,
    private readonly dictionaryFile: string,
  ) {}

  /** `files`: the file of each table (tableColumns' order), then the cell_dictionary file (datasetFiles()). */
  static async open(files: readonly string[], scratchFolder: string): Promise<ParquetWriter> {
    mkdirSync(scratchFolder, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: exportSettings.duckdbMemoryLimit,
      temp_directory: scratchFolder,
    });
    const connection = await instance.connect();
    const appenders = {} as Record<TableName, DuckDBAppender>;
    for (const table of tableNames) {
      const columns = tableColumns[table].map((c) => `${c.name} ${duckdbTypes[c.type]}`);
      await connection.run(`CREATE TABLE ${table} (${columns.join(', ')})`);
      appenders[table] = await connection.createAppender(table);
    }
    const byTable = Object.fromEntries(tableNames.map((t, i) => [t, files[i]!])) as Record<TableName, string>;
    return new ParquetWriter(instance, connection, appenders, byTable, files[tableNames.length]!);
  }

  private appendRow(table: TableName, row: RowValues): void {
    const appender = this.appenders[table];
    const columns = tableColumns[table];
    for (let i = 0; i < columns.length; i++) append(appender, columns[i]!.type, row[i]);
    appender.endRow();
  }

  async add(rows: ReportRows): Promise<void> {
    this.appendRow('reports', rows.report);
    for (const table of manyRowTables) for (const row of rows[table]) this.appendRow(table, row);
  }

  async close(): Promise<void> {
    for (const table of tableNames) this.appenders[table].closeSync();
    for (const table of tableNames) {
      await this.connection.run(`COPY ${table} TO ${sqlString(this.files[table])} (FORMAT parquet)`);
    }
    await this.writeDictionary();
    this.abort();
  }

  private async writeDictionary(): Promise<void> {
    await this.connection.run(`CREATE TABLE ${dictionaryTable} (${dictionaryColumns.map((c) => `${c.name} ${duckdbTypes[c.type]}`).join(', ')})`);
    const appender = await this.connection.createAppender(dictionaryTable);
    for (const row of dictionaryRows()) {
      for (let i = 0; i < dictionaryColumns.length; i++) append(appender, dictionaryColumns[i]!.type, row[i]);
      appender.endRow();
    }
    appender.closeSync();
    await this.connection.run(`COPY ${dictionaryTable} TO ${sqlString(this.dictionaryFile)} (FORMAT parquet)`);
  }

  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }

  notes(): string[] {
    return [];
  }
}

/**
 * The SQLite dataset: the three tables in one file, with the indexes a data
 * team's first queries need (a report's cells, one key across reports).
 * Rows go in by transactions of many reports; the indexes are built at the
 * end, which is faster than keeping them up to date row by row.
 */
import Database from 'better-sqlite3';
import { dictionaryColumns, dictionaryRows, dictionaryTable } from './dictionary-table.js';
import { exportSettings } from './settings.js';
import type { ColumnType, ReportRows, RowValues, TableName } from './tables.js';
import { manyRowTables, tableColumns } from './tables.js';
import type { DatasetWriter } from './writer.js';

const sqliteTypes: Record<ColumnType, string> = { integer: 'INTEGER', double: 'REAL', text: 'TEXT', textList: 'TEXT' };

function columnSql(table: TableName, column: { name: string; type: ColumnType }): string {
  if (column.name === 'report_id') {
    return table === 'reports' ? 'report_id INTEGER PRIMARY KEY' : 'report_id INTEGER NOT NULL REFERENCES reports(report_id)';
  }
  return `${column.name} ${sqliteTypes[column.type]}`;
}

const indexes = [
  'CREATE UNIQUE INDEX cells_by_report ON cells(report_id, key)',
  'CREATE INDEX cells_by_key ON cells(key)',
  'CREATE INDEX problems_by_report ON problems(report_id)',
  'CREATE INDEX problems_by_code ON problems(code)',
  'CREATE UNIQUE INDEX pre2019_figures_by_report ON pre2019_figures(report_id, key)',
  'CREATE INDEX pre2019_rows_by_report ON pre2019_rows(report_id, table_index, row_index)',
  'CREATE INDEX pre2019_rows_by_key ON pre2019_rows(key)',
];

/** A value as SQLite stores it: a list of cell keys as a JSON array text. */
function sqliteValue(type: ColumnType, value: unknown): unknown {
  return type === 'textList' && value !== null ? JSON.stringify(value) : value;
}

export class SqliteWriter implements DatasetWriter {
  private readonly db: Database.Database;
  private readonly insert: Record<TableName, (row: RowValues) => void>;
  private pending: ReportRows[] = [];
  private readonly flush: () => void;

  constructor(path: string) {
    this.db = new Database(path);
    // The file is temporary until it is complete and renamed: no journal to protect it.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    const insert = {} as Record<TableName, (row: RowValues) => void>;
    for (const [table, columns] of Object.entries(tableColumns) as Array<[TableName, (typeof tableColumns)[TableName]]>) {
      this.db.exec(`CREATE TABLE ${table} (${columns.map((c) => columnSql(table, c)).join(', ')})`);
      const statement = this.db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(', ')})`);
      insert[table] = (row) => statement.run(row.map((value, i) => sqliteValue(columns[i]!.type, value)));
    }
    this.insert = insert;
    this.flush = this.db.transaction(() => {
      for (const rows of this.pending) {
        this.insert.reports(rows.report);
        for (const table of manyRowTables) for (const row of rows[table]) this.insert[table](row);
      }
      this.pending = [];
    });
  }

  async add(rows: ReportRows): Promise<void> {
    this.pending.push(rows);
    if (this.pending.length >= exportSettings.sqliteReportsPerTransaction) this.flush();
  }

  /** The cell dictionary, keyed by cell key: `JOIN cell_dictionary USING (key)`. */
  private writeDictionary(): void {
    const columns = dictionaryColumns.map((c) => `${c.name} ${sqliteTypes[c.type]}${c.name === 'key' ? ' PRIMARY KEY' : ''}`);
    this.db.exec(`CREATE TABLE ${dictionaryTable} (${columns.join(', ')})`);
    const statement = this.db.prepare(`INSERT INTO ${dictionaryTable} VALUES (${dictionaryColumns.map(() => '?').join(', ')})`);
    this.db.transaction(() => {
      for (const row of dictionaryRows()) statement.run(row.map((value, i) => sqliteValue(dictionaryColumns[i]!.type, value)));
    })();
  }

  async close(): Promise<void> {
    this.flush();
    this.writeDictionary();
    for (const sql of indexes) this.db.exec(sql);
    this.db.close();
  }

  abort(): void {
    if (this.db.open) this.db.close();
  }

  notes(): string[] {
    return [];
  }
}

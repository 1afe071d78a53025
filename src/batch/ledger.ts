/**
 * The run ledger: one SQLite row per input of a batch, kept beside the JSON
 * in the output folder. It is what makes a batch resumable: an input whose
 * row says "done" by the same pipeline version, whose file has not changed
 * and whose JSON is still there, is skipped by the next run. Rows are
 * committed after the JSON is on disk (synchronous=FULL), so a crash at any
 * moment leaves at worst a file that is converted again, never a row that
 * claims a JSON that does not exist.
 *
 * Files found under the folders given but not converted (another format, a
 * link loop, …) are rows of the table skipped, with their reason and the last
 * run that skipped them; a file that becomes an input leaves that table.
 */
import { readFileSync, realpathSync } from 'node:fs';
import Database from 'better-sqlite3';
import { problemCounts } from '../model/problems.js';
import type { Report } from '../model/report.js';

export const ledgerFileName = 'govreport-ledger.sqlite';

/** done: converted here; duplicate: same bytes as another input, whose report it got; running: started, not finished (a run stopped). */
export type InputStatus = 'running' | 'done' | 'duplicate';

/**
 * What a finished input turned out to be (column outcome; null while running). The summary of a run
 * counts with these very words, so that the ledger and the summary say the same: `unreadable` the
 * file could not be read (FILE_UNREADABLE), `given up` its conversion was abandoned (timeout, memory
 * cap, crash), `not a report` it was read and is no annual report (NOT_A_REPORT), `report` the rest.
 */
export const outcomes = ['report', 'not a report', 'unreadable', 'given up'] as const;
export type Outcome = (typeof outcomes)[number];

export function outcomeOf(report: Pick<Report, 'problems'>, abandoned: boolean): Outcome {
  const counts = problemCounts(report.problems);
  if (abandoned) return 'given up';
  if (counts.unreadable) return 'unreadable';
  if (counts.notAReport) return 'not a report';
  return 'report';
}

export interface LedgerRow {
  /** Absolute path of the input: the key. */
  path: string;
  /** The path as given (source.file). */
  file: string;
  /** JSON path relative to the output folder. */
  output: string;
  size: number;
  mtime_ms: number;
  sha256: string | null;
  status: InputStatus;
  /** Null while running, and in rows of a ledger older than the column (such an input is converted again). */
  outcome: Outcome | null;
  duplicate_of: string | null;
  pipeline_version: string;
  duration_ms: number | null;
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
  agency: string | null;
  year: number | null;
  format_version: string | null;
  /** Times this input's conversion finished and was recorded (a resumed batch keeps it at 1). */
  conversions: number;
  /** 1 when the last conversion was abandoned (timeout, memory cap, the reader's process died): retried once by the next run. */
  abandoned: number;
  /** The JSON as this input's run wrote it (size, mtime): a JSON changed since (cut short, overwritten) is not done. Null in rows of older versions. */
  json_size: number | null;
  json_mtime_ms: number | null;
  run: number;
  updated_at: string;
}

/** The facts of an input file before it is converted. */
export interface InputFacts {
  path: string;
  file: string;
  output: string;
  size: number;
  mtimeMs: number;
  sha256: string | null;
}

/** The JSON of an input as written (its stat right after the atomic rename). */
export interface WrittenJson {
  size: number;
  mtimeMs: number;
}

/** Reports that exist in more than one version: same agency and year, different bytes. */
export interface VersionGroup {
  agency: string;
  year: number;
  versions: number;
  files: string[];
  /** One input per distinct content, by file: its JSON, relative to the output folder. */
  outputs: Array<{ file: string; output: string }>;
}

/** The whole output folder as the ledger knows it, whichever runs did the work. */
export interface FolderState {
  /** Inputs the ledger has a row for. */
  inputs: number;
  /** Finished in an earlier run (converted or a duplicate). */
  doneBefore: number;
  /** Finished in this run. */
  doneNow: number;
  /** The finished inputs by outcome. */
  outcomes: Record<Outcome, number>;
  /** Started and never finished (a run stopped): the next run converts them. */
  unfinished: number;
  /** Files under the folders given that are not inputs (the table skipped). */
  skipped: number;
  errors: number;
  warnings: number;
  infos: number;
}

const schema = `
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  pid INTEGER NOT NULL,
  pipeline_version TEXT NOT NULL,
  command TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE IF NOT EXISTS inputs (
  path TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  output TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  sha256 TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'duplicate')),
  outcome TEXT,
  duplicate_of TEXT,
  pipeline_version TEXT NOT NULL,
  duration_ms REAL,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  infos INTEGER NOT NULL DEFAULT 0,
  unreadable INTEGER NOT NULL DEFAULT 0,
  agency TEXT,
  year INTEGER,
  format_version TEXT,
  conversions INTEGER NOT NULL DEFAULT 0,
  run INTEGER NOT NULL REFERENCES runs(id),
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS skipped (
  path TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  reason TEXT NOT NULL,
  run INTEGER NOT NULL REFERENCES runs(id),
  updated_at TEXT NOT NULL
);
-- Columns added after the first release: ALTER TABLE in migrate() for older ledgers.
CREATE INDEX IF NOT EXISTS inputs_sha256 ON inputs(sha256, pipeline_version, status);
CREATE INDEX IF NOT EXISTS inputs_report ON inputs(agency, year);
`;

/**
 * Ledgers (by real path) a run of this process holds: the runs table tells other processes apart by pid,
 * but two runs in one process (two convertMany on one output folder) share it.
 */
const heldInThisProcess = new Set<string>();

export class Ledger {
  private readonly db: Database.Database;
  private runId = 0;
  /** The real path this ledger's run holds in heldInThisProcess, once started. */
  private held: string | undefined;
  private readonly statements;
  /** An input's row, and out of the skipped table: one transaction. */
  private readonly upsertInput: (row: Record<string, unknown> & { path: string }) => void;

  constructor(
    readonly file: string,
    readonly pipelineVersion: string,
  ) {
    this.db = new Database(file, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(schema);
    this.migrate();
    this.statements = {
      get: this.db.prepare<[string], LedgerRow>('SELECT * FROM inputs WHERE path = ?'),
      original: this.db.prepare<[string, string, number], LedgerRow>(
        `SELECT * FROM inputs WHERE sha256 = ? AND pipeline_version = ? AND status = 'done' AND run >= ? ORDER BY path LIMIT 1`,
      ),
      skip: this.db.prepare(
        `INSERT INTO skipped (path, file, reason, run, updated_at) VALUES (@path, @file, @reason, @run, @now)
         ON CONFLICT(path) DO UPDATE SET file = excluded.file, reason = excluded.reason, run = excluded.run, updated_at = excluded.updated_at`,
      ),
      unskip: this.db.prepare<[string]>('DELETE FROM skipped WHERE path = ?'),
      upsert: this.db.prepare(
        `INSERT INTO inputs (path, file, output, size, mtime_ms, sha256, status, outcome, duplicate_of, pipeline_version, duration_ms,
           errors, warnings, infos, unreadable, agency, year, format_version, conversions, abandoned, json_size, json_mtime_ms, run, updated_at)
         VALUES (@path, @file, @output, @size, @mtimeMs, @sha256, @status, @outcome, @duplicateOf, @version, @durationMs,
           @errors, @warnings, @infos, @unreadable, @agency, @year, @formatVersion, @conversions, @abandoned, @jsonSize, @jsonMtimeMs, @run, @now)
         ON CONFLICT(path) DO UPDATE SET file = excluded.file, output = excluded.output, size = excluded.size,
           mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256, status = excluded.status, outcome = excluded.outcome,
           duplicate_of = excluded.duplicate_of,
           pipeline_version = excluded.pipeline_version, duration_ms = excluded.duration_ms, errors = excluded.errors,
           warnings = excluded.warnings, infos = excluded.infos, unreadable = excluded.unreadable, agency = excluded.agency,
           year = excluded.year, format_version = excluded.format_version,
           conversions = inputs.conversions + excluded.conversions, abandoned = excluded.abandoned,
           json_size = excluded.json_size, json_mtime_ms = excluded.json_mtime_ms, run = excluded.run,
           updated_at = excluded.updated_at`,
      ),
    };
    this.upsertInput = this.db.transaction((row: Record<string, unknown> & { path: string }) => {
      this.statements.unskip.run(row.path);
      this.statements.upsert.run(row);
    });
  }

  /** Columns later versions added, on a ledger an older version made. */
  private migrate(): void {
    const has = (table: string, column: string) =>
      this.db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().some((c) => c.name === column);
    if (!has('inputs', 'abandoned')) this.db.exec('ALTER TABLE inputs ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0');
    if (!has('runs', 'pid_started')) this.db.exec('ALTER TABLE runs ADD COLUMN pid_started TEXT');
    if (!has('inputs', 'json_size')) this.db.exec('ALTER TABLE inputs ADD COLUMN json_size INTEGER; ALTER TABLE inputs ADD COLUMN json_mtime_ms REAL');
    // Rows written before it keep outcome null, and their inputs are converted again (run.ts): an old row cannot tell a report from no report.
    if (!has('inputs', 'outcome')) this.db.exec('ALTER TABLE inputs ADD COLUMN outcome TEXT');
  }

  /**
   * Starts a run; refuses when another live process is writing to the same ledger. A run's process is
   * known by its pid and the moment it started (Linux /proc): after kill -9, a pid the system gave to
   * another process, or a process that is only a zombie, does not hold the folder.
   */
  startRun(command: string): number {
    const real = realpathSync(this.file);
    if (heldInThisProcess.has(real)) throw new LedgerBusyError(`another run of this process (pid ${process.pid}) is converting into this output folder`);
    const open = this.db
      .prepare<[], { id: number; pid: number; pid_started: string | null }>('SELECT id, pid, pid_started FROM runs WHERE finished_at IS NULL')
      .all();
    const live = open.find((r) => r.pid !== process.pid && isSameProcess(r.pid, r.pid_started));
    if (live) throw new LedgerBusyError(`another govreport (pid ${live.pid}) is converting into this output folder`);
    const result = this.db
      .prepare('INSERT INTO runs (pid, pid_started, pipeline_version, command, started_at) VALUES (?, ?, ?, ?, ?)')
      .run(process.pid, processStart(process.pid) ?? null, this.pipelineVersion, command, new Date().toISOString());
    this.runId = Number(result.lastInsertRowid);
    heldInThisProcess.add(real);
    this.held = real;
    return this.runId;
  }

  finishRun(): void {
    this.db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), this.runId);
  }

  get(path: string): LedgerRow | undefined {
    return this.statements.get.get(path);
  }

  /**
   * The input already converted, by this pipeline version, from the same bytes.
   * `sinceRun` limits the search to runs from that one on (--force: this run only).
   */
  original(sha256: string, sinceRun = 0): LedgerRow | undefined {
    return this.statements.original.get(sha256, this.pipelineVersion, sinceRun);
  }

  /** Records the files of this run that are not converted; `path` is absolute, `file` as found. */
  recordSkipped(files: { path: string; file: string; reason: string }[]): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const f of files) this.statements.skip.run({ ...f, run: this.runId, now });
    })();
  }

  markRunning(facts: InputFacts): void {
    this.write(facts, 'running', { conversions: 0 });
  }

  /** `abandoned`: the conversion was given up (timeout, memory cap, crash); its JSON says so, and the next run tries once more. */
  markDone(facts: InputFacts, report: Report, durationMs: number, abandoned: boolean, json: WrittenJson): void {
    const counts = problemCounts(report.problems);
    this.write({ ...facts, sha256: report.source.sha256 }, 'done', {
      jsonSize: json.size,
      jsonMtimeMs: json.mtimeMs,
      outcome: outcomeOf(report, abandoned),
      conversions: 1,
      abandoned: abandoned ? 1 : 0,
      durationMs,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      unreadable: counts.unreadable ? 1 : 0,
      agency: report.report.agency,
      year: report.report.year,
      formatVersion: report.report.formatVersion,
    });
  }

  markDuplicate(facts: InputFacts, of: LedgerRow, json: WrittenJson): void {
    this.write(facts, 'duplicate', {
      jsonSize: json.size,
      jsonMtimeMs: json.mtimeMs,
      outcome: of.outcome,
      conversions: 0,
      duplicateOf: of.path,
      errors: of.errors,
      warnings: of.warnings,
      infos: of.infos,
      unreadable: of.unreadable,
      agency: of.agency,
      year: of.year,
      formatVersion: of.format_version,
    });
  }

  private write(facts: InputFacts, status: InputStatus, extra: Record<string, unknown>): void {
    this.upsertInput({
      outcome: null,
      abandoned: 0,
      duplicateOf: null,
      durationMs: null,
      errors: 0,
      warnings: 0,
      infos: 0,
      unreadable: 0,
      agency: null,
      year: null,
      formatVersion: null,
      jsonSize: null,
      jsonMtimeMs: null,
      ...facts,
      ...extra,
      status,
      version: this.pipelineVersion,
      run: this.runId,
      now: new Date().toISOString(),
    });
  }

  /** Reports converted in more than one version (same agency and year, different bytes). */
  versionGroups(): VersionGroup[] {
    const rows = this.db
      .prepare<[], { agency: string; year: number; versions: number; files: string }>(
        `SELECT agency, year, COUNT(DISTINCT sha256) AS versions,
                json_group_array(json_object('file', file, 'output', output, 'sha256', sha256)) AS files
           FROM inputs WHERE status = 'done' AND agency IS NOT NULL AND year IS NOT NULL AND sha256 IS NOT NULL
          GROUP BY agency, year HAVING COUNT(DISTINCT sha256) > 1 ORDER BY agency, year`,
      )
      .all();
    return rows.map((r) => {
      const rows = (JSON.parse(r.files) as Array<{ file: string; output: string; sha256: string }>).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      const outputs = rows.filter((row, i) => rows.findIndex((o) => o.sha256 === row.sha256) === i).map(({ file, output }) => ({ file, output }));
      return { agency: r.agency, year: r.year, versions: r.versions, files: rows.map((row) => row.file), outputs };
    });
  }

  /** The state of the whole folder: what earlier runs did counts as much as this one. */
  folderState(): FolderState {
    const inputs = this.db
      .prepare<[{ run: number }], Omit<FolderState, 'skipped' | 'outcomes'>>(
        `SELECT COUNT(*) AS inputs,
                COALESCE(SUM(status != 'running' AND run < @run), 0) AS doneBefore,
                COALESCE(SUM(status != 'running' AND run = @run), 0) AS doneNow,
                COALESCE(SUM(status = 'running'), 0) AS unfinished,
                COALESCE(SUM(errors), 0) AS errors, COALESCE(SUM(warnings), 0) AS warnings, COALESCE(SUM(infos), 0) AS infos
           FROM inputs`,
      )
      .get({ run: this.runId })!;
    const byOutcome = this.db
      .prepare<[], { outcome: Outcome; n: number }>(`SELECT outcome, COUNT(*) AS n FROM inputs WHERE status != 'running' AND outcome IS NOT NULL GROUP BY outcome`)
      .all();
    const counted = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const { outcome, n } of byOutcome) counted[outcome] = n;
    const { skipped } = this.db.prepare<[], { skipped: number }>('SELECT COUNT(*) AS skipped FROM skipped').get()!;
    return { ...inputs, outcomes: counted, skipped };
  }

  close(): void {
    if (this.held !== undefined) heldInThisProcess.delete(this.held);
    this.held = undefined;
    this.db.close();
  }
}

export class LedgerBusyError extends Error {}

/** When a process started (clock ticks since boot, /proc/<pid>/stat field 22), or undefined where /proc does not tell. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'dead';
    return fields[19];
  } catch {
    return undefined;
  }
}

/** The process that ran with this pid is still running: alive, not a zombie, and started when it was recorded. */
export function isSameProcess(pid: number, started: string | null): boolean {
  if (!isAlive(pid)) return false;
  const now = processStart(pid);
  if (now === 'dead') return false;
  return started === null || now === undefined || now === started;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The export's tunables, in one place, each with why it has its value. */
import { availableParallelism } from 'node:os';

export const exportSettings = {
  /**
   * Worker threads that read and parse the JSON files: one per core, since
   * parsing is the export's main cost; beyond 8 the single writer cannot keep up.
   */
  parseWorkers: Math.min(availableParallelism(), 8),
  /**
   * Files asked of the parse workers ahead of the one being written: enough
   * to keep every worker busy (and a slow disk's reads overlapped), few enough
   * that the rows waiting stay a few MB.
   */
  jobsInFlight: 32,
  /**
   * Reports per SQLite transaction: one transaction per report makes a
   * journal round per report; 500 reports (~100k cell rows) keeps the
   * pending rows to a few tens of MB.
   */
  sqliteReportsPerTransaction: 500,
  /**
   * DuckDB's memory cap for the Parquet export. The tables are staged in an
   * in-memory database; beyond this DuckDB spills to a scratch folder beside
   * the target, so 100k reports (20M cell rows) export in ~1.5 GB of RSS.
   */
  duckdbMemoryLimit: '512MB',
  /** Redraw interval of the progress line on a terminal. */
  progressIntervalMs: 200,
} as const;

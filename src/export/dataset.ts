/**
 * govreport export: the report JSON files of an output folder → one dataset
 * (SQLite, Parquet or CSV). Two passes over the files, so that memory does
 * not grow with their number:
 *  1. read each JSON for the few facts that decide the reports (sha256,
 *     duplicateOf, agency, year, problem counts): which file stands for which
 *     report, copies, agency identity, versions and the preferred one,
 *     report_id order (plan.ts);
 *  2. read each report's JSON again, in report_id order, and hand its rows to
 *     the writer, which writes temporary files beside the target; they are
 *     renamed onto the target only when complete (temporary-files.ts).
 * Works from the JSON files alone: outputs of distributed workers have no ledger.
 */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readAgencyMapping } from '../agency/mapping.js';
import type { DatasetFormat } from './formats.js';
import { datasetFiles, openWriter } from './formats.js';
import type { PlannedReport, ReportFacts } from './plan.js';
import { planReports } from './plan.js';
import type { ParseJob } from './parse-pool.js';
import { ParsePool } from './parse-pool.js';
import { findReportFiles } from './report-files.js';
import { exportSettings } from './settings.js';
import { TemporaryFiles } from './temporary-files.js';
import type { DatasetWriter } from './writer.js';

/** The export cannot be made (no such folder, nothing to export): a message for people, exit 1. */
export class ExportError extends Error {}

export interface ExportOptions {
  outdir: string;
  target: string;
  format: DatasetFormat;
  /** A mapping file (CSV or JSON) that overrides agency keys, levels and regions, as `compare --agencies` (src/agency/mapping.ts). */
  agencies?: string;
  /** A file that is not a report (or a folder that cannot be listed): it is left out. */
  onSkip: (path: string, why: string) => void;
  onProgress?: (phase: 'reading' | 'writing', done: number, total: number) => void;
  /** The writer's last step has begun (indexes, Parquet files): it takes a while without a count. */
  onFinishing?: () => void;
  /** Aborting removes the temporary files at once (synchronously) and stops the export. */
  signal?: AbortSignal;
}

export interface ExportSummary {
  reports: number;
  /** Report JSON files read (each an input file of convert). */
  inputFiles: number;
  /** Input files whose bytes another input file has: inputFiles − reports. */
  duplicates: number;
  skipped: number;
  cells: number;
  problems: number;
  /** The files written. */
  files: string[];
  /** What the writer wants the person to know about the data. */
  notes: string[];
}

export async function exportDataset(options: ExportOptions): Promise<ExportSummary> {
  const { outdir } = options;
  const folder = await stat(outdir).catch(() => undefined);
  if (!folder) throw new ExportError(`${outdir}: no such folder`);
  if (!folder.isDirectory()) throw new ExportError(`${outdir}: not a folder (export reads the output folder of govreport convert)`);

  let skipped = 0;
  const skip = (path: string, why: string) => {
    skipped++;
    options.onSkip(path, why);
  };
  const files = datasetFiles(options.format, options.target);
  const overrides = options.agencies
    ? await readAgencyMapping(options.agencies).catch((error: Error) => {
        throw new ExportError(`--agencies ${options.agencies}: ${error.message}`);
      })
    : new Map();
  await checkTargets(files);
  const found = await findReportFiles(outdir);
  for (const { path, reason } of found.skipped) skip(path, reason);

  const pool = new ParsePool(exportSettings.parseWorkers);
  try {
    const facts = await readFacts(found.files.map((f) => join(outdir, f)), pool, skip, options);
    if (facts.length === 0) {
      const what = skipped > 0 ? `no report JSON among the ${skipped} files skipped` : 'no report JSON (*.json written by govreport convert)';
      throw new ExportError(`${outdir}: ${what}`);
    }
    const plan = planReports(facts, overrides);
    return { ...(await writeDataset(plan, pool, files, options)), inputFiles: facts.length, duplicates: facts.length - plan.length, skipped };
  } finally {
    await pool.close();
  }
}

/** Pass 2 into temporary files, renamed onto the target(s) when complete. */
async function writeDataset(
  plan: PlannedReport[],
  pool: ParsePool,
  files: string[],
  options: ExportOptions,
): Promise<Omit<ExportSummary, 'inputFiles' | 'duplicates' | 'skipped'>> {
  const { signal } = options;
  const temporary = new TemporaryFiles(files);
  const discard = () => temporary.discardSync();
  signal?.addEventListener('abort', discard);
  let writer: DatasetWriter | undefined;
  try {
    writer = await openWriter(options.format, temporary.paths, temporary.scratchFolder);
    const written = await writeReports(plan, pool, writer, options);
    options.onFinishing?.();
    await writer.close();
    signal?.throwIfAborted();
    await temporary.commit();
    return { reports: plan.length, ...written, files, notes: writer.notes() };
  } catch (error) {
    writer?.abort();
    discard();
    throw error;
  } finally {
    signal?.removeEventListener('abort', discard);
  }
}

/** Before the long read: the target's folder can be written and no target is a folder. */
async function checkTargets(files: string[]): Promise<void> {
  for (const file of files) {
    const folder = dirname(file);
    try {
      await mkdir(folder, { recursive: true });
      await access(folder, constants.W_OK);
    } catch (error) {
      throw new ExportError(`cannot write in ${folder}: ${(error as Error).message}`);
    }
    if ((await stat(file).catch(() => undefined))?.isDirectory()) throw new ExportError(`${file} is a folder`);
  }
}

/** Pass 1: the facts of every report JSON; the others are skipped. */
async function readFacts(
  paths: string[],
  pool: ParsePool,
  skip: (path: string, why: string) => void,
  options: ExportOptions,
): Promise<ReportFacts[]> {
  const facts: ReportFacts[] = [];
  let done = 0;
  const jobs = paths.map((path): ParseJob => ({ pass: 'facts', path }));
  for await (const { job, answer } of pool.inOrder(jobs, exportSettings.jobsInFlight)) {
    options.signal?.throwIfAborted();
    options.onProgress?.('reading', ++done, paths.length);
    if ('skip' in answer) skip(job.path, answer.skip);
    else if ('facts' in answer) facts.push(answer.facts);
  }
  return facts;
}

/** Pass 2: each report's rows to the writer, in report_id order. */
async function writeReports(
  plan: PlannedReport[],
  pool: ParsePool,
  writer: DatasetWriter,
  options: ExportOptions,
): Promise<{ cells: number; problems: number }> {
  let cells = 0;
  let problems = 0;
  let done = 0;
  const jobs = plan.map((p): ParseJob => ({ pass: 'rows', path: p.json, plan: p }));
  for await (const { job, answer } of pool.inOrder(jobs, exportSettings.jobsInFlight)) {
    options.signal?.throwIfAborted();
    if (!('rows' in answer)) {
      const why = 'skip' in answer ? answer.skip : 'no rows';
      throw new ExportError(`${job.path} changed while it was exported (${why}); run the export again`);
    }
    await writer.add(answer.rows);
    cells += answer.rows.cells.length;
    problems += answer.rows.problems.length;
    options.onProgress?.('writing', ++done, plan.length);
  }
  return { cells, problems };
}

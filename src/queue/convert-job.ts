/**
 * What a worker does with one job: check it (job-check.ts: its signature when
 * jobs are signed, its input inside the worker's --inputs, its JSON inside the
 * worker's -o), convert the input in the conversion pool, write its JSON
 * atomically, return a small summary.
 *
 * A throw makes BullMQ retry the job with backoff, so only what may pass is
 * thrown as such: a missing input or a failed write (shared storage hiccups),
 * and a conversion interrupted for a reason that is not the file's (its OCR
 * engine killed by a signal, as a service stop may do: ConversionInterrupted,
 * which writes no JSON). A job refused by the checks, or of another pipeline
 * version, fails for good (UnrecoverableError). A file the pipeline cannot
 * read is not a failure: it gets its JSON with a FILE_UNREADABLE problem, as
 * in `govreport convert`.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { reportJson, writeAtomically } from '../batch/output.js';
import type { WorkerPool } from '../batch/pool.js';
import { problemCounts } from '../model/problems.js';
import type { Report } from '../model/report.js';
import { RefusedJob, type WorkerFolders, checkJobData, placeJob } from './job-check.js';
import { type ConversionJobData, type ConversionSummary, printable } from './jobs.js';
import type { StoredJob } from './stored-job.js';

export type ConversionJob = Job<ConversionJobData, ConversionSummary, string>;

export function summaryOf(report: Report, ms: number, worker: string): ConversionSummary {
  const counts = problemCounts(report.problems);
  return {
    sha256: report.source.sha256,
    agency: report.report.agency,
    year: report.report.year,
    errors: counts.error,
    warnings: counts.warning,
    info: counts.info,
    unreadable: counts.unreadable,
    ms: Math.round(ms),
    worker,
  };
}

export interface ProcessorOptions {
  pipelineVersion: string;
  /** Name of this worker (host:pid), kept in each summary. */
  worker: string;
  /** The only folders this worker reads under and writes under. */
  folders: WorkerFolders;
  /** When set, only jobs signed with it are taken. */
  secret?: string;
}

/** The processor of a worker. */
export function conversionProcessor(pool: WorkerPool<Report>, options: ProcessorOptions) {
  return async (job: ConversionJob): Promise<ConversionSummary> => {
    // Data that is not JSON (written into Redis by hand): no retry can read it.
    const unreadable = (job as Partial<StoredJob>).unreadableData;
    if (unreadable !== undefined) throw new RefusedJob(unreadable);
    const data: unknown = job.data;
    const version = (data as Partial<ConversionJobData> | null)?.pipelineVersion;
    if (version !== options.pipelineVersion) {
      // Retrying cannot help: the job id promises a JSON made by that version.
      throw new UnrecoverableError(
        `enqueued for pipeline ${printable(version)}, this worker runs ${options.pipelineVersion}: run workers of one version, then enqueue again with --force`,
      );
    }
    checkJobData(data, options.secret);
    const placed = await placeJob(data, options.folders);
    const started = performance.now();
    const report = await pool.run(placed.read, data.file);
    await writeAtomically(placed.outdir, placed.output, reportJson(report));
    return summaryOf(report, performance.now() - started, options.worker);
  };
}

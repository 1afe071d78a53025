/**
 * What a worker does with one job: check the input is there, convert it in
 * the conversion pool, write its JSON atomically, return a small summary.
 *
 * A throw makes BullMQ retry the job with backoff, so only what may pass is
 * thrown: a missing input or a failed write (shared storage hiccups). A file
 * the pipeline cannot read is not a failure: it gets its JSON with a
 * FILE_UNREADABLE problem, as in `govreport convert`.
 */
import { stat } from 'node:fs/promises';
import { UnrecoverableError, type Job } from 'bullmq';
import { reportJson, writeAtomically } from '../batch/output.js';
import type { WorkerPool } from '../batch/pool.js';
import { problemCounts } from '../model/problems.js';
import type { Report } from '../model/report.js';
import type { ConversionJobData, ConversionSummary } from './jobs.js';

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

/**
 * The processor of a worker.
 * @param worker name of this worker (host:pid), kept in each summary
 */
export function conversionProcessor(pool: WorkerPool<Report>, pipelineVersion: string, worker: string) {
  return async (job: ConversionJob): Promise<ConversionSummary> => {
    const { path, file, outdir, output } = job.data;
    if (job.data.pipelineVersion !== pipelineVersion) {
      // Retrying cannot help: the job id promises a JSON made by that version.
      throw new UnrecoverableError(
        `enqueued for pipeline ${job.data.pipelineVersion}, this worker runs ${pipelineVersion}: run workers of one version, then enqueue again with --force`,
      );
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) throw new Error(`cannot read the input ${path}: ${info.code ?? info.message}`);
    if (!info.isFile()) throw new Error(`the input ${path} is not a file`);
    const started = performance.now();
    const report = await pool.run(path, file);
    await writeAtomically(outdir, output, reportJson(report));
    return summaryOf(report, performance.now() - started, worker);
  };
}

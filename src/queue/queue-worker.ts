/**
 * A queue worker: a BullMQ Worker whose jobs are converted in a conversion
 * pool of as many processes as it takes jobs at once. What happens to each job
 * is reported through callbacks, after BullMQ has recorded it.
 *
 * A worker that dies (SIGKILL, lost machine) stops renewing its locks; another
 * worker's stalled check then moves its jobs back to the queue, between one
 * and two lock durations later.
 */
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type PoolOptions, conversionPool } from '../batch/pool.js';
import { type ConversionJob, conversionProcessor } from './convert-job.js';
import type { WorkerFolders } from './job-check.js';
import type { ConversionJobData, ConversionSummary } from './jobs.js';
import { queueSettings } from './settings.js';
import { StoredJob } from './stored-job.js';

/**
 * BullMQ's Worker, reading jobs as StoredJob (data that is not JSON does not stall the job for ever), and
 * saying a job is completed whenever Redis has recorded it so. Redis lost just after it ran the command that
 * completes a job, before its answer came back: ioredis sends the command again once reconnected, it fails
 * (the job is no longer active, its lock gone), and BullMQ then never said "completed" for a job that is
 * (the `done` line went missing). The job's state and summary in Redis tell whether this worker finished it.
 */
class ConversionWorker extends Worker<ConversionJobData, ConversionSummary, string> {
  protected override get Job(): typeof Job {
    return StoredJob as unknown as typeof Job;
  }

  protected override async handleCompleted(
    result: ConversionSummary,
    job: Job<ConversionJobData, ConversionSummary, string>,
    token: string,
    fetchNextCallback?: () => boolean,
  ): Promise<Job<ConversionJobData, ConversionSummary, string>> {
    // Whether BullMQ said it already: what fails after that (taking the next job) is not about this one.
    let said = false;
    const saying = (done: Job) => (said ||= done === job);
    this.on('completed', saying);
    try {
      return await super.handleCompleted(result, job, token, fetchNextCallback);
    } catch (error) {
      if (said || !(await completedBy(this, job, result))) throw error;
      this.emit('completed', job, result, 'active');
      return undefined as unknown as Job<ConversionJobData, ConversionSummary, string>;
    } finally {
      this.off('completed', saying);
    }
  }
}

/** Redis says the job is completed, with the summary this worker returned (a summary names its worker and time). */
async function completedBy(worker: Worker, job: Job<ConversionJobData, ConversionSummary, string>, result: ConversionSummary): Promise<boolean> {
  try {
    const stored = await StoredJob.fromId<ConversionJobData, ConversionSummary, string>(worker as never, job.id!);
    return stored !== undefined && (await stored.getState()) === 'completed' && JSON.stringify(stored.returnvalue) === JSON.stringify(result);
  } catch {
    return false;
  }
}

export interface QueueWorkerOptions {
  /** A connected client (connection.ts); BullMQ duplicates it, the caller closes it. */
  client: Redis;
  queueName: string;
  /** Jobs converted at once, each in its own worker process. */
  concurrency: number;
  /** Lock duration, and interval of the check for jobs whose worker died. */
  lockSeconds: number;
  pool: Omit<PoolOptions, 'size'>;
  pipelineVersion: string;
  /** The only folders this worker reads under (--inputs) and writes under (-o). */
  folders: WorkerFolders;
  /** When set (GOVREPORT_QUEUE_SECRET), jobs not signed with it are refused. */
  secret?: string;
  /** Name of this worker (host:pid): shown by `status`, kept in each job's summary. */
  name: string;
  onCompleted(job: ConversionJob, summary: ConversionSummary): void;
  /** An attempt failed; `retryInMs` is null when the job has failed for good. */
  onFailed(job: ConversionJob | undefined, error: Error, retryInMs: number | null): void;
  /** A job whose worker died was put back in the queue (seen by this worker's stalled check). */
  onStalled(jobId: string): void;
  /** Redis errors and the like: the worker goes on (it reconnects). */
  onError(error: Error): void;
}

export interface QueueWorker {
  /** Jobs being converted now. */
  active(): number;
  /** Takes no new job, finishes the active ones, then closes the worker and its pool. */
  stop(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const pool = conversionPool({ ...options.pool, size: options.concurrency });
  const lockMs = options.lockSeconds * 1000;
  let active = 0;
  const convert = conversionProcessor(pool, {
    pipelineVersion: options.pipelineVersion,
    worker: options.name,
    folders: options.folders,
    secret: options.secret,
  });
  const worker = new ConversionWorker(
    options.queueName,
    async (job: ConversionJob) => {
      active++;
      try {
        return await convert(job);
      } finally {
        active--;
      }
    },
    {
      connection: options.client,
      name: options.name,
      concurrency: options.concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: queueSettings.maxStalledCount,
    },
  );
  worker.on('completed', (job, summary) => options.onCompleted(job, summary));
  worker.on('failed', (job, error) => {
    const willRetry = job !== undefined && !(error instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1);
    options.onFailed(job, error, willRetry ? (job.delay ?? 0) : null);
  });
  worker.on('stalled', (jobId) => options.onStalled(jobId));
  worker.on('error', (error) => options.onError(error));
  try {
    await worker.waitUntilReady();
  } catch (error) {
    await worker.close(true).catch(() => {});
    await pool.close();
    throw error;
  }
  return {
    active: () => active,
    async stop() {
      await worker.close();
      await pool.close();
    },
  };
}

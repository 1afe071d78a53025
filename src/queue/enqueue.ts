/**
 * Putting inputs on the queue: one job per input, in chunks, each job id
 * derived from what the job does (jobs.ts), so that enqueuing the same inputs
 * again adds nothing while their jobs exist.
 */
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Input } from '../batch/inputs.js';
import { type ConversionJobData, type ConversionSummary, conversionJobId, conversionJobName, jobSignature } from './jobs.js';
import { queueSettings } from './settings.js';

export type ConversionQueue = Queue<ConversionJobData, ConversionSummary, string>;

export interface EnqueueOptions {
  /** Subfolder of the workers' output folder the JSON go to (relative, "/" separators); none by default. */
  into?: string;
  pipelineVersion: string;
  /** When set (GOVREPORT_QUEUE_SECRET), each job is signed with it. */
  secret?: string;
  /** Replace jobs that are completed or failed (a job waiting or running is left alone). */
  force: boolean;
  attempts: number;
  /** First retry delay in ms; doubled after each attempt. */
  backoffMs: number;
  /** Jobs per Redis call. */
  chunk?: number;
  /** Called after each chunk with the number of inputs handled so far. */
  onProgress?: (handled: number) => void;
}

export interface EnqueueResult {
  /** Jobs added (including those that replaced a finished job). */
  enqueued: number;
  /** Of those, jobs that replaced a completed or failed job (--force). */
  replaced: number;
  /** Inputs whose job exists already (waiting, delayed, running, or finished without --force). */
  existing: number;
}

const posixPath = (path: string) => path.split(sep).join('/');

/**
 * The job of an input: its root (the folder given, or the folder of a file
 * given) made absolute, its path relative to that root, its JSON relative to
 * the workers' output folder (under `into` when given), signed with `secret`
 * when given.
 */
export function jobDataOf(input: Input, options: Pick<EnqueueOptions, 'into' | 'pipelineVersion' | 'secret'>): ConversionJobData {
  const root = resolve(input.root ?? dirname(input.path));
  const path = relative(root, resolve(input.path));
  if (path === '' || isAbsolute(path) || path.split(sep).includes('..')) throw new Error(`${input.path} is not under its root ${root}`);
  const output = posixPath(input.output);
  const data: ConversionJobData = {
    root,
    input: posixPath(path),
    file: input.path,
    output: options.into === undefined ? output : posix.join(options.into, output),
    pipelineVersion: options.pipelineVersion,
  };
  return options.secret === undefined ? data : { ...data, signature: jobSignature(data, options.secret) };
}

/**
 * Adds the jobs of `inputs` that do not exist yet; with `force`, also those
 * whose job is completed or failed (removed first).
 * @param client the Redis client of `queue`: existence is checked with plain
 *   EXISTS/ZSCORE in one pipeline per chunk (BullMQ's getJobState scans the
 *   wait list, which is slow with a million jobs waiting)
 */
export async function enqueueInputs(queue: ConversionQueue, client: Redis, inputs: readonly Input[], options: EnqueueOptions): Promise<EnqueueResult> {
  const chunk = options.chunk ?? queueSettings.enqueueChunk;
  const result: EnqueueResult = { enqueued: 0, replaced: 0, existing: 0 };
  const jobOptions = { attempts: options.attempts, backoff: { type: 'exponential', delay: options.backoffMs } };
  for (let start = 0; start < inputs.length; start += chunk) {
    const jobs = inputs.slice(start, start + chunk).map((input) => {
      const data = jobDataOf(input, options);
      return { data, id: conversionJobId(data) };
    });
    const found = await jobsFound(queue, client, jobs.map((job) => job.id), options.force);
    const toAdd: typeof jobs = [];
    await Promise.all(
      jobs.map(async (job, i) => {
        const state = found[i]!;
        if (state === 'none') {
          toAdd.push(job);
        } else if (state === 'finished' && (await queue.remove(job.id)) === 1) {
          toAdd.push(job);
          result.replaced++;
        } else {
          result.existing++;
        }
      }),
    );
    // Another enqueue of the same inputs running at the same time may win the race for a few ids: BullMQ then keeps its job, and ours is not added twice.
    await queue.addBulk(toAdd.map((job) => ({ name: conversionJobName, data: job.data, opts: { ...jobOptions, jobId: job.id } })));
    result.enqueued += toAdd.length;
    options.onProgress?.(Math.min(start + chunk, inputs.length));
  }
  return result;
}

/**
 * For each job id: 'none' when no such job exists; 'finished' when it is
 * completed or failed and `finished` asks for that; else 'exists'.
 * One round trip for the lot.
 */
async function jobsFound(queue: ConversionQueue, client: Redis, ids: readonly string[], finished: boolean): Promise<Array<'none' | 'finished' | 'exists'>> {
  const pipeline = client.pipeline();
  for (const id of ids) {
    pipeline.exists(queue.toKey(id));
    if (finished) pipeline.zscore(queue.keys.completed!, id).zscore(queue.keys.failed!, id);
  }
  const replies = (await pipeline.exec()) ?? [];
  const per = finished ? 3 : 1;
  return ids.map((_, i) => {
    const [exists, completed, failed] = replies.slice(i * per, i * per + per).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    if (exists === 0) return 'none';
    return finished && (completed !== null || failed !== null) ? 'finished' : 'exists';
  });
}

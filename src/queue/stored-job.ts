/**
 * Jobs as they are read back from Redis, where anyone with access may have
 * written anything. BullMQ parses a job's data with JSON.parse as it takes
 * the job: data that is not JSON threw there, before any processor ran, and
 * left the job active with nobody working on it; the stalled check then put
 * it back in the queue, and the next worker did the same, for ever (`status`
 * showed it active all along). Read through StoredJob, such a job reads as
 * empty data with `unreadableData` saying why, so the worker fails it for good
 * (convert-job.ts) and `status` can list it.
 */
import { Job, type JobJson, Queue, type QueueOptions } from 'bullmq';
import { printable } from './jobs.js';

type JobQueue = Parameters<typeof Job.fromJSON>[0];

export class StoredJob<T = unknown, R = unknown, N extends string = string> extends Job<T, R, N> {
  /** Why the job's data could not be read (it is then {}); undefined for a readable job. */
  unreadableData?: string;

  static override fromJSON<T = unknown, R = unknown, N extends string = string>(queue: JobQueue, json: JobJson, jobId?: string): Job<T, R, N> {
    try {
      return super.fromJSON<T, R, N>(queue, json, jobId);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const job = super.fromJSON<T, R, N>(queue, { ...json, data: '{}' }, jobId) as StoredJob<T, R, N>;
      job.unreadableData = `its data in Redis is not JSON (${printable(error.message.split('\n')[0])}): ${printable(json.data)}`;
      return job;
    }
  }
}

/** A Queue whose jobs are read as StoredJob. */
export class StoredJobQueue<T, R, N extends string = string> extends Queue<T, R, N> {
  constructor(name: string, options: QueueOptions) {
    super(name, options);
  }

  protected override get Job(): typeof Job {
    return StoredJob as unknown as typeof Job;
  }
}

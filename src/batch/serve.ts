/**
 * The worker side of the pool (pool.ts): a worker process answers each job
 * it is sent, one at a time, and ends when the batch that started it is gone.
 */
import { onTimeGranted } from '../work-budget.js';
import type { Job } from './pool.js';

/**
 * @param failure what a job answers when `handle` throws (it should not: the pipeline turns every
 *   failure into a report; this keeps a bug from leaving the job without an answer)
 */
export function serveJobs<T>(handle: (job: Job) => Promise<T>, failure: (job: Job, error: unknown) => T): void {
  let current: Job | undefined;
  let last: Job | undefined;
  // A library's stray rejection (pdf.js on a damaged file, after that file got its answer) would end the
  // process by Node's default, and the pool would blame the file this worker took next. Caught here, it
  // is said on stderr with the files it can belong to, and the worker goes on.
  const stray = (kind: string) => (error: unknown) => {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const during = current ? `while converting ${current.file}` : 'between files';
    process.stderr.write(`govreport worker: ${kind} ${during}${last ? ` (after ${last.file})` : ''}, caught: ${what}\n`);
  };
  process.on('unhandledRejection', stray('stray rejection'));
  process.on('uncaughtException', stray('stray exception'));
  // The reader's grants of time (work-budget.ts) go to the pool, for the job under way.
  onTimeGranted((ms) => {
    if (current) process.send?.({ id: current.id, grant: ms });
  });
  process.on('message', (job: Job) => {
    current = job;
    void handle(job)
      .catch((error: unknown) => failure(job, error))
      .then((result) => {
        if (current === job) current = undefined;
        last = job;
        process.send?.({ id: job.id, result });
      });
  });
  // The batch was killed (SIGKILL, power button): nobody will read the result, so stop now.
  process.on('disconnect', () => process.exit(0));
  // Ctrl-C and a service stop reach the whole process group. Only the batch decides what they
  // mean (stop, or finish the jobs under way); a worker dying of them would have its file
  // reported unreadable. The batch's end reaches the worker as 'disconnect' above.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  // Modules are loaded (this runs after the worker script's imports): the pool may start the clock.
  process.send?.({ ready: true });
}

/**
 * The worker side of the pool (pool.ts): a worker process answers each job
 * it is sent, one at a time, and ends when the batch that started it is gone.
 */
import { onTimeGranted } from '../work-budget.js';
import type { Job } from './pool.js';

/**
 * @param failure what a job answers when `handle` throws (it should not: the pipeline turns every
 *   failure into a report; this keeps a bug from leaving the job without an answer)
 * @param interrupted for a throw that is not the file's fault (an OCR engine killed by a signal), the
 *   reason; the job then answers no result but that reason, and the pool has it tried again
 */
export function serveJobs<T>(
  handle: (job: Job) => Promise<T>,
  failure: (job: Job, error: unknown) => T,
  interrupted: (error: unknown) => string | undefined = () => undefined,
): void {
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
      .then(
        (result) => ({ id: job.id, result }),
        (error: unknown) => {
          const reason = interrupted(error);
          return reason === undefined ? { id: job.id, result: failure(job, error) } : { id: job.id, interrupted: reason };
        },
      )
      .then((answer) => {
        if (current === job) current = undefined;
        last = job;
        process.send?.(answer);
      });
  });
  // The batch was killed (SIGKILL, power button): nobody will read the result, so stop now, with the
  // processes this worker started (tesseract), which share its process group (the pool makes it a leader).
  process.on('disconnect', () => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      // not a group leader (started otherwise than by the pool): only this process ends
    }
    process.exit(0);
  });
  // The pool starts each worker in a process group of its own, so a Ctrl-C in a terminal does not reach
  // it nor its tesseract; a service stop may still signal every process (systemd's KillMode=control-group).
  // Only the batch decides what they mean (stop, or finish the jobs under way); a worker dying of them
  // would have its file reported unreadable. The batch's end reaches the worker as 'disconnect' above.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  // Modules are loaded (this runs after the worker script's imports): the pool may start the clock.
  process.send?.({ ready: true });
}

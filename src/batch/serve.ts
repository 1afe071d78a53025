/**
 * The worker side of the pool (pool.ts): a worker process answers each job
 * it is sent, one at a time, and ends when the batch that started it is gone.
 */
import type { Job } from './pool.js';

export function serveJobs<T>(handle: (job: Job) => Promise<T>): void {
  process.on('message', (job: Job) => {
    void handle(job).then((result) => process.send?.({ id: job.id, result }));
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

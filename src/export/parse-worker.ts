/**
 * A worker thread of the parse pool: reads a report JSON and answers either
 * the facts the plan needs (pass 1) or the report's table rows (pass 2).
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { ParseAnswer, ParseJob } from './parse-pool.js';
import { parseJob } from './parse-pool.js';

parentPort!.on('message', async (job: ParseJob & { id: number }) => {
  const answer: ParseAnswer = await parseJob(job, readFile);
  parentPort!.postMessage({ id: job.id, answer });
});

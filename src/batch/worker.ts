/** A worker thread: converts the files the pool sends it, one at a time. */
import { parentPort } from 'node:worker_threads';
import { convertFile } from '../pipeline.js';
import type { Job } from './pool.js';

parentPort?.on('message', async (job: Job) => {
  const result = await convertFile(job.path, job.file);
  parentPort!.postMessage({ id: job.id, result });
});

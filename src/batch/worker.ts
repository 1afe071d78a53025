/** A worker thread: converts the files the pool sends it, one at a time. */
import { parentPort } from 'node:worker_threads';
import { convertFile } from '../pipeline.js';

export interface Job {
  id: number;
  path: string;
  file: string;
}

parentPort?.on('message', async (job: Job) => {
  const report = await convertFile(job.path, job.file);
  parentPort!.postMessage({ id: job.id, report });
});

/** A worker process: converts the files the pool sends it, one at a time. */
import { convertFile } from '../pipeline.js';
import { serveJobs } from './serve.js';

serveJobs((job) => convertFile(job.path, job.file));

/** A worker process: converts the files the pool sends it, one at a time. */
import { EngineFailure } from '../../extractors/ocr/engine.js';
import { problem } from '../model/problems.js';
import { convertFile, emptyReport } from '../pipeline.js';
import { serveJobs } from './serve.js';

serveJobs(
  (job) => convertFile(job.path, job.file),
  (job, error) => emptyReport(job.file, null, 'unknown', 'none', [problem('FILE_UNREADABLE', `The reader failed: ${error instanceof Error ? error.message : String(error)}`)]),
  (error) => (error instanceof EngineFailure ? `the OCR engine failed, not the file: ${error.message}` : undefined),
);

/** A worker process: converts the files the pool sends it, one at a time. */
import { EngineFailure } from '../../extractors/ocr/engine.js';
import { problem } from '../model/problems.js';
import { NoSuchFileError, convertFile, emptyReport } from '../pipeline.js';
import { serveJobs } from './serve.js';

const unreadable = (file: string, message: string) => emptyReport(file, null, 'unknown', 'none', [problem('FILE_UNREADABLE', message)]);

serveJobs(
  // An input that vanished (or became a folder) since it was listed: its report says so, the batch goes on.
  (job) =>
    convertFile(job.path, job.file).catch((error: unknown) => {
      if (error instanceof NoSuchFileError) return unreadable(job.file, `Cannot read the file: ${error.message}`);
      throw error;
    }),
  (job, error) => unreadable(job.file, `The reader failed: ${error instanceof Error ? error.message : String(error)}`),
  (error) => (error instanceof EngineFailure ? `the OCR engine failed, not the file: ${error.message}` : undefined),
);

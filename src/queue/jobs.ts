/**
 * What a queue job carries and what it returns: the contract between
 * `govreport enqueue` and every `govreport worker`, possibly on other machines
 * and other days, so both sides import it from here.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** BullMQ job name of a conversion. */
export const conversionJobName = 'convert';

/**
 * One input to convert. Paths are absolute: every machine mounts the shared
 * input and output storage at the same path.
 */
export interface ConversionJobData {
  /** Absolute path of the input. */
  path: string;
  /** The input as given to enqueue: source.file of the report. */
  file: string;
  /** Absolute output folder. */
  outdir: string;
  /** Path of the JSON relative to outdir. */
  output: string;
  /** Version of the pipeline that enqueued the job; a worker of another version refuses it. */
  pipelineVersion: string;
}

/** What a worker returns for a converted input; kept in Redis with the completed job. */
export interface ConversionSummary {
  sha256: string | null;
  agency: string | null;
  year: number | null;
  errors: number;
  warnings: number;
  info: number;
  /** The report says FILE_UNREADABLE: the JSON exists, but holds no data. */
  unreadable: boolean;
  /** Time to convert and write, in ms. */
  ms: number;
  /** The worker that did it (host:pid). */
  worker: string;
}

/** Absolute path of the job's JSON. */
export function jsonPathOf(data: Pick<ConversionJobData, 'outdir' | 'output'>): string {
  return join(data.outdir, data.output);
}

/**
 * The job id: the same input, to the same JSON, by the same pipeline version,
 * is the same job. BullMQ ignores an add whose id exists, so enqueuing again
 * adds nothing while the job is queued, running or kept as done.
 */
export function conversionJobId(data: Pick<ConversionJobData, 'pipelineVersion' | 'path' | 'outdir' | 'output'>): string {
  // 128 bits of sha256: no collision in any number of inputs we will see. BullMQ refuses ids that read back as an integer; 32 digits never do.
  return createHash('sha256').update(`${data.pipelineVersion}\0${data.path}\0${jsonPathOf(data)}`).digest('hex').slice(0, 32);
}

/**
 * What a queue job carries and what it returns: the contract between
 * `govreport enqueue` and every `govreport worker`, possibly on other machines
 * and other days, so both sides import it from here.
 *
 * A job names places, it does not grant access to them: its input is a path
 * relative to an input root, its JSON a path relative to the output folder.
 * Each worker reads only under the folders of its own --inputs and writes only
 * under its own -o (job-check.ts); whoever can write to the queue can ask for
 * nothing else.
 */
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { queueSettings } from './settings.js';

/** BullMQ job name of a conversion. */
export const conversionJobName = 'convert';

/** The environment variable holding the secret that signs jobs (optional). */
export const queueSecretVariable = 'GOVREPORT_QUEUE_SECRET';

export interface ConversionJobData {
  /**
   * The input root as enqueue named it, absolute: the folder given, or the
   * folder of a file given. Only a key: a worker finds the one of its own
   * --inputs folders this root is (or lies under), and never reads from the
   * job's root as such.
   */
  root: string;
  /** Path of the input relative to `root`, with "/" separators. */
  input: string;
  /** The input as given to enqueue: source.file of the report. */
  file: string;
  /** Path of the JSON relative to the worker's output folder, with "/" separators; ends in .json. */
  output: string;
  /** Version of the pipeline that enqueued the job; a worker of another version refuses it. */
  pipelineVersion: string;
  /** HMAC-SHA256 (hex) of canonicalJobJson, when enqueue ran with GOVREPORT_QUEUE_SECRET set. */
  signature?: string;
}

/** The fields of a job that its signature covers, in the order of its canonical JSON. */
export const signedFields = ['file', 'input', 'output', 'pipelineVersion', 'root'] as const;

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

/** Path of the job's JSON under an output folder. */
export function jsonPathOf(outdir: string, data: Pick<ConversionJobData, 'output'>): string {
  return join(outdir, data.output);
}

/** The signed fields as one JSON text: keys in a fixed (sorted) order, no spaces. */
export function canonicalJobJson(data: Pick<ConversionJobData, (typeof signedFields)[number]>): string {
  return JSON.stringify(Object.fromEntries(signedFields.map((key) => [key, data[key]])));
}

/** HMAC-SHA256 of the job's canonical JSON with `secret`, in hex. */
export function jobSignature(data: Pick<ConversionJobData, (typeof signedFields)[number]>, secret: string): string {
  return createHmac('sha256', secret).update(canonicalJobJson(data)).digest('hex');
}

/**
 * The job id: the same input, to the same JSON, by the same pipeline version,
 * is the same job. BullMQ ignores an add whose id exists, so enqueuing again
 * adds nothing while the job is queued, running or kept as done.
 */
export function conversionJobId(data: Pick<ConversionJobData, 'pipelineVersion' | 'root' | 'input' | 'output'>): string {
  // 128 bits of sha256: no collision in any number of inputs we will see. BullMQ refuses ids that read back as an integer; 32 digits never do.
  return createHash('sha256').update(`${data.pipelineVersion}\0${data.root}\0${data.input}\0${data.output}`).digest('hex').slice(0, 32);
}

/**
 * Text from a job (which anyone with access to Redis may have written) made safe to print: control
 * characters escaped, and cut after queueSettings.printedChars characters ("… and N more characters"),
 * so that a job field of 50 MB is not written whole to a log, a terminal or a job's failure reason.
 */
export function printable(text: unknown): string {
  const whole = String(text);
  let shown = whole.length > queueSettings.printedChars ? whole.slice(0, queueSettings.printedChars) : whole;
  // Not half of a character outside the Basic Multilingual Plane.
  if (shown.length < whole.length && /[\ud800-\udbff]$/.test(shown)) shown = shown.slice(0, -1);
  const escaped = shown.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length < whole.length ? `${escaped}… and ${whole.length - shown.length} more characters` : escaped;
}

/** How a message names a job: its file, or its id when its data holds none (a job written into Redis by hand); printable. */
export function jobLabel(job: { id?: string; data?: unknown }): string {
  const file = (job.data as Partial<ConversionJobData> | null | undefined)?.file;
  return typeof file === 'string' ? printable(file) : `job ${printable(job.id)}`;
}

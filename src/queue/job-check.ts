/**
 * A worker's checks of a job before it touches anything: the job comes from
 * Redis, and whoever can write there could otherwise make the worker read any
 * file and write or overwrite any file.
 *
 * A worker reads only inside the real paths of the folders it was started
 * with (--inputs) and writes only inside the real path of its output folder
 * (-o). Every path of a job is resolved (symbolic links included) and checked
 * before use; a job that fails a check is refused for good
 * (UnrecoverableError: retrying cannot change the answer) with a reason that
 * names what was refused, and nothing has been read or written. Only a missing
 * input is an ordinary, retried failure (shared storage can hiccup).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { insideOutput } from '../batch/output.js';
import { type ConversionJobData, canonicalJobJson, printable, signedFields } from './jobs.js';

/** A folder a worker may read: as given (made absolute) and its real path. */
export interface InputRoot {
  given: string;
  real: string;
}

/** The folders a worker was started with, resolved once at start-up. */
export interface WorkerFolders {
  inputs: InputRoot[];
  /** Output folder as given (made absolute). */
  outdir: string;
  /** Its real path: every JSON is written under it. */
  outdirReal: string;
}

/** A job refused by the checks: failed for good, nothing read or written. */
export class RefusedJob extends UnrecoverableError {
  constructor(reason: string) {
    super(`refused: ${reason}`);
    // BullMQ also recognises an unrecoverable error by this name.
    this.name = 'UnrecoverableError';
  }
}

/** Where a checked job reads and writes. */
export interface PlacedJob {
  /** Real path of the input, inside the real path of one of the worker's --inputs. */
  read: string;
  /** Output folder to write under (its real path). */
  outdir: string;
  /** The JSON relative to `outdir`, proven inside it. */
  output: string;
}

const allowedFields = new Set<string>([...signedFields, 'signature']);

/** A path or name from a job, quoted and escaped for a message. */
const q = (text: string) => printable(JSON.stringify(text));

const isWithin = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * The job's fields are exactly those of ConversionJobData, as text, without
 * NUL; with a secret, its signature matches. Throws RefusedJob.
 */
export function checkJobData(data: unknown, secret: string | undefined): asserts data is ConversionJobData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new RefusedJob('the job data is not an object');
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !allowedFields.has(key));
  if (unknown.length > 0) {
    throw new RefusedJob(`the job carries fields a govreport job does not have (${unknown.map(q).join(', ')}): it was not made by this version of govreport enqueue`);
  }
  for (const key of signedFields) {
    const value = record[key];
    if (typeof value !== 'string' || value === '') throw new RefusedJob(`the job's "${key}" is missing or not text`);
    if (value.includes('\0')) throw new RefusedJob(`the job's "${key}" contains a NUL character`);
  }
  if (record.signature !== undefined && typeof record.signature !== 'string') throw new RefusedJob('the job\'s "signature" is not text');
  if (secret === undefined) return;
  const signature = record.signature as string | undefined;
  if (signature === undefined) throw new RefusedJob('the job is not signed, and this worker takes only signed jobs (GOVREPORT_QUEUE_SECRET is set)');
  const expected = createHmac('sha256', secret).update(canonicalJobJson(record as unknown as ConversionJobData)).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RefusedJob('the job\'s signature does not match its contents (forged or altered, or signed with another secret)');
  }
}

/** Which of the worker's --inputs folders a job root is, or lies under (the longest match): the key, relative to it. */
function rootOf(folders: WorkerFolders, root: string): { folder: InputRoot; within: string } | undefined {
  let best: { folder: InputRoot; within: string; length: number } | undefined;
  for (const folder of folders.inputs) {
    for (const key of [folder.given, folder.real]) {
      if (isWithin(root, key) && (best === undefined || key.length > best.length)) best = { folder, within: relative(key, root), length: key.length };
    }
  }
  return best;
}

/**
 * Checks where a job (checkJobData passed) reads and writes, resolving every
 * path: throws RefusedJob for whatever leads outside the worker's folders,
 * a plain Error (retried) when the input is missing or not a file.
 */
export async function placeJob(data: ConversionJobData, folders: WorkerFolders): Promise<PlacedJob> {
  const { root, input, output } = data;

  // The input root: a key to one of this worker's folders.
  if (!isAbsolute(root) || resolve(root) !== root) throw new RefusedJob(`the input root ${q(root)} is not an absolute, normalized path`);
  const found = rootOf(folders, root);
  if (!found) {
    throw new RefusedJob(`the input root ${q(root)} is not one of this worker's --inputs folders (${folders.inputs.map((f) => f.given).join(', ')})`);
  }

  // The input: relative to the root, and staying under it.
  if (isAbsolute(input) || /^[a-zA-Z]:/.test(input)) throw new RefusedJob(`the input ${q(input)} is an absolute path; a job names its input relative to its root`);
  if (input.split(/[/\\]/).includes('..')) throw new RefusedJob(`the input ${q(input)} leads out of its root ${q(root)} ("..")`);

  // The output: relative, a .json file, inside the output folder (insideOutput).
  if (!/[^/]\.json$/.test(output)) throw new RefusedJob(`the output ${q(output)} is not a .json file`);
  let target: string;
  try {
    target = insideOutput(folders.outdirReal, output);
  } catch {
    throw new RefusedJob(`the output ${q(output)} leads outside the output folder ${folders.outdir}`);
  }
  // No link in the part of the output path that exists leads out of the folder (mkdir and rename would follow it).
  const outParent = await existingRealPath(dirname(target));
  if (!isWithin(outParent, folders.outdirReal)) throw new RefusedJob(`the output ${q(output)} leads out of the output folder ${folders.outdir} through a link`);

  // The input's real path: inside the real path of the worker's folder (a link out is refused).
  const lexical = join(found.folder.real, found.within, ...input.split('/'));
  const shown = `${root}/${input}`;
  let read: string;
  try {
    read = await realpath(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`cannot read the input ${printable(shown)}: ${code}`);
  }
  if (!isWithin(read, found.folder.real)) {
    throw new RefusedJob(`the input ${q(input)} leads out of the input folder ${found.folder.given} through a link`);
  }
  const info = await stat(read).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) throw new Error(`cannot read the input ${printable(shown)}: ${info.code ?? info.message}`);
  if (!info.isFile()) throw new Error(`the input ${printable(shown)} is not a file`);
  return { read, outdir: folders.outdirReal, output };
}

/** The real path of `path`, or of its nearest ancestor that exists. */
async function existingRealPath(path: string): Promise<string> {
  for (let at = path; ; at = dirname(at)) {
    try {
      return await realpath(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
    }
  }
}

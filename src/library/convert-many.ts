/**
 * convertMany: the CLI's `convert` as an async iterator. Same inputs (files,
 * and folders walked the same way), same worker pool, ledger, output layout
 * and options (runBatch); each input's result is yielded as it finishes.
 * A result waits for its reader: its input's place in the pool stays taken
 * until the loop asks for it, so a slow consumer slows the batch instead of
 * piling up reports in memory (at most one waiting result per worker). Leaving the loop early (break, throw)
 * stops taking inputs, lets the files under way finish (JSON written,
 * ledger row done) and closes the workers before the loop statement ends.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { collectInputs } from '../batch/inputs.js';
import { readOwnJson } from '../batch/json-text.js';
import { type BatchItem, runBatch } from '../batch/run.js';
import type { Report } from '../model/report.js';
import { limits } from '../settings.js';
import { version } from '../version.js';

export interface ConvertManyOptions {
  /** Output folder: one JSON per input (as `govreport convert -o`), and the run ledger govreport-ledger.sqlite. */
  outdir: string;
  /** Files converted at once, each in its own worker process (default: CPU cores). */
  concurrency?: number;
  /** Convert again the inputs the ledger says are done (default false: they are yielded from their JSON). */
  force?: boolean;
  /** A file taking longer is given up with FILE_UNREADABLE (default as the CLI, 900 s). */
  timeoutMs?: number;
  /** Memory cap of each worker in MB (default as the CLI). */
  memoryMb?: number;
  /** Replace a worker after this many files, 0 never (default as the CLI). */
  recycleAfter?: number;
}

export interface ConvertResult {
  /** The input path, as found (a folder given: the path under it). */
  file: string;
  /** Where its JSON is: `<outdir>/<path relative to the folder given>.json`. */
  json: string;
  /**
   * converted: in this run; duplicate: same bytes as another input, given its report;
   * alreadyDone: by an earlier run (report read from its JSON); writeFailed: the JSON could not be written (`error` says why).
   */
  status: BatchItem['status'];
  report: Report;
  error?: string;
}

/** Converts every file given and every report file under the folders given; yields one result per input. */
export async function* convertMany(paths: string | string[], options: ConvertManyOptions): AsyncGenerator<ConvertResult, void, undefined> {
  const { inputs, missing, skipped } = await collectInputs(typeof paths === 'string' ? [paths] : paths);
  if (missing.length > 0) throw new Error(`no such file or folder: ${missing.join(', ')}`);

  const ready: Array<{ item: BatchItem; taken: () => void }> = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const stop = new AbortController();
  const batch = runBatch(inputs, {
    outdir: options.outdir,
    concurrency: options.concurrency ?? Math.max(1, cpus().length),
    force: options.force ?? false,
    timeoutMs: options.timeoutMs ?? limits.fileTimeoutMs,
    memoryMb: options.memoryMb ?? limits.workerMemoryMb,
    recycleAfter: options.recycleAfter ?? limits.workerRecycleAfter,
    skipped,
    pipelineVersion: version,
    command: 'library convertMany',
    signal: stop.signal,
    // Once the consumer has left, files still under way finish without waiting for it.
    onResult: (item) =>
      stop.signal.aborted
        ? undefined
        : new Promise<void>((taken) => {
            ready.push({ item, taken });
            wake?.();
          }),
  }).then(
    () => undefined,
    (error: unknown) => {
      failure = error;
    },
  );
  void batch.finally(() => {
    finished = true;
    wake?.();
  });

  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        const result = await resultOf(next.item, options.outdir);
        next.taken();
        yield result;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (failure !== undefined) throw failure;
  } finally {
    stop.abort();
    for (const waiting of ready.splice(0)) waiting.taken();
    await batch;
  }
}

/** The JSON an earlier run wrote; what is wrong with it is said without quoting it (batch/json-text.ts). */
async function readDoneReport(outdir: string, output: string): Promise<Report> {
  const parsed = await readOwnJson(outdir, output);
  if ('failure' in parsed) throw new Error(`${join(outdir, output)}: ${parsed.failure}; convert it again with force: true`);
  return parsed.json as Report;
}

async function resultOf(item: BatchItem, outdir: string): Promise<ConvertResult> {
  const json = join(outdir, item.input.output);
  const report = item.report ?? (await readDoneReport(outdir, item.input.output));
  return {
    file: item.input.path,
    json,
    status: item.status,
    report,
    ...(item.status === 'writeFailed' ? { error: `cannot write ${json}` } : {}),
  };
}

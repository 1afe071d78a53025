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
import { LedgerBusyError } from '../batch/ledger.js';
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
  /** A file using more CPU time (its worker's and its tesseract's) is given up with FILE_UNREADABLE (default as the CLI, 900 s). */
  timeoutMs?: number;
  /** Memory cap of each worker in MB (default as the CLI). */
  memoryMb?: number;
  /** Replace a worker after this many files, 0 never (default as the CLI). */
  recycleAfter?: number;
}

interface ResultOf {
  /** The input path, as found (a folder given: the path under it). */
  file: string;
  /** Where its JSON is: `<outdir>/<path relative to the folder given>.json`. */
  json: string;
}

/**
 * converted: in this run; duplicate: same bytes as another input, given its report;
 * alreadyDone: by an earlier run (report read from its JSON; a JSON that is missing, broken or not a report is converted again); writeFailed: the JSON could not be written (`error` says why);
 * interrupted: not converted for a reason that is not the file's (its OCR engine was killed; `error` says why):
 * no report and no JSON, and the next run converts it.
 */
export type ConvertResult =
  | (ResultOf & { status: Exclude<BatchItem['status'], 'interrupted'>; report: Report; error?: string })
  | (ResultOf & { status: 'interrupted'; report?: undefined; error: string });

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
    readDone: true,
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
        next.taken();
        yield resultOf(next.item, options.outdir);
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    // A second run on this folder, in this process or another, is refused as the CLI refuses it.
    if (failure instanceof LedgerBusyError) throw new Error(`${options.outdir}: ${failure.message}`);
    if (failure !== undefined) throw failure;
  } finally {
    stop.abort();
    for (const waiting of ready.splice(0)) waiting.taken();
    await batch;
  }
}

function resultOf(item: BatchItem, outdir: string): ConvertResult {
  const json = join(outdir, item.input.output);
  if (item.status === 'interrupted') return { file: item.input.path, json, status: 'interrupted', error: item.reason! };
  return {
    file: item.input.path,
    json,
    status: item.status,
    // Every item has its report: the batch reads back those done earlier (readDone).
    report: item.report!,
    ...(item.status === 'writeFailed' ? { error: `cannot write ${json}` } : {}),
  };
}

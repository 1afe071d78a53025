/**
 * A batch on one machine: every input converted once into its JSON, recorded
 * in the run ledger, resumable after a crash at any moment.
 *
 * For each input, in this order:
 * 1. unchanged (size, mtime), done by this pipeline version, JSON present → skipped;
 * 2. same bytes (sha256) as an input converted already → its report, marked duplicate;
 * 3. otherwise converted in the worker pool; the JSON is written atomically and
 *    only then the ledger row says "done".
 * Files under the folders given that are not inputs are recorded as skipped, with their reason.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import type { Report } from '../model/report.js';
import type { Input, SkippedFile } from './inputs.js';
import { type FolderState, type InputFacts, Ledger, type LedgerRow, isAlive, ledgerFileName } from './ledger.js';
import { fileSha256 } from './file-hash.js';
import { removeStaleScratch, reportJson, writeAtomically } from './output.js';
import { type PoolOptions, conversionPool, isAbandoned } from './pool.js';
import { type Tally, count, newTally } from './progress.js';
import { type ComparedVersions, compareVersions } from './versions.js';

export interface BatchOptions extends Omit<PoolOptions, 'size'> {
  outdir: string;
  concurrency: number;
  /** Convert again inputs the ledger says are done. */
  force?: boolean;
  pipelineVersion: string;
  /** The command line, kept in the ledger's runs table. */
  command?: string;
  /** Files found under the folders given but not converted, recorded in the ledger's skipped table. */
  skipped?: SkippedFile[];
  /** Called once the run holds the output folder (another run does not), before any input. */
  onRunStart?: () => void;
  /** Called when an input goes to a worker (the progress line's ETA counts it as under way). */
  onStart?: (input: Input) => void;
  /** Called after each input, with what became of it. */
  onProgress?: (tally: Tally, item: BatchItem) => void;
  /** Called after each input with what became of it; the input's place in the pool is held until it settles (the library's convertMany waits for its reader). */
  onResult?: (item: BatchItem) => void | Promise<void>;
  /** Stops taking inputs: the files under way finish (JSON and ledger row), the rest wait for the next run. */
  signal?: AbortSignal;
}

/** What became of one input: converted, a copy of an identical input, done by an earlier run, or its JSON could not be written. */
export interface BatchItem {
  input: Input;
  status: 'converted' | 'duplicate' | 'alreadyDone' | 'writeFailed';
  /** The report, except for inputs done by an earlier run (their JSON is at input.output under the outdir). */
  report?: Report;
  /** Seconds a worker spent converting it (converted, writeFailed after a conversion). */
  seconds?: number;
}

export interface BatchResult {
  tally: Tally;
  ledgerFile: string;
  /** Inputs whose JSON could not be written (disk full, permissions): not marked done, so the next run retries them. */
  writeFailures: { file: string; message: string }[];
  /** Reports in more than one version, with whether their values agree. */
  versionGroups: ComparedVersions[];
  /** The whole output folder, earlier runs included: what a resumed run has to say. */
  folder: FolderState;
  workersReplaced: { lost: number; recycled: number };
  /** Conversions given up in this run (timeout, memory cap, crash): their JSON says so, and the next run tries them once more. */
  abandoned: { file: string; reason: string }[];
}


async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The run itself failed (the ledger's disk is full, say): what was done stays done, and the tally says how far it got. */
export class BatchStopped extends Error {
  constructor(
    reason: unknown,
    readonly tally: Tally,
    readonly ledgerFile: string,
  ) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

export async function runBatch(inputs: Input[], options: BatchOptions): Promise<BatchResult> {
  const { outdir, concurrency, force = false } = options;
  const ledgerFile = join(outdir, ledgerFileName);
  let ledger: Ledger;
  try {
    await mkdir(outdir, { recursive: true });
    ledger = new Ledger(ledgerFile, options.pipelineVersion);
  } catch (error) {
    // SQLite says 「unable to open database file」: which file, and why it could be, is what helps.
    throw new Error(`cannot open the run ledger ${ledgerFile} (is the output folder writable?): ${(error as Error).message}`);
  }
  try {
    const run = ledger.startRun(options.command ?? 'convert');
    options.onRunStart?.();
    ledger.recordSkipped((options.skipped ?? []).map((s) => ({ path: resolve(s.path), file: s.path, reason: s.reason })));
    await removeStaleScratch(outdir, isAlive);
    const tally = newTally();
    const writeFailures: BatchResult['writeFailures'] = [];
    const given: BatchResult['abandoned'] = [];
    const pool = conversionPool({ ...options, size: Math.min(concurrency, Math.max(1, inputs.length)) });
    /** Conversions under way, by sha256: an identical input waits for its twin instead of converting again. */
    const inflight = new Map<string, Promise<void>>();

    const isDone = async (facts: InputFacts): Promise<boolean> => {
      const row = ledger.get(facts.path);
      return (
        row !== undefined &&
        (row.status === 'done' || row.status === 'duplicate') &&
        row.outcome !== null &&
        // Given up last time (timeout, memory cap, crash): tried once more, then its JSON stands.
        !(row.abandoned === 1 && row.conversions < 2) &&
        row.pipeline_version === options.pipelineVersion &&
        row.size === facts.size &&
        row.mtime_ms === facts.mtimeMs &&
        row.output === facts.output &&
        (await exists(join(outdir, row.output)))
      );
    };

    const copyOf = async (original: LedgerRow, facts: InputFacts): Promise<Report | undefined> => {
      try {
        const report = JSON.parse(await readFile(join(outdir, original.output), 'utf8')) as Report;
        return { ...report, source: { ...report.source, file: facts.file, duplicateOf: original.file } };
      } catch {
        return undefined; // the original's JSON is gone: convert this one instead
      }
    };

    const save = async (facts: InputFacts, report: Report): Promise<boolean> => {
      try {
        await writeAtomically(outdir, facts.output, reportJson(report));
        return true;
      } catch (error) {
        writeFailures.push({ file: facts.file, message: (error as Error).message });
        return false;
      }
    };

    const one = async (input: Input): Promise<BatchItem> => {
      const info = await stat(input.path).catch(() => undefined);
      const facts: InputFacts = {
        path: resolve(input.path),
        file: input.path,
        output: input.output,
        size: info?.size ?? -1,
        mtimeMs: info?.mtimeMs ?? -1,
        sha256: null,
      };
      if (!force && (await isDone(facts))) {
        tally.files++;
        tally.skipped++;
        return { input, status: 'alreadyDone' };
      }
      facts.sha256 = await fileSha256(input.path);
      if (facts.sha256 !== null) {
        while (inflight.has(facts.sha256)) await inflight.get(facts.sha256);
        const original = ledger.original(facts.sha256, force ? run : 0);
        if (original && original.path !== facts.path) {
          const copy = await copyOf(original, facts);
          if (copy) {
            if (!(await save(facts, copy))) return { input, status: 'writeFailed', report: copy };
            ledger.markDuplicate(facts, original);
            count(tally, copy, 'duplicates');
            return { input, status: 'duplicate', report: copy };
          }
        }
      }
      let finished = () => {};
      if (facts.sha256 !== null) inflight.set(facts.sha256, new Promise<void>((r) => (finished = r)));
      try {
        ledger.markRunning(facts);
        options.onStart?.(input);
        const started = performance.now();
        const report = await pool.run(input.path, input.path);
        const seconds = (performance.now() - started) / 1000;
        const abandoned = isAbandoned(report);
        // A JSON that could not be written is not converted: listed as a write failure, retried next run.
        if (!(await save(facts, report))) return { input, status: 'writeFailed', report, seconds };
        ledger.markDone(facts, report, seconds * 1000, abandoned);
        if (abandoned) given.push({ file: input.path, reason: report.problems[0]!.message });
        count(tally, report, 'converted', abandoned);
        return { input, status: 'converted', report, seconds };
      } finally {
        if (facts.sha256 !== null) inflight.delete(facts.sha256);
        finished();
      }
    };

    const queue = new PQueue({ concurrency });
    // A failure of the run itself (the ledger's disk is full, say) stops the feeding; what is done stays done.
    let fatal: unknown;
    try {
      // Fed a few at a time, so that a million inputs do not become a million pending promises.
      for (const input of inputs) {
        if (fatal !== undefined || options.signal?.aborted) break;
        await queue.onSizeLessThan(concurrency * 4);
        queue
          .add(async () => {
            if (options.signal?.aborted) return;
            const item = await one(input);
            options.onProgress?.(tally, item);
            await options.onResult?.(item);
          })
          .catch((error: unknown) => {
            fatal ??= error;
          });
      }
      await queue.onIdle();
    } finally {
      await pool.close();
    }
    if (fatal !== undefined) throw new BatchStopped(fatal, tally, ledgerFile);
    ledger.finishRun();
    const versionGroups: ComparedVersions[] = [];
    for (const group of ledger.versionGroups()) versionGroups.push(await compareVersions(outdir, group));
    return { tally, ledgerFile, writeFailures, versionGroups, folder: ledger.folderState(), workersReplaced: pool.replaced, abandoned: given };
  } finally {
    ledger.close();
  }
}

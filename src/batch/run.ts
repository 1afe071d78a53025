/**
 * A batch on one machine: every input converted once into its JSON, recorded
 * in the run ledger, resumable after a crash at any moment.
 *
 * For each input, in this order:
 * 1. unchanged (size, mtime), done by this pipeline version, its JSON as that run wrote it
 *    (size, mtime; or, where the ledger did not record them or the reports are wanted
 *    (readDone), a JSON that parses as a valid report) → skipped; a JSON that is missing,
 *    was changed, does not parse or is not a report is converted again;
 * 2. same bytes (sha256) as an input converted already → its report, marked duplicate;
 * 3. otherwise converted in the worker pool; the JSON is written atomically and
 *    only then the ledger row says "done". A conversion interrupted for a reason
 *    that is not the file's (its OCR engine was killed) writes nothing and stays
 *    not done: the next run converts it.
 * Files under the folders given that are not inputs are recorded as skipped, with their reason.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import type { Report } from '../model/report.js';
import type { Input, SkippedFile } from './inputs.js';
import { type FolderState, type InputFacts, Ledger, type LedgerRow, type WrittenJson, isAlive, ledgerFileName } from './ledger.js';
import { fileSha256 } from './file-hash.js';
import { isOwnFile } from './json-text.js';
import { insideOutput, readReportJson, removeStaleScratch, reportJson, writeAtomically } from './output.js';
import { ConversionInterrupted, type PoolOptions, conversionPool, isAbandoned } from './pool.js';
import { type Tally, count, newTally } from './progress.js';
import { type ComparedVersions, compareVersions } from './versions.js';

export interface BatchOptions extends Omit<PoolOptions, 'size'> {
  outdir: string;
  concurrency: number;
  /** Convert again inputs the ledger says are done. */
  force?: boolean;
  /** Read back the report of each input done by an earlier run (the library yields it); otherwise its JSON is only checked against the ledger. */
  readDone?: boolean;
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

/**
 * What became of one input: converted, a copy of an identical input, done by an earlier run, its JSON could
 * not be written, or its conversion was interrupted for a reason that is not the file's (no report, no JSON).
 */
export interface BatchItem {
  input: Input;
  status: 'converted' | 'duplicate' | 'alreadyDone' | 'writeFailed' | 'interrupted';
  /** The report; for inputs done by an earlier run only with readDone (read back from their JSON at input.output under the outdir); none for interrupted ones. */
  report?: Report;
  /** Why an interrupted conversion was (e.g. "the OCR engine failed, not the file: tesseract was killed by SIGINT"). */
  reason?: string;
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
  /** Conversions interrupted for a reason that is not the file's (its OCR engine was killed): no JSON, not done; the next run converts them. */
  interrupted: { file: string; reason: string }[];
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
    const interrupted: BatchResult['interrupted'] = [];
    const pool = conversionPool({ ...options, size: Math.min(concurrency, Math.max(1, inputs.length)) });
    /** Conversions under way, by sha256: an identical input waits for its twin instead of converting again. */
    const inflight = new Map<string, Promise<void>>();

    /** An input done by an earlier run: true, or its report with readDone; undefined when it must be converted (again). */
    const doneBefore = async (facts: InputFacts): Promise<Report | true | undefined> => {
      const row = ledger.get(facts.path);
      const done =
        row !== undefined &&
        (row.status === 'done' || row.status === 'duplicate') &&
        row.outcome !== null &&
        // Given up last time (timeout, memory cap, crash): tried once more, then its JSON stands.
        !(row.abandoned === 1 && row.conversions < 2) &&
        row.pipeline_version === options.pipelineVersion &&
        row.size === facts.size &&
        row.mtime_ms === facts.mtimeMs &&
        row.output === facts.output;
      if (!done) return undefined;
      // A JSON that is gone, cut short or not a report is not done, whatever the ledger says.
      if (options.readDone || row.json_size === null || row.json_mtime_ms === null) return readReportJson(outdir, row.output);
      // As that run wrote it (a stat, not a parse: a resumed run skips thousands of files a second),
      // and still the batch's own file (not a link put in its place).
      if (!(await isOwnFile(outdir, row.output))) return undefined;
      const json = await stat(insideOutput(outdir, row.output)).catch(() => undefined);
      return json?.isFile() && json.size === row.json_size && json.mtimeMs === row.json_mtime_ms ? true : undefined;
    };

    const copyOf = async (original: LedgerRow, facts: InputFacts): Promise<Report | undefined> => {
      const report = await readReportJson(outdir, original.output);
      // The original's JSON is gone or broken: convert this one instead.
      return report && { ...report, source: { ...report.source, file: facts.file, duplicateOf: original.file } };
    };

    /** Writes the report's JSON; undefined when it could not be written. */
    const save = async (facts: InputFacts, report: Report): Promise<WrittenJson | undefined> => {
      try {
        await writeAtomically(outdir, facts.output, reportJson(report));
        const written = await stat(insideOutput(outdir, facts.output));
        return { size: written.size, mtimeMs: written.mtimeMs };
      } catch (error) {
        writeFailures.push({ file: facts.file, message: (error as Error).message });
        return undefined;
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
      const done = force ? undefined : await doneBefore(facts);
      if (done) {
        tally.files++;
        tally.skipped++;
        return { input, status: 'alreadyDone', ...(done === true ? {} : { report: done }) };
      }
      facts.sha256 = await fileSha256(input.path);
      if (facts.sha256 !== null) {
        while (inflight.has(facts.sha256)) await inflight.get(facts.sha256);
        const original = ledger.original(facts.sha256, force ? run : 0);
        if (original && original.path !== facts.path) {
          const copy = await copyOf(original, facts);
          if (copy) {
            const written = await save(facts, copy);
            if (!written) return { input, status: 'writeFailed', report: copy };
            ledger.markDuplicate(facts, original, written);
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
        let report: Report;
        try {
          report = await pool.run(input.path, input.path);
        } catch (error) {
          if (!(error instanceof ConversionInterrupted)) throw error;
          // Its ledger row stays "running", which no run takes for done.
          interrupted.push({ file: input.path, reason: error.message });
          return { input, status: 'interrupted', reason: error.message };
        }
        const seconds = (performance.now() - started) / 1000;
        const abandoned = isAbandoned(report);
        // A JSON that could not be written is not converted: listed as a write failure, retried next run.
        const written = await save(facts, report);
        if (!written) return { input, status: 'writeFailed', report, seconds };
        ledger.markDone(facts, report, seconds * 1000, abandoned, written);
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
    return { tally, ledgerFile, writeFailures, versionGroups, folder: ledger.folderState(), workersReplaced: pool.replaced, abandoned: given, interrupted };
  } finally {
    ledger.close();
  }
}

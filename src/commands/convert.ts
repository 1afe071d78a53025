/** govreport convert: a batch on this machine, recorded in the ledger and resumable. */
import { cpus } from 'node:os';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { collectInputs, skippedLines } from '../batch/inputs.js';
import { LedgerBusyError, outcomeOf } from '../batch/ledger.js';
import { type PlannedInput, costKind } from '../batch/estimate.js';
import type { Input } from '../batch/inputs.js';
import { ProgressLine, type Tally, folderSummaryLine, newTally, summaryLine } from '../batch/progress.js';
import { isAbandoned } from '../batch/pool.js';
import { BatchStopped, runBatch } from '../batch/run.js';
import { versionLines } from '../batch/versions.js';
import { append } from '../arrays.js';
import { limits } from '../settings.js';
import { version } from '../version.js';
import { type Command, UsageError, exitOnSignal, nonNegativeInt, positiveInt } from './args.js';

const usage = `Usage: govreport convert <file-or-folder>... [-o <outdir>] [options]

Converts every report file given, and every .html/.htm/.shtml, .pdf,
.docx/.docm, .doc/.wps, .png/.jpg/.jpeg and .txt/.md/.markdown file found in
the folders given (recursively), into one JSON per input at
<outdir>/<path relative to the folder given>.json (a file given directly:
<outdir>/<file name>.json). The content decides the reader (a .doc that is
really DOCX is read as DOCX). Links to files inside a folder are followed;
every other file under it (other formats, Office lock files ~$…, link loops,
broken links, links out of the folder) is listed at the end as skipped, with
its reason, and recorded in the ledger's table skipped. Scanned pages are
read by OCR when tesseract is installed (GOVREPORT_OCR=off turns it off); a
file that cannot be read gets a JSON with a FILE_UNREADABLE problem. A file
whose OCR engine failed (tesseract killed by a signal, or unable to run) gets
no JSON and stays not done, for the next run; the exit status is then 1.

Every input is recorded in the run ledger <outdir>/govreport-ledger.sqlite.
Running the same command again (after a crash, a kill or Ctrl-C) skips the
inputs already done by this version and converts the rest. Files with the
same bytes are converted once: the others get that report, with
source.duplicateOf naming the file converted.

Exit status: 0 every input got its JSON; 1 the run failed (a path given does
not exist: then nothing is converted; a JSON could not be written); 2 wrong
usage; 3 nothing to convert (no report file in the paths given: an empty or
unmounted folder); 130 stopped by Ctrl-C, 143 by SIGTERM (inputs done stay
done: run the same command again).

Options:
  -o, --out <dir>          output folder (default: output)
  -c, --concurrency <N>    files converted at once, each in its own worker
                           process (default: number of CPU cores)
  --force                  convert again the inputs the ledger says are done
  --timeout <S>            seconds of CPU time (the worker's and its
                           tesseract's, not the clock: a busy machine makes no
                           file fail) after which a file is abandoned with
                           FILE_UNREADABLE (default: ${limits.fileTimeoutMs / 1000}); before that,
                           work that stops making progress is abandoned after
                           what its kind is granted (60 s to open a file, 30 s
                           a PDF page, 120 s an OCR page, in CPU time), and a
                           worker that uses no CPU for ${limits.workerStallMs / 1000} s (README)
  --max-memory <MB>        memory cap of each worker process (heap and native);
                           a file that needs more gets FILE_UNREADABLE
                           (default: ${limits.workerMemoryMb})
  --recycle-after <N>      replace a worker after N files, 0 never
                           (default: ${limits.workerRecycleAfter})
  -h, --help               this text
`;

/** Each input's kind and size, for the ETA (a scan-sized PDF predicts more work than a small one); a few hundred stats at a time. */
async function plannedInputs(inputs: Input[]): Promise<PlannedInput[]> {
  const planned: PlannedInput[] = [];
  for (let i = 0; i < inputs.length; i += 256) {
    const chunk = inputs.slice(i, i + 256);
    const sizes = await Promise.all(chunk.map((input) => stat(input.path).then((s) => s.size, () => -1)));
    chunk.forEach((input, k) => planned.push({ id: input.path, kind: costKind(input.path), bytes: sizes[k]! }));
  }
  return planned;
}

/** Exit status when the paths given hold no report file at all (an empty or unmounted folder): not a success. */
export const nothingToConvert = 3;

/** A heading and at most 20 lines of `items`, the rest counted. */
function fileLines(items: string[], heading: (n: number) => string): string[] {
  if (items.length === 0) return [];
  const more = items.length > 20 ? [`  … and ${items.length - 20} more`] : [];
  return [heading(items.length), ...items.slice(0, 20).map((i) => `  ${i}`), ...more];
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o', default: 'output' },
      concurrency: { type: 'string', short: 'c' },
      timeout: { type: 'string' },
      force: { type: 'boolean', default: false },
      'max-memory': { type: 'string' },
      'recycle-after': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('convert needs at least one file or folder');
  const concurrency = positiveInt(values.concurrency, '--concurrency', Math.max(1, cpus().length));
  const timeoutMs = positiveInt(values.timeout, '--timeout', limits.fileTimeoutMs / 1000) * 1000;
  const memoryMb = positiveInt(values['max-memory'], '--max-memory', limits.workerMemoryMb);
  const recycleAfter = nonNegativeInt(values['recycle-after'], '--recycle-after', limits.workerRecycleAfter);
  const outdir = values.out!;

  const { inputs, missing, skipped } = await collectInputs(positionals);
  // A mistyped or unmounted path: nothing is converted and no output folder or ledger is made, before the rest would hide it.
  if (missing.length > 0) throw new Error(`${missing.map((m) => `${m}: no such file or folder`).join('; ')}. Nothing was converted.`);
  if (inputs.length === 0) {
    process.stdout.write([...skippedLines(skipped), ''].join('\n'));
    process.stderr.write(`govreport: nothing to convert: no report file in ${positionals.join(', ')}${skipped.length > 0 ? ' (the files skipped are listed above)' : ' (empty)'}.\n`);
    return nothingToConvert;
  }
  const started = Date.now();
  const planned = await plannedInputs(inputs);
  const progress = new ProgressLine(planned, Math.min(concurrency, Math.max(1, inputs.length)));
  let tally: Tally = newTally();
  // Ctrl-C or a kill: what is done is in the ledger; say how far it got and how to go on.
  const stopped = () => {
    progress.done();
    return (
      `stopped: ${tally.files} of ${inputs.length} inputs done, ${inputs.length - tally.files} left (those under way included). ` +
      'Run the same command again to resume; inputs already done are skipped.'
    );
  };
  const unreadable: string[] = [];
  const notReports: string[] = [];
  return exitOnSignal(stopped, async () => {
    try {
      const result = await runBatch(inputs, {
        outdir,
        concurrency,
        timeoutMs,
        memoryMb,
        recycleAfter,
        force: values.force,
        skipped,
        pipelineVersion: version,
        command: ['convert', ...args].join(' '),
        onRunStart: () => progress.begin(),
        onStart: (input) => progress.start(input.path),
        onProgress: (now, item) => {
          tally = now;
          progress.update(now, item);
          // Given up: listed with its reason below; a JSON not written: said on stderr.
          if (!item.report || item.status === 'writeFailed' || isAbandoned(item.report)) return;
          const outcome = outcomeOf(item.report, false);
          if (outcome === 'unreadable') unreadable.push(`${item.input.path}: ${item.report.problems.find((p) => p.code === 'FILE_UNREADABLE')!.message}`);
          if (outcome === 'not a report') notReports.push(item.input.path);
        },
      });
      progress.done();
      for (const f of result.writeFailures) process.stderr.write(`govreport: cannot write the JSON of ${f.file}: ${f.message}\n`);
      for (const f of result.interrupted) process.stderr.write(`govreport: not converted, no JSON written (the next run converts it): ${f.file}: ${f.reason}\n`);
      const lines = [
        summaryLine(result.tally, (Date.now() - started) / 1000, outdir, skipped.length),
        folderSummaryLine(result.folder, outdir),
        `Ledger: ${result.ledgerFile}`,
      ];
      append(lines, skippedLines(skipped, 'all in the table skipped of the ledger'));
      append(lines, fileLines(unreadable, (n) => `${n} ${n === 1 ? 'file' : 'files'} could not be read (FILE_UNREADABLE; ledger outcome unreadable):`));
      append(lines, fileLines(notReports, (n) => `${n} ${n === 1 ? 'file is' : 'files are'} read but no annual report (NOT_A_REPORT; ledger outcome not a report):`));
      if (result.abandoned.length > 0) {
        lines.push(`${result.abandoned.length} conversions were given up (their JSON says why); the next run tries them once more:`);
        for (const a of result.abandoned.slice(0, 20)) lines.push(`  ${a.file}: ${a.reason}`);
        if (result.abandoned.length > 20) lines.push(`  … and ${result.abandoned.length - 20} more (ledger: abandoned = 1)`);
      }
      if (result.versionGroups.length > 0) {
        const groups = result.versionGroups;
        const agree = groups.filter((g) => g.comparisons.length > 0 && g.comparisons.every((c) => c.differences.length === 0)).length;
        const differ = groups.filter((g) => g.comparisons.some((c) => c.differences.length > 0)).length;
        const unknown = groups.length - agree - differ;
        lines.push(
          `${groups.length} reports exist in more than one version (same agency and year, different bytes): ` +
            `the values agree in ${agree}, differ in ${differ}${unknown > 0 ? `, cannot be compared in ${unknown}` : ''}:`,
        );
        for (const g of result.versionGroups.slice(0, 10)) append(lines, versionLines(g));
        if (result.versionGroups.length > 10) lines.push(`  … and ${result.versionGroups.length - 10} more (govreport export lists them all)`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      return missing.length > 0 || result.writeFailures.length > 0 || result.interrupted.length > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof LedgerBusyError) throw new Error(`${outdir}: ${error.message}`);
      if (error instanceof BatchStopped) {
        // Disk full, say: how far it got, and that nothing done is lost.
        progress.done();
        process.stdout.write(`${summaryLine(error.tally, (Date.now() - started) / 1000, outdir, skipped.length)}\nLedger: ${error.ledgerFile}\n`);
        throw new Error(`the run stopped: ${error.message}. What is done stays done: free the space (or fix the cause) and run the same command again to resume.`);
      }
      throw error;
    }
  });
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert files and folders on this machine (resumable)',
  usage,
  run,
};

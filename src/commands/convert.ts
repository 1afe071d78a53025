/** govreport convert: a batch on this machine, recorded in the ledger and resumable. */
import { cpus } from 'node:os';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { collectInputs, skippedLines } from '../batch/inputs.js';
import { LedgerBusyError } from '../batch/ledger.js';
import { type PlannedInput, costKind } from '../batch/estimate.js';
import type { Input } from '../batch/inputs.js';
import { ProgressLine, folderSummaryLine, summaryLine } from '../batch/progress.js';
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
file that cannot be read gets a JSON with a FILE_UNREADABLE problem.

Every input is recorded in the run ledger <outdir>/govreport-ledger.sqlite.
Running the same command again (after a crash, a kill or Ctrl-C) skips the
inputs already done by this version and converts the rest. Files with the
same bytes are converted once: the others get that report, with
source.duplicateOf naming the file converted.

Options:
  -o, --out <dir>          output folder (default: output)
  -c, --concurrency <N>    files converted at once, each in its own worker
                           process (default: number of CPU cores)
  --force                  convert again the inputs the ledger says are done
  --timeout <S>            seconds after which a file is abandoned with
                           FILE_UNREADABLE (default: ${limits.fileTimeoutMs / 1000}); before that,
                           work that stops making progress is abandoned after
                           what its kind is granted (60 s to open a file, 30 s
                           a PDF page, 120 s an OCR page; README)
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
  for (const m of missing) process.stderr.write(`govreport: ${m}: no such file or folder\n`);
  const started = Date.now();
  const planned = await plannedInputs(inputs);
  const progress = new ProgressLine(planned, Math.min(concurrency, Math.max(1, inputs.length)));
  // Ctrl-C or a kill: what is done is in the ledger; say how to go on.
  const stopped = () => {
    progress.done();
    return 'stopped. Run the same command again to resume; inputs already done are skipped.';
  };
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
        onProgress: (tally, item) => progress.update(tally, item),
      });
      progress.done();
      for (const f of result.writeFailures) process.stderr.write(`govreport: cannot write the JSON of ${f.file}: ${f.message}\n`);
      const lines = [
        summaryLine(result.tally, (Date.now() - started) / 1000, outdir, skipped.length),
        folderSummaryLine(result.folder, outdir),
        `Ledger: ${result.ledgerFile}`,
      ];
      append(lines, skippedLines(skipped, 'all in the table skipped of the ledger'));
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
      return missing.length > 0 || result.writeFailures.length > 0 ? 1 : 0;
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

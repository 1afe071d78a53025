#!/usr/bin/env node
/**
 * govreport — the command line (model.md "Command line").
 * Exit status: 0 when every input got its JSON, 2 for wrong usage, 1 when the run failed.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import PQueue from 'p-queue';
import { collectInputs } from './batch/inputs.js';
import { conversionPool } from './batch/pool.js';
import { ProgressLine, count, newTally, summaryLine } from './batch/progress.js';
import { limits } from './settings.js';
import { version } from './version.js';

const usage = `govreport ${version} — Chinese government information-disclosure annual reports → JSON

Usage:
  govreport convert <file-or-folder>... [-o <outdir>] [--concurrency N] [--timeout S]
  govreport --help | --version

convert
  Converts every report file given, and every .html/.htm/.shtml, .pdf,
  .docx/.docm, .doc and .png/.jpg/.jpeg file found in the folders given
  (recursively), into one JSON per input at
  <outdir>/<path relative to the folder given>.json (a file given directly:
  <outdir>/<file name>.json). Scanned pages are read by OCR when tesseract is
  installed (GOVREPORT_OCR=off turns it off); a file that cannot be read gets
  a JSON with a FILE_UNREADABLE problem.

Options:
  -o, --out <dir>        output folder (default: output)
  -c, --concurrency <N>  files converted at once, each in its own worker thread
                         (default: number of CPU cores)
  --timeout <S>          seconds after which a file is abandoned with
                         FILE_UNREADABLE (default: ${limits.fileTimeoutMs / 1000})
  -h, --help             this text
  -v, --version          the version

Exit status: 0 every input got its JSON (problems are data, not failures);
2 wrong usage; 1 the run failed (e.g. an input path does not exist).
Output shape and problem codes: see README.md and schema/report.schema.json.
`;

class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, not "${value}"`);
  return n;
}

/** Writes through a temporary file and a rename, so a killed run never leaves half a JSON. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

async function convert(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o', default: 'output' },
      concurrency: { type: 'string', short: 'c' },
      timeout: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('convert needs at least one file or folder');
  const concurrency = positiveInt(values.concurrency, '--concurrency', Math.max(1, cpus().length));
  const timeoutMs = positiveInt(values.timeout, '--timeout', limits.fileTimeoutMs / 1000) * 1000;
  const outdir = values.out!;

  const { inputs, missing } = await collectInputs(positionals);
  for (const m of missing) process.stderr.write(`govreport: ${m}: no such file or folder\n`);
  const started = Date.now();
  const tally = newTally();
  const progress = new ProgressLine(inputs.length);
  const pool = conversionPool(Math.min(concurrency, Math.max(1, inputs.length)), timeoutMs);
  const queue = new PQueue({ concurrency });
  let writeFailures = 0;
  try {
    await Promise.all(
      inputs.map((input) =>
        queue.add(async () => {
          const report = await pool.run(input.path, input.path);
          try {
            await writeAtomically(join(outdir, input.output), `${JSON.stringify(report, null, 2)}\n`);
          } catch (error) {
            writeFailures++;
            process.stderr.write(`\ngovreport: cannot write ${join(outdir, input.output)}: ${(error as Error).message}\n`);
          }
          count(tally, report);
          progress.update(tally);
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  progress.done();
  process.stdout.write(`${summaryLine(tally, (Date.now() - started) / 1000, outdir)}\n`);
  return missing.length > 0 || writeFailures > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (command === 'convert') {
    if (rest.includes('-h') || rest.includes('--help')) {
      process.stdout.write(usage);
      return 0;
    }
    return convert(rest);
  }
  throw new UsageError(`unknown command "${command}"`);
}

// `govreport … | head` closes stdout early; that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`govreport: ${(error as Error).message}\n${isUsage ? 'Run "govreport --help" for usage.\n' : ''}`);
    process.exitCode = isUsage ? 2 : 1;
  },
);

#!/usr/bin/env node
/**
 * govreport — the command line (model.md "Command line"). Each command lives
 * in src/commands/; this file only dispatches and turns errors into messages.
 * Exit status: 0 when every input got its JSON, 1 when the run failed, 2 for wrong usage, 3 when convert
 * found nothing to convert, 130/143 when stopped by a signal (src/commands/args.ts).
 */
import { type Command, UsageError } from './commands/args.js';
import { compareCommand } from './commands/compare.js';
import { convertCommand } from './commands/convert.js';
import { exportCommand } from './commands/export.js';
import { keysCommand } from './commands/keys.js';
import { enqueueCommand, statusCommand, workerCommand } from './commands/queue.js';
import { version } from './version.js';

const commands: Command[] = [convertCommand, exportCommand, enqueueCommand, workerCommand, statusCommand, keysCommand, compareCommand];

const usage = `govreport ${version} — Chinese government information-disclosure annual reports → JSON

Usage:
  govreport convert <file-or-folder>... [-o <outdir>] [--concurrency N] [--force]
  govreport export <outdir> --to <file.sqlite|file.parquet|file.csv>
  govreport enqueue <file-or-folder>... --redis <url> [--into <subfolder>]
  govreport worker --redis <url> --inputs <folder>... -o <outdir> [--concurrency N]
  govreport status --redis <url>
  govreport compare <outdir-or-export>... -o <report.html> [--json] [--agencies <file>]
  govreport keys [--format 2019|2021|pre2019] [--json]
  govreport <command> --help
  govreport --help | --version

Commands:
${commands.map((c) => `  ${c.name.padEnd(9)}${c.summary}`).join('\n')}

Exit status: 0 every input got its JSON (problems are data, not failures);
1 the run failed (e.g. an input path does not exist); 2 wrong usage;
3 nothing to convert (convert found no report file); 130 Ctrl-C, 143 SIGTERM.
Output shape, index conventions and problem codes: docs/output.md (from schema/report.schema.json); README.md.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(command.usage);
    return 0;
  }
  return command.run(rest);
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

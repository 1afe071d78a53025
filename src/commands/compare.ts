/** govreport compare: output folders or exports → one HTML page comparing agencies and years (or the data as JSON). */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildCompareData, loadReport } from '../compare/data.js';
import { compareJson } from '../compare/json.js';
import { writeComparePage } from '../compare/page/index.js';
import { type Command, UsageError } from './args.js';

const usage = `Usage: govreport compare <outdir-or-export>... -o <report.html> [--agencies <file>]
       govreport compare <outdir-or-export>... --json [-o <data.json>] [--agencies <file>]

Reads the report JSON that "govreport convert" wrote under each <outdir>
(recursively), or a .sqlite export of "govreport export", and compares the
reports across agencies and years.

Writes one HTML file that works offline (open it from disk; every script
and style is inside it) and a folder beside it, <report>.files/, with the
page images and the detail of each report: keep the two together. The page
has an overview of every report (sortable, filterable, CSV download), a view
per agency with charts (year over year, peers of the same level, problems),
the cross-report problems, and a viewer that shows where each figure and
problem came from: the PDF or scan page with the cell's box, the Word or
HTML table with the cell, or the text line. Pages are drawn from the source
files named in the JSON when they are still found on this machine; a viewer
whose source is missing says so.

Cross-report problems (CARRYOVER_MISMATCH, VERSION_DIFFERS,
VERSION_DUPLICATE, DEPARTMENT_EXCEEDS_GOVERNMENT, OUTLIER) compare printed
values only; see README.md.

Options:
  -o, --out <file>     the HTML page to write (required without --json);
                       with --json, the JSON file to write instead of stdout
  --json               write the comparison data (govreport-compare/1) as
                       JSON instead of the page, for data teams
  --agencies <file>    a CSV or JSON mapping that overrides agency identity
                       and level (see README.md)
  -h, --help           this text

Progress goes to stderr. Exit status: 0 written; 1 it cannot be (an input
that does not exist or is no output folder/export, a target that cannot
be written); 2 wrong usage.
`;

/** On a terminal the progress line is redrawn at most this often; in a log, a line this often. */
const progressIntervalMs = { terminal: 200, log: 10_000 };

function progressReporter(total: number): (done: number) => void {
  const terminal = process.stderr.isTTY;
  let last = 0;
  return (done) => {
    const now = Date.now();
    const finished = done === total;
    if (!finished && now - last < (terminal ? progressIntervalMs.terminal : progressIntervalMs.log)) return;
    last = now;
    const line = `govreport compare: reading reports and drawing their pages ${done}/${total}`;
    process.stderr.write(terminal ? `\r${line}\x1b[K${finished ? '\n' : ''}` : `${line}\n`);
  };
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean' }, agencies: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('compare needs at least one output folder or export');
  if (!values.json && values.out === undefined) throw new UsageError('compare needs -o <report.html> (or --json)');
  if (!values.json && !/\.html?$/i.test(values.out!)) throw new UsageError(`-o ${values.out}: the page must be an .html file`);

  process.stderr.write(`govreport compare: reading ${positionals.join(', ')} …\n`);
  const data = await buildCompareData(positionals, values.agencies !== undefined ? { agencies: values.agencies } : {});
  for (const s of data.skipped) process.stderr.write(`govreport compare: skipped ${s.path}: ${s.reason}\n`);
  const counts = `${data.reports.length} reports, ${data.agencies.length} agencies, ${data.problems.length} cross-report problems`;

  if (values.json) {
    if (values.out === undefined) process.stdout.write(compareJson(data));
    else {
      await writeFile(values.out, compareJson(data));
      process.stdout.write(`${counts} → ${values.out}\n`);
    }
    return 0;
  }
  if (data.reports.length === 0) throw new Error(`no report JSON found in ${positionals.join(', ')}${data.skipped.length ? ` (${data.skipped.length} skipped)` : ''}`);
  const started = Date.now();
  const summary = await writeComparePage(data, values.out!, { loadReport, onProgress: progressReporter(data.reports.length) });
  const missing = summary.sourcesMissing > 0 ? `; ${summary.sourcesMissing} source file(s) not found or changed since they were converted, their viewer says so` : '';
  process.stdout.write(
    `${counts}; ${summary.pageImages} page images in ${((Date.now() - started) / 1000).toFixed(1)} s${missing} → ${summary.htmlFile} + ${summary.filesDir}/\n`,
  );
  return 0;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'compare reports across agencies and years in one offline HTML page',
  usage,
  run,
};

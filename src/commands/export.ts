/** govreport export: an output folder → one dataset file (SQLite, Parquet or CSV). */
import { parseArgs } from 'node:util';
import type { ExportSummary } from '../export/dataset.js';
import { ExportError, exportDataset } from '../export/dataset.js';
import { formatOf, knownExtensions } from '../export/formats.js';
import { ExportProgress } from '../export/progress.js';
import { type Command, UsageError, exitOnSignal } from './args.js';

const usage = `Usage: govreport export <outdir> --to <file.sqlite|file.db|file.parquet|file.csv> [--agencies <file>]

Reads every report JSON that "govreport convert" wrote under <outdir>
(recursively; the ledger is not needed) and writes them as one dataset.
Input files with the same bytes are one report (copies counts them); the
same agency and year with different content are versions of one report, and
one of them is the preferred version to count (preferred = 1). Agencies are
identified as by "govreport compare" (agency_key, agency_level,
agency_region), with the same --agencies overrides.

The format is chosen by the extension of --to:
  .sqlite, .db   one SQLite file with the tables reports, cells, problems
                 and cell_dictionary
  .parquet       one Parquet file per table: --to data/x.parquet writes
                 data/x.reports.parquet, data/x.cells.parquet,
                 data/x.problems.parquet and data/x.cell_dictionary.parquet
  .csv           one row per report, one column per cell key (its value);
                 UTF-8 with BOM, opens in Excel; the cell dictionary (the
                 Chinese labels of those columns) beside it: --to x.csv
                 also writes x.cell_dictionary.csv

Tables:
  reports   report_id, source_file, sha256, format, reader, pages, title,
            agency, agency_key, agency_level, agency_region, year,
            metadata_in_doubt, format_version, copies, versions, preferred,
            preferred_id, errors, warnings, infos, unreadable
  cells     report_id, key, table_name, value, raw, state, confidence, page,
            bbox_x0, bbox_y0, bbox_x1, bbox_y1, src_table, src_row, src_col,
            src_path
  problems  report_id, code, severity, message, cells, page
  cell_dictionary
            one row per cell key: key, table_name, table_title, row_group,
            row_label, column_label, also_printed_as, gloss, kind, unit,
            versions, rules (as schema/cells.csv; govreport keys)

The file(s) appear only when complete; an existing file is replaced. A JSON
that is not a govreport/1 report is named on stderr and left out.

Exit status: 0 the dataset is written (files skipped are named on stderr
and counted in the summary); 1 it cannot be (no such folder, no report
JSON, the target cannot be written); 2 wrong usage.

Options:
  --to <file>         the dataset to write (required)
  --agencies <file>   a CSV or JSON mapping that overrides agency identity
                      (as govreport compare; docs/compare.md)
  -h, --help          this text
Queries on the dataset (applications per agency and year, …): docs/recipes.md
`;

function summaryLine(s: ExportSummary, seconds: number): string {
  const skipped = s.skipped > 0 ? `, ${s.skipped} skipped` : '';
  return (
    `${s.reports} reports (${s.inputFiles} input files, ${s.duplicates} duplicates${skipped}), ` +
    `${s.cells} cells, ${s.problems} problems in ${seconds.toFixed(1)} s → ${s.files.join(', ')}`
  );
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, agencies: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('export needs exactly one output folder');
  const target = values.to;
  if (target === undefined) throw new UsageError('export needs --to <file.sqlite|file.parquet|file.csv>');
  const format = formatOf(target);
  if (!format) throw new UsageError(`--to ${target}: unknown extension; known: ${knownExtensions.join(', ')}`);

  const started = Date.now();
  const progress = new ExportProgress();
  const abort = new AbortController();
  // Ctrl-C or a kill: the temporary files go (the abort removes them at once), the old target stays.
  const stopped = () => {
    abort.abort();
    progress.done();
    return `export stopped; ${target} is as it was.`;
  };
  return exitOnSignal(stopped, async () => {
    try {
      const summary = await exportDataset({
        outdir: positionals[0]!,
        target,
        format,
        ...(values.agencies !== undefined ? { agencies: values.agencies } : {}),
        signal: abort.signal,
        onSkip: (path, why) => {
          progress.done();
          process.stderr.write(`govreport: skipped ${path}: ${why}\n`);
        },
        onProgress: (phase, done, total) => progress.update(phase, done, total, phase === 'reading' ? 'JSON files' : 'reports'),
        onFinishing: () => progress.say(`finishing ${target} …`),
      });
      progress.done();
      for (const note of summary.notes) process.stderr.write(`govreport: ${note}\n`);
      process.stdout.write(`${summaryLine(summary, (Date.now() - started) / 1000)}\n`);
      return 0;
    } catch (error) {
      progress.done();
      if (error instanceof ExportError) throw error;
      throw new Error(`export to ${target} failed, nothing written: ${(error as Error).message}`);
    }
  });
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'turn an output folder into a .sqlite, .parquet or .csv dataset',
  usage,
  run,
};

/**
 * npm run eval: converts every sample that has a truth file (our samples/,
 * and beside the checkout the shared real reports, the development set and
 * the text exports) and prints, per sample set and reader, cell accuracy,
 * silent errors (wrong cells no problem names; a file refused as a whole
 * with FILE_UNREADABLE counts as unread, not silent), expected problems
 * found, false alarms and metadata; for OCR also how well cell-level doubt
 * (LOW_CONFIDENCE and the like) separates wrong cells from right ones. Then
 * the files that fell short. --strict exits 1 unless everything is exact
 * and found. --per-file adds one line per file (a variant's figure: cells
 * exact, silent errors, wrong cells flagged). Files are converted one per
 * core at a time.
 */
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import PQueue from 'p-queue';
import { convertFile } from '../pipeline.js';
import type { Report } from '../model/report.js';
import type { Score } from './score.js';
import { scoreReport } from './score.js';
import { evalFolders, findSamples, repoRoot } from './truth.js';
import type { Pre2019Score } from './pre2019.js';
import { isPre2019Truth, scorePre2019 } from './pre2019.js';

interface Row {
  files: number;
  cells: number;
  exact: number;
  silent: number;
  unread: number;
  expected: number;
  found: number;
  falseAlarms: number;
  metadata: number;
  wrongFlagged: number;
  rightFlagged: number;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

const usage = `usage: npm run eval -- [folder ...] [--per-file] [--strict]

Converts every sample with a truth file (<name>.truth.json beside it) in the
folders named, or by default in samples/ and ../shared/samples/{real,devset,
text,bilevel,pre2019}, and prints per set and reader: cells exact, silent
errors, expected problems found, false alarms, metadata; for scans how well
cell-level doubt separates wrong cells from right ones; for pre-2019 reports
table rows exact, headline figures exact and figures taken from a trap.
  --per-file  one line per file (cells exact, silent, wrong cells flagged)
  --strict    exit 1 unless everything is exact and found`;

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(usage);
    return;
  }
  const strict = process.argv.includes('--strict');
  const perFile = process.argv.includes('--per-file');
  const fileLines: string[] = [];
  const root = repoRoot();
  // Folders named on the command line instead of all sample folders (e.g. npm run eval -- ../shared/samples/text).
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const samples = findSamples(only.length > 0 ? only.map((f) => resolve(f)) : evalFolders());
  const byFormat = new Map<string, Row>();
  const shortfalls: string[] = [];
  const queue = new PQueue({ concurrency: availableParallelism() });
  const reports = samples.map((sample) => queue.add(() => convertFile(sample.input)) as Promise<Report>);
  const pre2019 = new Map<string, Pre2019Row>();
  for (const [i, sample] of samples.entries()) {
    const report = await reports[i]!;
    // Scans are told apart from text layers: OCR is another reader with other limits.
    const reader = report.source.reader.endsWith('-ocr') ? report.source.reader : report.source.format;
    // Our own samples/, or the shared folder the sample is in (real, devset, text).
    const parts = relative(root, sample.input).split(sep);
    const set = parts[0] === '..' ? (parts[parts.indexOf('samples') + 1] ?? 'shared') : 'ours';
    const format = `${set} ${reader}`;
    if (isPre2019Truth(sample.truth)) {
      const s = scorePre2019(report, sample.truth);
      addPre2019(pre2019, format, s);
      if (s.wrong.length > 0 || !s.formatVersionOk) {
        shortfalls.push([`${relative(root, sample.input)}: rows ${s.rowsExact}/${s.rows}, figures ${s.figuresExact}/${s.figures}, from a trap ${s.traps.length}${s.formatVersionOk ? '' : `, formatVersion ${report.report.formatVersion}`}`, ...s.wrong.slice(0, 8).map((w) => `    ${w}`)].join('\n'));
      }
      continue;
    }
    const score: Score = scoreReport(report, sample.truth);
    const row = byFormat.get(format) ?? { files: 0, cells: 0, exact: 0, silent: 0, unread: 0, expected: 0, found: 0, falseAlarms: 0, metadata: 0, wrongFlagged: 0, rightFlagged: 0 };
    row.files++;
    row.cells += score.cells;
    row.exact += score.exact;
    row.silent += score.silent.length;
    row.unread += score.unread ? 1 : 0;
    row.expected += score.expected.length;
    row.found += score.expectedFound.length;
    row.falseAlarms += score.falseAlarms.length;
    row.metadata += score.metadataOk ? 1 : 0;
    row.wrongFlagged += score.wrongFlagged;
    row.rightFlagged += score.rightFlagged;
    byFormat.set(format, row);
    const name = relative(root, sample.input);
    if (perFile) {
      const pct = ((100 * score.exact) / Math.max(score.cells, 1)).toFixed(2);
      fileLines.push(`${name.padEnd(44)}${pad(`${score.exact}/${score.cells}`, 10)}${pad(`${pct}%`, 9)}${pad(score.silent.length, 8)}${pad(`${score.wrongFlagged}/${score.wrong.length}`, 15)}`);
    }
    if (score.wrong.length > 0 || score.expectedFound.length < score.expected.length || score.falseAlarms.length > 0 || !score.metadataOk) {
      const missing = score.expected.filter((c) => !score.expectedFound.includes(c));
      shortfalls.push(
        [
          `${name}: ${score.exact}/${score.cells} exact, ${score.silent.length} silent${score.unread ? ', file unreadable' : ''}`,
          ...score.wrong.slice(0, 8).map((w) => `    ${w.key}: truth ${w.truth}, got ${w.got} (raw ${JSON.stringify(w.raw)})${score.silent.includes(w.key) ? ' SILENT' : ''}`),
          ...(missing.length ? [`    expected problems not reported: ${missing.join(', ')}`] : []),
          ...score.falseAlarms.map((f) => `    false alarm: ${f}`),
          ...(!score.metadataOk ? [`    metadata: got ${JSON.stringify(report.report)}, truth ${JSON.stringify({ agency: sample.truth.agency, year: sample.truth.year, formatVersion: sample.truth.formatVersion })}`] : []),
        ].join('\n'),
      );
    }
  }
  const header = `${'set reader'.padEnd(17)}${pad('files', 6)}${pad('cells', 8)}${pad('exact', 8)}${pad('accuracy', 10)}${pad('silent', 8)}${pad('unread', 8)}${pad('expected problems', 19)}${pad('false alarms', 14)}${pad('metadata', 10)}`;
  const lines = [header];
  const total: Row = { files: 0, cells: 0, exact: 0, silent: 0, unread: 0, expected: 0, found: 0, falseAlarms: 0, metadata: 0, wrongFlagged: 0, rightFlagged: 0 };
  const line = (name: string, r: Row) =>
    `${name.padEnd(17)}${pad(r.files, 6)}${pad(r.cells, 8)}${pad(r.exact, 8)}${pad(`${((100 * r.exact) / Math.max(r.cells, 1)).toFixed(2)}%`, 10)}${pad(r.silent, 8)}${pad(r.unread, 8)}${pad(`${r.found}/${r.expected} found`, 19)}${pad(r.falseAlarms, 14)}${pad(`${r.metadata}/${r.files}`, 10)}`;
  const doubt: string[] = [];
  for (const [format, r] of [...byFormat].sort()) {
    lines.push(line(format, r));
    for (const k of Object.keys(total) as Array<keyof Row>) total[k] += r[k];
    if (format.endsWith('-ocr')) {
      const wrong = r.cells - r.exact;
      doubt.push(
        `${format.padEnd(17)}${pad(`${r.wrongFlagged}/${wrong}`, 10)}${pad(`${wrong ? ((100 * r.wrongFlagged) / wrong).toFixed(1) : '100.0'}%`, 8)}${pad(`${r.rightFlagged}/${r.exact}`, 12)}${pad(`${((100 * r.rightFlagged) / Math.max(1, r.exact)).toFixed(1)}%`, 8)}`,
      );
    }
  }
  lines.push(line('all', total));
  if (doubt.length > 0) {
    lines.push('', 'OCR: cells a cell-level problem (LOW_CONFIDENCE, CELL_UNREADABLE, CELL_MISSING, VALUE_INVALID) names', `${'set reader'.padEnd(17)}${pad('wrong cells named', 18)}${pad('right cells named', 20)}`, ...doubt);
  }
  if (pre2019.size > 0) lines.push('', ...pre2019Block(pre2019));
  if (perFile) lines.push('', `${'file'.padEnd(44)}${pad('exact', 10)}${pad('', 9)}${pad('silent', 8)}${pad('wrong flagged', 15)}`, ...fileLines);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (shortfalls.length > 0) process.stdout.write(`\nFiles that fall short:\n${shortfalls.join('\n')}\n`);
  const old = [...pre2019.values()];
  const perfect =
    total.exact === total.cells &&
    total.silent === 0 &&
    total.found === total.expected &&
    total.falseAlarms === 0 &&
    old.every((r) => r.rowsExact === r.rows && r.figuresExact === r.figures && r.traps === 0 && r.extraRows === 0);
  process.exitCode = strict && !perfect ? 1 : 0;
}

/** Reports from before 2019, per set and reader: statistics-table rows and headline figures exact, figures taken from a trap (src/eval/pre2019.ts). */
interface Pre2019Row {
  files: number;
  version: number;
  rows: number;
  rowsExact: number;
  extraRows: number;
  figures: number;
  figuresExact: number;
  traps: number;
}

function addPre2019(rows: Map<string, Pre2019Row>, format: string, s: Pre2019Score): void {
  const row = rows.get(format) ?? { files: 0, version: 0, rows: 0, rowsExact: 0, extraRows: 0, figures: 0, figuresExact: 0, traps: 0 };
  row.files++;
  row.version += s.formatVersionOk ? 1 : 0;
  row.rows += s.rows;
  row.rowsExact += s.rowsExact;
  row.extraRows += s.extraRows;
  row.figures += s.figures;
  row.figuresExact += s.figuresExact;
  row.traps += s.traps.length;
  rows.set(format, row);
}

function pre2019Block(rows: Map<string, Pre2019Row>): string[] {
  const line = (name: string, r: Pre2019Row) =>
    `${name.padEnd(22)}${pad(r.files, 6)}${pad(`${r.version}/${r.files}`, 9)}${pad(`${r.rowsExact}/${r.rows}`, 16)}${pad(r.extraRows, 8)}${pad(`${r.figuresExact}/${r.figures}`, 17)}${pad(r.traps, 13)}`;
  const out = [
    'pre2019: statistics-table rows exact (label, unit, every value), headline figures exact, figures taken from a trap (a number the truth does not hold: must be 0)',
    `${'set reader'.padEnd(22)}${pad('files', 6)}${pad('pre2019', 9)}${pad('table rows', 16)}${pad('extra', 8)}${pad('figures', 17)}${pad('from a trap', 13)}`,
  ];
  for (const [format, r] of [...rows].sort()) out.push(line(format, r));
  return out;
}

// `npm run eval | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main().catch((error: unknown) => {
  process.stderr.write(`eval failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});

/** Progress of a batch for the people waiting on it, and the summary at its end. */
import { problemCounts } from '../model/problems.js';
import type { Report } from '../model/report.js';
import { type PlannedInput, WorkEstimate } from './estimate.js';
import { type FolderState, outcomeOf, outcomes } from './ledger.js';

export interface Tally {
  /** Inputs finished in this run, in every way below. */
  files: number;
  /** Converted by the pipeline in this run. */
  converted: number;
  /** Already done by the same pipeline version in an earlier run (the ledger says so). */
  skipped: number;
  /** Same bytes as another input: given that input's report, not converted again. */
  duplicates: number;
  unreadable: number;
  /** Read, and no annual report (NOT_A_REPORT): not unreadable, not a failure of the run. */
  notAReport: number;
  /** Conversions abandoned (timeout, memory cap, crash): not counted as unreadable, as in the ledger's outcome. */
  givenUp: number;
  error: number;
  warning: number;
  info: number;
}

export function newTally(): Tally {
  return { files: 0, converted: 0, skipped: 0, duplicates: 0, unreadable: 0, notAReport: 0, givenUp: 0, error: 0, warning: 0, info: 0 };
}

/** Counts a report produced in this run (converted, or a duplicate's copy); `abandoned`: its conversion was given up. */
export function count(tally: Tally, report: Report, how: 'converted' | 'duplicates' = 'converted', abandoned = false): void {
  tally.files++;
  tally[how]++;
  const counts = problemCounts(report.problems);
  const outcome = outcomeOf(report, abandoned);
  if (outcome === 'unreadable') tally.unreadable++;
  else if (outcome === 'not a report') tally.notAReport++;
  else if (outcome === 'given up') tally.givenUp++;
  tally.error += counts.error;
  tally.warning += counts.warning;
  tally.info += counts.info;
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line: done/total, ETA, speed and problems so far; `learned`: the ETA rests on finished files, not on the priors alone. */
export function progressText(tally: Tally, total: number, seconds: number, eta: number, learned = true): string {
  // Skipped inputs cost almost nothing: the speed counts the files actually worked on.
  const worked = tally.converted + tally.duplicates;
  const rate = worked / Math.max(seconds, 1e-3);
  const percent = total > 0 ? Math.floor((100 * tally.files) / total) : 100;
  const parts = [
    `${tally.files}/${total} files (${percent} %)`,
    learned ? `ETA ${duration(eta)}` : `ETA ~${duration(eta)} (from file kinds and sizes; none finished yet)`,
    `${rate.toFixed(1)} files/s`,
    ...(tally.skipped > 0 ? [`${tally.skipped} already done`] : []),
    ...(tally.duplicates > 0 ? [`${tally.duplicates} duplicates`] : []),
    `problems: ${tally.error} errors, ${tally.warning} warnings`,
    `${tally.unreadable} unreadable`,
    ...(tally.givenUp > 0 ? [`${tally.givenUp} given up`] : []),
  ];
  return parts.join('  ');
}

/** What became of one input, as far as the progress line needs it (run.ts BatchItem). */
export interface FinishedInput {
  input: { path: string };
  status: string;
  /** Seconds a worker spent on it; absent for inputs that cost next to nothing (done before, duplicates). */
  seconds?: number;
}

/** When a log gets a line: every `everyMs`, and sooner when another `everyShare` of the files is done (at most one a second). */
export const logPolicy = { everyMs: 5_000, everyShare: 0.05, atMostEveryMs: 1_000 };

/**
 * On a terminal, redraws one status line at most every `intervalMs`. Elsewhere
 * (a log file, nohup, CI), writes a full line at the start, then by
 * `logPolicy`, so that a log says from its first seconds how far the run is
 * and how long it has to go. `tick()` is called by a timer too, so a line
 * comes while a long scan holds every worker.
 */
export class ProgressLine {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private filesAtLastDraw = 0;
  private readonly started: number;
  private readonly estimate: WorkEstimate;
  private tally: Tally = newTally();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly inputs: readonly PlannedInput[],
    concurrency: number,
    private readonly stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 200,
  ) {
    this.estimate = new WorkEstimate(inputs, concurrency);
    this.started = now();
  }

  /** Draws the first line now, and keeps drawing while nothing finishes. */
  begin(tickMs = 1_000): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  /** An input went to a worker. */
  start(path: string): void {
    this.estimate.started(path, this.now() / 1000);
  }

  update(tally: Tally, item?: FinishedInput): void {
    this.tally = tally;
    if (item?.seconds !== undefined) this.estimate.finished(item.input.path, item.seconds);
    else if (item) this.estimate.passed(item.input.path);
    this.tick();
  }

  tick(): void {
    const now = this.now();
    const since = now - this.lastDraw;
    const due = this.stream.isTTY
      ? since >= this.intervalMs
      : since >= logPolicy.everyMs ||
        (since >= logPolicy.atMostEveryMs && this.tally.files - this.filesAtLastDraw >= logPolicy.everyShare * this.inputs.length);
    if (!due) return;
    this.lastDraw = now;
    this.filesAtLastDraw = this.tally.files;
    const line = progressText(this.tally, this.inputs.length, (now - this.started) / 1000, this.estimate.etaSeconds(now / 1000), this.estimate.learned);
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K` : `${new Date(now).toISOString()} ${line}\n`);
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
  }
}

/** The summary at the end of a run; `notInputs`: files found in the folders but not converted (listed after it). */
export function summaryLine(tally: Tally, seconds: number, outdir: string, notInputs = 0): string {
  const rate = (tally.converted + tally.duplicates) / Math.max(seconds, 1e-3);
  return (
    `${tally.files} files in ${seconds.toFixed(1)} s (${rate.toFixed(1)} files/s): ${tally.converted} converted, ` +
    `${tally.skipped} already done, ${tally.duplicates} duplicates, ${tally.unreadable} unreadable` +
    `${tally.notAReport > 0 ? `, ${tally.notAReport} not a report` : ''}${tally.givenUp > 0 ? `, ${tally.givenUp} given up` : ''}` +
    `${notInputs > 0 ? `, ${notInputs} skipped (not a report format, or not followed)` : ''}; ` +
    `problems: ${tally.error} errors, ${tally.warning} warnings, ${tally.info} info; JSON in ${outdir}`
  );
}

/**
 * The whole output folder after the run, earlier runs included: a resumed run
 * that converted 5 files says how the other 37 stand too. The finished inputs
 * are counted by outcome with the words of the ledger's column outcome, so that
 * `SELECT outcome, COUNT(*) FROM inputs GROUP BY outcome` gives the same figures.
 */
export function folderSummaryLine(f: FolderState, outdir: string): string {
  const byOutcome = outcomes.map((o) => `${o} ${f.outcomes[o]}`).join(', ');
  return (
    `Folder ${outdir}: ${f.inputs} inputs: ${f.doneBefore} done before this run, ${f.doneNow} done now, ${f.unfinished} not finished; ` +
    `by outcome: ${byOutcome}; ` +
    `${f.skipped} files skipped (not a report format, or not followed); problems in all: ${f.errors} errors, ${f.warnings} warnings, ${f.infos} info`
  );
}

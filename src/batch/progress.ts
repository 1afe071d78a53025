/** Progress of a batch for the people waiting on it, and the summary at its end. */
import { problemCounts } from '../model/problems.js';
import type { Report } from '../model/report.js';

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
  error: number;
  warning: number;
  info: number;
}

export function newTally(): Tally {
  return { files: 0, converted: 0, skipped: 0, duplicates: 0, unreadable: 0, error: 0, warning: 0, info: 0 };
}

/** Counts a report produced in this run (converted, or a duplicate's copy). */
export function count(tally: Tally, report: Report, how: 'converted' | 'duplicates' = 'converted'): void {
  tally.files++;
  tally[how]++;
  const counts = problemCounts(report.problems);
  if (counts.unreadable) tally.unreadable++;
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

/** One line: done/total, speed, ETA and problems so far. */
export function progressText(tally: Tally, total: number, seconds: number): string {
  // Skipped inputs cost almost nothing: speed and ETA count the files actually worked on.
  const worked = tally.converted + tally.duplicates;
  const rate = worked / Math.max(seconds, 1e-3);
  const eta = worked > 0 ? (total - tally.files) / rate : Number.NaN;
  const parts = [
    `${tally.files}/${total} files`,
    `${rate.toFixed(1)} files/s`,
    `ETA ${duration(eta)}`,
    ...(tally.skipped > 0 ? [`${tally.skipped} already done`] : []),
    ...(tally.duplicates > 0 ? [`${tally.duplicates} duplicates`] : []),
    `problems: ${tally.error} errors, ${tally.warning} warnings`,
    `${tally.unreadable} unreadable`,
  ];
  return parts.join('  ');
}

/**
 * On a terminal, redraws one status line at most every `intervalMs`. Elsewhere
 * (a log file, nohup, CI), writes a full line every `logIntervalMs`, so that a
 * run of hours still says how far it is.
 */
export class ProgressLine {
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = 200,
    private readonly logIntervalMs = 30_000,
  ) {
    this.lastDraw = this.stream.isTTY ? 0 : Date.now();
  }

  update(tally: Tally): void {
    const now = Date.now();
    if (now - this.lastDraw < (this.stream.isTTY ? this.intervalMs : this.logIntervalMs)) return;
    this.lastDraw = now;
    const line = progressText(tally, this.total, (now - this.started) / 1000);
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K` : `${new Date(now).toISOString()} ${line}\n`);
  }

  done(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
  }
}

/** The summary at the end of a run; `notInputs`: files found in the folders but not converted (listed after it). */
export function summaryLine(tally: Tally, seconds: number, outdir: string, notInputs = 0): string {
  const rate = (tally.converted + tally.duplicates) / Math.max(seconds, 1e-3);
  return (
    `${tally.files} files in ${seconds.toFixed(1)} s (${rate.toFixed(1)} files/s): ${tally.converted} converted, ` +
    `${tally.skipped} already done, ${tally.duplicates} duplicates, ${tally.unreadable} unreadable` +
    `${notInputs > 0 ? `, ${notInputs} skipped (not a report, or not followed)` : ''}; ` +
    `problems: ${tally.error} errors, ${tally.warning} warnings, ${tally.info} info; JSON in ${outdir}`
  );
}

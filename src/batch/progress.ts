/** Progress on a terminal and the one-line summary at the end of a batch. */
import type { Report } from '../model/report.js';

export interface Tally {
  files: number;
  unreadable: number;
  error: number;
  warning: number;
  info: number;
}

export function newTally(): Tally {
  return { files: 0, unreadable: 0, error: 0, warning: 0, info: 0 };
}

export function count(tally: Tally, report: Report): void {
  tally.files++;
  if (report.problems.some((p) => p.code === 'FILE_UNREADABLE')) tally.unreadable++;
  for (const p of report.problems) tally[p.severity]++;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

/** Redraws one status line on a terminal at most every `intervalMs`; silent elsewhere (logs, CI). */
export class ProgressLine {
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = 200,
  ) {}

  update(tally: Tally, force = false): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = tally.files / Math.max(seconds, 1e-3);
    const eta = (this.total - tally.files) / rate;
    const line = `${tally.files}/${this.total} files  ${rate.toFixed(1)} files/s  ETA ${duration(eta)}  ${tally.error} errors  ${tally.unreadable} unreadable`;
    this.stream.write(`\r${line}\x1b[K`);
  }

  done(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
  }
}

export function summaryLine(tally: Tally, seconds: number, outdir: string): string {
  const rate = tally.files / Math.max(seconds, 1e-3);
  return (
    `${tally.files} files in ${seconds.toFixed(1)} s (${rate.toFixed(1)} files/s), ${tally.unreadable} unreadable; ` +
    `problems: ${tally.error} errors, ${tally.warning} warnings, ${tally.info} info; JSON in ${outdir}`
  );
}

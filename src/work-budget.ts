/**
 * How long a file may take is earned as it goes: a little to open it, more
 * for each page, most for each page read by OCR. The readers say what they
 * start (`grantTime`); in a worker process the pool hears it and gives the
 * file that much CPU time from now, counted for the worker and the tesseract
 * it runs (batch/pool.ts, batch/cpu-clock.ts), so a small file that hangs is
 * given up in seconds, while a 300-page scan that keeps turning pages is not
 * cut off, and neither is a file that waits for a core on a busy machine.
 *
 * In the library's own process (convertFile, convertBytes: no pool listens)
 * the same grants are counted in work done, the process's CPU time, never
 * the wall clock: a busy machine makes no file fail. Long loops call
 * `spendWork()`, which gives the conversion up (WorkBudgetExceeded) once the
 * work since the last grant is more than it granted, or the work of the whole
 * file more than its overall limit. A conversion's allowance follows its
 * async calls (AsyncLocalStorage), so conversions side by side each have
 * their own; their CPU time is the one process's, so each counts the others'
 * too (it errs towards giving up sooner, never later).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { limits } from './settings.js';

let sink: ((ms: number) => void) | undefined;

/** Called by the worker side of the pool (batch/serve.ts) with where grants go. */
export function onTimeGranted(listener: ((ms: number) => void) | undefined): void {
  sink = listener;
}

/** The work from now on may take `ms` more of CPU time (it replaces the last grant; the file's overall limit still holds). */
export function grantTime(ms: number): void {
  if (sink) return sink(ms);
  const allowance = allowances.getStore();
  if (!allowance) return;
  // The work of the grant before must have stayed within it: a reader that catches errors (a page
  // given up) must not turn a conversion given up into one page missing.
  checkAllowance(allowance);
  allowance.until = cpuMicros() + ms * 1000;
  allowance.grantedMs = ms;
}

/** The work of one conversion in this process: CPU time in µs of process.cpuUsage(). */
interface Allowance {
  /** The last grant runs out here. */
  until: number;
  grantedMs: number;
  /** The file's overall limit runs out here. */
  overall: number;
  overallMs: number;
  /** Given up: stays so, whoever caught the error. */
  exceeded?: WorkBudgetExceeded;
}

const allowances = new AsyncLocalStorage<Allowance>();

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** A conversion given up: more work than its grants allowed. */
export class WorkBudgetExceeded extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WorkBudgetExceeded';
  }
}

/**
 * Runs one conversion with an allowance of work, where no pool holds its deadline (the library):
 * timeBudget.start at first, then what its readers grant, never more than `overallMs` in all.
 * Inside a worker of the pool, or inside another conversion's allowance, it only runs `work`.
 */
export function withWorkBudget<T>(work: () => Promise<T>, overallMs: number = limits.fileTimeoutMs): Promise<T> {
  if (sink || allowances.getStore()) return work();
  const now = cpuMicros();
  return allowances.run({ until: now + timeBudget.start * 1000, grantedMs: timeBudget.start, overall: now + overallMs * 1000, overallMs }, work);
}

/** Calls of spendWork since the clock was last read: reading it every time would cost more than the work. */
let unchecked = 0;

/**
 * A point in a loop whose length the input decides (lines, cells, pieces): throws WorkBudgetExceeded
 * once the conversion under way has used up its allowance. Outside an allowance it does nothing.
 */
export function spendWork(): void {
  if (++unchecked < 1024) return;
  unchecked = 0;
  const allowance = allowances.getStore();
  if (allowance) checkAllowance(allowance);
}

/** Throws if the conversion under way was given up, even if a reader caught the error when it was. */
export function workLeft(): void {
  const allowance = allowances.getStore();
  if (allowance) checkAllowance(allowance);
}

function checkAllowance(allowance: Allowance): void {
  if (allowance.exceeded) throw allowance.exceeded;
  const now = cpuMicros();
  if (now > allowance.overall) {
    allowance.exceeded = new WorkBudgetExceeded(`more than ${allowance.overallMs / 1000} s of work (CPU time) in all`);
  } else if (now > allowance.until) {
    allowance.exceeded = new WorkBudgetExceeded(
      `no progress within ${Math.round(allowance.grantedMs / 1000)} s of work (CPU time; a page or a file of this kind takes far less)`,
    );
  }
  if (allowance.exceeded) throw allowance.exceeded;
}

/** What each kind of work is granted; a hang inside it is given up after that long. */
export const timeBudget = {
  /** Reading and sniffing a file, before any reader starts: what the pool allows a job at first. */
  start: 60_000,
  /** A reader of a whole file (HTML, text, Word). */
  file: { html: 60_000, txt: 30_000, doc: 60_000, docx: 120_000, image: 180_000, pdf: 60_000 } as Record<string, number>,
  /** One PDF page from its text layer (a page of a million drawing operators is no report page). */
  textPage: 30_000,
  /** One page read by OCR: about 4 s on one core here, 30× that is a hang. */
  ocrPage: 120_000,
} as const;

/** Grants a reader its time for a whole file of `format`. */
export function grantFile(format: string): void {
  grantTime(timeBudget.file[format] ?? limits.fileTimeoutMs);
}

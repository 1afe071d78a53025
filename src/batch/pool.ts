/**
 * A pool of worker processes, so that parsing runs on every core and one file
 * can never take the batch down with it. Processes, not threads: a V8 heap
 * overflow aborts the whole process (seen here with worker threads under
 * resourceLimits, a 50 MB page aborted the batch), and native memory (canvas,
 * image buffers) is only measurable, and cappable, per process.
 *
 * A file that hangs past the timeout, passes the memory cap or kills its
 * worker gets the failure value (the CLI: a FILE_UNREADABLE report saying
 * which), and a fresh worker takes the slot. Its budgets (the overall timeout,
 * and what the worker grants as it goes) are counted in CPU time of the
 * worker's process group (cpu-clock.ts), never the wall clock: on a busy
 * machine a file waits for a core without losing time. A worker that uses no
 * CPU at all for long (stallMs) is blocked, and given up too. Workers are
 * also replaced after a number of files, so that what a reader caches or
 * leaks cannot pile up over a batch of a million files.
 *
 * Each worker leads a process group of its own, with what it starts (tesseract):
 * a Ctrl-C in the terminal (sent to the batch's group) does not reach them, so
 * the jobs under way can finish; a worker the pool gives up is killed with its
 * whole group. A conversion that a worker says was interrupted for a reason that
 * is not the file's (its OCR engine killed) yields no value: run() rejects with
 * ConversionInterrupted, and the caller tries the file again later.
 *
 * The pool is generic over what its worker script answers, so that the
 * benchmark's bare pdf.js baseline is scheduled exactly like the pipeline.
 * Worker scripts answer through serveJobs (serve.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { problem } from '../model/problems.js';
import type { Report } from '../model/report.js';
import { emptyReport } from '../pipeline.js';
import { limits } from '../settings.js';
import { timeBudget } from '../work-budget.js';
import { type WorkClock, workClock } from '../cpu-clock.js';

/** What a pool sends its worker script; the script answers { id, result }. */
export interface Job {
  id: number;
  path: string;
  file: string;
}

interface Slot {
  worker: ChildProcess;
  busy: boolean;
  /** Files this worker has finished. */
  done: number;
  /** The end of what the worker wrote on stderr: the reason when it dies. */
  stderrTail: string;
  /** The worker has loaded its modules: a job's time starts counting only then. */
  ready: boolean;
  /** Starts the job waiting for this worker to be ready. */
  onReady?: () => void;
}

export interface PoolOptions {
  size: number;
  /** A file that uses more CPU time (its worker's group) loses its worker and yields the failure value. */
  timeoutMs: number;
  /**
   * CPU time a job has at first, until its worker grants more (work-budget.ts: per format, per page);
   * default: all of timeoutMs (worker scripts that grant nothing).
   */
  startMs?: number;
  /** A job whose worker group uses no CPU for this long (wall clock) is stalled, and yields the failure value. */
  stallMs?: number;
  /** Replace a worker after it has done this many files (0: never). */
  recycleAfter?: number;
  /**
   * Memory cap of each worker in MB (0: none): its V8 heap limit, and the resident size
   * (heap plus native memory) above which it is killed. The file yields the failure value.
   */
  memoryMb?: number;
  /** Environment of the workers (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** The clocks budgets are read on (default: realClocks); tests inject their own, to decide without waiting. */
  clocks?: PoolClocks;
}

/** What the pool reads time from. */
export interface PoolClocks {
  /** The clock of the work of a worker's process group (CPU time where /proc tells). */
  work(pid: number): WorkClock;
  /** The wall clock in ms, for the stall window. */
  now(): number;
  /** Calls `check` every `ms` until stopped. */
  every(check: () => void, ms: number): { stop(): void };
}

export const realClocks: PoolClocks = {
  work: (pid) => workClock(pid),
  now: () => performance.now(),
  every: (check, ms) => {
    const timer = setInterval(check, ms);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  },
};

/** How often busy workers' resident size is compared with the cap, and their CPU time with their budgets. */
const watchMs = 250;

/**
 * "No CPU" across a stall window: less than this share of it. A blocked process uses none at all;
 * a process that works, however starved, gets far more (even at nice 19 beside a core's worth of
 * normal work, over 1 %).
 */
const stallCpuShare = 0.001;

/** Resident size of a process in bytes, where /proc tells (Linux); undefined elsewhere. */
function residentBytes(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return undefined;
  }
}

/** The worker could not finish the file for a reason that is not the file's (its OCR engine was killed, could not run): no report; try it again. */
export class ConversionInterrupted extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ConversionInterrupted';
  }
}

/** Kills a worker and every process of its group (what it started). */
function killGroup(worker: ChildProcess): void {
  if (worker.pid === undefined) return;
  try {
    process.kill(-worker.pid, 'SIGKILL');
  } catch {
    worker.kill('SIGKILL'); // its group is gone already
  }
}

interface Pending<T> {
  job: Job;
  resolve: (result: T) => void;
  reject: (error: Error) => void;
  slot: Slot;
  /** Its budgets, from when the worker got the job; unset until then. */
  budget?: Budget;
}

/** A job's budgets, on its worker group's clock (CPU time; the wall clock where there is none). */
interface Budget {
  clock: WorkClock;
  /** The clock when the worker got the job. */
  started: number;
  /** The last grant runs out at this clock reading (never past the overall timeout). */
  until: number;
  grantedMs: number;
  /** Since when (wall, performance.now()) the group has used no CPU to speak of, and its clock then. */
  idleSince: number;
  idleClock: number;
}

export class WorkerPool<T = Report> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending<T>>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 0;
  private readonly options: Required<PoolOptions>;
  private readonly watch: { stop(): void };
  /** Workers replaced so far: lost (crash, timeout, memory) or recycled. */
  readonly replaced = { lost: 0, recycled: 0 };

  /**
   * @param failed what a job yields when its worker is lost (crash, exit, timeout, memory cap)
   */
  constructor(
    options: PoolOptions,
    private readonly workerUrl: URL,
    private readonly failed: (file: string, reason: string) => T,
  ) {
    this.options = { recycleAfter: 0, memoryMb: 0, env: process.env, startMs: options.timeoutMs, stallMs: limits.workerStallMs, ...options, clocks: options.clocks ?? realClocks };
    for (let i = 0; i < this.options.size; i++) this.slots.push(this.spawn());
    // The poll is on the wall clock; what it compares is CPU time used.
    this.watch = this.options.clocks.every(() => {
      if (this.options.memoryMb > 0) this.checkMemory();
      this.checkBudgets();
    }, watchMs);
  }

  private get memoryReason(): string {
    return `the file needed more than the ${this.options.memoryMb} MB of memory a reader may use`;
  }

  private spawn(): Slot {
    const { memoryMb, env } = this.options;
    const worker = fork(fileURLToPath(this.workerUrl), [], {
      env,
      execArgv: memoryMb > 0 ? [`--max-old-space-size=${memoryMb}`] : [],
      serialization: 'advanced',
      // Its own process group (setsid): signals sent to the batch's group (Ctrl-C) reach neither it nor its tesseract.
      detached: true,
      // A reader's stray console output must not mix with the CLI's; its stderr is kept as the reason it died.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { worker, busy: false, done: 0, stderrTail: '', ready: false };
    worker.stderr!.setEncoding('utf8').on('data', (text: string) => {
      slot.stderrTail = (slot.stderrTail + text).slice(-4096);
    });
    worker.on('message', (message: { ready: true } | { id: number; result: T } | { id: number; grant: number } | { id: number; interrupted: string }) => {
      if ('ready' in message) {
        slot.ready = true;
        slot.onReady?.();
        slot.onReady = undefined;
      } else if ('grant' in message) {
        this.extend(message.id, message.grant);
      } else if ('interrupted' in message) {
        this.settle(message.id, new ConversionInterrupted(message.interrupted));
      } else {
        this.settle(message.id, message.result);
      }
    });
    worker.on('error', (error) => this.fail(slot, `the reader's process failed: ${error.message}`));
    worker.on('exit', (code, signal) => {
      const outOfMemory = /heap out of memory|Allocation failed/.test(slot.stderrTail);
      this.fail(slot, outOfMemory ? this.memoryReason : `the reader's process ended (${signal ?? `exit code ${code}`})`);
    });
    return slot;
  }

  private checkMemory() {
    const cap = this.options.memoryMb * 2 ** 20;
    for (const slot of this.slots) {
      if (!slot.busy || slot.worker.pid === undefined) continue;
      if ((residentBytes(slot.worker.pid) ?? 0) > cap) this.fail(slot, this.memoryReason);
    }
  }

  /**
   * Runs one file in a worker; resolves with the failure value if the worker is lost.
   * Rejects with ConversionInterrupted when the worker says the conversion failed for a reason that is not the file's.
   */
  async run(path: string, file: string): Promise<T> {
    // Finding a free slot and taking it happen in one turn: an await between them let two jobs take the same worker.
    let slot = this.slots.find((s) => !s.busy);
    while (!slot) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      slot = this.slots.find((s) => !s.busy);
    }
    slot.busy = true;
    const job: Job = { id: this.nextId++, path, file };
    const taken = slot;
    return new Promise<T>((resolve, reject) => {
      const entry: Pending<T> = { job, resolve, reject, slot: taken };
      this.pending.set(job.id, entry);
      const start = () => {
        // Its clock starts now: what the worker used loading or on files before is not this file's.
        const clock = this.options.clocks.work(taken.worker.pid ?? -1);
        const started = clock.read();
        entry.budget = { clock, started, until: started, grantedMs: 0, idleSince: this.options.clocks.now(), idleClock: started };
        this.arm(entry, this.options.startMs);
        taken.worker.send(job);
      };
      // A fresh worker loads the whole pipeline first (about half a second): that is not the file's time.
      if (taken.ready) start();
      else taken.onReady = start;
    });
  }

  /**
   * The job may use `ms` more from now, never past its overall timeout. A worker that does not
   * grant time (another worker script) has the overall timeout from the start.
   */
  private arm(entry: Pending<T>, ms: number) {
    const budget = entry.budget!;
    budget.until = Math.min(budget.clock.read() + ms, budget.started + this.options.timeoutMs);
    budget.grantedMs = ms;
  }

  /** The worker started work that may take `ms` (a page, an OCR page): its budget moves. */
  private extend(id: number, ms: number) {
    const entry = this.pending.get(id);
    if (entry?.budget) this.arm(entry, ms);
  }

  /** Gives up each job past its budget, or whose worker group is stalled. */
  private checkBudgets() {
    for (const entry of [...this.pending.values()]) {
      const reason = entry.budget && this.overBudget(entry.budget);
      if (reason) this.fail(entry.slot, reason);
    }
  }

  /** Why the job's budget is spent, if it is. */
  private overBudget(budget: Budget): string | undefined {
    const { timeoutMs, stallMs } = this.options;
    const now = budget.clock.read();
    const cpu = budget.clock.kind === 'cpu';
    const of = cpu ? ' of CPU time' : '';
    if (now - budget.started >= timeoutMs) return `no result within ${timeoutMs / 1000} s${of}`;
    if (now >= budget.until) return `no progress ${cpu ? 'in' : 'within'} ${budget.grantedMs / 1000} s${of} (a page or a file of this kind takes far less)`;
    // The wall clock's deadlines already catch a worker that blocks; CPU time does not run while it does.
    if (!cpu) return undefined;
    const wall = this.options.clocks.now();
    if (now - budget.idleClock > stallMs * stallCpuShare) {
      budget.idleSince = wall;
      budget.idleClock = now;
    } else if (wall - budget.idleSince >= stallMs) {
      return `used no CPU for ${stallMs / 1000} s (blocked: however busy the machine, a process that works gets CPU every second)`;
    }
    return undefined;
  }

  private release(slot: Slot) {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  private settle(id: number, result: T | ConversionInterrupted) {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    const slot = entry.slot;
    if (result instanceof ConversionInterrupted) {
      entry.reject(result);
      // What the conversion had started besides the failed engine call (other pages' tesseract) would run on for nothing.
      this.replaced.lost++;
      this.replace(slot);
      return;
    }
    entry.resolve(result);
    slot.done++;
    const { recycleAfter } = this.options;
    if (recycleAfter > 0 && slot.done >= recycleAfter) {
      this.replaced.recycled++;
      this.replace(slot);
    } else {
      this.release(slot);
    }
  }

  /** Kills the worker of a slot and puts a fresh one in its place. */
  private replace(slot: Slot) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.retire(slot);
    const fresh = this.spawn();
    this.slots[index] = fresh;
    this.release(fresh);
  }

  private retire(slot: Slot) {
    slot.worker.removeAllListeners();
    slot.worker.stderr?.removeAllListeners();
    killGroup(slot.worker);
  }

  /** The worker of this slot is lost (crash, exit, timeout, memory): its job gets the failure value, and the slot a new worker. */
  private fail(slot: Slot, reason: string) {
    if (!this.slots.includes(slot)) return; // already replaced
    for (const [id, entry] of this.pending) {
      if (entry.slot !== slot) continue;
      this.pending.delete(id);
      entry.resolve(this.failed(entry.job.file, reason));
    }
    this.replaced.lost++;
    this.replace(slot);
  }

  async close(): Promise<void> {
    this.watch.stop();
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.worker.exitCode !== null || s.worker.signalCode !== null) return resolve();
            s.worker.removeAllListeners();
            s.worker.once('exit', () => resolve());
            killGroup(s.worker);
          }),
      ),
    );
  }
}

const abandonedPrefix = 'Conversion abandoned: ';

function abandonedReport(file: string, reason: string): Report {
  return emptyReport(file, null, 'unknown', 'none', [problem('FILE_UNREADABLE', `${abandonedPrefix}${reason}`)]);
}

/** A report the pool made for a file whose conversion it gave up (timeout, memory cap, the worker died). */
export function isAbandoned(report: Report): boolean {
  return report.problems.some((p) => p.code === 'FILE_UNREADABLE' && p.message.startsWith(abandonedPrefix));
}

/** The pool the CLI converts with: workers run the pipeline; a lost file gets a FILE_UNREADABLE report. */
export function conversionPool(options: PoolOptions): WorkerPool<Report> {
  return new WorkerPool({ startMs: timeBudget.start, ...options }, new URL('./worker.js', import.meta.url), abandonedReport);
}

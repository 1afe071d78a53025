/**
 * A pool of worker threads, so that parsing runs on every core. A file that
 * hangs past the timeout, exhausts its worker's heap cap, or kills its worker,
 * gets a FILE_UNREADABLE report and a fresh worker takes its place: one file
 * never stops the batch. Workers are also replaced after a number of files,
 * and when the process's RSS passes a soft cap, so that what a reader leaks or
 * caches cannot pile up over a batch of a million files.
 *
 * The pool is generic over what its worker script answers, so that the
 * benchmark's bare pdf.js baseline is scheduled exactly like the pipeline.
 */
import { Worker } from 'node:worker_threads';
import { problem } from '../model/problems.js';
import type { Report } from '../model/report.js';
import { emptyReport } from '../pipeline.js';

/** What a pool sends its worker script; the script answers { id, result }. */
export interface Job {
  id: number;
  path: string;
  file: string;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Files this worker has finished. */
  done: number;
}

export interface PoolOptions {
  size: number;
  /** A file that takes longer loses its worker and yields the failure value. */
  timeoutMs: number;
  /** Replace a worker after it has done this many files (0: never). */
  recycleAfter?: number;
  /** V8 heap cap of each worker in MB (0: V8's default); a file that needs more yields the failure value. */
  heapMb?: number;
  /** Replace a worker when, after one of its files, the process's RSS is above this many MB (0: never). */
  rssMb?: number;
  /** Environment of the workers (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

interface Pending<T> {
  job: Job;
  resolve: (result: T) => void;
  timer: NodeJS.Timeout;
  slot: Slot;
}

export class WorkerPool<T = Report> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending<T>>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 0;
  private readonly options: Required<PoolOptions>;
  /** Workers replaced so far: lost (crash, timeout, memory) or recycled. */
  readonly replaced = { lost: 0, recycled: 0 };

  /**
   * @param failed what a job yields when its worker is lost (crash, exit, timeout, heap cap)
   */
  constructor(
    options: PoolOptions,
    private readonly workerUrl: URL,
    private readonly failed: (file: string, reason: string) => T,
  ) {
    this.options = { recycleAfter: 0, heapMb: 0, rssMb: 0, env: process.env, ...options };
    for (let i = 0; i < this.options.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const { heapMb, env } = this.options;
    const worker = new Worker(this.workerUrl, { env, ...(heapMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) });
    const slot: Slot = { worker, busy: false, done: 0 };
    worker.on('message', ({ id, result }: { id: number; result: T }) => this.settle(id, result));
    worker.on('error', (error: Error & { code?: string }) =>
      this.fail(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the file needed more than the ${heapMb} MB of memory a reader may use`
          : `the reader crashed: ${error.message}`,
      ),
    );
    worker.on('exit', (code) => this.fail(slot, `the reader's worker exited (code ${code})`));
    return slot;
  }

  /** Runs one file in a worker; always resolves, with the failure value if the worker is lost. */
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
    return new Promise<T>((resolve) => {
      const { timeoutMs } = this.options;
      const timer = setTimeout(() => this.fail(taken, `no result within ${timeoutMs / 1000} s`), timeoutMs);
      this.pending.set(job.id, { job, resolve, timer, slot: taken });
      taken.worker.postMessage(job);
    });
  }

  private release(slot: Slot) {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  private settle(id: number, result: T) {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.resolve(result);
    const slot = entry.slot;
    slot.done++;
    const { recycleAfter, rssMb } = this.options;
    if ((recycleAfter > 0 && slot.done >= recycleAfter) || (rssMb > 0 && process.memoryUsage.rss() > rssMb * 2 ** 20)) {
      this.replaced.recycled++;
      this.replace(slot);
    } else {
      this.release(slot);
    }
  }

  /** Terminates the worker of a slot and puts a fresh one in its place. */
  private replace(slot: Slot) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[index] = fresh;
    this.release(fresh);
  }

  /** The worker of this slot is lost (crash, exit, timeout): its job gets a report saying so, and the slot a new worker. */
  private fail(slot: Slot, reason: string) {
    if (!this.slots.includes(slot)) return; // already replaced
    for (const [id, entry] of this.pending) {
      if (entry.slot !== slot) continue;
      clearTimeout(entry.timer);
      this.pending.delete(id);
      entry.resolve(this.failed(entry.job.file, reason));
    }
    this.replaced.lost++;
    this.replace(slot);
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((s) => {
        s.worker.removeAllListeners();
        return s.worker.terminate();
      }),
    );
  }
}

function abandonedReport(file: string, reason: string): Report {
  return emptyReport(file, null, 'unknown', 'none', [problem('FILE_UNREADABLE', `Conversion abandoned: ${reason}`)]);
}

/** The pool the CLI converts with: workers run the pipeline; a lost file gets a FILE_UNREADABLE report. */
export function conversionPool(options: PoolOptions): WorkerPool<Report> {
  return new WorkerPool(options, new URL('./worker.js', import.meta.url), abandonedReport);
}

/**
 * A pool of worker threads, so that parsing runs on every core. A file that
 * hangs past the timeout, or kills its worker, gets a FILE_UNREADABLE report
 * and a fresh worker takes its place: one file never stops the batch.
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

  /**
   * @param failed what a job yields when its worker is lost (crash, exit, timeout)
   */
  constructor(
    size: number,
    private readonly timeoutMs: number,
    private readonly workerUrl: URL,
    private readonly failed: (file: string, reason: string) => T,
    /** Environment of the workers (default: this process's). */
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerUrl, { env: this.env }), busy: false };
    slot.worker.on('message', ({ id, result }: { id: number; result: T }) => this.settle(id, result));
    slot.worker.on('error', (error) => this.fail(slot, `the reader crashed: ${error.message}`));
    slot.worker.on('exit', (code) => this.fail(slot, `the reader's worker exited (code ${code})`));
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
      const timer = setTimeout(() => this.fail(taken, `no result within ${this.timeoutMs / 1000} s`), this.timeoutMs);
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
    this.release(entry.slot);
  }

  /** The worker of this slot is lost (crash, exit, timeout): its job gets a report saying so, and the slot a new worker. */
  private fail(slot: Slot, reason: string) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    for (const [id, entry] of this.pending) {
      if (entry.slot !== slot) continue;
      clearTimeout(entry.timer);
      this.pending.delete(id);
      entry.resolve(this.failed(entry.job.file, reason));
    }
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const fresh = this.spawn();
    this.slots[index] = fresh;
    this.release(fresh);
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
export function conversionPool(size: number, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): WorkerPool<Report> {
  return new WorkerPool(size, timeoutMs, new URL('./worker.js', import.meta.url), abandonedReport, env);
}

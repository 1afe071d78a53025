/**
 * A pool of worker threads, so that parsing runs on every core. A file that
 * hangs past the timeout, or kills its worker, gets a FILE_UNREADABLE report
 * and a fresh worker takes its place: one file never stops the batch.
 */
import { Worker } from 'node:worker_threads';
import { problem } from '../model/problems.js';
import type { Report } from '../model/report.js';
import { emptyReport } from '../pipeline.js';
import type { Job } from './worker.js';

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  job: Job;
  resolve: (report: Report) => void;
  timer: NodeJS.Timeout;
  slot: Slot;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 0;

  constructor(
    size: number,
    private readonly timeoutMs: number,
    private readonly workerUrl = new URL('./worker.js', import.meta.url),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerUrl), busy: false };
    slot.worker.on('message', ({ id, report }: { id: number; report: Report }) => this.settle(id, report));
    slot.worker.on('error', (error) => this.fail(slot, `the reader crashed: ${error.message}`));
    slot.worker.on('exit', (code) => this.fail(slot, `the reader's worker exited (code ${code})`));
    return slot;
  }

  /** Converts one file in a worker; always resolves with a report. */
  async run(path: string, file: string): Promise<Report> {
    const slot = await this.freeSlot();
    slot.busy = true;
    const job: Job = { id: this.nextId++, path, file };
    return new Promise<Report>((resolve) => {
      const timer = setTimeout(() => this.fail(slot, `no result within ${this.timeoutMs / 1000} s`), this.timeoutMs);
      this.pending.set(job.id, { job, resolve, timer, slot });
      slot.worker.postMessage(job);
    });
  }

  private async freeSlot(): Promise<Slot> {
    for (;;) {
      const slot = this.slots.find((s) => !s.busy);
      if (slot) return slot;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot) {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  private settle(id: number, report: Report) {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.resolve(report);
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
      entry.resolve(
        emptyReport(entry.job.file, null, 'unknown', 'none', [problem('FILE_UNREADABLE', `Conversion abandoned: ${reason}`)]),
      );
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

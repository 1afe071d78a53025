/**
 * Reading and parsing the report JSON files on every core. Decoding and
 * parsing a ~70 KB JSON costs about 1 ms, twice per report (once per pass):
 * for 100k reports that is the export's main cost, so it runs in worker
 * threads, and the main thread only plans and writes. Answers come back in
 * the order asked, with a bounded number of jobs in flight.
 */
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { metadataInDoubt } from '../model/problems.js';
import type { PlannedReport, ReportFacts } from './plan.js';
import { parseReport } from './read-report.js';
import { reportRows } from './rows.js';
import type { ReportRows } from './tables.js';

export type ParseJob = { pass: 'facts'; path: string } | { pass: 'rows'; path: string; plan: PlannedReport };
export type ParseAnswer = { facts: ReportFacts } | { rows: ReportRows } | { skip: string };

/** One job, wherever it runs (a worker or, without workers, this thread). */
export async function parseJob(job: ParseJob, read: typeof readFile): Promise<ParseAnswer> {
  let text: string;
  try {
    text = await read(job.path, 'utf8');
  } catch (error) {
    return { skip: `cannot read it: ${(error as Error).message}` };
  }
  const result = parseReport(text);
  if ('skip' in result) return result;
  if (job.pass === 'rows') return { rows: reportRows(result.report, job.plan) };
  const { source, report, problems } = result.report;
  return {
    facts: {
      json: job.path,
      file: source.file,
      sha256: source.sha256,
      duplicate: source.duplicateOf !== undefined,
      agency: report.agency,
      year: report.year,
      metadataInDoubt: metadataInDoubt(problems),
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
  };
}

export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (answer: ParseAnswer) => void>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  /** `size` 0: parse on this thread. */
  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./parse-worker.js', import.meta.url));
      worker.on('message', ({ id, answer }: { id: number; answer: ParseAnswer }) => {
        this.waiting.get(id)?.(answer);
        this.waiting.delete(id);
      });
      // A worker that dies fails the export (it is a bug, not a bad file): every waiting job gets the error.
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a parse worker stopped (exit ${code})`));
      });
      this.workers.push(worker);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const settle of this.waiting.values()) settle({ skip: '' });
    this.waiting.clear();
  }

  async run(job: ParseJob): Promise<ParseAnswer> {
    if (this.workers.length === 0) return parseJob(job, readFile);
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const answer = await new Promise<ParseAnswer>((resolve) => {
      this.waiting.set(id, resolve);
      this.workers[id % this.workers.length]!.postMessage({ ...job, id });
    });
    if (this.failure) throw this.failure;
    return answer;
  }

  /** The answers to `jobs`, in their order, with up to `ahead` jobs in flight. */
  async *inOrder(jobs: Iterable<ParseJob>, ahead: number): AsyncGenerator<{ job: ParseJob; answer: ParseAnswer }> {
    const pending: Array<Promise<{ job: ParseJob; answer: ParseAnswer }>> = [];
    const iterator = jobs[Symbol.iterator]();
    const start = () => {
      const next = iterator.next();
      if (next.done) return false;
      const job = next.value;
      const answer = this.run(job).then((a) => ({ job, answer: a }));
      answer.catch(() => undefined); // awaited in turn below; not an unhandled rejection meanwhile
      pending.push(answer);
      return true;
    };
    while (pending.length < ahead && start());
    while (pending.length > 0) {
      const item = await pending.shift()!;
      start();
      yield item;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

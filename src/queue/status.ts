/**
 * How far a queue is: counts by state, the workers connected, the recent
 * throughput with an ETA, and the last failures.
 *
 * The throughput is measured, never assumed: files finished by the workers
 * connected now, over the time they were seen working. Files finished by
 * workers that are gone (an earlier run of quick files, a worker stopped)
 * say nothing of what the queue does now, and counting them made the ETA of
 * a run of scans several times too short; with no worker connected, or the
 * queue paused, nothing is being done and there is no ETA, only why.
 */
import { duration } from '../batch/progress.js';
import type { ConversionQueue } from './enqueue.js';
import { jobLabel, printable } from './jobs.js';
import { queueSettings } from './settings.js';
import { minOf } from '../arrays.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface RecentFailure {
  /** Its file as printed (printable, cut), or "job <id>" when its data holds none. */
  file: string;
  reason: string;
  attemptsMade: number;
  attempts: number;
  finishedOn: number | null;
}

export interface Throughput {
  filesPerMinute: number;
  /** Files finished in the span measured. */
  files: number;
  /** The span measured, in ms (the window, or less when the run began later). */
  spanMs: number;
}

export interface QueueStatus {
  counts: QueueCounts;
  /** Names of the workers connected (host:pid for govreport workers). */
  workers: string[];
  /** Paused (e.g. from a dashboard): workers take no job. */
  paused: boolean;
  /** Null when no job finished within the window by a worker connected now. */
  throughput: Throughput | null;
  eta: Eta;
  failures: RecentFailure[];
}

interface Timed {
  processedOn?: number;
  finishedOn?: number;
  /** The worker that did it (BullMQ keeps the worker's name). */
  processedBy?: string;
}

/** Seconds until the jobs left are done at the measured throughput (0: nothing left), or why there is no estimate. */
export type Eta = { seconds: number } | { unknown: string };

/**
 * Files per minute from the most recently completed jobs (newest first, as
 * many as were fetched): those finished within `windowMs` of `now` by one of
 * `workers` (the workers connected now; all when not given), over the time
 * since the window began, or since the first of them started when that is
 * later (a run younger than the window). When the sample is full, it covers
 * less than the window: the span then starts no earlier than its oldest job.
 * Timestamps are the workers' clocks: machines are assumed NTP-synchronised.
 */
export function throughputOf(
  recent: readonly Timed[],
  now: number,
  windowMs: number,
  sampleFull: boolean,
  workers?: ReadonlySet<string>,
): Throughput | null {
  const inWindow = recent.filter((j) => j.finishedOn !== undefined && j.finishedOn >= now - windowMs);
  const finished = workers ? inWindow.filter((j) => j.processedBy !== undefined && workers.has(j.processedBy)) : inWindow;
  if (finished.length === 0) return null;
  const sampleStart = sampleFull && inWindow.length === recent.length ? minOf(inWindow.map((j) => j.finishedOn!)) : -Infinity;
  const start = Math.max(now - windowMs, sampleStart, minOf(finished.map((j) => j.processedOn ?? j.finishedOn!)));
  // At least a second: two files finished within a millisecond are not a rate of thousands a minute.
  const spanMs = Math.max(now - start, 1000);
  return { filesPerMinute: (finished.length / spanMs) * 60_000, files: finished.length, spanMs };
}

export async function queueStatus(queue: ConversionQueue, now = Date.now()): Promise<QueueStatus> {
  const sampleSize = queueSettings.throughputSample;
  const [raw, workers, recent, failed, paused] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
    queue.getWorkers(),
    queue.getCompleted(0, sampleSize - 1),
    queue.getFailed(0, queueSettings.recentFailures - 1),
    queue.isPaused(),
  ]);
  const count = (state: string) => raw[state] ?? 0;
  const counts: QueueCounts = {
    // Prioritized jobs wait too; we never set priorities, but a dashboard may.
    waiting: count('waiting') + count('prioritized'),
    active: count('active'),
    delayed: count('delayed'),
    completed: count('completed'),
    failed: count('failed'),
  };
  const names = workers.map(workerLabel);
  const throughput = throughputOf(recent, now, queueSettings.throughputWindowMs, recent.length === sampleSize, new Set(names));
  return {
    counts,
    workers: names,
    paused,
    throughput,
    eta: etaOf(counts, throughput, names.length, paused),
    failures: failed.map((job) => ({
      // Whatever a job holds (anyone with access to Redis may have added it), status shows it, printable and cut.
      file: jobLabel(job),
      reason: job.failedReason,
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      finishedOn: job.finishedOn ?? null,
    })),
  };
}

/** The time left at the measured throughput; none when no worker is connected, the queue is paused, or nothing was measured. */
export function etaOf(counts: QueueCounts, throughput: Throughput | null, workers: number, paused: boolean): Eta {
  const left = counts.waiting + counts.active + counts.delayed;
  if (left === 0) return { seconds: 0 };
  if (workers === 0) return { unknown: 'no worker connected' };
  if (paused) return { unknown: 'the queue is paused' };
  if (!throughput) return { unknown: `no file finished by the workers connected in the last ${duration(queueSettings.throughputWindowMs / 1000)}` };
  return { seconds: (left / throughput.filesPerMinute) * 60 };
}

/** The ETA as `status` prints it. */
export function etaText(eta: Eta): string {
  if ('unknown' in eta) return `ETA unknown: ${eta.unknown}`;
  return eta.seconds === 0 ? 'ETA done' : `ETA ${duration(eta.seconds)}`;
}

/**
 * A worker as people know it: BullMQ names its connection "<prefix>:<base64
 * queue>:w:<worker name>" (CLIENT LIST's rawname; `name` is the decoded queue
 * name); a worker without a name is shown by its address.
 */
function workerLabel(client: Record<string, string | undefined>): string {
  const rawname = client.rawname ?? '';
  const at = rawname.indexOf(':w:');
  return at >= 0 ? rawname.slice(at + 3) : `unnamed worker at ${client.addr ?? '?'}`;
}

export function statusText(queueName: string, where: string, status: QueueStatus): string {
  const { counts, throughput } = status;
  const lines = [
    `queue "${queueName}" on ${where}`,
    `waiting ${counts.waiting}  active ${counts.active}  delayed ${counts.delayed}  completed ${counts.completed}  failed ${counts.failed}` +
      (status.paused ? '  (the queue is paused: workers take no job)' : ''),
    status.workers.length === 0 ? 'workers: none connected' : `workers: ${status.workers.length} connected (${status.workers.map(printable).join(', ')})`,
    throughput
      ? `throughput: ${throughput.filesPerMinute.toFixed(1)} files/min (${throughput.files} files by the workers connected, in the last ${duration(throughput.spanMs / 1000)}); ${etaText(status.eta)}`
      : `throughput: no file finished by the workers connected in the last ${duration(queueSettings.throughputWindowMs / 1000)}; ${etaText(status.eta)}`,
  ];
  if (counts.delayed > 0) lines.push(`${counts.delayed} jobs wait to be retried after a failure (missing input, failed write, or OCR engine stopped)`);
  if (status.failures.length > 0) {
    lines.push(`last ${status.failures.length} failures (of ${counts.failed}):`);
    for (const f of status.failures) {
      const when = f.finishedOn === null ? '' : `${new Date(f.finishedOn).toISOString()} `;
      // The file and reason come from Redis: control characters are shown escaped, never sent to the terminal.
      lines.push(`  ${when}${f.file} (attempt ${f.attemptsMade} of ${f.attempts}): ${printable(f.reason)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

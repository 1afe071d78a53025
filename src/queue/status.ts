/**
 * How far a queue is: counts by state, the workers connected, the recent
 * throughput with an ETA, and the last failures.
 */
import { duration } from '../batch/progress.js';
import type { ConversionQueue } from './enqueue.js';
import { type ConversionJobData, printable } from './jobs.js';
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
  /** Null when no job finished within the window. */
  throughput: Throughput | null;
  /** Seconds until the jobs left are done at the recent throughput; null when unknown. */
  etaSeconds: number | null;
  failures: RecentFailure[];
}

interface Timed {
  processedOn?: number;
  finishedOn?: number;
}

/**
 * Files per minute from the most recently completed jobs (newest first, as
 * many as were fetched): those finished within `windowMs` of `now`, over the
 * time since the window began, or since the first of them started when that
 * is later (a run younger than the window). When the sample is full, it
 * covers less than the window: the span then starts at its oldest job.
 * Timestamps are the workers' clocks: machines are assumed NTP-synchronised.
 */
export function throughputOf(recent: readonly Timed[], now: number, windowMs: number, sampleFull: boolean): Throughput | null {
  const finished = recent.filter((j) => j.finishedOn !== undefined && j.finishedOn >= now - windowMs);
  if (finished.length === 0) return null;
  const start =
    sampleFull && finished.length === recent.length
      ? minOf(finished.map((j) => j.finishedOn!))
      : Math.max(now - windowMs, minOf(finished.map((j) => j.processedOn ?? j.finishedOn!)));
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
  const throughput = throughputOf(recent, now, queueSettings.throughputWindowMs, recent.length === sampleSize);
  const left = counts.waiting + counts.active + counts.delayed;
  return {
    counts,
    workers: workers.map(workerLabel),
    paused,
    throughput,
    etaSeconds: left === 0 ? 0 : throughput ? (left / throughput.filesPerMinute) * 60 : null,
    failures: failed.map((job) => ({
      // Whatever a job holds (anyone with access to Redis may have added it), status shows it.
      file: String((job.data as Partial<ConversionJobData> | null)?.file),
      reason: job.failedReason,
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      finishedOn: job.finishedOn ?? null,
    })),
  };
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
    status.workers.length === 0 ? 'workers: none connected' : `workers: ${status.workers.length} connected (${status.workers.join(', ')})`,
    throughput
      ? `throughput: ${throughput.filesPerMinute.toFixed(1)} files/min (${throughput.files} files in the last ${duration(throughput.spanMs / 1000)}); ` +
        `ETA ${status.etaSeconds === 0 ? 'done' : duration(status.etaSeconds ?? Number.NaN)}`
      : `throughput: no file finished in the last ${duration(queueSettings.throughputWindowMs / 1000)}; ETA ${status.etaSeconds === 0 ? 'done' : 'unknown'}`,
  ];
  if (counts.delayed > 0) lines.push(`${counts.delayed} jobs wait to be retried after a failure (missing input or failed write)`);
  if (status.failures.length > 0) {
    lines.push(`last ${status.failures.length} failures (of ${counts.failed}):`);
    for (const f of status.failures) {
      const when = f.finishedOn === null ? '' : `${new Date(f.finishedOn).toISOString()} `;
      // The file and reason come from Redis: control characters are shown escaped, never sent to the terminal.
      lines.push(`  ${when}${printable(f.file)} (attempt ${f.attemptsMade} of ${f.attempts}): ${printable(f.reason)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

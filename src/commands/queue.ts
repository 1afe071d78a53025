/** govreport enqueue / worker / status: a batch spread over several machines through Redis (BullMQ). */
import { cpus, hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { collectInputs, skippedLines } from '../batch/inputs.js';
import { limits } from '../settings.js';
import { closeRedis, connectRedis, describeRedisError, redactedUrl } from '../queue/connection.js';
import { type ConversionQueue, enqueueInputs } from '../queue/enqueue.js';
import { type ConversionJobData, type ConversionSummary, jsonPathOf } from '../queue/jobs.js';
import { startQueueWorker } from '../queue/queue-worker.js';
import { queueSettings } from '../queue/settings.js';
import { queueStatus, statusText } from '../queue/status.js';
import { version } from '../version.js';
import { type Command, UsageError, exitOnSignal, positiveInt } from './args.js';

/** Checks --redis: a redis:// or rediss:// URL. */
function redisUrlOption(value: string | undefined, command: string): string {
  if (value === undefined) throw new UsageError(`${command} needs --redis <url>, e.g. --redis redis://queue-host:6379`);
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new UsageError(`--redis must be a URL like redis://host:6379, not "${redactedUrl(value)}"`);
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new UsageError(`--redis must be a redis:// or rediss:// URL, not "${redactedUrl(value)}"`);
  return value;
}

/** Checks --queue: BullMQ keys are "bull:<queue>:…", so no colon. */
function queueNameOption(value: string | undefined): string {
  const name = value ?? queueSettings.queueName;
  if (name === '' || name.includes(':')) throw new UsageError(`--queue must be a name without ":", not "${name}"`);
  return name;
}

/** A Queue on a connected client; its errors (Redis lost mid-way) reach us through the calls that fail. */
function openQueue(name: string, client: Redis, readOnly = false): ConversionQueue {
  const queue: ConversionQueue = new Queue<ConversionJobData, ConversionSummary, string>(name, { connection: client, skipMetasUpdate: readOnly });
  queue.on('error', () => {});
  return queue;
}

const sharedStorage = `Paths are stored absolute: every machine must mount the shared input and
output storage at the same path (e.g. /mnt/reports on all of them), and the
workers write the JSON there.`;

const enqueueUsage = `Usage: govreport enqueue <file-or-folder>... --redis <url> [-o <outdir>] [options]

Puts one job per input on a Redis queue for \`govreport worker\` processes,
on this machine or others. Inputs are found as by \`govreport convert\`
(every report file in the folders given, recursively); each job's JSON goes
to <outdir>/<path relative to the folder given>.json.

${sharedStorage}

A job is identified by the pipeline version, the input's absolute path and its
JSON's absolute path: enqueuing the same inputs again adds nothing while their
jobs are queued, running or done (completed and failed jobs are kept in
Redis). Files with the same bytes are each converted; \`govreport export\`
finds the duplicates by sha256.

Options:
  --redis <url>            the queue's Redis, e.g. redis://queue-host:6379
                           (rediss:// for TLS; redis://:password@host:6379/db)
  -o, --out <dir>          output folder (default: output)
  --queue <name>           queue name (default: ${queueSettings.queueName})
  --force                  replace the jobs of these inputs that are completed
                           or failed, so that they are converted again (jobs
                           waiting or running are left as they are)
  --attempts <N>           tries of a job whose input is missing or whose JSON
                           cannot be written, before it fails (default: ${queueSettings.attempts})
  --backoff <ms>           wait before the first retry, doubled after each
                           (default: ${queueSettings.backoffMs})
  -h, --help               this text

Prints "N enqueued, M already queued or done". Exit status 0; 1 when an
argument is not a file or folder (the others are enqueued) or Redis cannot be
reached.
`;

async function enqueue(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      redis: { type: 'string' },
      out: { type: 'string', short: 'o', default: 'output' },
      queue: { type: 'string' },
      force: { type: 'boolean', default: false },
      attempts: { type: 'string' },
      backoff: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('enqueue needs at least one file or folder');
  const url = redisUrlOption(values.redis, 'enqueue');
  const queueName = queueNameOption(values.queue);
  const attempts = positiveInt(values.attempts, '--attempts', queueSettings.attempts);
  const backoffMs = positiveInt(values.backoff, '--backoff', queueSettings.backoffMs);

  const { inputs, missing, skipped } = await collectInputs(positionals);
  for (const m of missing) process.stderr.write(`govreport: ${m}: no such file or folder\n`);
  const client = await connectRedis(url);
  const queue = openQueue(queueName, client);
  try {
    const showProgress = process.stderr.isTTY && inputs.length > queueSettings.enqueueChunk;
    const result = await enqueueInputs(queue, client, inputs, {
      outdir: values.out!,
      pipelineVersion: version,
      force: values.force,
      attempts,
      backoffMs,
      onProgress: showProgress ? (handled) => process.stderr.write(`\r${handled}/${inputs.length} inputs\x1b[K`) : undefined,
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    const replaced = values.force ? ` (${result.replaced} of them replacing finished jobs)` : '';
    process.stdout.write(`${result.enqueued} enqueued${replaced}, ${result.existing} already queued or done; queue "${queueName}" on ${redactedUrl(url)}\n`);
    for (const line of skippedLines(skipped)) process.stdout.write(`${line}\n`);
    return missing.length > 0 ? 1 : 0;
  } finally {
    await queue.close();
    await closeRedis(client);
  }
}

const workerUsage = `Usage: govreport worker --redis <url> [--concurrency N] [options]

Takes jobs from a Redis queue filled by \`govreport enqueue\` and converts
them, each in its own worker process, until stopped. Run one on every machine
that should convert.

${sharedStorage}

For each job: the input must exist (else the attempt fails and is retried
with backoff: shared storage can hiccup), it is converted (a file that cannot
be read gets a JSON with FILE_UNREADABLE, as in \`govreport convert\`), and its
JSON is written atomically (a write that fails is retried too). Prints
"done <file> → <json> (<n> errors, <n> warnings)" on stdout once Redis has
recorded the job as completed, and failed attempts on stderr.

SIGINT (Ctrl-C) or SIGTERM: takes no new job, finishes the active ones, and
exits 0; a second signal exits at once. A worker that dies or is killed
leaves its jobs to the others: they go back to the queue once its lock has
expired (--lock-seconds, up to twice that).

Options:
  --redis <url>            the queue's Redis, e.g. redis://queue-host:6379
  -c, --concurrency <N>    jobs converted at once (default: number of CPU cores)
  --queue <name>           queue name (default: ${queueSettings.queueName})
  --timeout <S>            seconds after which a file is abandoned with
                           FILE_UNREADABLE (default: ${limits.fileTimeoutMs / 1000})
  --max-memory <MB>        memory cap of each worker process; a file that needs
                           more gets FILE_UNREADABLE (default: ${limits.workerMemoryMb})
  --lock-seconds <S>       how long a job stays locked to this worker without
                           renewal, and how often workers look for jobs whose
                           worker died (default: ${queueSettings.lockSeconds})
  -h, --help               this text

Exit status 0 after a signal; 1 when Redis cannot be reached at start-up.
`;

async function worker(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      redis: { type: 'string' },
      concurrency: { type: 'string', short: 'c' },
      queue: { type: 'string' },
      timeout: { type: 'string' },
      'max-memory': { type: 'string' },
      'lock-seconds': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`worker takes no files (they come from the queue), not "${positionals[0]}"`);
  const url = redisUrlOption(values.redis, 'worker');
  const queueName = queueNameOption(values.queue);
  const concurrency = positiveInt(values.concurrency, '--concurrency', Math.max(1, cpus().length));
  const timeoutMs = positiveInt(values.timeout, '--timeout', limits.fileTimeoutMs / 1000) * 1000;
  const memoryMb = positiveInt(values['max-memory'], '--max-memory', limits.workerMemoryMb);
  const lockSeconds = positiveInt(values['lock-seconds'], '--lock-seconds', queueSettings.lockSeconds);
  const name = `${hostname()}:${process.pid}`;

  const client = await connectRedis(url, { waitForRedis: true });
  let lastError = { text: '', at: 0 };
  const queueWorker = await startQueueWorker({
    client,
    queueName,
    concurrency,
    lockSeconds,
    pool: { timeoutMs, memoryMb, recycleAfter: limits.workerRecycleAfter },
    pipelineVersion: version,
    name,
    onCompleted(job, summary) {
      process.stdout.write(`done ${job.data.file} → ${jsonPathOf(job.data)} (${summary.errors} errors, ${summary.warnings} warnings)\n`);
    },
    onFailed(job, error, retryInMs) {
      const what = job ? `${job.data.file} (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})` : 'a job';
      const next = retryInMs === null ? 'failed for good' : `retry in ${(retryInMs / 1000).toFixed(1)} s`;
      process.stderr.write(`failed ${what}: ${error.message}; ${next}\n`);
    },
    onStalled(jobId) {
      process.stderr.write(`govreport worker: job ${jobId} lost its worker; back in the queue\n`);
    },
    onError(error) {
      // A Redis that is down errors on every reconnect: say it once, again only after a while.
      const text = describeRedisError(error);
      if (text === lastError.text && Date.now() - lastError.at < queueSettings.redisErrorRepeatMs) return;
      lastError = { text, at: Date.now() };
      process.stderr.write(`govreport worker ${name}: ${text}\n`);
    },
  }).catch(async (error: unknown) => {
    await closeRedis(client);
    throw error;
  });
  process.stderr.write(
    `govreport worker ${name}: queue "${queueName}" on ${redactedUrl(url)}, ${concurrency} at a time, pipeline ${version}; Ctrl-C or SIGTERM stops after the active jobs\n`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write(`govreport worker ${name}: ${signal}: finishing ${queueWorker.active()} active jobs, then stopping (again to stop at once)\n`);
  // A second signal: stop now; the active jobs go back to the queue when their locks expire.
  await exitOnSignal(
    () => undefined,
    async () => {
      await queueWorker.stop();
      await closeRedis(client);
    },
  );
  process.stderr.write(`govreport worker ${name}: stopped\n`);
  return 0;
}

const statusUsage = `Usage: govreport status --redis <url> [--queue <name>]

Shows how far a queue is: jobs waiting, active, delayed (waiting for a
retry), completed and failed; the workers connected; the throughput over the
last ${queueSettings.throughputWindowMs / 60_000} minutes (from the finishing times of completed jobs, as
the workers' clocks tell them) with an estimate of the time left; and the
last failures with their reasons.

Options:
  --redis <url>            the queue's Redis, e.g. redis://queue-host:6379
  --queue <name>           queue name (default: ${queueSettings.queueName})
  -h, --help               this text

Exit status 0; 1 when Redis cannot be reached.
`;

async function status(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { redis: { type: 'string' }, queue: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`status takes no files, not "${positionals[0]}"`);
  const url = redisUrlOption(values.redis, 'status');
  const queueName = queueNameOption(values.queue);
  const client = await connectRedis(url);
  const queue = openQueue(queueName, client, true);
  try {
    process.stdout.write(statusText(queueName, redactedUrl(url), await queueStatus(queue)));
    return 0;
  } finally {
    await queue.close();
    await closeRedis(client);
  }
}

export const enqueueCommand: Command = { name: 'enqueue', summary: 'put files on a Redis queue for workers on any machine', usage: enqueueUsage, run: enqueue };
export const workerCommand: Command = { name: 'worker', summary: 'convert files taken from a Redis queue, until stopped', usage: workerUsage, run: worker };
export const statusCommand: Command = { name: 'status', summary: 'show the progress of a Redis queue', usage: statusUsage, run: status };

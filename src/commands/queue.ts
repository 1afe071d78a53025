/** govreport enqueue / worker / status: a batch spread over several machines through Redis (BullMQ). */
import { mkdir, realpath, stat } from 'node:fs/promises';
import { cpus, hostname } from 'node:os';
import { isAbsolute, posix, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { collectInputs, skippedLines } from '../batch/inputs.js';
import { limits } from '../settings.js';
import { closeRedis, connectRedis, describeRedisError, redactedUrl } from '../queue/connection.js';
import { type ConversionQueue, enqueueInputs } from '../queue/enqueue.js';
import type { WorkerFolders } from '../queue/job-check.js';
import { type ConversionJobData, type ConversionSummary, jobLabel, jsonPathOf, printable, queueSecretVariable } from '../queue/jobs.js';
import { startQueueWorker } from '../queue/queue-worker.js';
import { queueSettings } from '../queue/settings.js';
import { queueStatus, statusText } from '../queue/status.js';
import { StoredJobQueue } from '../queue/stored-job.js';
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
  const queue: ConversionQueue = new StoredJobQueue<ConversionJobData, ConversionSummary, string>(name, { connection: client, skipMetasUpdate: readOnly });
  queue.on('error', () => {});
  return queue;
}

/** GOVREPORT_QUEUE_SECRET: undefined when unset; set but empty is a mistake, not "no signing". */
function queueSecret(): string | undefined {
  const secret = process.env[queueSecretVariable];
  if (secret === undefined) return undefined;
  if (secret === '') throw new UsageError(`${queueSecretVariable} is set but empty: set it to a long random string (e.g. openssl rand -hex 32), or unset it`);
  return secret;
}

const beyondOneMachine = `Beyond one machine, set ${queueSecretVariable} to the same long random
string (e.g. from \`openssl rand -hex 32\`) for every enqueue and worker, and
give Redis a password and TLS: --redis redis://user:password@host:6379 (or
redis://:password@host:6379), rediss://user:password@host:6380 for TLS.`;

/** Checks --into: a relative folder that stays inside the output folder, as "/"-separated text. */
function intoOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const into = posix.normalize(value.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (isAbsolute(value) || into === '.' || into === '' || into === '..' || into.startsWith('../')) {
    throw new UsageError(`--into must be a folder inside the workers' output folder, like jiangsu or 2023/jiangsu, not "${value}"`);
  }
  return into;
}

const enqueueUsage = `Usage: govreport enqueue <file-or-folder>... --redis <url> [--into <subfolder>] [options]

Puts one job per input on a Redis queue for \`govreport worker\` processes,
on this machine or others. Inputs are found as by \`govreport convert\`
(every report file in the folders given, recursively).

A job names its input relative to its root, the folder given (or the folder
of a file given), and its JSON relative to the workers' output folder:
[<subfolder>/]<path relative to the folder given>.json. Each worker reads only
under the folders of its own --inputs and writes only under its own -o: the
root must be one of those folders or lie under one, by the same absolute path
(every machine mounts the shared storage at the same place, e.g. /data/reports).

A job is identified by the pipeline version, its root, its input and its JSON
path: enqueuing the same inputs again adds nothing while their jobs are
queued, running or done (completed and failed jobs are kept in Redis). Files
with the same bytes are each converted; \`govreport export\` finds the
duplicates by sha256.

With ${queueSecretVariable} set, each job is signed with it (HMAC-SHA256 of
its fields); workers with the same secret refuse any job that is not.
${beyondOneMachine}

Options:
  --redis <url>            the queue's Redis, e.g. redis://queue-host:6379
                           (rediss:// for TLS; redis://:password@host:6379/db)
  --into <subfolder>       put the JSON under this folder of the workers'
                           output folder (relative, e.g. jiangsu; default: the
                           output folder itself): enqueue each collection with
                           its own, so that equal file names do not collide
  --queue <name>           queue name (default: ${queueSettings.queueName})
  --force                  replace the jobs of these inputs that are completed
                           or failed, so that they are converted again (jobs
                           waiting or running are left as they are)
  --attempts <N>           tries of a job whose input is missing or whose JSON
                           cannot be written, before it fails (default: ${queueSettings.attempts})
  --backoff <ms>           wait before the first retry, doubled after each
                           (default: ${queueSettings.backoffMs})
  -h, --help               this text

Prints "N enqueued, M already queued or done; …, jobs signed" (or unsigned).
Exit status 0; 1 when an
argument is not a file or folder (the others are enqueued) or Redis cannot be
reached.
`;

async function enqueue(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      redis: { type: 'string' },
      out: { type: 'string', short: 'o' },
      into: { type: 'string' },
      queue: { type: 'string' },
      force: { type: 'boolean', default: false },
      attempts: { type: 'string' },
      backoff: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('enqueue needs at least one file or folder');
  if (values.out !== undefined) {
    throw new UsageError('enqueue takes no -o: each worker writes under its own -o (govreport worker --inputs <folder> -o <outdir>); --into <subfolder> puts these JSON in a subfolder of it');
  }
  const into = intoOption(values.into);
  const url = redisUrlOption(values.redis, 'enqueue');
  const secret = queueSecret();
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
      into,
      pipelineVersion: version,
      secret,
      force: values.force,
      attempts,
      backoffMs,
      onProgress: showProgress ? (handled) => process.stderr.write(`\r${handled}/${inputs.length} inputs\x1b[K`) : undefined,
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    const replaced = values.force ? ` (${result.replaced} of them replacing finished jobs)` : '';
    const signed = secret === undefined ? 'unsigned' : 'signed';
    process.stdout.write(`${result.enqueued} enqueued${replaced}, ${result.existing} already queued or done; queue "${queueName}" on ${redactedUrl(url)}, jobs ${signed}\n`);
    for (const line of skippedLines(skipped)) process.stdout.write(`${line}\n`);
    return missing.length > 0 ? 1 : 0;
  } finally {
    await queue.close();
    await closeRedis(client);
  }
}

const workerUsage = `Usage: govreport worker --redis <url> --inputs <folder>... -o <outdir> [options]

Takes jobs from a Redis queue filled by \`govreport enqueue\` and converts
them, each in its own worker process, until stopped. Run one on every machine
that should convert.

What a job may touch is the worker's to say, not the job's: it reads only
files inside the folders given to --inputs and writes only inside <outdir>,
both by their real paths (a link that leads out of them is refused). A job
names its root (matched with --inputs by absolute path: mount the shared
storage at the same place on every machine), its input relative to that root,
and its JSON relative to <outdir> (ending in .json). A job asking for anything
else fails for good at once, "refused: <what and why>", having read and
written nothing.

With ${queueSecretVariable} set, the worker takes only jobs signed with the
same secret by \`govreport enqueue\`; an unsigned or altered job is refused.
Without it, whoever can write to the Redis can add jobs (confined as above).

${beyondOneMachine}

For each job: the input must exist (else the attempt fails and is retried
with backoff: shared storage can hiccup), it is converted (a file that cannot
be read gets a JSON with FILE_UNREADABLE, as in \`govreport convert\`; one
whose OCR engine was killed or could not run gets no JSON and is retried),
and its JSON is written atomically (a write that fails is retried too). Prints
"done <file> → <json> (<n> errors, <n> warnings)" on stdout once Redis has
recorded the job as completed, and failed attempts on stderr.

SIGINT (Ctrl-C) or SIGTERM: takes no new job, finishes the active ones, and
exits 0; a second signal exits at once. The conversion processes and their
tesseract run in process groups of their own: a Ctrl-C does not reach them. A worker that dies or is killed
leaves its jobs to the others: they go back to the queue once its lock has
expired (--lock-seconds, up to twice that).

Options:
  --redis <url>            the queue's Redis, e.g. redis://queue-host:6379
  --inputs <folder>...     the folders this worker may read (required; one
                           --inputs may name several, or repeat it)
  -o, --out <dir>          the folder it writes the JSON under (required;
                           made if missing)
  -c, --concurrency <N>    jobs converted at once (default: number of CPU cores)
  --queue <name>           queue name (default: ${queueSettings.queueName})
  --timeout <S>            seconds of CPU time (the worker's and its
                           tesseract's) after which a file is abandoned with
                           FILE_UNREADABLE (default: ${limits.fileTimeoutMs / 1000})
  --max-memory <MB>        memory cap of each worker process; a file that needs
                           more gets FILE_UNREADABLE (default: ${limits.workerMemoryMb})
  --lock-seconds <S>       how long a job stays locked to this worker without
                           renewal, and how often workers look for jobs whose
                           worker died (default: ${queueSettings.lockSeconds})
  -h, --help               this text

Exit status 0 after a signal; 1 when Redis cannot be reached at start-up;
2 for wrong usage (no --inputs or -o, an --inputs that is not a folder).
`;

/** The folders of --inputs and -o, resolved: the only places this worker reads and writes. */
async function workerFolders(inputs: readonly string[], out: string): Promise<WorkerFolders> {
  const roots = [];
  for (const folder of inputs) {
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`--inputs ${folder}: no such folder`);
    roots.push({ given: resolve(folder), real: await realpath(folder) });
  }
  await mkdir(out, { recursive: true });
  return { inputs: roots, outdir: resolve(out), outdirReal: await realpath(out) };
}

async function worker(args: string[]): Promise<number> {
  const { values, tokens } = parseArgs({
    args,
    allowPositionals: true,
    tokens: true,
    options: {
      redis: { type: 'string' },
      inputs: { type: 'string', multiple: true },
      out: { type: 'string', short: 'o' },
      concurrency: { type: 'string', short: 'c' },
      queue: { type: 'string' },
      timeout: { type: 'string' },
      'max-memory': { type: 'string' },
      'lock-seconds': { type: 'string' },
    },
  });
  // --inputs a b c: the words right after an --inputs are folders too.
  const inputFolders = [...(values.inputs ?? [])];
  let afterInputs = false;
  for (const token of tokens) {
    if (token.kind === 'option') afterInputs = token.name === 'inputs';
    else if (token.kind === 'positional' && afterInputs) inputFolders.push(token.value);
    else if (token.kind === 'positional') throw new UsageError(`worker takes no files (they come from the queue), not "${token.value}"`);
    else afterInputs = false;
  }
  if (inputFolders.length === 0) throw new UsageError('worker needs --inputs <folder>...: the folders it may read (those of the enqueued files, or above them)');
  if (values.out === undefined) throw new UsageError('worker needs -o <outdir>: the folder it writes the JSON under');
  const url = redisUrlOption(values.redis, 'worker');
  const secret = queueSecret();
  const queueName = queueNameOption(values.queue);
  const concurrency = positiveInt(values.concurrency, '--concurrency', Math.max(1, cpus().length));
  const timeoutMs = positiveInt(values.timeout, '--timeout', limits.fileTimeoutMs / 1000) * 1000;
  const memoryMb = positiveInt(values['max-memory'], '--max-memory', limits.workerMemoryMb);
  const lockSeconds = positiveInt(values['lock-seconds'], '--lock-seconds', queueSettings.lockSeconds);
  const name = `${hostname()}:${process.pid}`;
  const folders = await workerFolders(inputFolders, values.out);

  // Listening from the start: a signal that comes while the worker is still starting, when it may
  // already hold a job, stops it gently like any other; one that comes while it waits for Redis ends it at once.
  let takingJobs = false;
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (!takingJobs) process.exit(signal === 'SIGINT' ? 130 : 143);
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  const client = await connectRedis(url, { waitForRedis: true });
  let lastError = { text: '', at: 0 };
  takingJobs = true;
  const queueWorker = await startQueueWorker({
    client,
    queueName,
    concurrency,
    lockSeconds,
    pool: { timeoutMs, memoryMb, recycleAfter: limits.workerRecycleAfter },
    pipelineVersion: version,
    folders,
    secret,
    name,
    onCompleted(job, summary) {
      process.stdout.write(`done ${jobLabel(job)} → ${printable(jsonPathOf(folders.outdir, job.data))} (${summary.errors} errors, ${summary.warnings} warnings)\n`);
    },
    onFailed(job, error, retryInMs) {
      const what = job ? `${jobLabel(job)} (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})` : 'a job';
      const next = retryInMs === null ? 'failed for good' : `retry in ${(retryInMs / 1000).toFixed(1)} s`;
      process.stderr.write(`failed ${what}: ${printable(error.message)}; ${next}\n`);
    },
    onStalled(jobId) {
      process.stderr.write(`govreport worker: job ${printable(jobId)} lost its worker; back in the queue\n`);
    },
    onError(error) {
      // A Redis that is down errors on every reconnect: say it once, again only after a while.
      const text = describeRedisError(error);
      if (text === lastError.text && Date.now() - lastError.at < queueSettings.redisErrorRepeatMs) return;
      lastError = { text, at: Date.now() };
      process.stderr.write(`govreport worker ${name}: ${printable(text)}\n`);
    },
  }).catch(async (error: unknown) => {
    await closeRedis(client);
    throw error;
  });
  process.stderr.write(
    `govreport worker ${name}: queue "${queueName}" on ${redactedUrl(url)}, ${concurrency} at a time, pipeline ${version}; ` +
      `reads under ${folders.inputs.map((f) => f.given).join(', ')}, writes under ${folders.outdir}; ` +
      `${secret === undefined ? `takes unsigned jobs (${queueSecretVariable} not set)` : 'takes only signed jobs'}; Ctrl-C or SIGTERM stops after the active jobs\n`,
  );

  const signal = await stopRequested;
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

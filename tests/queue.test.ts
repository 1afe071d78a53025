/**
 * Queue mode end to end on a real Redis and the compiled bin: several workers
 * share a queue, a worker killed mid-job leaves its job to another, missing
 * inputs are retried with backoff, enqueuing again adds nothing. Jobs put on
 * the queue by someone else than enqueue (as an attacker with access to Redis
 * would) read nothing outside the worker's --inputs and write nothing outside
 * its -o; with a secret, unsigned and forged jobs are refused.
 *
 * Redis: GOVREPORT_TEST_REDIS_URL when set (CI starts one; it must answer),
 * else a redis-server of our own on a free port. When there is no
 * redis-server the tests are skipped, except under CI, where that is a failure.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Queue, UnrecoverableError } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerPool } from '../src/batch/pool.js';
import { collectInputs } from '../src/batch/inputs.js';
import { emptyReport } from '../src/pipeline.js';
import type { Report } from '../src/model/report.js';
import { RedisUnreachableError, closeRedis, connectRedis, redactedUrl, redisClient } from '../src/queue/connection.js';
import { type ConversionJob, conversionProcessor } from '../src/queue/convert-job.js';
import { jobDataOf } from '../src/queue/enqueue.js';
import { type WorkerFolders, checkJobData } from '../src/queue/job-check.js';
import { type ConversionJobData, type ConversionSummary, jobSignature, printable } from '../src/queue/jobs.js';
import { StoredJobQueue } from '../src/queue/stored-job.js';
import { queueSettings } from '../src/queue/settings.js';
import { type QueueCounts, etaOf, statusText, throughputOf } from '../src/queue/status.js';
import { scoreReport } from '../src/eval/score.js';
import { findSamples, repoRoot } from '../src/eval/truth.js';
import { bin, expectBuilt, govreport } from './helpers/cli.js';
import { ocrMissing } from './helpers/ocr.js';
import { schemaErrors } from './helpers/schema.js';

const root = repoRoot();
/** The pipeline version the bin runs (src/version.ts reads package.json from dist/). */
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

// ---------- Redis for the tests ----------

interface TestRedis {
  url?: string;
  skipReason?: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return true;
    } catch {
      client.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

async function startRedis(): Promise<TestRedis> {
  const given = process.env.GOVREPORT_TEST_REDIS_URL;
  if (given) {
    // A Redis asked for by name that does not answer is a broken set-up, not a reason to skip.
    if (!(await answers(given, 5000))) throw new Error(`GOVREPORT_TEST_REDIS_URL=${given} does not answer`);
    return { url: given, stop() {} };
  }
  const server = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
  if (!server) return { skipReason: 'no GOVREPORT_TEST_REDIS_URL and no redis-server installed (apt-get install redis-server)', stop() {} };
  const port = await freePort();
  const child = spawn(server, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  const url = `redis://127.0.0.1:${port}`;
  if (await answers(url, 5000)) return { url, stop };
  stop();
  return { skipReason: `${server} did not start on port ${port}`, stop() {} };
}

const redis = await startRedis();
if (redis.skipReason && process.env.CI) throw new Error(`queue tests need Redis under CI: ${redis.skipReason}`);
if (redis.skipReason) console.warn(`queue tests skipped: ${redis.skipReason}`);

// ---------- the CLI ----------

interface RunningWorker {
  child: ChildProcess;
  /** The name the worker gives itself (host:pid). */
  name: string;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

interface WorkerPlaces {
  /** --inputs: the folders the worker may read. */
  inputs: string[];
  /** -o: the folder it writes under. */
  out: string;
  /** Extra environment (GOVREPORT_QUEUE_SECRET). */
  env?: Record<string, string>;
  /** --lock-seconds (default 2: a killed worker's job comes back within seconds). */
  lockSeconds?: number;
}

/** A worker process; `detached` gives it its own process group, as a terminal does. */
function startWorker(queue: string, places: WorkerPlaces, ...extra: string[]): RunningWorker {
  const detached = extra.includes('--own-group');
  const args = extra.filter((a) => a !== '--own-group');
  const child = spawn(
    process.execPath,
    [bin, 'worker', '--redis', redis.url!, '--queue', queue, '--lock-seconds', String(places.lockSeconds ?? 2), '--inputs', ...places.inputs, '-o', places.out, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], detached, env: { ...process.env, ...places.env } },
  );
  running.add(child);
  const worker: RunningWorker = {
    child,
    name: `${hostname()}:${child.pid}`,
    stdout: [],
    stderr: [],
    exited: new Promise((resolve) => child.once('exit', (code) => (running.delete(child), resolve(code)))),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => worker.stdout.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => worker.stderr.push(line));
  return worker;
}

const hangGuardMs = 600_000;

/**
 * Waits until `condition` holds. `timeoutMs` is what the wait takes on an idle machine, with room; the
 * deadline is never shorter than hangGuardMs, so that it only catches a hang: on a busy machine (a load
 * average of 30 on 2 cores) the same waits took minutes, and a wait that fails for that is a defect.
 */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + Math.max(timeoutMs, hangGuardMs);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits for `count()` to reach `target`, failing only when it stops moving
 * for `idleMs`: a busy machine converts slowly, but does convert.
 */
async function waitForProgress(what: string, count: () => Promise<number>, target: number, idleMs: number): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return;
    if (n !== last) {
      last = n;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > idleMs) {
      throw new Error(`timed out waiting for ${what}: ${n} of ${target}, and no progress for ${idleMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The state of a process as Linux tells it (R, S, T for stopped…); undefined without /proc. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** The processes descended from `pid` (children, grandchildren…), from /proc. */
function descendantsOf(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, ppid] of parent) if (ppid === p) (found.push(child), walk(child));
  };
  walk(pid);
  return found;
}

const tesseractsOf = (pid: number) => descendantsOf(pid).filter((p) => commandOf(p) === 'tesseract');

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/**
 * A tesseract that `pid` started, caught alive and frozen (SIGSTOP, seen stopped in /proc): a signal sent
 * to it now reaches it when it is let go on (SIGCONT), whatever the machine's speed. Polls at most `polls`
 * times, 100 ms apart; a tesseract that ends before it is frozen is passed over for the next one.
 */
async function frozenTesseract(pid: number, passOver: ReadonlySet<number> = new Set(), polls = 3000): Promise<number> {
  for (let i = 0; i < polls; i++) {
    for (const candidate of tesseractsOf(pid).filter((p) => !passOver.has(p))) {
      try {
        process.kill(candidate, 'SIGSTOP');
      } catch {
        continue; // gone
      }
      for (let k = 0; k < 100 && processState(candidate) !== 'T' && processState(candidate) !== undefined && processState(candidate) !== 'Z'; k++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      if (processState(candidate) === 'T') return candidate;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tesseract of process ${pid} seen in ${polls} polls`);
}

/** Local ports of a process's TCP connections to the test Redis (from /proc); undefined without /proc. */
function redisPortsOf(pid: number): Set<number> | undefined {
  const redisPort = Number(new URL(redis.url!).port || 6379);
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const inodes = new Set<string>();
  for (const fd of fds) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      if (parseInt(f[2]!.split(':')[1]!, 16) === redisPort && inodes.has(f[9]!)) ports.add(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** Client ports of the connections Redis has now (CLIENT LIST). */
async function redisClientPorts(client: Redis): Promise<Set<number>> {
  const list = (await client.client('LIST')) as string;
  return new Set([...list.matchAll(/\baddr=\S+:(\d+)\b/g)].map((m) => Number(m[1])));
}

/** The files named by a worker's `done <file> → <json> (…)` lines. */
const doneFiles = (w: RunningWorker) => w.stdout.flatMap((line) => /^done (.+) → .+ \(\d+ errors, \d+ warnings\)$/.exec(line)?.[1] ?? []);

let queueCount = 0;
const freshQueue = () => `test-${process.pid}-${Date.now()}-${queueCount++}`;
const clients: Redis[] = [];

function newClient(): Redis {
  const client = new Redis(redis.url!, { maxRetriesPerRequest: null });
  clients.push(client);
  return client;
}

/** A Queue handle for looking at what the workers did, and for adding jobs as anyone with access to Redis could. */
function inspect(name: string): Queue<ConversionJobData, ConversionSummary> {
  return new StoredJobQueue<ConversionJobData, ConversionSummary>(name, { connection: newClient() });
}

/**
 * A TCP proxy to the test Redis that, once, lets a command holding `marker` reach Redis, holds back its
 * answer, and drops the connection as soon as Redis has answered: the command is done, the client never
 * hears of it (Redis lost at the worst moment), and reconnects.
 */
async function lossyProxy(marker: string): Promise<{ url: string; cut: () => boolean; close: () => void }> {
  const target = new URL(redis.url!);
  let cut = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    let holding = false;
    client.on('data', (chunk) => {
      if (!cut && chunk.includes(marker)) {
        cut = true;
        holding = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!holding) client.write(chunk);
      else (client.destroy(), upstream.destroy());
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `redis://127.0.0.1:${port}`, cut: () => cut, close: () => server.close() };
}

const run = promisify(execFile);

/** The bin with extra environment variables. */
async function govreportWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `govreport-queue-${label}-`));
}

const sampleFiles = (folder: string, ext: string) =>
  readdirSync(join(root, 'samples', folder))
    .filter((f) => f.endsWith(ext))
    .map((f) => join(root, 'samples', folder, f));

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  redis.stop();
});

describe.skipIf(redis.skipReason !== undefined)('govreport enqueue / worker / status on Redis', () => {
  beforeAll(() => expectBuilt());

  it('converts every input exactly once with two workers, one of them killed mid-job', async () => {
    // Nothing here waits for luck. The doomed worker is frozen (SIGSTOP) while it holds a job, then killed; the
    // survivor starts only once Redis has dropped the dead worker's connections, when the job it held unfinished
    // is known for sure (it used to be caught by polling for a 200 ms window, which a busy machine can miss).
    // The lock is 4 s: renewed every 2 s, it does not lapse under a loaded machine's timer delays (a lapsed lock
    // would give a live worker's job to the other). The survivor's stalled check (every lock) marks the dead
    // worker's job at its first pass and moves it back at the first one after the lock expired: within 2 locks of
    // its start. The drain fails only after 60 s without any job completing (15 such windows), not after a fixed time.
    const lockSeconds = 4;
    const inputs = tempDir('in');
    const out = tempDir('out');
    for (const f of sampleFiles('html', '.html').slice(0, 3)) copyFileSync(f, join(inputs, `a-${basename(f)}`));
    for (const f of sampleFiles('pdf', '.pdf').slice(0, 12)) copyFileSync(f, join(inputs, `b-${basename(f)}`));
    const files = readdirSync(inputs).map((f) => join(inputs, f));
    expect(files).toHaveLength(15);

    const name = freshQueue();
    const enqueued = await govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name);
    expect(enqueued.stdout).toMatch(/^15 enqueued, 0 already queued or done/);
    expect(enqueued.code).toBe(0);

    const queue = inspect(name);
    const places = { inputs: [inputs], out, lockSeconds };
    const doomed = startWorker(name, places, '--concurrency', '1');
    await waitFor('the doomed worker to finish a file', () => doneFiles(doomed).length >= 1, 120_000);
    // Freeze it, and look: it holds a job (nearly always: it takes the next one as it finishes one), or it is let go on and looked at again.
    let ports: Set<number> | undefined;
    await waitFor(
      'the doomed worker frozen while it holds a job',
      async () => {
        doomed.child.kill('SIGSTOP');
        await waitFor('SIGSTOP to take effect', () => processState(doomed.child.pid!) !== 'R' && processState(doomed.child.pid!) !== 'S', 10_000, 5);
        if ((await queue.getActive()).some((j) => j.processedBy === doomed.name)) {
          ports = redisPortsOf(doomed.child.pid!);
          return true;
        }
        doomed.child.kill('SIGCONT');
        return false;
      },
      60_000,
      20,
    );
    doomed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await doomed.exited;
    // Redis reads what a connection sent before it sees it closed: once the dead worker's connections are gone,
    // everything it ever asked of Redis is done, and nobody else works the queue yet.
    const client = newClient();
    if (ports) await waitFor("Redis to drop the killed worker's connections", async () => ![...(await redisClientPorts(client))].some((p) => ports!.has(p)), 30_000);
    const held = (await queue.getActive()).filter((j) => j.processedBy === doomed.name);
    expect(held.map((j) => j.data.file)).toHaveLength(1);
    const killedJob = held[0]!;
    expect(await queue.getJobState(killedJob.id!)).toBe('active');

    const survivor = startWorker(name, places, '--concurrency', '1');
    await waitForProgress('the queue to drain', async () => (await queue.getJobCounts('completed')).completed ?? 0, 15, 60_000);
    const finished = (await queue.getJob(killedJob.id!))!;
    console.log(`queue test: the killed worker's job was taken up again ${((finished.processedOn! - killedAt) / 1000).toFixed(1)} s after the kill (lock ${lockSeconds} s)`);

    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 15, failed: 0 });
    // The job the killed worker held was finished by the other one, whose `done` line names it.
    expect(finished.returnvalue.worker).toBe(survivor.name);
    await waitFor('the survivor to print its last done line', () => doneFiles(doomed).length + doneFiles(survivor).length >= 15, 30_000);
    expect(doneFiles(survivor)).toContain(killedJob.data.file);
    expect(doneFiles(doomed)).not.toContain(killedJob.data.file);
    expect(survivor.stderr.join('\n')).toContain(`job ${killedJob.id} lost its worker; back in the queue`);
    // Converted exactly once: every input named once by the done lines of both workers together.
    expect([...doneFiles(doomed), ...doneFiles(survivor)].sort()).toEqual([...files].sort());
    for (const file of files) {
      const report = JSON.parse(readFileSync(join(out, `${basename(file)}.json`), 'utf8')) as Report;
      expect(report.schema).toBe('govreport/1');
      expect(report.source.file).toBe(file);
      expect(schemaErrors(report)).toEqual([]);
    }
    expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(15);

    const status = await govreport('status', '--redis', redis.url!, '--queue', name);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('waiting 0  active 0  delayed 0  completed 15  failed 0');
    expect(status.stdout).toMatch(/workers: 1 connected \(.*:\d+\)/);
    // Throughput is that of the workers connected now: the survivor's files, not the killed worker's.
    expect(status.stdout).toMatch(new RegExp(`throughput: [\\d.]+ files/min \\(${doneFiles(survivor).length} files by the workers connected, in the last \\S+\\); ETA done`));

    // SIGTERM: the survivor stops taking jobs and exits 0.
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.stderr.join('\n')).toMatch(/SIGTERM: finishing 0 active jobs/);
  });

  it('retries a job whose input is missing, with backoff, until the input is back', async () => {
    const inputs = tempDir('late');
    const out = tempDir('out');
    const file = join(inputs, 'late.html');
    copyFileSync(sampleFiles('html', '.html')[0]!, file);
    const name = freshQueue();
    expect((await govreport('enqueue', file, '--redis', redis.url!, '--queue', name, '--backoff', '300')).code).toBe(0);
    // The shared storage loses the file before a worker gets to it…
    renameSync(file, `${file}.away`);
    const worker = startWorker(name, { inputs: [inputs], out }, '--concurrency', '1');
    await waitFor('the first failed attempt', () => worker.stderr.some((l) => l.startsWith('failed ')), 20_000);
    expect(worker.stderr.find((l) => l.startsWith('failed '))).toBe(`failed ${file} (attempt 1 of 5): cannot read the input ${file}: ENOENT; retry in 0.3 s`);
    // …and has it back a moment later.
    renameSync(`${file}.away`, file);
    await waitFor('the done line', () => doneFiles(worker).includes(file), 20_000);

    const queue = inspect(name);
    const [job] = await queue.getCompleted();
    expect(job!.data.file).toBe(file);
    expect(job!.attemptsMade).toBeGreaterThan(1);
    expect(await queue.getJobCounts('completed', 'failed', 'delayed')).toEqual({ completed: 1, failed: 0, delayed: 0 });
    expect((JSON.parse(readFileSync(join(out, 'late.html.json'), 'utf8')) as Report).source.file).toBe(file);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('on Ctrl-C (the whole process group) finishes the jobs under way with their real reports', async () => {
    const inputs = tempDir('in');
    const out = tempDir('out');
    for (const f of sampleFiles('pdf', '.pdf')) copyFileSync(f, join(inputs, basename(f)));
    const name = freshQueue();
    expect((await govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name)).code).toBe(0);
    const worker = startWorker(name, { inputs: [inputs], out }, '--concurrency', '2', '--own-group');
    const queue = inspect(name);
    await waitFor('a job under way', async () => doneFiles(worker).length >= 1 && (await queue.getActiveCount()) > 0, 30_000, 20);
    process.kill(-worker.child.pid!, 'SIGINT');
    expect(await worker.exited).toBe(0);
    const finished = doneFiles(worker);
    expect(finished.length).toBeGreaterThan(1);
    for (const file of finished) {
      const report = JSON.parse(readFileSync(join(out, `${basename(file)}.json`), 'utf8')) as Report;
      expect(report.problems.filter((p) => p.code === 'FILE_UNREADABLE'), file).toEqual([]);
    }
  });

  it.skipIf(ocrMissing !== null)(
    'a scan whose tesseract is killed is retried, never completed as a damaged file; a Ctrl-C to the group lets its OCR finish',
    { timeout: 600_000 },
    async () => {
      const sample = findSamples().find((s) => s.truth.file === 'scan-300-clean.pdf')!;
      const inputs = tempDir('scan');
      const out = tempDir('out');
      const file = join(inputs, basename(sample.input));
      copyFileSync(sample.input, file);
      const name = freshQueue();
      expect((await govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name, '--backoff', '300')).code).toBe(0);
      const worker = startWorker(name, { inputs: [inputs], out, lockSeconds: 10 }, '--concurrency', '1', '--own-group');
      const queue = inspect(name);

      // A service stop (systemd's KillMode=control-group) signals every process, tesseract included: the attempt fails, for a retry.
      const first = await frozenTesseract(worker.child.pid!);
      process.kill(first, 'SIGTERM');
      process.kill(first, 'SIGCONT');
      await waitFor('the attempt to end', () => worker.stderr.some((l) => l.startsWith('failed ')) || doneFiles(worker).length > 0, 300_000);
      expect(doneFiles(worker)).toEqual([]);
      expect(worker.stderr.find((l) => l.startsWith('failed '))).toBe(
        `failed ${file} (attempt 1 of 5): the OCR engine failed, not the file: tesseract was killed by SIGTERM; retry in 0.3 s`,
      );
      expect(existsSync(join(out, `${basename(file)}.json`))).toBe(false);

      // Ctrl-C in the terminal (the worker's whole process group) while the retry's tesseract runs: it does not reach tesseract.
      // (A tesseract the first attempt still runs, reading other pages side by side, is not the retry's.)
      const second = await frozenTesseract(worker.child.pid!, new Set(tesseractsOf(worker.child.pid!)));
      process.kill(-worker.child.pid!, 'SIGINT');
      await waitFor('the worker to take the signal', () => worker.stderr.some((l) => /SIGINT: finishing 1 active jobs/.test(l)), 30_000);
      process.kill(second, 'SIGCONT');
      expect(await worker.exited).toBe(0);

      const job = (await queue.getJob((await queue.getJobs())[0]!.id!))!;
      expect(await job.getState(), `${worker.stderr.join('\n')}\n${job.failedReason}`).toBe('completed');
      expect(job.data.file).toBe(file);
      expect(job.attemptsMade).toBe(2);
      expect(doneFiles(worker)).toEqual([file]);
      const report = JSON.parse(readFileSync(join(out, `${basename(file)}.json`), 'utf8')) as Report;
      expect(report.problems.filter((p) => p.code === 'PAGE_UNREADABLE' || p.code === 'FILE_UNREADABLE')).toEqual([]);
      expect(report.source.pageReads).toEqual(['ocr', 'ocr', 'ocr', 'ocr']);
      expect([report.report.agency, report.report.year]).toEqual([sample.truth.agency, sample.truth.year]);
      // The cells as the truth file has them (written from the source document, not from this program's output).
      const score = scoreReport(report, sample.truth);
      expect(score.silent).toEqual([]);
      expect(score.exact / score.cells).toBeGreaterThanOrEqual(0.99);
    },
  );

  it('fails for good, with the reason, a job whose data is not JSON; cuts a long job field in every message and in status', async () => {
    const name = freshQueue();
    const queue = inspect(name);
    const out = tempDir('out');
    // As someone with access to Redis could: data that is not JSON, and a field of 2 MB.
    await queue.add('convert', {} as never, { jobId: 'not-json', attempts: 3 });
    await newClient().hset(queue.toKey('not-json'), 'data', 'not json {');
    const file = `/data/${'x'.repeat(2_000_000)}\u0007`;
    await queue.add('convert', { file, pipelineVersion: 'nope' } as never, { jobId: 'long-field', attempts: 3 });
    const worker = startWorker(name, { inputs: [out], out }, '--concurrency', '1');
    await waitFor('both jobs to fail', async () => (await queue.getFailedCount()) === 2, 30_000, 100);

    const notJson = (await queue.getJob('not-json'))!;
    expect(notJson.attemptsMade).toBe(1);
    expect(notJson.failedReason).toMatch(/^refused: its data in Redis is not JSON \(.+\): not json \{$/);
    expect(worker.stderr).toContain(`failed job not-json (attempt 1 of 3): ${notJson.failedReason}; failed for good`);
    expect(worker.stderr.join('\n')).not.toContain('lost its worker');
    // 500 characters shown, the other 2 000 007 - 500 counted; the bell character is beyond the cut.
    const shown = `${file.slice(0, 500)}… and ${file.length - 500} more characters`;
    expect(worker.stderr.find((l) => l.startsWith('failed /data/'))).toBe(`failed ${shown} (attempt 1 of 3): ${(await queue.getJob('long-field'))!.failedReason}; failed for good`);
    expect(Math.max(...worker.stderr.map((l) => l.length))).toBeLessThan(2000);

    const status = await govreport('status', '--redis', redis.url!, '--queue', name);
    expect(status.stdout).toContain('waiting 0  active 0  delayed 0  completed 0  failed 2');
    expect(status.stdout).toContain(` job not-json (attempt 1 of 3): ${notJson.failedReason}\n`);
    expect(status.stdout).toContain(` ${shown} (attempt 1 of 3): enqueued for pipeline nope`);
    expect(status.stdout.length).toBeLessThan(5000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('prints the done line of a job Redis completed while the connection dropped before its answer', async () => {
    const inputs = tempDir('in');
    const out = tempDir('out');
    const file = join(inputs, 'one.html');
    copyFileSync(sampleFiles('html', '.html')[0]!, file);
    const name = freshQueue();
    expect((await govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name)).code).toBe(0);
    // The command that completes the job carries its summary, which names the worker.
    const proxy = await lossyProxy('"worker":"');
    try {
      const worker = spawn(process.execPath, [bin, 'worker', '--redis', proxy.url, '--queue', name, '--inputs', inputs, '-o', out, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(worker);
      const stdout: string[] = [];
      const stderr: string[] = [];
      createInterface({ input: worker.stdout! }).on('line', (line) => stdout.push(line));
      createInterface({ input: worker.stderr! }).on('line', (line) => stderr.push(line));
      const queue = inspect(name);
      await waitFor('the job to be completed in Redis', async () => (await queue.getCompletedCount()) === 1, 30_000, 50);
      expect(proxy.cut()).toBe(true);
      await waitFor('the done line', () => stdout.length > 0 || stderr.some((l) => /Missing lock/.test(l)), 30_000);
      expect(stderr.filter((l) => /Missing lock/.test(l))).toEqual([]);
      expect(stdout.map((l) => l.replace(/\(\d+ errors, \d+ warnings\)$/, '(…)'))).toEqual([`done ${file} → ${join(out, 'one.html.json')} (…)`]);
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      proxy.close();
    }
  });

  it('adds each input once; status counts a finished run; --force re-adds finished jobs', async () => {
    const inputs = tempDir('twice');
    const out = tempDir('out');
    mkdirSync(join(inputs, 'sub'));
    const [first, second] = sampleFiles('html', '.html');
    copyFileSync(first!, join(inputs, 'one.html'));
    copyFileSync(second!, join(inputs, 'sub', 'two.html'));
    const name = freshQueue();
    const enqueue = (...extra: string[]) => govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name, ...extra);

    expect((await enqueue()).stdout).toMatch(/^2 enqueued, 0 already queued or done/);
    expect((await enqueue()).stdout).toMatch(/^0 enqueued, 2 already queued or done/);
    // --force leaves jobs that are still waiting alone.
    expect((await enqueue('--force')).stdout).toMatch(/^0 enqueued \(0 of them replacing finished jobs\), 2 already queued or done/);

    const worker = startWorker(name, { inputs: [inputs], out }, '--concurrency', '2');
    await waitFor('both done lines', () => doneFiles(worker).length === 2, 20_000);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(existsSync(join(out, 'sub', 'two.html.json'))).toBe(true);

    const status = await govreport('status', '--redis', redis.url!, '--queue', name);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('waiting 0  active 0  delayed 0  completed 2  failed 0');
    expect(status.stdout).toContain('workers: none connected');

    expect((await enqueue()).stdout).toMatch(/^0 enqueued, 2 already queued or done/);
    expect((await enqueue('--force')).stdout).toMatch(/^2 enqueued \(2 of them replacing finished jobs\), 0 already queued or done/);
    const again = await govreport('status', '--redis', redis.url!, '--queue', name);
    expect(again.stdout).toContain('waiting 2  active 0  delayed 0  completed 0  failed 0');
  });

  it('fails for good a job enqueued by another pipeline version; status shows why', async () => {
    const name = freshQueue();
    const queue = inspect(name);
    const file = sampleFiles('html', '.html')[0]!;
    const out = tempDir('out');
    // A job of an older enqueue (absolute path and output folder) and another version: the version is what it is refused for.
    await queue.add('convert', { path: file, file, outdir: out, output: 'x.json', pipelineVersion: '0.0.0-elsewhere' } as never, { jobId: 'other-version', attempts: 5 });
    const worker = startWorker(name, { inputs: [dirname(file)], out }, '--concurrency', '1');
    await waitFor('the failure', () => worker.stderr.some((l) => l.startsWith('failed ')), 15_000);
    expect(worker.stderr.find((l) => l.startsWith('failed '))).toMatch(
      new RegExp(`^failed ${file} \\(attempt 1 of 5\\): enqueued for pipeline 0\\.0\\.0-elsewhere, this worker runs .*; failed for good$`),
    );
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const status = await govreport('status', '--redis', redis.url!, '--queue', name);
    expect(status.stdout).toContain('completed 0  failed 1');
    expect(status.stdout).toMatch(/last 1 failures \(of 1\):\n  \S+ .+ \(attempt 1 of 5\): enqueued for pipeline 0\.0\.0-elsewhere/);
    expect(existsSync(join(out, 'x.json'))).toBe(false);
  });

  it('says in one line that Redis cannot be reached, and exits 1', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const dir = tempDir('unreachable');
    for (const args of [['status'], ['worker', '--inputs', dir, '-o', dir], ['enqueue', sampleFiles('html', '.html')[0]!]]) {
      const result = await govreport(...args, '--redis', closed);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^govreport: cannot connect to Redis at ${closed}: connect ECONNREFUSED [\\d.:]+\\n$`));
    }
  });

  it('refuses wrong usage with exit 2', async () => {
    const dir = tempDir('usage');
    const places = ['--inputs', dir, '-o', dir];
    expect((await govreport('status')).code).toBe(2); // no --redis
    expect((await govreport('worker', '--redis', 'localhost:6379', ...places)).code).toBe(2); // not a URL
    expect((await govreport('worker', '--redis', redis.url!, '--queue', 'a:b', ...places)).code).toBe(2);
    expect((await govreport('enqueue', '--redis', redis.url!)).code).toBe(2); // no inputs
    expect((await govreport('enqueue', 'x', '--redis', redis.url!, '--attempts', '0')).code).toBe(2);
    // A worker is told where it may read and write, or it does not start.
    const noInputs = await govreport('worker', '--redis', redis.url!, '-o', dir);
    expect(noInputs.code).toBe(2);
    expect(noInputs.stderr).toMatch(/^govreport: worker needs --inputs <folder>\.\.\.: the folders it may read/);
    const noOut = await govreport('worker', '--redis', redis.url!, '--inputs', dir);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/^govreport: worker needs -o <outdir>: the folder it writes the JSON under/);
    const notFolder = await govreport('worker', '--redis', redis.url!, '--inputs', join(dir, 'nowhere'), '-o', dir);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain(`--inputs ${join(dir, 'nowhere')}: no such folder`);
    const stray = await govreport('worker', '--redis', redis.url!, '-o', dir, 'file.html', '--inputs', dir);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/worker takes no files \(they come from the queue\), not "file\.html"/);
    // enqueue has no -o any more (the worker's decides), and --into stays inside the output folder.
    const withOut = await govreport('enqueue', dir, '--redis', redis.url!, '-o', dir);
    expect(withOut.code).toBe(2);
    expect(withOut.stderr).toMatch(/enqueue takes no -o: each worker writes under its own -o/);
    for (const into of ['../x', '/tmp/x', '.']) expect((await govreport('enqueue', dir, '--redis', redis.url!, '--into', into)).code, into).toBe(2);
    const emptySecret = await govreportWith({ GOVREPORT_QUEUE_SECRET: '' }, 'worker', '--redis', redis.url!, ...places);
    expect(emptySecret.code).toBe(2);
    expect(emptySecret.stderr).toMatch(/GOVREPORT_QUEUE_SECRET is set but empty/);
  });
});

// ---------- jobs from whoever can write to Redis ----------

/**
 * The places of the injection tests: an input root with a report, a link to a
 * private file and a link to a private folder outside it; an output folder
 * with a link to another folder; another folder with a file that must stay as
 * it is.
 */
function attackScene() {
  const base = realpathSync(tempDir('scene'));
  const root = join(base, 'reports');
  const out = join(base, 'out');
  const other = join(base, 'other');
  const privateDir = join(base, 'private');
  for (const dir of [root, out, other, privateDir]) mkdirSync(dir);
  copyFileSync(sampleFiles('html', '.html')[0]!, join(root, 'ok.html'));
  writeFileSync(join(privateDir, 'private.html'), '<html><head><title>PRIVATE-TITLE-8b1f</title></head><body><p>secret</p></body></html>');
  symlinkSync(join(privateDir, 'private.html'), join(root, 'leak.html'));
  symlinkSync(privateDir, join(root, 'linked'));
  symlinkSync(other, join(out, 'escape'));
  writeFileSync(join(other, 'important.txt'), 'important, keep as is\n');
  return { base, root, out, other, privateDir };
}

/** Every file under `dir` (links not followed), relative. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

type Scene = ReturnType<typeof attackScene>;

/** The injected jobs: what an attacker puts on the queue, and the reason a worker must give. */
function injectedJobs({ root, other }: Scene): Array<{ id: string; what: string; data: Record<string, unknown>; reason: RegExp }> {
  const job = (fields: Record<string, unknown>) => ({ root, input: 'ok.html', file: 'ok.html', output: 'ok.html.json', pipelineVersion: version, ...fields });
  return [
    {
      id: 'passwd-old-payload',
      what: "{path:'/etc/passwd', file:'passwd.html', outdir:'/tmp', output:'x.json'} (the payload of the issue)",
      data: { path: '/etc/passwd', file: 'passwd.html', outdir: '/tmp', output: 'x.json', pipelineVersion: version },
      reason: /^refused: the job carries fields a govreport job does not have \("path", "outdir"\)/,
    },
    {
      id: 'passwd-absolute-input',
      what: "input '/etc/passwd'",
      data: job({ input: '/etc/passwd', file: 'passwd.html', output: 'x.json' }),
      reason: /^refused: the input "\/etc\/passwd" is an absolute path; a job names its input relative to its root$/,
    },
    {
      id: 'passwd-root',
      what: "root '/etc', input 'passwd'",
      data: job({ root: '/etc', input: 'passwd', file: 'passwd.html', output: 'x.json' }),
      reason: new RegExp(`^refused: the input root "/etc" is not one of this worker's --inputs folders \\(${root}(, [^)]+)?\\)$`),
    },
    {
      id: 'passwd-dotdot',
      what: "input '../../../../../../etc/passwd'",
      data: job({ input: '../../../../../../etc/passwd', file: 'passwd.html', output: 'x.json' }),
      reason: /^refused: the input "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" leads out of its root ".*" \(".."\)$/,
    },
    {
      id: 'root-dotdot',
      what: "root '<root>/../../..'",
      data: job({ root: `${root}/../../..`, input: 'etc/passwd' }),
      reason: /^refused: the input root ".*\/\.\.\/\.\.\/\.\." is not an absolute, normalized path$/,
    },
    {
      id: 'output-dotdot',
      what: "output '../../../x.json'",
      data: job({ output: '../../../x.json' }),
      reason: /^refused: the output "\.\.\/\.\.\/\.\.\/x\.json" leads outside the output folder \S+$/,
    },
    {
      id: 'output-absolute',
      what: "output '<other>/x.json' (absolute)",
      data: job({ output: join(other, 'x.json') }),
      reason: /^refused: the output ".*\/other\/x\.json" leads outside the output folder \S+$/,
    },
    {
      id: 'outdir-other',
      what: "outdir '<other>', output 'important.txt'",
      data: job({ outdir: other, output: 'important.txt' }),
      reason: /^refused: the job carries fields a govreport job does not have \("outdir"\)/,
    },
    {
      id: 'output-not-json',
      what: "output 'important.txt'",
      data: job({ output: 'important.txt' }),
      reason: /^refused: the output "important\.txt" is not a \.json file$/,
    },
    {
      id: 'output-through-link',
      what: "output 'escape/important.json' (escape → another folder)",
      data: job({ output: 'escape/important.json' }),
      reason: /^refused: the output "escape\/important\.json" leads out of the output folder \S+ through a link$/,
    },
    {
      id: 'input-link-out',
      what: "input 'leak.html' (a link inside the root to a private file)",
      data: job({ input: 'leak.html', file: 'leak.html', output: 'leak.html.json' }),
      reason: new RegExp(`^refused: the input "leak\\.html" leads out of the input folder ${root} through a link$`),
    },
    {
      id: 'input-folder-link-out',
      what: "input 'linked/private.html' (a linked folder leading out)",
      data: job({ input: 'linked/private.html', file: 'private.html', output: 'private.html.json' }),
      reason: new RegExp(`^refused: the input "linked/private\\.html" leads out of the input folder ${root} through a link$`),
    },
  ];
}

/** What must hold after the injected jobs: nothing written but the JSON of ok.html, the other folder as it was. */
function expectUntouched(scene: Scene, converted: string[]) {
  expect(readFileSync(join(scene.other, 'important.txt'), 'utf8')).toBe('important, keep as is\n');
  expect(filesUnder(scene.other)).toEqual(['important.txt']);
  expect(filesUnder(scene.out).filter((f) => !f.startsWith('.govreport-tmp/')).sort()).toEqual(['escape', ...converted].sort());
  expect(filesUnder(scene.root).sort()).toEqual(['leak.html', 'linked', 'ok.html']);
  expect(filesUnder(scene.privateDir)).toEqual(['private.html']);
  expect(filesUnder(scene.base).filter((f) => f.endsWith('.json') && !f.startsWith('out/')).sort()).toEqual([]);
  for (const json of converted) expect(readFileSync(join(scene.out, json), 'utf8')).not.toContain('PRIVATE-TITLE-8b1f');
}

describe('a worker checks every job before it touches anything (no Redis: the processor itself)', () => {
  const folders = (scene: Scene): WorkerFolders => ({ inputs: [{ given: scene.root, real: scene.root }], outdir: scene.out, outdirReal: scene.out });

  function fakePool() {
    const calls: string[] = [];
    const pool = { run: async (path: string, file: string) => (calls.push(path), emptyReport(file, null, 'unknown', 'none', [])) } as unknown as WorkerPool<Report>;
    return { pool, calls };
  }

  it('refuses each injected job with its reason, before reading the input or writing anything', async () => {
    const scene = attackScene();
    const { pool, calls } = fakePool();
    const processor = conversionProcessor(pool, { pipelineVersion: version, worker: 'test', folders: folders(scene) });
    for (const injected of injectedJobs(scene)) {
      const error = await processor({ data: injected.data } as unknown as ConversionJob).then(
        () => new Error('converted'),
        (e: Error) => e,
      );
      expect(error, injected.id).toBeInstanceOf(UnrecoverableError);
      expect(error.message, injected.id).toMatch(injected.reason);
    }
    expect(calls).toEqual([]);
    expectUntouched(scene, []);
    // The same worker converts a job that stays inside its folders (the checks can pass).
    const summary = await processor({ data: { root: scene.root, input: 'ok.html', file: 'ok.html', output: 'sub/ok.html.json', pipelineVersion: version } } as unknown as ConversionJob);
    expect(summary.worker).toBe('test');
    expect(calls).toEqual([join(scene.root, 'ok.html')]);
    expectUntouched(scene, ['sub/ok.html.json']);
  });

  it('finds the worker folder a job root lies under; a missing input is an ordinary (retried) failure', async () => {
    const scene = attackScene();
    mkdirSync(join(scene.root, 'jiangsu'));
    copyFileSync(join(scene.root, 'ok.html'), join(scene.root, 'jiangsu', 'a.html'));
    const { pool, calls } = fakePool();
    const processor = conversionProcessor(pool, { pipelineVersion: version, worker: 'test', folders: folders(scene) });
    const data = { root: join(scene.root, 'jiangsu'), input: 'a.html', file: 'a.html', output: 'jiangsu/a.html.json', pipelineVersion: version };
    await processor({ data } as unknown as ConversionJob);
    expect(calls).toEqual([join(scene.root, 'jiangsu', 'a.html')]);
    const missing = await processor({ data: { ...data, input: 'gone.html' } } as unknown as ConversionJob).catch((e: Error) => e);
    expect(missing).not.toBeInstanceOf(UnrecoverableError);
    expect((missing as Error).message).toBe(`cannot read the input ${join(scene.root, 'jiangsu')}/gone.html: ENOENT`);
  });

  it('with a secret, takes only jobs signed with it (HMAC-SHA256 of the canonical JSON)', () => {
    const data = { root: '/data/reports', input: 'a/b.html', file: '/data/reports/a/b.html', output: 'a/b.html.json', pipelineVersion: version };
    const signed = { ...data, signature: jobSignature(data, 's3cret') };
    expect(() => checkJobData(signed, 's3cret')).not.toThrow();
    expect(() => checkJobData(data, undefined)).not.toThrow();
    expect(() => checkJobData(data, 's3cret')).toThrow(/^refused: the job is not signed, and this worker takes only signed jobs/);
    expect(() => checkJobData({ ...data, signature: jobSignature(data, 'other') }, 's3cret')).toThrow(/^refused: the job's signature does not match its contents/);
    expect(() => checkJobData({ ...signed, output: '../x.json' }, 's3cret')).toThrow(/^refused: the job's signature does not match/);
    expect(() => checkJobData({ ...signed, signature: 'zz' }, 's3cret')).toThrow(/^refused: the job's signature does not match/);
    expect(() => checkJobData({ ...data, input: 7 }, undefined)).toThrow(/^refused: the job's "input" is missing or not text$/);
  });
});

describe('status: throughput and ETA (pure functions, made-up jobs)', () => {
  const minute = 60_000;
  const window = queueSettings.throughputWindowMs;
  const counts = (waiting: number): QueueCounts => ({ waiting, active: 0, delayed: 0, completed: 0, failed: 0 });
  /** `n` jobs of `worker` started at `start` and finished at `end` (minutes). */
  const jobs = (worker: string, n: number, start: number, end: number) => Array.from({ length: n }, () => ({ processedBy: worker, processedOn: start * minute, finishedOn: end * minute }));
  // An earlier run's 60 quick files, by a worker since stopped, finished between minutes 5 and 7; the worker
  // connected now converts scans two at a time, a minute each, from minute 7: 2 files a minute.
  const recent = [...jobs('w:2', 2, 9, 10), ...jobs('w:2', 2, 8, 9), ...jobs('w:2', 2, 7, 8), ...Array.from({ length: 60 }, (_, i) => jobs('old:1', 1, 5 + i / 30, 5 + (i + 1) / 30)[0]!)];
  const now = 10 * minute;

  it('measures the workers connected now, not files finished by workers that are gone', () => {
    const measured = throughputOf(recent, now, window, false, new Set(['w:2']));
    // 6 files since the connected worker began, 3 minutes ago.
    expect({ ...measured, filesPerMinute: undefined }).toEqual({ filesPerMinute: undefined, files: 6, spanMs: 3 * minute });
    expect(measured!.filesPerMinute).toBeCloseTo(2, 9);
    // 20 scans left at 2 a minute: 10 minutes (counting the gone worker's quick files said 20 / 13.2 a minute, 1.5 minutes).
    const eta = etaOf(counts(20), measured, 1, false);
    expect('seconds' in eta && eta.seconds).toBeCloseTo(600, 6);
  });

  it('cuts long text from a job, never inside a character, and escapes control characters', () => {
    expect(printable(`${'a'.repeat(499)}😀b`)).toBe(`${'a'.repeat(499)}… and 3 more characters`);
    expect(printable('a\u0007b')).toBe('a\\u0007b');
    expect(printable('x'.repeat(500))).toBe('x'.repeat(500));
  });

  it('gives no ETA, but the reason, when no worker is connected or the queue is paused', () => {
    const withoutWorkers = throughputOf(recent, now, window, false, new Set());
    expect(withoutWorkers).toBeNull();
    expect(etaOf(counts(20), withoutWorkers, 0, false)).toEqual({ unknown: 'no worker connected' });
    expect(etaOf(counts(20), throughputOf(recent, now, window, false, new Set(['w:2'])), 1, true)).toEqual({ unknown: 'the queue is paused' });
    expect(etaOf(counts(20), null, 1, false)).toEqual({ unknown: 'no file finished by the workers connected in the last 5m00s' });
    // Nothing left is done, whoever is connected.
    expect(etaOf(counts(0), null, 0, false)).toEqual({ seconds: 0 });
    const text = statusText('q', 'redis://h:6379', {
      counts: counts(20),
      workers: [],
      paused: false,
      throughput: null,
      eta: etaOf(counts(20), null, 0, false),
      failures: [],
    });
    expect(text).toContain('workers: none connected\nthroughput: no file finished by the workers connected in the last 5m00s; ETA unknown: no worker connected\n');
  });
});

describe('enqueue names each input relative to its root', () => {
  it('a folder given is the root of the files under it; a file given has its folder as root', async () => {
    const base = realpathSync(tempDir('roots'));
    mkdirSync(join(base, 'jiangsu', 'sub'), { recursive: true });
    copyFileSync(sampleFiles('html', '.html')[0]!, join(base, 'jiangsu', 'sub', 'r.html'));
    copyFileSync(sampleFiles('html', '.html')[0]!, join(base, 'single.html'));
    const { inputs } = await collectInputs([join(base, 'jiangsu'), join(base, 'single.html')]);
    const options = { pipelineVersion: version };
    expect(inputs.map((i) => jobDataOf(i, options))).toEqual([
      { root: join(base, 'jiangsu'), input: 'sub/r.html', file: join(base, 'jiangsu', 'sub', 'r.html'), output: 'sub/r.html.json', pipelineVersion: version },
      { root: base, input: 'single.html', file: join(base, 'single.html'), output: 'single.html.json', pipelineVersion: version },
    ]);
    const into = jobDataOf(inputs[0]!, { ...options, into: 'jiangsu', secret: 'k' });
    expect(into.output).toBe('jiangsu/sub/r.html.json');
    expect(() => checkJobData(into, 'k')).not.toThrow();
  });
});

describe('Redis URLs with a user and password, and rediss://', () => {
  it('reads user, password, db and TLS from the URL as given, and never prints the password', () => {
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['redis://user:pass@queue-host:6379', { username: 'user', password: 'pass', host: 'queue-host', port: 6379 }, false],
      ['redis://:pass@queue-host:6379/2', { username: '', password: 'pass', host: 'queue-host', port: 6379, db: 2 }, false],
      ['rediss://user:pa%40ss@queue-host:6380', { username: 'user', password: 'pa@ss', host: 'queue-host', port: 6380 }, true],
      ['REDISS://user:pass@queue-host:6380', { username: 'user', password: 'pass', port: 6380 }, true],
    ];
    for (const [url, expected, tls] of cases) {
      const client = redisClient(url);
      expect(client.options, url).toMatchObject(expected);
      expect(Boolean(client.options.tls), `${url}: TLS`).toBe(tls);
      client.disconnect();
    }
    expect(redactedUrl('redis://user:pass@queue-host:6379')).toBe('redis://user:***@queue-host:6379');
    expect(redactedUrl('redis://:pass@queue-host:6379/2')).toBe('redis://:***@queue-host:6379/2');
    expect(redactedUrl('rediss://user:pass@queue-host:6380')).toBe('rediss://user:***@queue-host:6380');
    // A password with an "@" or "/" its writer did not percent-encode is masked whole.
    expect(redactedUrl('rediss://user:p@ss/w0rd@queue-host:6380/0')).toBe('rediss://user:***@queue-host:6380/0');
    expect(redactedUrl('redis://queue-host:6379')).toBe('redis://queue-host:6379');
  });

  it.skipIf(redis.skipReason !== undefined)('connects as a Redis user given in the URL; a wrong password or TLS to a plain server is one clear error without the password', async () => {
    const admin = newClient();
    const user = `govreport-test-${process.pid}`;
    await admin.call('ACL', 'SETUSER', user, 'on', '>right-pw-1', '~*', '&*', '+@all');
    try {
      // host:port of the test Redis
      const { host } = new URL(redis.url!);
      const client = await connectRedis(`redis://${user}:right-pw-1@${host}`);
      expect(await client.call('ACL', 'WHOAMI')).toBe(user);
      await closeRedis(client);
      const wrong = await connectRedis(`redis://${user}:wrong-pw-2@${host}`).catch((e: Error) => e);
      expect(wrong).toBeInstanceOf(RedisUnreachableError);
      expect((wrong as Error).message).toContain(`cannot connect to Redis at redis://${user}:***@${host}`);
      expect((wrong as Error).message).not.toContain('wrong-pw-2');
      // rediss:// speaks TLS (ioredis turns it on from the scheme): a plain server cannot answer it.
      const tls = await connectRedis(`rediss://${user}:right-pw-1@${host}`).catch((e: Error) => e);
      console.log(`queue test: rediss:// to a plain Redis: ${(tls as Error).message}`);
      expect(tls).toBeInstanceOf(RedisUnreachableError);
      expect((tls as Error).message).toContain(`cannot connect to Redis at rediss://${user}:***@${host}`);
      expect((tls as Error).message).not.toContain('right-pw-1');
    } finally {
      await admin.call('ACL', 'DELUSER', user);
    }
  });
});

describe.skipIf(redis.skipReason !== undefined)('jobs added to the queue by someone else than enqueue', () => {
  beforeAll(() => expectBuilt());

  it('each injected job fails for good with its reason, and nothing is read or written outside the worker folders', async () => {
    const scene = attackScene();
    const spare = realpathSync(tempDir('spare'));
    const name = freshQueue();
    const queue = inspect(name);
    const injected = injectedJobs(scene);
    // As an attacker would: straight into the queue, with retries asked for.
    for (const job of injected) await queue.add('convert', job.data as never, { jobId: job.id, attempts: 3, backoff: { type: 'fixed', delay: 100 } });
    await queue.add('convert', { root: scene.root, input: 'ok.html', file: 'ok.html', output: 'ok.html.json', pipelineVersion: version }, { jobId: 'legit', attempts: 3 });
    // One --inputs naming two folders.
    const worker = startWorker(name, { inputs: [scene.root, spare], out: scene.out }, '--concurrency', '2');
    const ids = [...injected.map((j) => j.id), 'legit'];
    await waitFor('every job to be completed or failed', async () => {
      const c = await queue.getJobCounts('completed', 'failed');
      return (c.completed ?? 0) + (c.failed ?? 0) === ids.length;
    }, 120_000, 100);
    expect(worker.stderr.join('\n')).toContain(`reads under ${scene.root}, ${spare}, writes under ${scene.out}; takes unsigned jobs`);

    const reasons: Record<string, string> = {};
    for (const job of injected) {
      const stored = (await queue.getJob(job.id))!;
      expect(await stored.getState(), job.id).toBe('failed');
      expect(stored.attemptsMade, `${job.id}: failed for good at the first attempt`).toBe(1);
      expect(stored.returnvalue, job.id).toBeFalsy();
      expect(stored.failedReason, job.id).toMatch(job.reason);
      reasons[job.what] = stored.failedReason;
      expect(worker.stderr.some((l) => l.startsWith('failed ') && l.endsWith(`: ${stored.failedReason}; failed for good`)), job.id).toBe(true);
    }
    expect(await queue.getJobState('legit')).toBe('completed');
    expect(doneFiles(worker)).toEqual(['ok.html']);
    expectUntouched(scene, ['ok.html.json']);
    console.log(`queue test: reasons given\n${Object.entries(reasons).map(([what, reason]) => `  ${what} → ${reason}`).join('\n')}`);

    const status = await govreport('status', '--redis', redis.url!, '--queue', name);
    expect(status.stdout).toContain(`completed 1  failed ${injected.length}`);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('with GOVREPORT_QUEUE_SECRET, a worker refuses unsigned and forged jobs and converts those enqueue signed', async () => {
    const scene = attackScene();
    const secret = 'test-secret-0123456789abcdef';
    const name = freshQueue();
    const queue = inspect(name);
    const data = { root: scene.root, input: 'ok.html', file: 'ok.html', output: 'forged.json', pipelineVersion: version };
    await queue.add('convert', data, { jobId: 'unsigned', attempts: 3 });
    await queue.add('convert', { ...data, output: 'forged2.json', signature: jobSignature({ ...data, output: 'forged2.json' }, 'a-guessed-secret') }, { jobId: 'forged', attempts: 3 });
    // A signed job altered afterwards: the signature was made for another output.
    await queue.add('convert', { ...data, output: 'altered.json', signature: jobSignature(data, secret) }, { jobId: 'altered', attempts: 3 });
    const enqueued = await govreportWith({ GOVREPORT_QUEUE_SECRET: secret }, 'enqueue', scene.root, '--redis', redis.url!, '--queue', name, '--into', 'signed');
    expect(enqueued.code).toBe(0);
    expect(enqueued.stdout).toMatch(/^1 enqueued, 0 already queued or done; queue "[^"]+" on \S+, jobs signed\n/);
    const signedId = (await queue.getWaiting()).find((j) => j.data.signature !== undefined && j.id !== 'altered' && j.id !== 'forged')!.id!;

    const worker = startWorker(name, { inputs: [scene.root], out: scene.out, env: { GOVREPORT_QUEUE_SECRET: secret } }, '--concurrency', '1');
    await waitFor('all four jobs to finish', async () => {
      const c = await queue.getJobCounts('completed', 'failed');
      return (c.completed ?? 0) + (c.failed ?? 0) === 4;
    }, 90_000, 100);
    expect(worker.stderr.join('\n')).toContain('takes only signed jobs');
    const reason = async (id: string) => (await queue.getJob(id))!.failedReason;
    expect(await reason('unsigned')).toBe('refused: the job is not signed, and this worker takes only signed jobs (GOVREPORT_QUEUE_SECRET is set)');
    expect(await reason('forged')).toBe('refused: the job\'s signature does not match its contents (forged or altered, or signed with another secret)');
    expect(await reason('altered')).toBe('refused: the job\'s signature does not match its contents (forged or altered, or signed with another secret)');
    expect(await queue.getJobState(signedId)).toBe('completed');
    expect(doneFiles(worker)).toEqual([join(scene.root, 'ok.html')]);
    expectUntouched(scene, ['signed/ok.html.json']);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});

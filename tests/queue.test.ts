/**
 * Queue mode end to end on a real Redis and the compiled bin: several workers
 * share a queue, a worker killed mid-job leaves its job to another, missing
 * inputs are retried with backoff, enqueuing again adds nothing.
 *
 * Redis: GOVREPORT_TEST_REDIS_URL when set (CI starts one; it must answer),
 * else a redis-server of our own on a free port. When there is no
 * redis-server the tests are skipped, except under CI, where that is a failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model/report.js';
import type { ConversionJobData, ConversionSummary } from '../src/queue/jobs.js';
import { repoRoot } from '../src/eval/truth.js';
import { bin, expectBuilt, govreport } from './helpers/cli.js';
import { schemaErrors } from './helpers/schema.js';

const root = repoRoot();

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

/** A worker process; `detached` gives it its own process group, as a terminal does. */
function startWorker(queue: string, ...extra: string[]): RunningWorker {
  const detached = extra.includes('--own-group');
  const args = extra.filter((a) => a !== '--own-group');
  const child = spawn(process.execPath, [bin, 'worker', '--redis', redis.url!, '--queue', queue, '--lock-seconds', '2', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached });
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

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The files named by a worker's `done <file> → <json> (…)` lines. */
const doneFiles = (w: RunningWorker) => w.stdout.flatMap((line) => /^done (.+) → .+ \(\d+ errors, \d+ warnings\)$/.exec(line)?.[1] ?? []);

let queueCount = 0;
const freshQueue = () => `test-${process.pid}-${Date.now()}-${queueCount++}`;
const clients: Redis[] = [];

/** A Queue handle for looking at what the workers did. */
function inspect(name: string): Queue<ConversionJobData, ConversionSummary> {
  const client = new Redis(redis.url!, { maxRetriesPerRequest: null });
  clients.push(client);
  return new Queue<ConversionJobData, ConversionSummary>(name, { connection: client });
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

  it('converts every input exactly once with two workers, one of them killed mid-job', { timeout: 80_000 }, async () => {
    // 3 quick HTML pages first, then 12 PDFs that take ~0.5 s each: the kill lands on a PDF.
    const inputs = tempDir('in');
    const out = tempDir('out');
    for (const f of sampleFiles('html', '.html').slice(0, 3)) copyFileSync(f, join(inputs, `a-${basename(f)}`));
    for (const f of sampleFiles('pdf', '.pdf').slice(0, 12)) copyFileSync(f, join(inputs, `b-${basename(f)}`));
    const files = readdirSync(inputs).map((f) => join(inputs, f));
    expect(files).toHaveLength(15);

    const name = freshQueue();
    const enqueued = await govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name, '-o', out);
    expect(enqueued.stdout).toMatch(/^15 enqueued, 0 already queued or done/);
    expect(enqueued.code).toBe(0);

    const queue = inspect(name);
    const doomed = startWorker(name, '--concurrency', '1');
    const survivor = startWorker(name, '--concurrency', '1');
    // Kill the doomed worker right after it took a PDF: its job is then surely unfinished.
    let killedJobId: string | undefined;
    await waitFor('the doomed worker to finish a file, then start a PDF', async () => {
      if (doneFiles(doomed).length === 0) return false;
      const held = (await queue.getActive()).find((j) => j.processedBy === doomed.name && j.data.file.endsWith('.pdf'));
      if (!held?.processedOn || Date.now() - held.processedOn > 200) return false;
      doomed.child.kill('SIGKILL');
      killedJobId = held.id;
      return true;
    }, 40_000, 20);
    const killedAt = Date.now();
    await doomed.exited;
    const killedJob = (await queue.getJob(killedJobId!))!;

    await waitFor('the queue to drain', async () => (await queue.getJobCounts('completed')).completed === 15, 40_000, 100);
    const finished = (await queue.getJob(killedJobId!))!;
    console.log(`queue test: the killed worker's job was taken up again ${((finished.processedOn! - killedAt) / 1000).toFixed(1)} s after the kill (lock 2 s)`);

    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 15, failed: 0 });
    // The job the killed worker held was finished by the other one, whose `done` line names it.
    expect(finished.returnvalue.worker).toBe(survivor.name);
    await waitFor('the survivor to print its last done line', () => doneFiles(doomed).length + doneFiles(survivor).length >= 15, 5000);
    expect(doneFiles(survivor)).toContain(killedJob.data.file);
    expect(doneFiles(doomed)).not.toContain(killedJob.data.file);
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
    expect(status.stdout).toMatch(/throughput: [\d.]+ files\/min \(15 files in the last \S+\); ETA done/);

    // SIGTERM: the survivor stops taking jobs and exits 0.
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.stderr.join('\n')).toMatch(/SIGTERM: finishing 0 active jobs/);
  });

  it('retries a job whose input is missing, with backoff, until the input is back', { timeout: 30_000 }, async () => {
    const inputs = tempDir('late');
    const out = tempDir('out');
    const file = join(inputs, 'late.html');
    copyFileSync(sampleFiles('html', '.html')[0]!, file);
    const name = freshQueue();
    expect((await govreport('enqueue', file, '--redis', redis.url!, '--queue', name, '-o', out, '--backoff', '300')).code).toBe(0);
    // The shared storage loses the file before a worker gets to it…
    renameSync(file, `${file}.away`);
    const worker = startWorker(name, '--concurrency', '1');
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

  it('on Ctrl-C (the whole process group) finishes the jobs under way with their real reports', { timeout: 40_000 }, async () => {
    const inputs = tempDir('in');
    const out = tempDir('out');
    for (const f of sampleFiles('pdf', '.pdf')) copyFileSync(f, join(inputs, basename(f)));
    const name = freshQueue();
    expect((await govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name, '-o', out)).code).toBe(0);
    const worker = startWorker(name, '--concurrency', '2', '--own-group');
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

  it('adds each input once; status counts a finished run; --force re-adds finished jobs', { timeout: 30_000 }, async () => {
    const inputs = tempDir('twice');
    const out = tempDir('out');
    mkdirSync(join(inputs, 'sub'));
    const [first, second] = sampleFiles('html', '.html');
    copyFileSync(first!, join(inputs, 'one.html'));
    copyFileSync(second!, join(inputs, 'sub', 'two.html'));
    const name = freshQueue();
    const enqueue = (...extra: string[]) => govreport('enqueue', inputs, '--redis', redis.url!, '--queue', name, '-o', out, ...extra);

    expect((await enqueue()).stdout).toMatch(/^2 enqueued, 0 already queued or done/);
    expect((await enqueue()).stdout).toMatch(/^0 enqueued, 2 already queued or done/);
    // --force leaves jobs that are still waiting alone.
    expect((await enqueue('--force')).stdout).toMatch(/^0 enqueued \(0 of them replacing finished jobs\), 2 already queued or done/);

    const worker = startWorker(name, '--concurrency', '2');
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

  it('fails for good a job enqueued by another pipeline version; status shows why', { timeout: 20_000 }, async () => {
    const name = freshQueue();
    const queue = inspect(name);
    const file = sampleFiles('html', '.html')[0]!;
    const out = tempDir('out');
    await queue.add('convert', { path: file, file, outdir: out, output: 'x.json', pipelineVersion: '0.0.0-elsewhere' }, { jobId: 'other-version', attempts: 5 });
    const worker = startWorker(name, '--concurrency', '1');
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
    for (const args of [['status'], ['worker'], ['enqueue', sampleFiles('html', '.html')[0]!, '-o', dir]]) {
      const result = await govreport(...args, '--redis', closed);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^govreport: cannot connect to Redis at ${closed}: connect ECONNREFUSED [\\d.:]+\\n$`));
    }
  });

  it('refuses wrong usage with exit 2', async () => {
    expect((await govreport('status')).code).toBe(2); // no --redis
    expect((await govreport('worker', '--redis', 'localhost:6379')).code).toBe(2); // not a URL
    expect((await govreport('worker', '--redis', redis.url!, '--queue', 'a:b')).code).toBe(2);
    expect((await govreport('enqueue', '--redis', redis.url!)).code).toBe(2); // no inputs
    expect((await govreport('enqueue', 'x', '--redis', redis.url!, '--attempts', '0')).code).toBe(2);
  });
});

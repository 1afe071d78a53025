import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PoolClocks, WorkerPool } from '../src/batch/pool.js';

/**
 * Clocks the test moves by hand (PoolClocks): CPU time of the workers' groups and the wall clock stand
 * still until the test spends or waits, and the pool checks its budgets right after each move, so that
 * what a budget decides never depends on how fast the machine runs the test.
 */
function handClocks() {
  let cpu = 0;
  let wall = 0;
  let check = () => {};
  let onStart = () => {};
  const clocks: PoolClocks = {
    work: () => {
      onStart();
      return { kind: 'cpu', read: () => cpu };
    },
    now: () => wall,
    every: (c) => {
      check = c;
      return { stop: () => {} };
    },
  };
  return {
    clocks,
    /** Resolves when the pool starts the next job's clock (its worker got the job). */
    nextStart: () => new Promise<void>((resolve) => (onStart = resolve)),
    wait(ms: number) {
      wall += ms;
      check();
    },
  };
}

/** Whether a promise has settled, once the callbacks already due have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

/**
 * A worker that answers with its process id after a while, or dies, hangs or eats memory when the path says so.
 * `startupCpuMs`: it computes that long (CPU time) before it is ready, like a worker loading the pipeline.
 */
function workerScript(startupCpuMs = 0): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'govreport-pool-')), 'worker.mjs');
  writeFileSync(
    file,
    `const kept = [];
     process.on('message', (job) => {
       if (job.path === 'crash') process.exit(3);
       if (job.path === 'hang') return;
       if (job.path === 'spin') for (;;);
       // Heap: V8's limit aborts the process. Native: buffers outside the heap, only the resident size shows them.
       if (job.path === 'hog') for (;;) kept.push(new Array(1e6).fill(kept.length));
       if (job.path === 'native') { for (let i = 0; i < 40; i++) kept.push(Buffer.alloc(2 ** 24, 1)); return; }
       setTimeout(() => process.send({ id: job.id, result: process.pid }), 100);
     });
     const t0 = process.cpuUsage();
     for (;;) { const t = process.cpuUsage(t0); if (t.user + t.system >= ${startupCpuMs} * 1000) break; }
     process.send({ ready: true });`,
  );
  return pathToFileURL(file);
}

describe('WorkerPool', () => {
  it('gives jobs started together to different worker processes, so that every core works', async () => {
    const pool = new WorkerPool<number | string>({ size: 2, timeoutMs: 5000 }, workerScript(), (_, reason) => reason);
    try {
      const pids = await Promise.all([pool.run('a', 'a'), pool.run('b', 'b')]);
      expect(new Set(pids).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('answers for a job whose worker dies or hangs, and goes on with a fresh worker', async () => {
    const time = handClocks();
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 1000, stallMs: 1000, clocks: time.clocks }, workerScript(), (_, reason) => `lost: ${reason}`);
    try {
      expect(await pool.run('crash', 'crash')).toBe('lost: the reader\'s process ended (exit code 3)');
      const started = time.nextStart();
      const hang = pool.run('hang', 'hang');
      await started;
      // No CPU used: given up when the stall window has passed on the wall clock, not a moment before.
      time.wait(999);
      expect(await settled(hang)).toBe(false);
      time.wait(1);
      expect(await settled(hang)).toBe(true);
      expect(await hang).toMatch(/^lost: used no CPU for 1 s/);
      expect(typeof (await pool.run('ok', 'ok'))).toBe('number');
    } finally {
      await pool.close();
    }
  });

  it("starts a file's clock when its worker is ready, not while the worker loads", async () => {
    // Loading takes 1.5 s of CPU, more than a file's whole limit.
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 1000, stallMs: 1000 }, workerScript(1500), (_, reason) => `lost: ${reason}`);
    try {
      expect(typeof (await pool.run('ok', 'ok'))).toBe('number');
      expect(await pool.run('spin', 'spin')).toBe('lost: no result within 1 s of CPU time');
    } finally {
      await pool.close();
    }
  });

  it('gives a file that needs more than the memory cap the failure value, and goes on', async () => {
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 20_000, memoryMb: 64 }, workerScript(), (_, reason) => `lost: ${reason}`);
    try {
      expect(await pool.run('hog', 'hog')).toBe('lost: the file needed more than the 64 MB of memory a reader may use');
      expect(await pool.run('native', 'native')).toBe('lost: the file needed more than the 64 MB of memory a reader may use');
      expect(typeof (await pool.run('ok', 'ok'))).toBe('number');
      expect(pool.replaced).toEqual({ lost: 2, recycled: 0 });
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker after N files, between files, losing none', async () => {
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 5000, recycleAfter: 2 }, workerScript(), (_, reason) => `lost: ${reason}`);
    try {
      const threads: (number | string)[] = [];
      for (let i = 0; i < 5; i++) threads.push(await pool.run(`f${i}`, `f${i}`));
      expect(threads.every((t) => typeof t === 'number')).toBe(true);
      // Files 1-2 in one worker, 3-4 in the next, 5 in a third.
      expect(threads[0]).toBe(threads[1]);
      expect(threads[2]).toBe(threads[3]);
      expect(new Set(threads).size).toBe(3);
      expect(pool.replaced).toEqual({ lost: 0, recycled: 2 });
    } finally {
      await pool.close();
    }
  });
});

/**
 * Budgets in CPU time (issue 21): a job granted `grant` ms that then waits, computes or blocks. Whether a
 * job is given up depends only on the CPU time it used and on whether it used any, never on how long it
 * waited for a core; the waits below are far from every limit, so no assertion depends on the machine.
 */
describe('WorkerPool budgets in CPU time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govreport-cpu-budget-'));
  const file = join(dir, 'worker.mjs');
  writeFileSync(
    file,
    `import { existsSync } from 'node:fs';
     const burn = (ms) => { const t0 = process.cpuUsage(); for (;;) { const t = process.cpuUsage(t0); if (t.user + t.system >= ms * 1000) return; } };
     process.on('message', async (job) => {
       process.send({ id: job.id, grant: 1000 });
       if (job.path === 'spin') for (;;);
       if (job.path === 'block') return;
       // 'pause': waits (asleep) until the test says go, and computes a little.
       while (!existsSync(job.file + '.go')) await new Promise((r) => setTimeout(r, 50));
       burn(100);
       process.send({ id: job.id, result: 'done' });
     });
     process.send({ ready: true });`,
  );
  const pool = (stallMs: number, clocks?: PoolClocks) =>
    new WorkerPool<string>({ size: 1, timeoutMs: 60_000, startMs: 1000, stallMs, clocks }, pathToFileURL(file), (_, reason) => `lost: ${reason}`);

  it('does not give up a job that waits for longer than its grant without using CPU time (as a starved process waits for a core)', async () => {
    const time = handClocks();
    const workers = pool(60_000, time.clocks);
    const job = join(dir, 'paused');
    try {
      const started = time.nextStart();
      const answer = workers.run('pause', job);
      await started;
      // Three times its grant of 1 s on the wall clock, no CPU time used: far below the stall window of 60 s.
      for (let i = 0; i < 3; i++) time.wait(1000);
      expect(await settled(answer)).toBe(false);
      writeFileSync(`${job}.go`, '');
      expect(await answer).toBe('done');
      expect(workers.replaced.lost).toBe(0);
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('gives up a job that computes past its grant', async () => {
    const workers = pool(60_000);
    try {
      expect(await workers.run('spin', join(dir, 'spin'))).toBe('lost: no progress in 1 s of CPU time (a page or a file of this kind takes far less)');
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('gives up a job blocked without using CPU for the stall window, long before its grant is used', async () => {
    const time = handClocks();
    const workers = pool(2000, time.clocks);
    try {
      const started = time.nextStart();
      const blocked = workers.run('block', join(dir, 'block'));
      await started;
      time.wait(1999);
      expect(await settled(blocked)).toBe(false);
      time.wait(1);
      expect(await settled(blocked)).toBe(true);
      expect(await blocked).toMatch(/^lost: used no CPU for 2 s \(blocked/);
    } finally {
      await workers.close();
    }
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/batch/pool.js';

/** A worker that answers with its process id after a while, or dies, hangs or eats memory when the path says so. */
function workerScript(startupMs = 0): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'govreport-pool-')), 'worker.mjs');
  writeFileSync(
    file,
    `const kept = [];
     process.on('message', (job) => {
       if (job.path === 'crash') process.exit(3);
       if (job.path === 'hang') return;
       // Heap: V8's limit aborts the process. Native: buffers outside the heap, only the resident size shows them.
       if (job.path === 'hog') for (;;) kept.push(new Array(1e6).fill(kept.length));
       if (job.path === 'native') { for (let i = 0; i < 40; i++) kept.push(Buffer.alloc(2 ** 24, 1)); return; }
       setTimeout(() => process.send({ id: job.id, result: process.pid }), 100);
     });
     // Like a worker loading the pipeline: ready only after a while.
     setTimeout(() => process.send({ ready: true }), ${startupMs});`,
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
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 1000 }, workerScript(), (_, reason) => `lost: ${reason}`);
    try {
      expect(await pool.run('crash', 'crash')).toBe('lost: the reader\'s process ended (exit code 3)');
      expect(await pool.run('hang', 'hang')).toMatch(/^lost: no result within 1 s/);
      expect(typeof (await pool.run('ok', 'ok'))).toBe('number');
    } finally {
      await pool.close();
    }
  });

  it("starts a file's clock when its worker is ready, not while the worker loads", async () => {
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 1000 }, workerScript(1500), (_, reason) => `lost: ${reason}`);
    try {
      expect(typeof (await pool.run('ok', 'ok'))).toBe('number');
      expect(await pool.run('hang', 'hang')).toBe('lost: no result within 1 s');
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

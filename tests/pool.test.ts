import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/batch/pool.js';

/** A worker that answers with its thread id after a while, or dies or hangs when the path says so. */
function workerScript(): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'govreport-pool-')), 'worker.mjs');
  writeFileSync(
    file,
    `import { parentPort, threadId } from 'node:worker_threads';
     parentPort.on('message', (job) => {
       if (job.path === 'crash') process.exit(3);
       if (job.path === 'hang') return;
       setTimeout(() => parentPort.postMessage({ id: job.id, result: threadId }), 100);
     });`,
  );
  return pathToFileURL(file);
}

describe('WorkerPool', () => {
  it('gives jobs started together to different workers, so that every core works', async () => {
    const pool = new WorkerPool<number | string>({ size: 2, timeoutMs: 5000 }, workerScript(), (_, reason) => reason);
    try {
      const threads = await Promise.all([pool.run('a', 'a'), pool.run('b', 'b')]);
      expect(new Set(threads).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('answers for a job whose worker dies or hangs, and goes on with a fresh worker', async () => {
    const pool = new WorkerPool<number | string>({ size: 1, timeoutMs: 1000 }, workerScript(), (_, reason) => `lost: ${reason}`);
    try {
      expect(await pool.run('crash', 'crash')).toMatch(/^lost: .*exited/);
      expect(await pool.run('hang', 'hang')).toMatch(/^lost: no result within 1 s/);
      expect(typeof (await pool.run('ok', 'ok'))).toBe('number');
    } finally {
      await pool.close();
    }
  });
});

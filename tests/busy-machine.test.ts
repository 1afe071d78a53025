/**
 * Issue 21 point 6: a file is given up when it stops making progress in work
 * done, never because the wall clock ran while other processes had the CPU.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/eval/truth.js';
import { bin, expectBuilt } from './helpers/cli.js';
import { ocrMissing } from './helpers/ocr.js';

const run = promisify(execFile);

/** The first CPU this process may run on (Cpus_allowed_list: "0-1", "2,4-7"). */
function firstAllowedCpu(): string {
  const list = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  return list.split(/[,-]/)[0]!;
}

const taskset = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path));
const hogs: ChildProcess[] = [];

afterEach(() => {
  for (const hog of hogs.splice(0)) hog.kill('SIGKILL');
});

describe.skipIf(ocrMissing !== null || taskset === undefined || !existsSync('/proc/self/stat'))('a conversion next to CPU hogs', () => {
  it('is not given up while it waits for the core, and its cells are read', async () => {
    expectBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'govreport-busy-'));
    // One scanned table page (page 3 of lo-clean-2021.pdf, 126 cells) at JPEG quality 20: the wait grows with the CPU time a file needs, so the smallest scan with a table.
    copyFileSync(join(repoRoot(), 'samples', 'scan-variants', 'jpeg-q20.pdf'), join(dir, 'scan.pdf'));
    const truth = JSON.parse(readFileSync(join(repoRoot(), 'samples', 'scan-variants', 'jpeg-q20.truth.json'), 'utf8')) as { cells: Record<string, number | null> };
    // The conversion and four busy loops on one core (taskset), so that the conversion gets at most a fifth
    // of it, however many cores the machine has. Each loop runs in a session of its own, as the worker does
    // (detached): where the kernel shares a core between sessions first (autogroup), four loops in one
    // session would take only half of it. The one-page scan needs some 5 s of CPU time here (the CLI
    // starting, its worker loading, OCR of the page): waiting for a fifth of a core, some 25 s on the wall
    // clock. Its limit of 15 s is counted in CPU time, three times what it needs, so it is not given up
    // however long it waits: that depends only on the CPU time the file needs, not on the load. Counted on
    // the wall clock (the code before), the same limit gave it up: "no result within 15 s".
    const cpu = firstAllowedCpu();
    for (let i = 0; i < 4; i++) hogs.push(spawn(taskset!, ['-c', cpu, process.execPath, '-e', 'for (;;);'], { stdio: 'ignore', detached: true }));
    const out = join(dir, 'out');
    const { stdout } = await run(taskset!, ['-c', cpu, process.execPath, bin, 'convert', join(dir, 'scan.pdf'), '-o', out, '--timeout', '15', '--concurrency', '1'], {
      maxBuffer: 1 << 24,
    });
    expect(stdout).toMatch(/given up 0/);
    const report = JSON.parse(readFileSync(join(out, 'scan.pdf.json'), 'utf8')) as {
      problems: Array<{ code: string; message: string }>;
      cells: Record<string, { value: unknown }>;
    };
    expect(report.problems.filter((p) => p.code === 'FILE_UNREADABLE')).toEqual([]);
    // Its cells are read: nearly every number the scan prints (the OCR tests judge the rest).
    const printed = Object.entries(truth.cells).filter(([, value]) => value !== null);
    const right = printed.filter(([key, value]) => report.cells[key]?.value === value);
    expect(printed.length).toBeGreaterThan(100);
    expect(right.length).toBeGreaterThanOrEqual(0.9 * printed.length);
  }, 600_000);
});

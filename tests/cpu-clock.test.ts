import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupCpuMs, parseStat, watchChild, workClock } from '../src/cpu-clock.js';

/** A /proc/<pid>/stat line: fields 3–17 as given, the rest zeros (as far as field 52). */
function statLine(pid: number, name: string, f: { state?: string; ppid: number; pgrp: number; utime: number; stime: number; cutime?: number; cstime?: number }): string {
  const fields = [f.state ?? 'S', f.ppid, f.pgrp, f.pgrp, 0, -1, 4194560, 0, 0, 0, 0, f.utime, f.stime, f.cutime ?? 0, f.cstime ?? 0];
  return `${pid} (${name}) ${[...fields, ...Array(35).fill(0)].join(' ')}\n`;
}

interface FakeProcess {
  pid: number;
  stat: string;
  threads?: Record<number, number[]>;
}

/** A made-up /proc: each process its stat line, and (withChildren) its threads' children lists. */
function fakeProc(processes: FakeProcess[], withChildren = true): string {
  const root = mkdtempSync(join(tmpdir(), 'govreport-proc-'));
  for (const p of processes) {
    mkdirSync(join(root, String(p.pid), 'task'), { recursive: true });
    writeFileSync(join(root, String(p.pid), 'stat'), p.stat);
    for (const [tid, children] of Object.entries(p.threads ?? { [p.pid]: [] })) {
      mkdirSync(join(root, String(p.pid), 'task', tid), { recursive: true });
      if (withChildren) writeFileSync(join(root, String(p.pid), 'task', tid, 'children'), children.map((c) => `${c} `).join(''));
    }
  }
  return root;
}

/** Worker 100 (its own group) with a live tesseract 101 that runs a helper 102, and 103 that left the group. */
const worker: FakeProcess[] = [
  { pid: 100, stat: statLine(100, 'node', { ppid: 1, pgrp: 100, utime: 50, stime: 10, cutime: 30, cstime: 10 }), threads: { 100: [101], 107: [103] } },
  { pid: 101, stat: statLine(101, 'tesseract', { state: 'R', ppid: 100, pgrp: 100, utime: 20, stime: 2 }), threads: { 101: [102] } },
  { pid: 102, stat: statLine(102, 'a (b) c', { ppid: 101, pgrp: 100, utime: 3, stime: 0 }) },
  { pid: 103, stat: statLine(103, 'daemon', { ppid: 100, pgrp: 103, utime: 900, stime: 0 }) },
  { pid: 104, stat: statLine(104, 'other', { ppid: 1, pgrp: 104, utime: 700, stime: 0 }) },
];

describe('parseStat', () => {
  it('counts the fields from the last parenthesis: a command name may hold spaces and parentheses', () => {
    expect(parseStat(statLine(102, 'a (b) c', { state: 'Z', ppid: 101, pgrp: 100, utime: 3, stime: 4, cutime: 5, cstime: 6 }))).toEqual({
      pid: 102,
      state: 'Z',
      ppid: 101,
      pgrp: 100,
      utime: 3,
      stime: 4,
      cutime: 5,
      cstime: 6,
    });
  });

  it('refuses a line that is not one', () => {
    expect(parseStat('')).toBeUndefined();
    expect(parseStat('12 (node) S 1')).toBeUndefined();
  });
});

describe('groupCpuMs', () => {
  // Ticks: the leader's own 60, its reaped children's 40, tesseract 22 and its helper 3 (125 at 100 a second).
  it("is the leader's time, its reaped children's, and each live process of its group below it", () => {
    expect(groupCpuMs(100, fakeProc(worker), 100)).toBe(1250);
  });

  it('finds the group by every process\'s group field where the kernel keeps no children lists', () => {
    expect(groupCpuMs(100, fakeProc(worker, false), 100)).toBe(1250);
  });

  it('is undefined for a process /proc does not know, and the clock is then the wall clock', () => {
    const proc = fakeProc(worker);
    expect(groupCpuMs(999, proc, 100)).toBeUndefined();
    expect(workClock(999, proc).kind).toBe('wall');
    expect(workClock(100, proc).kind).toBe('cpu');
  });
});

describe('groupCpuMs of real processes', () => {
  it('counts a running child of the group and, once reaped, the same time again; a process that sleeps adds none', async () => {
    // A group leader (detached, as the pool starts workers) whose child burns 300 ms of its own CPU time and
    // says so, then waits to be told to end; the leader then reaps it and says so.
    const leader = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const burn = "const t0 = process.cpuUsage(); for (;;) { const t = process.cpuUsage(t0); if (t.user + t.system >= 300000) break; } process.send('burnt'); process.on('message', () => process.exit(0));";
         const child = spawn(process.execPath, ['-e', burn], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
         child.on('message', () => process.send('child burnt'));
         child.on('exit', () => process.send('reaped'));
         process.on('message', () => child.send('end'));`,
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    const said = (what: string) => new Promise<void>((resolve) => leader.on('message', (m) => m === what && resolve()));
    try {
      await said('child burnt');
      const live = groupCpuMs(leader.pid!)!;
      // Ticks are 10 ms; the child's 300 ms may read as 290.
      expect(live).toBeGreaterThanOrEqual(290);
      const reaped = said('reaped');
      leader.send('end');
      await reaped;
      const after = groupCpuMs(leader.pid!)!;
      expect(after).toBeGreaterThanOrEqual(290);
      // Both wait for a message now, asleep: a second of wall time adds no CPU time to speak of.
      await new Promise((r) => setTimeout(r, 1000));
      expect(groupCpuMs(leader.pid!)! - after).toBeLessThan(50);
    } finally {
      leader.kill('SIGKILL');
    }
  }, 60_000);
});

describe('watchChild: a child stopped by its CPU time, never by the wall clock', () => {
  it('stops a child that uses no CPU for the stall window, and says so', async () => {
    const child = spawn('sleep', ['60']);
    const watch = watchChild(child, { cpuMs: 60_000, stallMs: 1000, pollMs: 100 });
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(code).toBeNull();
    expect(signal).toBe('SIGKILL');
    expect(watch.reason()).toBe('used no CPU for 1 s');
  });

  it('stops a child that spins past its CPU allowance', async () => {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}']);
    const watch = watchChild(child, { cpuMs: 300, stallMs: 600_000, pollMs: 100 });
    await once(child, 'exit');
    expect(watch.reason()).toMatch(/^used 0 s of CPU time without an answer$/);
  });

  it('leaves alone a child that ends by itself', async () => {
    const child = spawn(process.execPath, ['-e', 'let s = 0; for (let i = 0; i < 1e7; i++) s += i;']);
    const watch = watchChild(child, { cpuMs: 60_000, stallMs: 60_000, pollMs: 100 });
    const [code] = (await once(child, 'exit')) as [number | null];
    watch.stop();
    expect(code).toBe(0);
    expect(watch.reason()).toBeUndefined();
  });
});

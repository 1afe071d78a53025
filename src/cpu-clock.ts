/**
 * CPU time of a process group: what a worker of the pool (pool.ts) and the
 * processes it started (tesseract) have used, read from /proc. The pool counts
 * a file's budgets in it, so that a file on a busy machine, waiting for a core
 * while others run, is never given up for time it did not get.
 *
 * The group's time is the leader's own (utime + stime, all its threads), what
 * its waited-for children used (cutime + cstime: each tesseract that ended),
 * and the time of each live process of its group below it (a tesseract still
 * running; found through /proc/<pid>/task/<tid>/children, or by the group
 * field of every /proc/<pid>/stat where the kernel has no children lists).
 *
 * Where there is no /proc (not Linux) there is no such clock: workClock gives
 * the wall clock instead, and the pool's budgets are the old wall-clock ones.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** The fields of /proc/<pid>/stat the clock needs (times in clock ticks). */
export interface ProcStat {
  pid: number;
  /** R running, S sleeping, D disk, Z zombie, T stopped, … */
  state: string;
  ppid: number;
  pgrp: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

/**
 * One /proc/<pid>/stat line. The command name is in parentheses and may hold
 * spaces and parentheses itself, so the fields are counted from its last ')'.
 */
export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After the name: state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11)
  // majflt(12) cmajflt(13) utime(14) stime(15) cutime(16) cstime(17); rest[0] is field 3.
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  const stat = {
    pid: Number(text.slice(0, open).trim()),
    state: rest[0] ?? '',
    ppid: field(4),
    pgrp: field(5),
    utime: field(14),
    stime: field(15),
    cutime: field(16),
    cstime: field(17),
  };
  const numbers = [stat.pid, stat.ppid, stat.pgrp, stat.utime, stat.stime, stat.cutime, stat.cstime];
  return stat.state !== '' && numbers.every((n) => Number.isInteger(n) && n >= 0) ? stat : undefined;
}

function readStat(proc: string, pid: number): ProcStat | undefined {
  try {
    return parseStat(readFileSync(`${proc}/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // gone
  }
}

/**
 * The children of a process, from its threads' children lists; undefined where the
 * kernel keeps no such lists (built without CONFIG_PROC_CHILDREN).
 */
function childrenOf(proc: string, pid: number): number[] | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync(`${proc}/${pid}/task`);
  } catch {
    return []; // gone
  }
  const children: number[] = [];
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`${proc}/${pid}/task/${task}/children`, 'utf8').split(/\s+/)) {
        if (child !== '') children.push(Number(child));
      }
    } catch {
      // A thread that ended since the directory was read has no list; a main thread without one: no lists at all.
      if (task === String(pid) && readStat(proc, pid) !== undefined) return undefined;
    }
  }
  return children;
}

/** Every process of group `leader` but the leader: each /proc/<pid>/stat read (the fallback: a few hundred files). */
function groupByScan(proc: string, leader: number): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch {
    return [];
  }
  const members: ProcStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === leader) continue;
    const stat = readStat(proc, Number(entry));
    if (stat?.pgrp === leader) members.push(stat);
  }
  return members;
}

/** The live processes of group `leader` below it: its descendants that stayed in its group. */
function groupMembers(proc: string, leader: number): ProcStat[] {
  const members: ProcStat[] = [];
  const seen = new Set<number>([leader]);
  const queue = [leader];
  while (queue.length > 0) {
    const children = childrenOf(proc, queue.shift()!);
    if (children === undefined) return groupByScan(proc, leader);
    for (const child of children) {
      if (seen.has(child)) continue;
      seen.add(child);
      const stat = readStat(proc, child);
      if (stat?.pgrp !== leader) continue; // left the group (setsid): no longer the worker's work
      members.push(stat);
      queue.push(child);
    }
  }
  return members;
}

let ticksPerSecond: number | undefined;

/** Clock ticks a second of the times in /proc (USER_HZ): getconf says; Linux has it 100 on every architecture Node runs on. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      const said = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      ticksPerSecond = Number.isInteger(said) && said > 0 ? said : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time in ms of the group that process `leader` leads; undefined where /proc does not tell
 * (not Linux, or the process is gone).
 *
 * The leader is read first: a child reaped between the two readings then counts in neither (the
 * clock reads low for a moment), never in both, so the sum errs towards giving up later, not sooner.
 */
export function groupCpuMs(leader: number, proc = '/proc', ticks = clockTicks()): number | undefined {
  const head = readStat(proc, leader);
  if (!head) return undefined;
  let total = head.utime + head.stime + head.cutime + head.cstime;
  // A child that ended but is not reaped yet (a zombie) still shows its own time; once reaped, it is in its parent's cutime.
  for (const member of groupMembers(proc, leader)) total += member.utime + member.stime + member.cutime + member.cstime;
  return (total * 1000) / ticks;
}

/** What a job's budgets are counted in: its worker group's CPU time, or where that cannot be read, the wall clock. */
export interface WorkClock {
  readonly kind: 'cpu' | 'wall';
  /** ms on this clock; never goes back. */
  read(): number;
}

/**
 * The clock of the work of process group `leader`: its CPU time (groupCpuMs) where /proc tells,
 * otherwise (not Linux) the wall clock, as the pool had it before budgets were counted in CPU.
 */
export function workClock(leader: number, proc = '/proc'): WorkClock {
  if (groupCpuMs(leader, proc) === undefined) return { kind: 'wall', read: () => performance.now() };
  let last = 0;
  return {
    kind: 'cpu',
    read: () => {
      // Gone (killed, exited): its time stands where it was.
      last = Math.max(last, groupCpuMs(leader, proc) ?? last);
      return last;
    },
  };
}

/**
 * Stops a child process that works without end or not at all, counted in
 * its CPU time (workClock): killed once it has used `cpuMs` of CPU, or when
 * it used no CPU for `stallMs` of wall time (blocked: on a busy machine a
 * process that works still gets CPU every second). `reason` says which.
 */
export function watchChild(child: { pid?: number | undefined; kill(signal?: NodeJS.Signals): boolean }, limits: { cpuMs: number; stallMs: number; pollMs?: number }): { stop(): void; reason(): string | undefined } {
  let reason: string | undefined;
  if (child.pid === undefined) return { stop: () => {}, reason: () => reason };
  const clock = workClock(child.pid);
  const start = clock.read();
  let lastWork = start;
  let lastChange = performance.now();
  const timer = setInterval(() => {
    const now = clock.read();
    if (now - lastWork > 0) {
      lastWork = now;
      lastChange = performance.now();
    }
    if (now - start > limits.cpuMs) reason = `used ${Math.round(limits.cpuMs / 1000)} s of ${clock.kind === 'cpu' ? 'CPU time' : 'time'} without an answer`;
    else if (clock.kind === 'cpu' && performance.now() - lastChange > limits.stallMs) reason = `used no CPU for ${Math.round(limits.stallMs / 1000)} s`;
    if (reason) {
      clearInterval(timer);
      child.kill('SIGKILL');
    }
  }, limits.pollMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), reason: () => reason };
}

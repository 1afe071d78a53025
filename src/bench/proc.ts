/**
 * Memory and CPU time of this process and every process it started (the
 * worker processes and their tesseract runs), read from /proc: the figures a
 * machine's operator sees, not just the main process's share.
 */
import { readFileSync, readdirSync } from 'node:fs';

const pageSize = 4096;
const ticksPerSecond = 100;

/** /proc/<pid>/stat fields after the command name (which may hold spaces): field n of proc(5) is at index n - 3. */
function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process ended while we looked
  }
}

function descendants(): number[] {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const stack = [...(byParent.get(process.pid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    found.push(pid);
    stack.push(...(byParent.get(pid) ?? []));
  }
  return found;
}

function resident(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * pageSize;
  } catch {
    return 0;
  }
}

/** RSS of this process and its descendants, in bytes (this process's alone where /proc is missing). */
export function treeRss(): number {
  try {
    return descendants().reduce((sum, pid) => sum + resident(pid), process.memoryUsage.rss());
  } catch {
    return process.memoryUsage.rss();
  }
}

/**
 * CPU seconds (user + system) used so far by this process, its live
 * descendants, and the descendants that have ended (counted in their
 * parent's cutime/cstime once reaped).
 */
export function treeCpuSeconds(): number {
  const ticks = (f: string[] | undefined) => (f ? [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0) : 0);
  try {
    return [statFields('self'), ...descendants().map(statFields)].reduce((sum, f) => sum + ticks(f), 0) / ticksPerSecond;
  } catch {
    const cpu = process.cpuUsage();
    return (cpu.user + cpu.system) / 1e6;
  }
}

/**
 * CPU seconds so far of the Node processes of the tree (this one and its
 * workers: our JavaScript, pdf.js, canvas) and of the processes they ran
 * and reaped (tesseract), apart: where OCR time goes. A worker that ended
 * in between counts wholly as Node time.
 */
export function nodeAndEngineCpuSeconds(): { node: number; engine: number } {
  let node = 0;
  let engine = 0;
  for (const pid of ['self' as const, ...safeDescendants()]) {
    const f = statFields(pid);
    if (!f) continue;
    const ticks = (fields: number[]) => fields.reduce((s, i) => s + Number(f[i]), 0) / ticksPerSecond;
    if (pid !== 'self' && command(pid) !== 'node') engine += ticks([11, 12, 13, 14]);
    else {
      node += ticks([11, 12]);
      // This process reaps the workers (node), the workers reap tesseract.
      if (pid === 'self') node += ticks([13, 14]);
      else engine += ticks([13, 14]);
    }
  }
  return { node, engine };
}

function safeDescendants(): number[] {
  try {
    return descendants();
  } catch {
    return [];
  }
}

function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Writing a report's JSON so that a crash (SIGKILL, power loss) never leaves
 * half a file: the text goes to a temporary file in the output folder's
 * scratch folder, is flushed to disk, and is renamed onto the target in one
 * step (same file system, so the rename is atomic).
 */
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { type Report, reportSchema } from '../model/report.js';
import { readOwnJson } from './json-text.js';

/** Scratch folder of an output folder; readers of the output skip it. */
export const scratchFolderName = '.govreport-tmp';

export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The report a JSON of the output folder holds; undefined when the file is missing, does not parse or is not a valid report. */
export async function readReportJson(outdir: string, relative: string): Promise<Report | undefined> {
  const read = await readOwnJson(outdir, relative);
  if ('failure' in read) return undefined;
  const parsed = reportSchema.safeParse(read.json);
  return parsed.success ? parsed.data : undefined;
}

/** `outdir/relative`, proven inside the output folder: a path that leads out of it is refused, never written. */
export function insideOutput(outdir: string, relative: string): string {
  const root = resolve(outdir);
  const target = resolve(root, relative);
  if (isAbsolute(relative) || !target.startsWith(root + sep)) throw new Error(`refused to write outside the output folder: ${relative}`);
  return target;
}

/** Writes `text` to `outdir/relative` atomically. */
export async function writeAtomically(outdir: string, relative: string, text: string): Promise<void> {
  const target = insideOutput(outdir, relative);
  const scratch = join(outdir, scratchFolderName);
  await mkdir(dirname(target), { recursive: true });
  await mkdir(scratch, { recursive: true });
  const tmp = join(scratch, `${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Removes the temporary files that processes no longer running left behind (a killed run). */
export async function removeStaleScratch(outdir: string, alive: (pid: number) => boolean): Promise<number> {
  const scratch = join(outdir, scratchFolderName);
  const names = await readdir(scratch).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (Number.isInteger(pid) && alive(pid)) continue;
    await rm(join(scratch, name), { force: true });
    removed++;
  }
  return removed;
}

/**
 * Finding the report JSON files of an output folder: every `.json` below
 * it, except the convert's scratch folder.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { scratchFolderName } from '../batch/output.js';

export interface FoundFiles {
  /** Paths relative to the output folder, sorted. */
  files: string[];
  /** Folders that could not be listed, with why. */
  unlisted: Array<{ path: string; why: string }>;
}

export async function findReportFiles(outdir: string): Promise<FoundFiles> {
  const files: string[] = [];
  const unlisted: FoundFiles['unlisted'] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      unlisted.push({ path: dir, why: (error as Error).message });
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // A symbolic link counts as what it points to.
      const kind = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
      if (kind?.isDirectory()) {
        if (dir === outdir && entry.name === scratchFolderName) continue;
        await walk(path);
      } else if (kind?.isFile() && entry.name.endsWith('.json')) {
        files.push(relative(outdir, path));
      }
    }
  };
  await walk(outdir);
  files.sort(byCodeUnits);
  return { files, unlisted };
}

/** Plain code-unit order: the same on every machine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

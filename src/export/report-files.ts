/**
 * Finding the report JSON files of an output folder: every `.json` below
 * it, except the convert's scratch folder, walked as `convert` walks its
 * inputs (batch/folder-walk.ts): each real folder once, link loops and links
 * out of the folder named and skipped, never followed, and a link to a file
 * of the folder skipped too (each report is read once, under its own name).
 * Other files (the ledger, notes) are none of this walk's business.
 */
import { relative, sep } from 'node:path';
import { walkFolder } from '../batch/folder-walk.js';
import { scratchFolderName } from '../batch/output.js';

export interface FoundFiles {
  /** Paths relative to the output folder, sorted. */
  files: string[];
  /** What lies in the folder but is not read (a link loop, a link out of the folder, a folder that cannot be listed, a FIFO named .json), with why. */
  skipped: Array<{ path: string; reason: string }>;
}

export async function findReportFiles(outdir: string): Promise<FoundFiles> {
  const files: string[] = [];
  const skipped: FoundFiles['skipped'] = [];
  await walkFolder(
    outdir,
    {
      file: (name) => (name.endsWith('.json') ? 'take' : 'ignore'),
      passOver: (path) => path === scratchFolderName,
      folderWord: 'output folder',
      fileLinks: 'skip',
    },
    {
      found: (path) => files.push(relative(outdir, path).split(sep).join('/')),
      skip: (path, reason) => skipped.push({ path, reason }),
    },
  );
  files.sort(byCodeUnits);
  return { files, skipped };
}

/** Plain code-unit order: the same on every machine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

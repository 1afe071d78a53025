/**
 * Writing the export's files atomically: each target is written under a
 * temporary name beside it (same folder, so the same file system) and renamed
 * onto it only when every file of the export is complete and flushed to disk.
 * A crash or Ctrl-C leaves the previous targets as they were.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class TemporaryFiles {
  /** The temporary path of each target, in the targets' order. */
  readonly paths: string[];
  /** A scratch folder beside the first target, for a writer's spill files. */
  readonly scratchFolder: string;

  constructor(readonly targets: readonly string[]) {
    const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.paths = targets.map((t) => join(dirname(t), `.${basename(t)}.${tag}.tmp`));
    this.scratchFolder = join(dirname(targets[0]!), `.${basename(targets[0]!)}.${tag}.scratch`);
    for (const t of targets) mkdirSync(dirname(t), { recursive: true });
    this.discardSync(); // a stale file of the same name cannot exist, but a writer must start from nothing
  }

  /** Flushes every temporary file to disk, then renames each onto its target (replacing an existing one). */
  async commit(): Promise<void> {
    for (const path of this.paths) {
      const handle = await open(path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [i, path] of this.paths.entries()) await rename(path, this.targets[i]!);
    rmSync(this.scratchFolder, { recursive: true, force: true });
  }

  /** Removes what is temporary; synchronous, so that a signal handler can call it before exiting. */
  discardSync(): void {
    for (const path of this.paths) rmSync(path, { force: true });
    rmSync(this.scratchFolder, { recursive: true, force: true });
  }
}

/**
 * Where a report's source document is on this machine: `source.file` is the
 * path as given to `govreport convert`, relative to wherever that ran. It is
 * looked for where the output folder's run ledger recorded it (an absolute
 * path, so compare may run from any folder), then relative to the current
 * folder, then relative to the folder the JSON lies in and each folder above
 * it (an output folder kept beside its inputs).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { ledgerFileName } from '../batch/ledger.js';
import { limits } from '../settings.js';

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The candidates in the order they are tried. */
export function sourceCandidates(file: string, jsonPath: string, cwd = process.cwd(), recorded?: string): string[] {
  if (isAbsolute(file)) return [file];
  const out = [...(recorded ? [recorded] : []), resolve(cwd, file)];
  for (let dir = dirname(resolve(jsonPath)); ; dir = dirname(dir)) {
    out.push(resolve(dir, file));
    if (dirname(dir) === dir) break;
  }
  return [...new Set(out)];
}

/** The first candidate that is a file, or null. */
export async function findSource(file: string, jsonPath: string, cwd = process.cwd(), recorded?: string): Promise<string | null> {
  if (file === '') return null;
  for (const candidate of sourceCandidates(file, jsonPath, cwd, recorded)) if (await isFile(candidate)) return candidate;
  return null;
}

/**
 * The input paths the run ledger of an output folder recorded, by JSON file
 * (relative to the folder, `/`-separated); empty when the folder has no
 * ledger (queue workers' output, copied JSON) or it cannot be read.
 */
export function recordedSources(outdir: string): Map<string, string> {
  const out = new Map<string, string>();
  let db: Database.Database | undefined;
  try {
    db = new Database(join(outdir, ledgerFileName), { readonly: true, fileMustExist: true });
    for (const row of db.prepare<[], { path: string; output: string | null }>('SELECT path, output FROM inputs WHERE output IS NOT NULL').iterate()) {
      out.set(row.output!.split(sep).join('/'), row.path);
    }
  } catch {
    // No ledger, or one this version cannot read: the other candidates remain.
  } finally {
    db?.close();
  }
  return out;
}

/** The bytes of a report's source, or why the page may not show them. */
export type SourceBytes = { bytes: Uint8Array } | { refused: string };

/**
 * The source at `path`, read once and shown only when its bytes are the ones
 * converted: a report names its source in `source.file`, and a hand-edited
 * report can name any file (/proc/self/environ, ../../secret.txt, another
 * PDF). Its sha256 is the only proof that a file is its source, so a report
 * without one shows none. Only a regular file is read (a FIFO or a device
 * never is: opened without waiting for a writer, then checked), and no more
 * than an input convert would take.
 */
export async function readSource(path: string, sha256: string | null): Promise<SourceBytes> {
  if (sha256 === null) return { refused: `the report records no sha256 of its source, so no file is shown as its source (${path} may be any file)` };
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { refused: `the source file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { refused: `${path} is not a regular file` };
    if (info.size > limits.maxInputBytes) return { refused: `${path} is larger than any input convert reads` };
    // Read to the cap, not to the size the file states: files under /proc state 0.
    const cap = limits.maxInputBytes + 1;
    let buffer = Buffer.alloc(Math.min(Math.max(info.size + 1, 1 << 16), cap));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length === cap) return { refused: `${path} is larger than any input convert reads` };
        const grown = Buffer.alloc(Math.min(2 * length, cap));
        buffer.copy(grown);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return matching(buffer.subarray(0, length), path, sha256);
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

function matching(bytes: Buffer, path: string, sha256: string): SourceBytes {
  if (createHash('sha256').update(bytes).digest('hex') === sha256) return { bytes };
  return { refused: `the file at ${path} is not the one converted (its bytes differ; sha256 of the report: ${sha256.slice(0, 12)}…)` };
}

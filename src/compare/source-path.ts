/**
 * Where a report's source document is on this machine: `source.file` is the
 * path as given to `govreport convert`, relative to wherever that ran. It is
 * looked for where the output folder's run ledger recorded it (an absolute
 * path, so compare may run from any folder), then relative to the current
 * folder, then relative to the folder the JSON lies in and each folder above
 * it (an output folder kept beside its inputs).
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { ledgerFileName } from '../batch/ledger.js';

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

/**
 * Where a report's source document is on this machine: `source.file` is the
 * path as given to `govreport convert`, relative to wherever that ran. It is
 * looked for relative to the current folder, then relative to the folder the
 * JSON lies in and each folder above it (an output folder kept beside its inputs).
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The candidates in the order they are tried. */
export function sourceCandidates(file: string, jsonPath: string, cwd = process.cwd()): string[] {
  if (isAbsolute(file)) return [file];
  const out = [resolve(cwd, file)];
  for (let dir = dirname(resolve(jsonPath)); ; dir = dirname(dir)) {
    out.push(resolve(dir, file));
    if (dirname(dir) === dir) break;
  }
  return [...new Set(out)];
}

/** The first candidate that is a file, or null. */
export async function findSource(file: string, jsonPath: string, cwd = process.cwd()): Promise<string | null> {
  if (file === '') return null;
  for (const candidate of sourceCandidates(file, jsonPath, cwd)) if (await isFile(candidate)) return candidate;
  return null;
}

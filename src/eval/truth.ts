/** Truth files: what a sample's source prints, cell by cell, and the problems a correct reader reports. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Truth {
  file: string;
  formatVersion?: string;
  year?: number;
  agency?: string;
  expectProblems: string[];
  expectOtherProblems: string[];
  cells: Record<string, number | null>;
}

export interface Sample {
  input: string;
  truthPath: string;
  truth: Truth;
}

/** The repository root (this file is at dist/src/eval/ when compiled, src/eval/ in tests). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** Folders with truth files: our own samples/, and the shared real reports beside the checkout. */
export function sampleFolders(): string[] {
  const root = repoRoot();
  const shared = process.env['GOVREPORT_SHARED_SAMPLES'] ?? join(root, '..', 'shared', 'samples', 'real');
  return [join(root, 'samples'), shared].filter((d) => existsSync(d));
}

function truthFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...truthFiles(path));
    else if (name.endsWith('.truth.json')) out.push(path);
  }
  return out;
}

export function findSamples(folders = sampleFolders()): Sample[] {
  return folders.flatMap(truthFiles).flatMap((truthPath) => {
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Truth;
    const input = join(dirname(truthPath), truth.file);
    return existsSync(input) ? [{ input, truthPath, truth }] : [];
  });
}

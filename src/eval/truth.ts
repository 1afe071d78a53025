/** Truth files: what a sample's source prints, cell by cell, and the problems a correct reader reports. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Truth {
  file: string;
  /** How the sample was made (devset: html, pdf-chromium, scan, scan-seal, …). */
  kind?: string;
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

/**
 * What `npm run eval` measures: our samples, the shared real reports, the
 * independently generated development set, the bilevel (fax-like) scans and
 * the text exports; the reports from before 2019 and their other formats
 * (a truth of formatVersion pre2019 with figures is scored by eval/pre2019.ts).
 */
export function evalFolders(): string[] {
  const shared = join(repoRoot(), '..', 'shared', 'samples');
  return [...new Set([...sampleFolders(), ...['real', 'devset', 'bilevel', 'text', 'pre2019', 'pre2019-formats'].map((d) => join(shared, d))])].filter((d) => existsSync(d));
}

/** The development set (../shared/samples/devset), where it is beside the checkout. */
export function devsetFolder(): string | undefined {
  const folder = process.env['GOVREPORT_DEVSET'] ?? join(repoRoot(), '..', 'shared', 'samples', 'devset');
  return existsSync(folder) ? folder : undefined;
}

/** A scanned sample: read by OCR. */
export const isScanSample = (sample: Sample) => sample.input.includes('/scan/') || (sample.truth.kind ?? '').startsWith('scan');

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
    // A pre-2019 truth lists figures and table rows instead (src/eval/pre2019.ts): it loads with no cells.
    const truth = { expectProblems: [], expectOtherProblems: [], cells: {}, ...JSON.parse(readFileSync(truthPath, 'utf8')) } as Truth;
    const input = join(dirname(truthPath), truth.file);
    return existsSync(input) ? [{ input, truthPath, truth }] : [];
  });
}

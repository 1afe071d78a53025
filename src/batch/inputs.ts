/**
 * The inputs of a batch: files given directly and the report files found in
 * folders (recursively), each with the path its JSON gets under the output
 * folder (model.md: relative to the folder given, or the file name).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { inputExtensions } from '../../extractors/index.js';

export interface Input {
  /** Path to read. */
  path: string;
  /** Path of the JSON relative to the output folder. */
  output: string;
}

export interface CollectedInputs {
  inputs: Input[];
  /** Arguments that are neither a file nor a folder. */
  missing: string[];
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile() && inputExtensions.includes(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

export async function collectInputs(args: string[]): Promise<CollectedInputs> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const path of await walk(arg)) inputs.push({ path, output: `${relative(arg, path)}.json` });
    } else if (info?.isFile()) {
      inputs.push({ path: arg, output: `${basename(arg)}.json` });
    } else {
      missing.push(arg);
    }
  }
  return { inputs: disambiguate(inputs), missing };
}

/** Two inputs that would write the same JSON (same relative path under two folders) keep their folder's path instead. */
function disambiguate(inputs: Input[]): Input[] {
  const count = new Map<string, number>();
  for (const i of inputs) count.set(i.output, (count.get(i.output) ?? 0) + 1);
  const seen = new Set<string>();
  return inputs
    .map((i) => (count.get(i.output)! > 1 ? { ...i, output: `${i.path.replace(/^(\.\.?[/\\])+/, '').split(sep).join('/')}.json` } : i))
    .filter((i) => (seen.has(i.path) ? false : (seen.add(i.path), true)));
}

/**
 * Running the compiled CLI from tests. vitest runs the sources but the CLI
 * runs dist/, so a test of the bin first checks that dist/ is current (npm
 * test builds it; a single test file run by hand may find it stale).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { repoRoot } from '../../src/eval/truth.js';

const run = promisify(execFile);
const root = repoRoot();
export const bin = join(root, 'dist', 'src', 'cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function govreport(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Sources newer than their compiled file. */
function staleCompiledFiles(): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const compiled = join(root, 'dist', relative(root, path).replace(/\.ts$/, '.js'));
        if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path).mtimeMs) stale.push(relative(root, path));
      }
    }
  };
  for (const folder of ['src', 'mappings', 'extractors']) walk(join(root, folder));
  return stale;
}

/** Fails the test at once when the bin would run other code than the sources. */
export function expectBuilt(): void {
  expect(staleCompiledFiles(), 'dist/ is older than these sources: run `npm run build` (npm test does)').toEqual([]);
}

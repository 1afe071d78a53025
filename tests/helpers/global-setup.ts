/**
 * Once per test run, before the first test file (vitest.config.ts
 * globalSetup): the folder where converted.ts keeps the samples this run
 * converted, removed when the run ends. Each project (tier) calls this; they
 * share one folder, named after the process that runs them all.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const folder = join(tmpdir(), `govreport-test-run-${process.pid}`, 'conversions');
  mkdirSync(folder, { recursive: true });
  project.provide('conversions', folder);
  return () => rmSync(join(folder, '..'), { recursive: true, force: true });
}

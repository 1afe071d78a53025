/**
 * Samples converted once per test run, for every test file that reads them.
 *
 * Use `convertedFile(path)` instead of `convertFile(path)` (src/pipeline.ts)
 * when a test reads a sample file as it is and does not care which process
 * converted it: the golden tests, the provenance tests and the reader tests
 * all read lo-clean-2021.pdf, and it is converted once. Each call returns a
 * fresh copy, so a test may change what it gets.
 *
 * The first conversion of a file in a run writes its report (as the JSON the
 * CLI writes) to the run's folder, which tests/helpers/global-setup.ts makes
 * before the first test file and removes after the last; the other test
 * files, in the same or another worker process, read it from there. The key
 * is the file's content (sha-256) and the name it is converted under (the
 * report's source.file): a file changed during the run is converted again,
 * and no report outlives its run, so none is ever read by newer code. Two
 * workers that ask for the same file at the same moment may both convert it
 * (the second write replaces the first, atomically, with the same report).
 *
 * Not for a test of the conversion itself in a given setting (OCR off, an
 * injected engine, a budget, the CLI): those call the pipeline.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { convertFile } from '../../src/pipeline.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of this run's converted samples (global-setup.ts). */
    conversions: string;
  }
}

/** This run's folder; a test file run without the config's global setup keeps its own. */
function runFolder(): string {
  let folder: string | undefined;
  try {
    folder = inject('conversions');
  } catch {
    folder = undefined;
  }
  if (!folder) folder = join(tmpdir(), `govreport-conversions-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  return folder;
}

const inProcess = new Map<string, Promise<string>>();

/** The report of a sample file, converted at most once in this run (see above). */
export async function convertedFile(path: string): Promise<Report> {
  const key = createHash('sha256').update(readFileSync(path)).update('\0').update(path).digest('hex');
  let json = inProcess.get(key);
  if (!json) {
    json = (async () => {
      const stored = join(runFolder(), `${key}.json`);
      try {
        return readFileSync(stored, 'utf8');
      } catch {
        const text = JSON.stringify(await convertFile(path));
        const partial = `${stored}.${process.pid}.partial`;
        writeFileSync(partial, text);
        renameSync(partial, stored);
        return text;
      }
    })();
    inProcess.set(key, json);
  }
  return JSON.parse(await json) as Report;
}

/**
 * An OCR engine that fails for a reason that is not the file's (tesseract
 * killed by a signal, as a Ctrl-C or a service stop does to a process group;
 * tesseract unable to run) makes no report: the pages of the file are never
 * called unreadable ("damaged or truncated PDF"), and a batch writes no JSON
 * for it and leaves it for the next run. Tesseract is replaced here by a
 * script that answers --list-langs as the real one does and dies of a signal
 * (or fails) on any reading, so nothing depends on timing.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerFileName } from '../src/batch/ledger.js';
import { ocrAccess } from '../extractors/ocr/access.js';
import { EngineFailure } from '../extractors/ocr/engine.js';
import { TesseractEngine } from '../extractors/ocr/tesseract.js';
import { readPdf } from '../extractors/pdf/index.js';
import { repoRoot } from '../src/eval/truth.js';
import { bin, expectBuilt } from './helpers/cli.js';
import { ocrMissing } from './helpers/ocr.js';

const scan = join(repoRoot(), 'samples', 'scan', 'scan-150-noisy.pdf');
const dir = mkdtempSync(join(tmpdir(), 'govreport-engine-failure-'));

/** A tesseract that is installed (it answers --list-langs through the real one) but does `reading` when asked to read. */
function fakeTesseract(name: string, reading: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nif [ "$1" = "--list-langs" ]; then exec tesseract "$@"; fi\n${reading}\n`);
  chmodSync(path, 0o755);
  return path;
}

const killed = fakeTesseract('killed-tesseract', 'kill -KILL $$');
const failing = fakeTesseract('failing-tesseract', 'echo "Error: cannot allocate 9 GB" >&2; exit 3');

describe.skipIf(ocrMissing !== null)('an OCR engine that fails is not a damaged file', () => {
  beforeAll(() => expectBuilt());

  it('the PDF reader throws EngineFailure saying why, instead of reporting the pages unreadable', async () => {
    const bytes = new Uint8Array(readFileSync(scan));
    for (const [binary, reason] of [
      [killed, 'tesseract was killed by SIGKILL'],
      [failing, 'tesseract ended with exit code 3: Error: cannot allocate 9 GB'],
    ] as const) {
      const outcome = await readPdf(bytes, ocrAccess(() => new TesseractEngine(binary))).then(
        (layout) => layout.problems.map((p) => `${p.code}: ${p.message}`),
        (error: unknown) => error,
      );
      expect(outcome, binary).toBeInstanceOf(EngineFailure);
      expect((outcome as Error).message).toBe(reason);
    }
  });

  it('an engine that failed to say whether it can run is asked again, not taken as missing for good', async () => {
    let calls = 0;
    const access = ocrAccess(() => ({
      name: 'flaky',
      unavailable: async () => {
        calls++;
        if (calls === 1) throw new EngineFailure('tesseract was killed by SIGTERM');
        return null;
      },
      recognize: async () => [],
      readPages: async () => [],
      close: async () => {},
    }));
    await expect(access.unavailable()).rejects.toBeInstanceOf(EngineFailure);
    expect(await access.unavailable()).toBeNull();
    expect(await access.engine()).toBeDefined();
  });

  it('govreport convert writes no JSON for the file, leaves it not done in the ledger, says why, and exits 1', async () => {
    const out = join(dir, 'out');
    const result = await promisify(execFile)(process.execPath, [bin, 'convert', scan, '-o', out], { env: { ...process.env, GOVREPORT_TESSERACT: killed } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    expect(result.stderr).toContain(`govreport: not converted, no JSON written (the next run converts it): ${scan}: the OCR engine failed, not the file: tesseract was killed by SIGKILL\n`);
    expect(result.code).toBe(1);
    expect(existsSync(join(out, 'scan-150-noisy.pdf.json'))).toBe(false);
    const db = new Database(join(out, ledgerFileName), { readonly: true });
    try {
      // Not "done": the next run converts it (isDone takes only done and duplicate rows).
      expect(db.prepare('SELECT status FROM inputs').all()).toEqual([{ status: 'running' }]);
    } finally {
      db.close();
    }
    expect(result.stdout).toContain('0 done now, 1 not finished');
  });
});

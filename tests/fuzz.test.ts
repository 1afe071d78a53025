/**
 * The fuzz corpus (scripts/fuzz-corpus.ts: a few hundred deterministic
 * mutants of the samples) converted as one batch, OCR off: every input gets a
 * valid JSON, a crash is charged to the file that caused it and to no other,
 * and no file is given up for time or memory.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../extractors/index.js';
import { reportSchema } from '../src/model/report.js';
import { fuzzCorpus } from '../scripts/fuzz-corpus.js';
import { expectBuilt, govreport } from './helpers/cli.js';

describe('the fuzz corpus', () => {
  it('gets a valid JSON for every mutant, with crashes charged only to their own file', async () => {
    expectBuilt();
    const corpus = await fuzzCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(250);
    const dir = mkdtempSync(join(tmpdir(), 'govreport-fuzz-'));
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    for (const m of corpus) writeFileSync(join(inputs, m.name), m.bytes);
    const out = join(dir, 'out');
    process.env['GOVREPORT_OCR'] = 'off';
    let result;
    try {
      result = await govreport('convert', inputs, '-o', out, '--concurrency', '2');
    } finally {
      delete process.env['GOVREPORT_OCR'];
    }
    expect(result.code, result.stderr).toBe(0);
    const abandoned: string[] = [];
    for (const m of corpus) {
      const json = JSON.parse(readFileSync(join(out, `${m.name}.json`), 'utf8')) as unknown;
      const parsed = reportSchema.safeParse(json);
      expect(parsed.success, `${m.name}: ${parsed.error?.message}`).toBe(true);
      const given = parsed.data!.problems.find((p) => p.code === 'FILE_UNREADABLE' && p.message.startsWith('Conversion abandoned'));
      if (!given) continue;
      abandoned.push(m.name);
      // Not for time or memory: only a reader's process that died, on bytes of its own format that kill the native image decoder.
      expect(given.message, m.name).toMatch(/the reader's process ended/);
      expect(sniffFormat(m.bytes, m.name), m.name).toBe('image');
    }
    // Crashes are rare and each one is its own file's: the files converted after it in the same slot are fine.
    expect(abandoned.length).toBeLessThanOrEqual(5);
  }, 600_000);
});

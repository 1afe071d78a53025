/**
 * The CLI end to end, on the compiled bin (npm test builds it first): one
 * JSON per input, bad files never stop the batch, exit codes as documented.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/model/report.js';
import { repoRoot } from '../src/eval/truth.js';
import { ledgerFileName } from '../src/batch/ledger.js';
import { expectBuilt, govreport } from './helpers/cli.js';
import { schemaErrors } from './helpers/schema.js';

const realPage = join(repoRoot(), '..', 'shared', 'samples', 'real', 'pingtan-2024.html');

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;
const codes = (r: Report) => r.problems.map((p) => p.code);

let inputs: string;
beforeAll(() => {
  expectBuilt();
  inputs = mkdtempSync(join(tmpdir(), 'govreport-cli-'));
  const page = readFileSync(realPage);
  writeFileSync(join(inputs, 'empty.html'), '');
  writeFileSync(join(inputs, 'binary.html'), Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(join(inputs, 'truncated.html'), page.subarray(0, Math.floor(page.length * 0.6)));
  writeFileSync(join(inputs, 'not-a-pdf.pdf'), 'this is plain text, not a PDF');
  mkdirSync(join(inputs, 'sub'));
  copyFileSync(realPage, join(inputs, 'sub', 'good.htm'));
  // 50 MB: a Word-pasted page with a huge inline image, the usual way such pages get big.
  const image = `<img src="data:image/png;base64,${'QUJD'.repeat(13 * 1024 * 1024)}">`;
  writeFileSync(join(inputs, 'big.html'), page.toString('utf8').replace('</body>', `${image}</body>`));
});

describe('govreport convert', () => {
  it('writes one JSON per input and keeps going past bad files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-out-'));
    const result = await govreport('convert', inputs, '-o', out, '--concurrency', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^6 files in [\d.]+ s \([\d.]+ files\/s\): 6 converted, 0 already done, 0 duplicates, 3 unreadable; problems: \d+ errors, \d+ warnings, \d+ info; JSON in /);

    // Each unreadable file is named, with what its JSON says.
    expect(result.stdout).toContain('3 files could not be read (FILE_UNREADABLE; ledger outcome unreadable):\n');
    expect(result.stdout).toContain(`\n  ${join(inputs, 'empty.html')}: The file is empty\n`);

    const reports = Object.fromEntries(
      ['empty.html', 'binary.html', 'truncated.html', 'not-a-pdf.pdf', 'sub/good.htm', 'big.html'].map((f) => [f, readReport(join(out, `${f}.json`))]),
    );
    for (const report of Object.values(reports)) expect(schemaErrors(report)).toEqual([]);
    for (const bad of ['empty.html', 'binary.html', 'not-a-pdf.pdf']) {
      expect(codes(reports[bad]!)).toContain('FILE_UNREADABLE');
      expect(reports[bad]!.cells).toEqual({});
    }
    const numbers = (r: Report) => Object.values(r.cells).filter((c) => c.state === 'number').length;
    expect(numbers(reports['sub/good.htm']!)).toBe(200);
    expect(numbers(reports['big.html']!)).toBe(200);
    // A page cut off in Table 3: what was read stays, what was lost is named.
    const truncated = reports['truncated.html']!;
    expect(codes(truncated)).not.toContain('FILE_UNREADABLE');
    expect(numbers(truncated)).toBeGreaterThan(0);
    expect(codes(truncated).some((c) => c === 'TABLE_MISSING' || c === 'CELL_MISSING')).toBe(true);
  });

  it('abandons a file that exceeds the timeout, with a problem, and converts the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-out-'));
    // The limit is CPU time, as far from both files as it can be: the 50 MB page needs some 9 s of it, the
    // real page 0.3 s (measured at a load average of 25 on 2 cores), so neither the load nor the wait for a core decides.
    const result = await govreport('convert', join(inputs, 'big.html'), join(inputs, 'sub', 'good.htm'), '-o', out, '--timeout', '2');
    expect(result.code).toBe(0);
    const big = readReport(join(out, 'big.html.json'));
    expect(big.problems[0]).toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining('within 2 s of CPU time') });
    expect(Object.keys(readReport(join(out, 'good.htm.json')).cells)).toHaveLength(200);
  });

  it('abandons a file that exceeds the memory cap, with a problem, and converts the rest with a fresh worker', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-out-'));
    const result = await govreport('convert', join(inputs, 'big.html'), join(inputs, 'sub', 'good.htm'), '-o', out, '--max-memory', '200', '--concurrency', '1');
    expect(result.code).toBe(0);
    const big = readReport(join(out, 'big.html.json'));
    expect(big.problems).toEqual([
      expect.objectContaining({ code: 'FILE_UNREADABLE', message: 'Conversion abandoned: the file needed more than the 200 MB of memory a reader may use' }),
    ]);
    expect(big.cells).toEqual({});
    expect(Object.values(readReport(join(out, 'good.htm.json')).cells).filter((c) => c.state === 'number')).toHaveLength(200);
  });

  it('exits 1 for a path that does not exist, before converting anything or making the output folder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'govreport-out-')), 'out');
    const result = await govreport('convert', join(inputs, 'nope'), join(inputs, 'sub'), '-o', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`govreport: ${join(inputs, 'nope')}: no such file or folder. Nothing was converted.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 3 for a folder with no report file (empty, or unmounted), says so, and makes no output folder', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'govreport-empty-'));
    const out = join(mkdtempSync(join(tmpdir(), 'govreport-out-')), 'out');
    const result = await govreport('convert', empty, '-o', out);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`govreport: nothing to convert: no report file in ${empty} (empty).\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('says that an Excel workbook given directly is no report, instead of trying to read it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'govreport-xlsx-'));
    // A real workbook is a zip without word/document.xml: the content alone would only say 「a zip」.
    writeFileSync(join(folder, 'figures.xlsx'), Buffer.from('504b0304', 'hex'));
    const out = join(folder, 'out');
    const alone = await govreport('convert', join(folder, 'figures.xlsx'), '-o', out);
    expect(alone.code).toBe(3);
    expect(alone.stdout).toBe(`1 file skipped, not converted:\n  not a report format (.xlsx: an Excel workbook): 1\n    ${join(folder, 'figures.xlsx')}\n`);
    expect(alone.stderr).toContain('nothing to convert');
    expect(existsSync(out)).toBe(false);

    const both = await govreport('convert', join(folder, 'figures.xlsx'), join(inputs, 'sub', 'good.htm'), '-o', out);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain(`  not a report format (.xlsx: an Excel workbook): 1\n    ${join(folder, 'figures.xlsx')}\n`);
    expect(existsSync(join(out, 'figures.xlsx.json'))).toBe(false);
    expect(existsSync(join(out, 'good.htm.json'))).toBe(true);
  });

  it('exits 2 on wrong usage, with a hint and no stack trace', async () => {
    for (const args of [[], ['convert'], ['convert', inputs, '--concurrency', '0'], ['frobnicate'], ['convert', inputs, '--bogus']]) {
      const result = await govreport(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
    }
  });

  it('tells the truth in --help', async () => {
    const result = await govreport('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('govreport convert <file-or-folder>...');
    expect(result.stdout).toContain('--concurrency');
    for (const command of ['convert', 'export', 'enqueue', 'worker', 'status']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it("documents every option of convert in its --help, and accepts every option the help names", async () => {
    const help = await govreport('convert', '--help');
    expect(help.code).toBe(0);
    const named = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['--out', '--concurrency', '--force', '--timeout', '--max-memory', '--recycle-after']));
    expect(help.stdout).toContain(ledgerFileName);
    for (const option of named.filter((o) => o !== '--help')) {
      const result = await govreport('convert', option, ...(option === '--force' ? [] : ['1']));
      expect(result.stderr, option).not.toMatch(/Unknown option/);
    }
  });
});

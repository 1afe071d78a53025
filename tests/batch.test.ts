/**
 * Batches on one machine, end to end on the compiled CLI: the run ledger makes
 * a batch resumable after SIGKILL with nothing lost and nothing converted
 * twice; identical files are converted once; the same report in two versions
 * is reported; --force, changed inputs and lost JSON are redone.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerFileName, type LedgerRow } from '../src/batch/ledger.js';
import { scratchFolderName } from '../src/batch/output.js';
import { repoRoot } from '../src/eval/truth.js';
import type { Report } from '../src/model/report.js';
import { bin, expectBuilt, govreport } from './helpers/cli.js';
import { untilOrExit } from './helpers/wait.js';

const samples = join(repoRoot(), 'samples');

function copySamples(into: string, folders: string[], extensions: string[]): string[] {
  const copied: string[] = [];
  for (const folder of folders) {
    mkdirSync(join(into, folder), { recursive: true });
    for (const name of readdirSync(join(samples, folder))) {
      if (!extensions.includes(extname(name))) continue;
      copyFileSync(join(samples, folder, name), join(into, folder, name));
      copied.push(join(folder, name));
    }
  }
  return copied;
}

function ledgerRows(outdir: string): LedgerRow[] {
  const db = new Database(join(outdir, ledgerFileName), { readonly: true });
  try {
    return db.prepare<[], LedgerRow>('SELECT * FROM inputs ORDER BY path').all();
  } finally {
    db.close();
  }
}

/** Every .json under a folder (outside the scratch folder), relative. */
function jsonFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json') && !f.startsWith(scratchFolderName))
    .sort();
}

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;
const summary = (stdout: string) => stdout.split('\n')[0];

describe('govreport convert: a resumable batch', () => {
  let inputs: string;
  let names: string[];
  beforeAll(() => {
    expectBuilt();
    inputs = mkdtempSync(join(tmpdir(), 'govreport-batch-in-'));
    names = copySamples(inputs, ['html', 'pdf', 'docx'], ['.html', '.pdf', '.docx']);
    expect(names.length).toBeGreaterThan(25);
  });

  it('killed with SIGKILL mid-run and started again, loses nothing and converts nothing twice', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-batch-out-'));
    const child = spawn(process.execPath, [bin, 'convert', inputs, '-o', out, '--concurrency', '2'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it once a few files are done, while others are under way.
    await untilOrExit(child, 'six files were done', () => jsonFiles(out).length >= 6);
    child.kill('SIGKILL');
    await exited;

    const atKill = ledgerRows(out);
    const doneAtKill = atKill.filter((r) => r.status === 'done' || r.status === 'duplicate');
    // A JSON is renamed into place before its row says done: at most one per worker (2) is ahead of the ledger.
    expect(doneAtKill.length).toBeGreaterThanOrEqual(jsonFiles(out).length - 2);
    expect(doneAtKill.length).toBeGreaterThanOrEqual(4);
    expect(doneAtKill.length).toBeLessThan(names.length); // killed mid-run, not after
    // Every JSON on disk is whole, and every row that says done has its JSON.
    for (const f of jsonFiles(out)) expect(readReport(join(out, f)).schema).toBe('govreport/1');
    for (const r of doneAtKill) expect(existsSync(join(out, r.output))).toBe(true);

    const second = await govreport('convert', inputs, '-o', out, '--concurrency', '2');
    expect(second.code).toBe(0);
    expect(summary(second.stdout)).toContain(`${names.length} files in`);
    expect(summary(second.stdout)).toContain(`${names.length - doneAtKill.length} converted, ${doneAtKill.length} already done`);
    expect(second.stdout).toContain(`Ledger: ${join(out, ledgerFileName)}`);
    // The resumed run speaks for the whole folder, not only for what it converted.
    expect(second.stdout).toContain(
      `Folder ${out}: ${names.length} inputs: ${doneAtKill.length} done before this run, ${names.length - doneAtKill.length} done now, `,
    );

    const rows = ledgerRows(out);
    expect(rows.map((r) => r.output).sort()).toEqual(names.map((n) => `${n}.json`).sort());
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    // Converted once each: rows done before the kill kept their run, and no conversion was recorded twice.
    expect(rows.every((r) => r.conversions === 1)).toBe(true);
    const runOf = new Map(doneAtKill.map((r) => [r.path, r.run]));
    for (const r of rows) if (runOf.has(r.path)) expect(r.run).toBe(runOf.get(r.path));
    expect(jsonFiles(out)).toEqual(names.map((n) => `${n}.json`).sort());
    for (const n of names) expect(readReport(join(out, `${n}.json`)).source.file).toBe(join(inputs, n));
    expect(readdirSync(join(out, scratchFolderName))).toEqual([]); // the killed run's temporary files are gone

    // A third run has nothing to do.
    const third = await govreport('convert', inputs, '-o', out);
    expect(summary(third.stdout)).toContain(`0 converted, ${names.length} already done`);
    const unreadable = rows.filter((r) => r.unreadable === 1).length;
    expect(rows.filter((r) => r.outcome === 'unreadable')).toHaveLength(unreadable);
    expect(third.stdout).toMatch(
      new RegExp(`Folder ${out}: ${names.length} inputs: ${names.length} done before this run, 0 done now, 0 not finished; by outcome: report ${names.length - unreadable}, not a report 0, unreadable ${unreadable}, given up 0;.*problems in all: [1-9]\\d* errors`),
    );
  });

  it('stops on Ctrl-C without reporting the files under way as unreadable, and resumes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-batch-out-'));
    // Its own process group, as a terminal makes one: Ctrl-C reaches the batch and its workers alike.
    // Here the batch usually exits before a dying worker is noticed, so the "no abandoned file" check
    // rarely sees the race; the queue test, whose worker outlives the signal, catches it every time.
    const child = spawn(process.execPath, [bin, 'convert', inputs, '-o', out, '--concurrency', '2'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await untilOrExit(child, 'four files were done', () => jsonFiles(out).length >= 4);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Run the same command again to resume');
    // How far it got, as the ledger has it: the inputs done, and those left for the next run.
    const said = /stopped: (\d+) of (\d+) inputs done, (\d+) left/.exec(stderr);
    expect(said, stderr).not.toBeNull();
    const [done, total, left] = said!.slice(1).map(Number);
    expect(total).toBe(names.length);
    expect(done! + left!).toBe(names.length);
    expect(done).toBe(ledgerRows(out).filter((r) => r.status === 'done' || r.status === 'duplicate').length);
    const abandoned = jsonFiles(out).filter((f) => readReport(join(out, f)).problems.some((p) => p.message.startsWith('Conversion abandoned')));
    expect(abandoned).toEqual([]);
    expect(ledgerRows(out).filter((r) => r.status === 'done' && r.unreadable === 1)).toEqual([]);

    const resumed = await govreport('convert', inputs, '-o', out, '--concurrency', '2');
    expect(resumed.code).toBe(0);
    expect(ledgerRows(out).filter((r) => r.status === 'done')).toHaveLength(names.length);
  });

  it('redoes what changed, what lost its JSON or has a broken one, and everything with --force', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'govreport-batch-redo-'));
    const files = copySamples(folder, ['html'], ['.html']);
    const out = mkdtempSync(join(tmpdir(), 'govreport-batch-out-'));
    expect((await govreport('convert', folder, '-o', out)).code).toBe(0);

    const changed = join(folder, files[0]!);
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n<!-- edited -->\n`);
    const future = new Date(Date.now() + 5000);
    utimesSync(changed, future, future);
    const lost = join(out, `${files[1]}.json`);
    const lostBefore = statSync(lost).size;
    rmSync(lost);
    // A JSON cut short (a disk that filled, an editor) and one that is JSON but no report: neither is done.
    const cut = join(out, `${files[2]}.json`);
    const cutText = readFileSync(cut, 'utf8');
    writeFileSync(cut, cutText.slice(0, cutText.length >> 1));
    const notReport = join(out, `${files[3]}.json`);
    writeFileSync(notReport, JSON.stringify({ schema: 'govreport/1' }));

    const again = await govreport('convert', folder, '-o', out);
    expect(summary(again.stdout)).toContain(`4 converted, ${files.length - 4} already done`);
    expect(statSync(lost).size).toBe(lostBefore);
    expect(readFileSync(cut, 'utf8')).toBe(cutText);
    expect(readReport(notReport).source.file).toBe(join(folder, files[3]!));
    expect(readReport(join(out, `${files[0]}.json`)).source.sha256).toBe(ledgerRows(out).find((r) => r.file === changed)!.sha256);

    const forced = await govreport('convert', folder, '-o', out, '--force');
    expect(summary(forced.stdout)).toContain(`${files.length} converted, 0 already done`);
    const rows = ledgerRows(out);
    // The four redone files were converted three times (first run, redo, --force); the others twice.
    const redone = (r: LedgerRow) => r.file === changed || [1, 2, 3].some((i) => r.output === `${files[i]}.json`);
    expect(rows.filter(redone).map((r) => r.conversions)).toEqual([3, 3, 3, 3]);
    expect(rows.filter((r) => !redone(r)).every((r) => r.conversions === 2)).toBe(true);
  });

  it('converts identical files once and reports two versions of one report', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'govreport-batch-dup-'));
    const page = readFileSync(join(samples, 'html', 'clean-2021-utf8.html'), 'utf8');
    mkdirSync(join(folder, 'mirror'));
    writeFileSync(join(folder, 'a.html'), page);
    writeFileSync(join(folder, 'mirror', 'a-copy.html'), page);
    // The same report republished with one figure corrected: same agency and year, other bytes.
    const corrected = page.replace(/(>)(\d+)(<\/p><\/td>)/, (_, a: string, n: string, b: string) => `${a}${Number(n) + 1}${b}`);
    expect(corrected).not.toBe(page);
    writeFileSync(join(folder, 'a-corrected.html'), corrected);
    const out = mkdtempSync(join(tmpdir(), 'govreport-batch-out-'));

    const result = await govreport('convert', folder, '-o', out, '--concurrency', '2');
    expect(result.code).toBe(0);
    expect(summary(result.stdout)).toContain('3 files in');
    expect(summary(result.stdout)).toContain('2 converted, 0 already done, 1 duplicates');

    const original = readReport(join(out, 'a.html.json'));
    const copy = readReport(join(out, 'mirror', 'a-copy.html.json'));
    expect(copy.source.duplicateOf).toBe(join(folder, 'a.html'));
    expect(copy.source.file).toBe(join(folder, 'mirror', 'a-copy.html'));
    expect({ ...copy, source: { ...copy.source, file: original.source.file, duplicateOf: undefined } }).toEqual({ ...original, source: { ...original.source, duplicateOf: undefined } });
    const rows = ledgerRows(out);
    expect(rows.find((r) => r.file.endsWith('a-copy.html'))).toMatchObject({ status: 'duplicate', conversions: 0, duplicate_of: join(folder, 'a.html') });

    const { agency, year } = original.report;
    expect(agency).not.toBeNull();
    expect(result.stdout).toContain('1 reports exist in more than one version (same agency and year, different bytes): the values agree in 0, differ in 1:');
    expect(result.stdout).toContain(`${agency} ${year}: ${join(folder, 'a-corrected.html')}, ${join(folder, 'a.html')}`);
    // Which cell differs, with both values (the corrected file is listed first).
    const fixed = readReport(join(out, 'a-corrected.html.json'));
    const changed = Object.keys(original.cells).filter((k) => original.cells[k]!.value !== fixed.cells[k]!.value);
    expect(changed).toHaveLength(1);
    const key = changed[0]!;
    // Named first → later, and the values in that order: the corrected file's, then the original's.
    expect(result.stdout).toContain(
      `\n    ${join(folder, 'a-corrected.html')} → ${join(folder, 'a.html')}: 1 of 200 cells differ: ${key} ${fixed.cells[key]!.value} → ${original.cells[key]!.value}\n`,
    );
    // A log (no terminal) hears from the run at once, with an ETA.
    expect(result.stderr.split('\n')[0]).toMatch(/^\S+Z 0\/3 files \(0 %\)  ETA ~\d+s /);
  });

  it('refuses a second run into the same output folder while the first is running', async () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-batch-out-'));
    const first = spawn(process.execPath, [bin, 'convert', inputs, '-o', out, '--concurrency', '1'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => first.on('exit', resolve));
    try {
      await untilOrExit(first, 'it had a ledger and a JSON', () => existsSync(join(out, ledgerFileName)) && jsonFiles(out).length > 0);
      // Frozen while the second starts, so that it is still running however slowly the second one loads.
      first.kill('SIGSTOP');
      const second = await govreport('convert', inputs, '-o', out);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`^govreport: ${out}: another govreport \\(pid ${first.pid}\\) is converting into this output folder\\n$`));
    } finally {
      first.kill('SIGKILL');
      await exited;
    }
  });
});


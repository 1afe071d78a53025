/**
 * Output folders travel (shared between teams, copied off servers, edited by
 * hand), and `compare`, `export` and the library read them. Hostile shapes
 * of them, built here in temporary folders: link loops and self-links, links
 * out of the folder and to other files, JSON files that are no JSON, reports
 * naming any file as their source. A fuzz test builds random trees of such
 * shapes from fixed seeds; the invariants: every command finishes, every
 * real report is counted once, every link not read is named, and no byte of
 * a file outside the reports (a planted secret, /etc/passwd, the
 * environment) reaches an output or a message.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonFailure } from '../src/batch/json-text.js';
import { buildCompareData } from '../src/compare/data.js';
import { writeComparePage } from '../src/compare/page/index.js';
import { readSource } from '../src/compare/source-path.js';
import { repoRoot } from '../src/eval/truth.js';
import { parseReport } from '../src/export/read-report.js';
import type { Report } from '../src/model/report.js';
import { convertedFile } from './helpers/converted.js';
import { random } from '../scripts/fuzz-corpus.js';
import { bin, expectBuilt } from './helpers/cli.js';

const run = promisify(execFile);
const root = repoRoot();
const secret = `PLANTED-SECRET-${process.pid}-7f3a`;
const passwdStart = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

let base: Report;
let work: string;
/** A folder outside every output folder: what a link out of one reaches. */
let elsewhere: string;

beforeAll(async () => {
  base = await convertedFile(join(root, 'samples', 'html', 'clean-2021-utf8.html'));
  work = mkdtempSync(join(tmpdir(), 'govreport-hostile-out-'));
  elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'secret.txt'), `${secret}\nsecond line ${secret}\n`);
  // A report outside the folder: read through a link, it would enter the comparison and the export.
  writeFileSync(join(elsewhere, 'report.json'), JSON.stringify(reportOf(`${secret}县人民政府`, 2020, 'e')));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The sample report as another agency's, with its own sha256 (so no two are copies). */
function reportOf(agency: string, year: number, tag: string): Report {
  const r = structuredClone(base);
  r.report = { ...r.report, agency, year };
  r.source = { ...r.source, file: `${tag}.html`, sha256: createHash('sha256').update(tag).digest('hex') };
  return r;
}

/** Every file below `dir` (links not followed), as text. */
function allText(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(readFileSync(p).toString('latin1'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out.join('\n');
}

interface HostileTree {
  dir: string;
  /** The report JSONs that lie in the folder as files, relative, `/`-separated. */
  reports: string[];
  /** Links that must not be read, relative. */
  links: string[];
  /** Files named .json that are no report (their reasons must not quote them). */
  notReports: string[];
}

/**
 * A random output folder: nested folders holding reports, and links of every
 * hostile kind between and out of them.
 */
/** Which of the hostile shapes (makers below) the seeds built: every one, checked after the seeds ran. */
const shapesBuilt = new Set<number>();
const shapeCount = 11;

function hostileTree(seed: number): HostileTree {
  const next = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const dir = join(work, `tree-${seed}`);
  const folders = [''];
  for (let i = 0; i < 2 + Math.floor(next() * 4); i++) folders.push(join(pick(folders), `d${i}`));
  for (const f of folders) mkdirSync(join(dir, f), { recursive: true });
  const reports: string[] = [];
  let n = 0;
  for (const f of folders) {
    for (let k = 0; k < 1 + Math.floor(next() * 2); k++) {
      const rel = join(f, `r${n}.json`);
      writeFileSync(join(dir, rel), JSON.stringify(reportOf('青山县人民政府', 2000 + n, `s${seed}-${n}`)));
      reports.push(rel);
      n++;
    }
  }
  const notReports: string[] = [];
  const links: string[] = [];
  const makers: Array<(at: string, name: string) => void> = [
    (at, name) => symlinkSync('.', join(dir, at, name)), // the folder itself
    (at, name) => symlinkSync('..', join(dir, at, name)), // its parent (the root's: out of the folder)
    (at, name) => symlinkSync(dir, join(dir, at, name)), // the root, by absolute path
    (at, name) => symlinkSync(join(dir, pick(folders)), join(dir, at, name)), // any folder of the tree
    (at, name) => symlinkSync(elsewhere, join(dir, at, name)), // a folder outside
    (at, name) => symlinkSync(join(elsewhere, 'secret.txt'), join(dir, at, `${name}.json`)), // a secret named .json
    (at, name) => symlinkSync(join(elsewhere, 'report.json'), join(dir, at, `${name}.json`)), // a report outside
    (at, name) => symlinkSync('/etc/passwd', join(dir, at, `${name}.json`)),
    (at, name) => symlinkSync(join(dir, pick(reports)), join(dir, at, `${name}.json`)), // a report of the tree, again
    (at, name) => symlinkSync(join(dir, at, `gone-${name}`), join(dir, at, `${name}.json`)), // broken
    (at, name) => {
      symlinkSync(`${name}-b.json`, join(dir, at, `${name}-a.json`)); // two links to each other
      symlinkSync(`${name}-a.json`, join(dir, at, `${name}-b.json`));
    },
  ];
  for (let i = 0; i < 3 + Math.floor(next() * 5); i++) {
    const at = pick(folders);
    const name = `link${i}`;
    const before = new Set(readdirSync(join(dir, at)));
    const shape = Math.floor(next() * makers.length);
    shapesBuilt.add(shape);
    makers[shape]!(at, name);
    for (const added of readdirSync(join(dir, at)).filter((e) => !before.has(e))) links.push(join(at, added));
  }
  // A .json that is no JSON, holding the secret: its reason must say where it breaks, not what it says.
  const bad = join(pick(folders), 'notes.json');
  writeFileSync(join(dir, bad), `${secret} is not JSON`);
  notReports.push(bad);
  return { dir, reports: reports.map((r) => r.split('\\').join('/')), links, notReports };
}

describe('hostile output folders (fuzz, fixed seeds)', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

  it.each(seeds)('seed %i: compare and export finish, count each report once, name every link, and leak nothing', async (seed) => {
    expectBuilt();
    const tree = hostileTree(seed);
    const data = await buildCompareData([tree.dir]);
    expect(data.reports.map((r) => r.id).sort()).toEqual([...tree.reports].sort());
    expect(data.problems.filter((p) => p.code.startsWith('VERSION_'))).toEqual([]);
    const skipped = new Map(data.skipped.map((s) => [relative(tree.dir, s.path), s.reason]));
    for (const link of tree.links) {
      // A broken link or a link loop by name is skipped with its reason; every other link too, and none is read.
      expect(skipped.get(link), `${link} in ${JSON.stringify([...skipped])}`).toMatch(/link|broken/);
    }
    for (const bad of tree.notReports) expect(skipped.get(bad)).toMatch(/^not valid JSON/);
    expect(JSON.stringify(data)).not.toContain(secret);
    expect(JSON.stringify(data)).not.toContain(passwdStart);

    const pageDir = join(work, `page-${seed}`);
    mkdirSync(pageDir);
    await writeComparePage(data, join(pageDir, 'report.html'));
    expect(allText(pageDir)).not.toContain(secret);

    // The export parses in worker threads, which run compiled: the dist/ build of it.
    const { exportDataset } = (await import(join(root, 'dist', 'src', 'export', 'dataset.js'))) as typeof import('../src/export/dataset.js');
    const messages: string[] = [];
    const target = join(work, `export-${seed}.sqlite`);
    const summary = await exportDataset({ outdir: tree.dir, target, format: 'sqlite', onSkip: (path, why) => messages.push(`${path}: ${why}`) });
    expect(summary.reports).toBe(tree.reports.length);
    const exported = readFileSync(target).toString('utf8');
    for (const text of [messages.join('\n'), exported]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(passwdStart);
    }
  });

  it('the seeds build every hostile shape', () => {
    expect(shapesBuilt.size).toBe(shapeCount);
  });

  it('the CLI commands finish on a folder linked into itself (ln -s . a; ln -s . b) and count its report once', async () => {
    expectBuilt();
    const dir = join(work, 'self-linked');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'r.json'), JSON.stringify(reportOf('青山县人民政府', 2021, 'self')));
    symlinkSync('.', join(dir, 'a'));
    symlinkSync('.', join(dir, 'b'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    // A hang is the failure this guards against: the limit is far above what the commands take.
    const options = { timeout: 120_000, maxBuffer: 1 << 26 };
    const compared = await run(process.execPath, [bin, 'compare', dir, '--json'], options);
    const data = JSON.parse(compared.stdout) as { reports: unknown[]; skipped: Array<{ path: string; reason: string }> };
    expect(data.reports).toHaveLength(1);
    expect(data.skipped.map((s) => [relative(dir, s.path), s.reason]).sort()).toEqual([
      ['a', 'link loop'],
      ['b', 'link loop'],
      ['sub/up', 'link loop'],
    ]);
    const exported = await run(process.execPath, [bin, 'export', dir, '--to', join(work, 'self-linked.sqlite')], options);
    expect(exported.stderr).toContain('link loop');
    expect(exported.stdout + exported.stderr).toMatch(/1 reports? \(1 input file/);
  }, 240_000);
});

describe('a report that names any file as its source', () => {
  it('shows a source only when its bytes match the sha256 the report carries: /proc/self/environ, /etc/passwd, ../../secret.txt and another PDF stay unread', async () => {
    expectBuilt();
    const dir = join(work, 'sources');
    const out = join(dir, 'out', 'a', 'b');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), `${secret}\n`);
    const ownText = 'OWN SOURCE LINE 一、总体情况\n';
    writeFileSync(join(out, 'own.txt'), ownText);
    const lineCells = (r: Report) => {
      for (const cell of Object.values(r.cells)) if (cell.source) cell.source = { line: 1, char: 1 };
      return r;
    };
    const named = (file: string, sha256: string | null, format: Report['source']['format'], tag: string) => {
      const r = lineCells(reportOf(`${tag}县人民政府`, 2021, tag));
      r.source = { ...r.source, file, sha256, format };
      return r;
    };
    const pdf = join(root, 'samples', 'pdf', 'lo-clean-2021.pdf');
    const reports: Record<string, Report> = {
      'environ.json': named('/proc/self/environ', null, 'txt', 'environ'),
      'passwd.json': named('/etc/passwd', null, 'txt', 'passwd'),
      'secret.json': named('../../secret.txt', null, 'txt', 'secret'),
      'wrong-sha.json': named('../../secret.txt', 'a'.repeat(64), 'txt', 'wrong'),
      'fifo.json': named('pipe.txt', 'b'.repeat(64), 'txt', 'fifo'),
      'own.json': named('own.txt', createHash('sha256').update(ownText).digest('hex'), 'txt', 'own'),
    };
    const other = structuredClone(base);
    other.source = { ...other.source, file: pdf, sha256: null, format: 'pdf', reader: 'pdf-text', pages: 1 };
    for (const cell of Object.values(other.cells)) if (cell.source) cell.source = { page: 1, bbox: [100, 100, 200, 120] };
    reports['other-pdf.json'] = other;
    for (const [name, r] of Object.entries(reports)) writeFileSync(join(out, name), JSON.stringify(r));
    await run('mkfifo', [join(out, 'pipe.txt')]);

    const page = join(dir, 'report.html');
    await run(process.execPath, [bin, 'compare', join(dir, 'out'), '-o', page], { timeout: 120_000, env: { GOVREPORT_PLANTED: secret, ...process.env } });
    const files = join(dir, 'report.files');
    const details = readdirSync(join(files, 'detail')).map((f) => readFileSync(join(files, 'detail', f), 'utf8'));
    const all = details.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(passwdStart);
    expect(all).not.toContain('PATH=');
    expect(readdirSync(join(files, 'pages'))).toEqual([]);
    // The report whose sha256 its source matches shows its line: the rule hides only what is not proven.
    expect(all).toContain('OWN SOURCE LINE');
    const notes = details.map((d) => /"sourceNote":("(?:[^"\\]|\\.)*"|null)/.exec(d)![1]);
    expect(notes.filter((n) => n!.includes('records no sha256'))).toHaveLength(4);
    expect(notes.some((n) => n!.includes('not the one converted'))).toBe(true);
  }, 180_000);

  it('reads a candidate source only if it is a regular file, without waiting on a FIFO, and only up to what convert takes', async () => {
    const dir = join(work, 'special');
    mkdirSync(dir);
    await run('mkfifo', [join(dir, 'pipe.txt')]);
    expect(await readSource(join(dir, 'pipe.txt'), 'b'.repeat(64))).toEqual({ refused: expect.stringContaining('not a regular file') });
    expect(await readSource('/dev/zero', 'b'.repeat(64))).toEqual({ refused: expect.stringContaining('not a regular file') });
    // /proc files state a size of 0: read to the end all the same, then refused for their bytes.
    expect(await readSource('/proc/self/environ', 'b'.repeat(64))).toEqual({ refused: expect.stringContaining('not the one converted') });
    writeFileSync(join(dir, 'own.txt'), 'own');
    const own = await readSource(join(dir, 'own.txt'), createHash('sha256').update('own').digest('hex'));
    expect('bytes' in own && Buffer.from(own.bytes).toString()).toBe('own');
  });
});

describe('a JSON file of an output folder that is no report', () => {
  it('is skipped with where it breaks, never with its first characters', () => {
    const text = readFileSync('/etc/passwd', 'utf8');
    const result = parseReport(text);
    expect(result).toEqual({ skip: expect.stringMatching(/^not valid JSON/) });
    expect(JSON.stringify(result)).not.toContain(text.slice(0, 6));
    expect(jsonFailure(new SyntaxError(`Unexpected token 'r', "${secret}"... is not valid JSON`))).toBe('not valid JSON');
    expect(jsonFailure(new SyntaxError('Unexpected non-whitespace character after JSON at position 41'))).toBe('not valid JSON (at character 42)');
  });
});

describe('the library on an output folder edited by hand', () => {
  it('converts again an input whose JSON was replaced by a link out of the folder, and finishes on a link loop in it', async () => {
    expectBuilt();
    const { convertMany } = (await import(join(root, 'dist', 'src', 'index.js'))) as typeof import('../src/index.js');
    const dir = join(work, 'library');
    const inputs = join(dir, 'in');
    const outdir = join(dir, 'out');
    mkdirSync(inputs, { recursive: true });
    copyFileSync(join(root, 'samples', 'html', 'clean-2021-utf8.html'), join(inputs, 'r.html'));
    const first = [];
    for await (const result of convertMany(inputs, { outdir, concurrency: 1 })) first.push(result.status);
    expect(first).toEqual(['converted']);
    rmSync(join(outdir, 'r.html.json'));
    symlinkSync(join(elsewhere, 'secret.txt'), join(outdir, 'r.html.json'));
    symlinkSync('.', join(outdir, 'loop'));
    const again = [];
    for await (const result of convertMany(inputs, { outdir, concurrency: 1 })) again.push({ status: result.status, agency: result.report?.report.agency });
    expect(again).toEqual([{ status: 'converted', agency: base.report.agency }]);
    // The link was replaced by the batch's own JSON; the secret it pointed at is untouched.
    expect(readFileSync(join(outdir, 'r.html.json'), 'utf8')).not.toContain(secret);
    expect(readFileSync(join(elsewhere, 'secret.txt'), 'utf8')).toContain(secret);
    expect(existsSync(join(outdir, 'loop'))).toBe(true);
  }, 180_000);
});

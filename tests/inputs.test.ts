/**
 * Nothing under an input folder is skipped without a word: every file is an
 * input or listed as skipped with its reason (other formats, link loops,
 * links out of the folder, broken links, FIFOs); links to files inside the
 * folder are followed; a Word file is read by its content whatever its
 * extension. The trees, links included, are built in temporary folders.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import CFB from 'cfb';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { sniffFormat } from '../extractors/index.js';
import { collectInputs, skippedLines } from '../src/batch/inputs.js';
import { ledgerFileName } from '../src/batch/ledger.js';
import { insideOutput } from '../src/batch/output.js';
import { repoRoot } from '../src/eval/truth.js';
import type { Report } from '../src/model/report.js';
import { convertFile } from '../src/pipeline.js';
import { expectBuilt, govreport } from './helpers/cli.js';

const samples = join(repoRoot(), 'samples');
const docxSample = join(samples, 'docx', 'lo-2019.docx');
const docxTruth = JSON.parse(readFileSync(join(samples, 'docx', 'lo-2019.truth.json'), 'utf8')) as { formatVersion: string; cells: Record<string, number | null> };
const docSample = join(samples, 'docx-template', 'template-2021-filled.doc');
const docTruth = JSON.parse(readFileSync(join(samples, 'docx-template', 'template-2021-filled.doc.truth.json'), 'utf8')) as typeof docxTruth;

const temp = (name: string) => mkdtempSync(join(tmpdir(), `govreport-inputs-${name}-`));
const codes = (r: Report) => r.problems.map((p) => p.code);
/** Cells whose value the truth file gives as a number other than 0, and that the report reads the same. */
const matchingCells = (report: Report, truth: typeof docxTruth) =>
  Object.entries(truth.cells).filter(([id, value]) => typeof value === 'number' && value !== 0 && report.cells[id]?.value === value).length;
const nonZeroTruthCells = (truth: typeof docxTruth) => Object.values(truth.cells).filter((v) => typeof v === 'number' && v !== 0).length;

describe('collectInputs', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = temp('tree');
    outside = temp('outside');
    writeFileSync(join(outside, 'elsewhere.html'), '<p>outside the tree</p>');
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'deep.html'), '<p>outside the tree</p>');

    writeFileSync(join(root, 'report.html'), '<p>a report</p>');
    writeFileSync(join(root, 'old.wps'), 'a WPS Office file');
    writeFileSync(join(root, 'figures.xlsx'), 'not a report');
    writeFileSync(join(root, 'README'), 'no extension');
    writeFileSync(join(root, '~$report.docx'), 'Word lock file');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'real.pdf'), '%PDF-1.4');
    symlinkSync(join(root, 'sub', 'real.pdf'), join(root, 'sub', 'link.pdf')); // a file inside the tree
    symlinkSync('../report.html', join(root, 'sub', 'relative.html')); // the same, by a relative link
    symlinkSync('sub', join(root, 'sublink')); // a folder inside the tree, read already as sub/
    mkdirSync(join(root, 'loop'));
    symlinkSync('..', join(root, 'loop', 'up')); // loop/up → the root: a loop
    symlinkSync('.', join(root, 'loop', 'self')); // loop/self → loop: a loop
    symlinkSync('ping', join(root, 'loop', 'pong')); // two links to each other: ELOOP
    symlinkSync('pong', join(root, 'loop', 'ping'));
    symlinkSync(join(outside, 'elsewhere.html'), join(root, 'out.html')); // a file outside the tree
    symlinkSync(outside, join(root, 'outdir')); // a folder outside the tree
    symlinkSync(join(root, 'gone.html'), join(root, 'broken.html'));
    execFileSync('mkfifo', [join(root, 'pipe.html')]);
  });

  it('returns the report files, links to files inside the tree under their own path, and every other file with its reason', async () => {
    const { inputs, missing, skipped } = await collectInputs([root]);
    expect(missing).toEqual([]);
    expect(inputs.map((i) => i.output).sort()).toEqual(['old.wps.json', 'report.html.json', 'sub/link.pdf.json', 'sub/real.pdf.json', 'sub/relative.html.json']);
    expect(inputs.find((i) => i.output === 'sub/link.pdf.json')?.path).toBe(join(root, 'sub', 'link.pdf'));
    const reasons = Object.fromEntries(skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
    expect(reasons).toEqual({
      'figures.xlsx': 'not a report format (.xlsx: an Excel workbook)',
      README: 'not a report format (no extension)',
      '~$report.docx': 'Office lock file (~$…)',
      'loop/up': 'link loop',
      'loop/self': 'link loop',
      'loop/ping': 'link loop',
      'loop/pong': 'link loop',
      'out.html': 'link out of the input folder',
      outdir: 'link out of the input folder',
      'broken.html': 'broken link',
      'pipe.html': 'special file (FIFO)',
      sublink: 'link to a folder read already (sub)',
    });
    // Nothing outside the tree was followed.
    expect([...inputs.map((i) => i.path), ...skipped.map((s) => s.path)].some((p) => p.includes('elsewhere') || p.includes('deep'))).toBe(false);
  });

  it('reads a linked folder once, under its own path', async () => {
    const tree = temp('linked');
    mkdirSync(join(tree, 'a'));
    writeFileSync(join(tree, 'a', 'one.html'), '<p>1</p>');
    symlinkSync(join(tree, 'a'), join(tree, 'b'));
    symlinkSync(join(tree, 'a'), join(tree, 'c'));
    // A folder given as a link to a/: read as a/ is.
    const { inputs, skipped } = await collectInputs([join(tree, 'b')]);
    expect(inputs.map((i) => i.output)).toEqual(['one.html.json']);
    expect(skipped).toEqual([]);
    const all = await collectInputs([tree]);
    expect(all.inputs.map((i) => i.output)).toEqual(['a/one.html.json']);
    expect(all.skipped.map((s) => [s.path.slice(tree.length + 1), s.reason])).toEqual([
      ['b', 'link to a folder read already (a)'],
      ['c', 'link to a folder read already (a)'],
    ]);
  });

  it('reports a folder it cannot read and goes on', async () => {
    if (process.getuid?.() === 0) return; // root reads every folder
    const tree = temp('unreadable');
    mkdirSync(join(tree, 'locked'), { mode: 0o000 });
    writeFileSync(join(tree, 'ok.html'), '<p>ok</p>');
    const { inputs, skipped } = await collectInputs([tree]);
    expect(inputs.map((i) => i.output)).toEqual(['ok.html.json']);
    expect(skipped).toEqual([{ path: join(tree, 'locked'), reason: 'cannot read folder: EACCES' }]);
  });

  it('lists the skipped files grouped by reason, at most 20 paths, the rest counted, and names a file of every group', () => {
    const skipped = [
      ...Array.from({ length: 25 }, (_, i) => ({ path: `x${i}.truth.json`, reason: 'not a report format (.json: JSON data)' })),
      { path: 'figures.xlsx', reason: 'not a report format (.xlsx: an Excel workbook)' },
      { path: '~$report.docx', reason: 'Office lock file (~$…)' },
    ];
    const lines = skippedLines(skipped, 'in the ledger');
    expect(lines[0]).toBe('27 files skipped, not converted (in the ledger):');
    expect(lines[1]).toBe('  not a report format (.json: JSON data): 25');
    expect(lines.filter((l) => l.startsWith('    x'))).toHaveLength(18);
    expect(lines).toContain('    … and 7 more');
    // The small groups are not crowded out by the large one: each names its file.
    expect(lines.slice(-4)).toEqual(['  not a report format (.xlsx: an Excel workbook): 1', '    figures.xlsx', '  Office lock file (~$…): 1', '    ~$report.docx']);
    expect(lines.filter((l) => l.startsWith('    ') && !l.startsWith('    …'))).toHaveLength(20);
    expect(skippedLines([])).toEqual([]);
  });

  it("skips a folder's README and the formats known to be no report, but leaves a file given with an unknown extension to its content", async () => {
    const root = temp('readme');
    writeFileSync(join(root, 'README.md'), '# What these files are');
    writeFileSync(join(root, 'readme.txt'), 'What these files are');
    writeFileSync(join(root, 'report.md'), '# 某县2023年政府信息公开工作年度报告');
    writeFileSync(join(root, 'figures.xlsx'), 'PK');
    writeFileSync(join(root, 'dump'), '某县2023年政府信息公开工作年度报告');
    const found = await collectInputs([root]);
    expect(found.inputs.map((i) => i.output)).toEqual(['report.md.json']);
    expect(found.skipped).toEqual([
      { path: join(root, 'dump'), reason: 'not a report format (no extension)' },
      { path: join(root, 'figures.xlsx'), reason: 'not a report format (.xlsx: an Excel workbook)' },
      { path: join(root, 'README.md'), reason: 'documentation of the folder (README)' },
      { path: join(root, 'readme.txt'), reason: 'documentation of the folder (README)' },
    ]);
    // Given directly: a README is what was asked for; a workbook is still no report; no extension is up to the content.
    const given = await collectInputs([join(root, 'README.md'), join(root, 'figures.xlsx'), join(root, 'dump')]);
    expect(given.inputs.map((i) => i.output)).toEqual(['README.md.json', 'dump.json']);
    expect(given.skipped).toEqual([{ path: join(root, 'figures.xlsx'), reason: 'not a report format (.xlsx: an Excel workbook)' }]);
  });
});

describe('a Word file is read by its content, whatever its extension', () => {
  it('sniffs a DOCX named .doc, .wps or without extension as DOCX, and other zips as zips', async () => {
    const docx = readFileSync(docxSample);
    for (const name of ['report.doc', 'report.wps', 'report', 'report.DOC', 'report.docx']) expect(sniffFormat(docx, name), name).toBe('docx');
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('[Content_Types].xml', '<Types/>');
    const xlsx = await zip.generateAsync({ type: 'uint8array' });
    for (const name of ['book.doc', 'book.wps', 'book.zip']) expect(sniffFormat(xlsx, name), name).toBe('zip');
    // A zip whose central directory is cut off: the name in a local header still tells.
    expect(sniffFormat(docx.subarray(0, Math.floor(docx.length * 0.9)), 'cut.doc')).toBe('docx');
  });

  it('converts a DOCX named .doc as DOCX, with the values of the DOCX', async () => {
    const folder = temp('renamed');
    copyFileSync(docxSample, join(folder, 'report.doc'));
    const report = await convertFile(join(folder, 'report.doc'));
    expect(codes(report)).not.toContain('FILE_UNREADABLE');
    expect(report.source.format).toBe('docx');
    expect(report.report.formatVersion).toBe(docxTruth.formatVersion);
    expect(report.cells['t2.normative.totalPublic']?.value).toBe(docxTruth.cells['t2.normative.totalPublic']);
    expect(matchingCells(report, docxTruth)).toBe(nonZeroTruthCells(docxTruth));
  });

  it('reads a .wps that is a Word 97-2003 file with the .doc reader, and says FILE_UNREADABLE for one that is not', async () => {
    const folder = temp('wps');
    copyFileSync(docSample, join(folder, 'report.wps'));
    const report = await convertFile(join(folder, 'report.wps'));
    expect(report.source.format).toBe('doc');
    expect(report.report.formatVersion).toBe(docTruth.formatVersion);
    expect(matchingCells(report, docTruth)).toBeGreaterThan(0);

    // A compound file without a Word stream (as Works and old WPS versions write): unreadable, said so.
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, '/CONTENTS', Buffer.from('not a Word document'));
    writeFileSync(join(folder, 'works.wps'), Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array));
    const works = await convertFile(join(folder, 'works.wps'));
    expect(codes(works)).toEqual(['FILE_UNREADABLE']);
    expect(works.problems[0]!.message).toMatch(/Not a readable Word 97-2003 document/);
  });
});

describe('govreport convert: skipped files are listed and in the ledger', () => {
  beforeAll(() => expectBuilt());

  it('converts a DOCX named .doc and a link to it, and lists the .xlsx and the link loop as skipped', async () => {
    const root = temp('cli');
    const out = temp('cli-out');
    copyFileSync(docxSample, join(root, 'report.doc'));
    writeFileSync(join(root, 'figures.xlsx'), 'not a report');
    mkdirSync(join(root, 'dir'));
    symlinkSync('../report.doc', join(root, 'dir', 'copy.doc'));
    symlinkSync('.', join(root, 'dir', 'link'));

    const result = await govreport('convert', root, '-o', out, '--concurrency', '1');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^2 files in .*: 1 converted, 0 already done, 1 duplicates, 0 unreadable, 2 skipped \(not a report format, or not followed\); problems/);
    expect(result.stdout).toContain(
      ['2 files skipped, not converted (all in the table skipped of the ledger):', '  link loop: 1', `    ${join(root, 'dir', 'link')}`, '  not a report format (.xlsx: an Excel workbook): 1', `    ${join(root, 'figures.xlsx')}`].join('\n'),
    );
    const report = JSON.parse(readFileSync(join(out, 'report.doc.json'), 'utf8')) as Report;
    expect(report.source.format).toBe('docx');
    expect(matchingCells(report, docxTruth)).toBe(nonZeroTruthCells(docxTruth));
    expect(existsSync(join(out, 'dir', 'copy.doc.json'))).toBe(true);

    const db = new Database(join(out, ledgerFileName), { readonly: true });
    try {
      expect(db.prepare('SELECT file, reason FROM skipped ORDER BY file').all()).toEqual([
        { file: join(root, 'dir', 'link'), reason: 'link loop' },
        { file: join(root, 'figures.xlsx'), reason: 'not a report format (.xlsx: an Excel workbook)' },
      ]);
      // The link and its target have the same bytes: one is converted, the other is its duplicate.
      const rows = db.prepare<[], { file: string; status: string }>('SELECT file, status FROM inputs ORDER BY file').all();
      expect(rows.map((r) => r.file)).toEqual([join(root, 'dir', 'copy.doc'), join(root, 'report.doc')]);
      expect(rows.map((r) => r.status).sort()).toEqual(['done', 'duplicate']);
    } finally {
      db.close();
    }

    // Resumed: the inputs are done already, the skipped files are listed again.
    const again = await govreport('convert', root, '-o', out);
    expect(again.stdout.split('\n')[0]).toMatch(/^2 files in .*: 0 converted, 2 already done, 0 duplicates, 0 unreadable, 2 skipped/);
    expect(again.stdout).toContain('  link loop: 1');
  });

  it('says a folder of spreadsheets has nothing to convert, names them, and exits 3 instead of a silent success', async () => {
    const root = temp('xlsx-only');
    writeFileSync(join(root, 'a.xlsx'), 'not a report');
    const out = join(temp('xlsx-out'), 'out');
    const result = await govreport('convert', root, '-o', out);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(`1 file skipped, not converted:\n  not a report format (.xlsx: an Excel workbook): 1\n    ${join(root, 'a.xlsx')}\n`);
    expect(result.stderr).toBe(`govreport: nothing to convert: no report file in ${root} (the files skipped are listed above).\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('where each JSON goes', () => {
  it('numbers colliding outputs in argument order and never leads outside the output folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'govreport-collide-'));
    for (const dir of ['a', 'b', 'deep/x']) mkdirSync(join(root, dir), { recursive: true });
    for (const dir of ['a', 'b', 'deep/x']) writeFileSync(join(root, dir, 'r.html'), '<p>x</p>');
    const sneaky = join(root, 'b', '..', '..', '..', '..', '..', '..', '..', '..', root.slice(1), 'deep', 'x', 'r.html');
    const { inputs } = await collectInputs([join(root, 'a', 'r.html'), join(root, 'b', 'r.html'), sneaky]);
    expect(inputs.map((i) => i.output)).toEqual(['r.html.json', 'r.html~2.json', 'r.html~3.json']);
    // Folders keep their relative layout; a name both folders have is numbered the same way.
    const folders = await collectInputs([join(root, 'a'), join(root, 'b')]);
    expect(folders.inputs.map((i) => i.output)).toEqual(['r.html.json', 'r.html~2.json']);
  });

  it('refuses to write a JSON whose path leads out of the output folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'govreport-out-'));
    expect(insideOutput(out, 'a/r.html.json')).toBe(join(out, 'a', 'r.html.json'));
    for (const bad of ['../x.json', 'a/../../x.json', '/tmp/x.json', '..']) expect(() => insideOutput(out, bad)).toThrow(/outside the output folder/);
  });
});

describe('file names that are not UTF-8', () => {
  it('lists a GBK-named file as skipped, with its name as GBK reads and how to convert it, instead of failing with ENOENT', async () => {
    const root = mkdtempSync(join(tmpdir(), 'govreport-gbkname-'));
    // 报告.html in GBK bytes, as old Windows archives unpack on Linux.
    writeFileSync(Buffer.concat([Buffer.from(root + '/'), Buffer.from([0xb1, 0xa8, 0xb8, 0xe6]), Buffer.from('.html')]), '<p>x</p>');
    writeFileSync(join(root, 'ok.html'), '<p>y</p>');
    const { inputs, skipped } = await collectInputs([root]);
    expect(inputs.map((i) => i.output)).toEqual(['ok.html.json']);
    expect(skipped).toEqual([{ path: join(root, '报告.html'), reason: expect.stringMatching(/not UTF-8.*convmv/) }]);
  });
});

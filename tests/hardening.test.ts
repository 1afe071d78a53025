/**
 * Issue 12: inputs and events that once took more than their own file down.
 * Each test fails on the code before its fix.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import { openPackage } from '../extractors/docx/package.js';
import { markupDepth } from '../extractors/html/index.js';
import { imageDefect } from '../extractors/image-check.js';
import { decodeHtml } from '../extractors/html/decode.js';
import { parseReport } from '../src/export/read-report.js';
import { convertBytes } from '../src/pipeline.js';
import { WorkBudgetExceeded, spendWork, withWorkBudget, workLeft } from '../src/work-budget.js';
import { Ledger, isSameProcess, processStart } from '../src/batch/ledger.js';
import { WorkerPool } from '../src/batch/pool.js';
import { repoRoot } from '../src/eval/truth.js';
import { expectBuilt, govreport } from './helpers/cli.js';
import { ocrMissing } from './helpers/ocr.js';

describe('a stray rejection in a worker', () => {
  it('does not end the worker, so the next file is not blamed for it', async () => {
    expectBuilt();
    const serve = pathToFileURL(join(repoRoot(), 'dist', 'src', 'batch', 'serve.js')).href;
    const file = join(mkdtempSync(join(tmpdir(), 'govreport-stray-')), 'worker.mjs');
    // Like pdf.js on a damaged file: the file gets its answer, then a promise of its reader rejects unhandled.
    writeFileSync(
      file,
      `import { serveJobs } from ${JSON.stringify(serve)};
       serveJobs(async (job) => {
         if (job.path === 'damaged') setImmediate(() => Promise.reject(new Error('XRefEntryException: Bad (uncompressed) XRef entry')));
         if (job.path === 'good') await new Promise((r) => setTimeout(r, 300));
         return job.path + ' read by ' + process.pid;
       }, (job, error) => 'failed: ' + error);`,
    );
    const pool = new WorkerPool<string>({ size: 1, timeoutMs: 60_000 }, pathToFileURL(file), (_, reason) => `lost: ${reason}`);
    try {
      const damaged = await pool.run('damaged', 'damaged');
      const good = await pool.run('good', 'good');
      expect(damaged).toMatch(/^damaged read by \d+$/);
      // Same worker, alive: the good file got its own answer.
      expect(good).toBe(damaged.replace('damaged', 'good'));
      expect(pool.replaced.lost).toBe(0);
    } finally {
      await pool.close();
    }
  });
});

describe('the output folder lock', () => {
  it('knows a process by its pid and start time: a reused pid or a dead process does not hold the folder', async () => {
    const child = spawn('sleep', ['30']);
    try {
      await new Promise((r) => child.once('spawn', r));
      const pid = child.pid!;
      const started = processStart(pid);
      expect(isSameProcess(pid, started ?? null)).toBe(true);
      // The same pid, recorded for a process that started at another moment: reused by the system.
      expect(isSameProcess(pid, '1')).toBe(false);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(isSameProcess(pid, started ?? null)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('lets a run start when the unfinished run recorded in the ledger belongs to a pid now used by another process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govreport-lock-'));
    const file = join(dir, 'ledger.sqlite');
    new Ledger(file, 'v1').close();
    const other = spawn('sleep', ['30']);
    try {
      await new Promise((r) => other.once('spawn', r));
      // A run killed with -9 left its row open; its pid now belongs to `other`, which started later.
      const db = new Database(file);
      db.prepare("INSERT INTO runs (pid, pid_started, pipeline_version, command, started_at) VALUES (?, '1', 'v1', 'convert', '2026-01-01')").run(other.pid);
      db.close();
      const ledger = new Ledger(file, 'v1');
      expect(() => ledger.startRun('convert')).not.toThrow();
      ledger.close();
      // A live run with the right start time does hold it.
      const db2 = new Database(file);
      db2.prepare("INSERT INTO runs (pid, pid_started, pipeline_version, command, started_at) VALUES (?, ?, 'v1', 'convert', '2026-01-01')").run(other.pid, processStart(other.pid!));
      db2.close();
      const busy = new Ledger(file, 'v1');
      expect(() => busy.startRun('convert')).toThrow(/another govreport \(pid \d+\)/);
      busy.close();
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('image headers checked before the native decoder sees them', () => {
  const jpeg = () => {
    const canvas = createCanvas(40, 30);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 40, 30);
    return Buffer.from(canvas.toBuffer('image/jpeg'));
  };
  /** Offset of the frame header's marker (FF C0/C2). */
  const frameAt = (b: Buffer) => {
    for (let i = 2; i < b.length - 1; i++) if (b[i] === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2)) return i;
    throw new Error('no frame header');
  };

  it('accepts a sound JPEG', () => {
    expect(imageDefect(jpeg())).toBeUndefined();
  });

  it.each([
    ['zero height', (b: Buffer) => b.writeUInt16BE(0, frameAt(b) + 5), /0 pixels|×0/],
    ['a width beyond any page scan', (b: Buffer) => b.writeUInt16BE(65_000, frameAt(b) + 7), /65000×/],
    ['a component count that does not fit the header', (b: Buffer) => (b[frameAt(b) + 9] = 200), /damaged frame header/],
    ['a segment longer than the file', (b: Buffer) => b.writeUInt16BE(65_000, 4), /longer than the file/],
  ])('refuses a JPEG with %s', (_, damage, reason) => {
    const b = jpeg();
    damage(b);
    expect(imageDefect(b)).toMatch(reason);
  });
});

describe.skipIf(ocrMissing !== null)('a conversion given up', () => {
  it('is not counted done: the summary lists it, and the next run tries it once more (then its JSON stands)', async () => {
    expectBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'govreport-abandon-'));
    // A four-page scan: OCR takes seconds of CPU a page, so a limit of 1 s of CPU time gives it up whatever the machine.
    copyFileSync(join(repoRoot(), 'samples', 'scan', 'scan-150-noisy.pdf'), join(dir, 'scan.pdf'));
    const out = join(dir, 'out');
    const first = await govreport('convert', dir, '-o', out, '--timeout', '1', '--concurrency', '1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/1 conversions were given up[^\n]*\n\s+\S*scan\.pdf: Conversion abandoned: no result within 1 s of CPU time/);
    const json = JSON.parse(readFileSync(join(out, 'scan.pdf.json'), 'utf8')) as { problems: Array<{ code: string }> };
    expect(json.problems.map((p) => p.code)).toContain('FILE_UNREADABLE');
    const second = await govreport('convert', dir, '-o', out, '--timeout', '1', '--concurrency', '1');
    expect(second.stdout).toMatch(/1 converted, 0 already done/);
    const third = await govreport('convert', dir, '-o', out, '--timeout', '1', '--concurrency', '1');
    expect(third.stdout).toMatch(/0 converted, 1 already done/);
  });
});

describe('a Word part that inflates beyond the limit', () => {
  it('is refused while it inflates, whatever size the zip declares', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', `<w:document xmlns:w="x">${' '.repeat(80 * 2 ** 20)}</w:document>`);
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    // The headers lie: 1000 bytes, in the local header and in the central directory.
    bytes.writeUInt32LE(1000, 22);
    bytes.writeUInt32LE(1000, bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    expect(bytes.length).toBeLessThan(200_000);
    await expect(openPackage(bytes)).rejects.toThrow(/word\/document\.xml unpacks to more than 64 MB/);
  });
});

describe('pages nested beyond any real page', () => {
  it.each([
    ['200,000 nested divs', `<html><body>${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}</body></html>`],
    ['100,000 nested tables', `<html><body>${'<table><tr><td>'.repeat(100_000)}x${'</td></tr></table>'.repeat(100_000)}</body></html>`],
  ])('refuses %s before building the tree', async (_, html) => {
    const report = await convertBytes(Buffer.from(html), 'deep.html');
    expect(report.problems.map((p) => p.code)).toEqual(['FILE_UNREADABLE']);
    expect(report.problems[0]!.message).toMatch(/more than 1000 levels deep/);
  });

  it('counts only elements pages close: a thousand unclosed paragraphs are no nesting', () => {
    expect(markupDepth(`<div>${'<p>a'.repeat(5000)}<table><tr><td><div>x</div></td></tr></table></div>`)).toBe(3);
  });
});

describe('time earned as the work goes (work-budget.ts)', () => {
  it('gives up a job that stops making progress long before the overall timeout, and lets one that keeps granting time finish', async () => {
    expectBuilt();
    const dist = (path: string) => JSON.stringify(pathToFileURL(join(repoRoot(), 'dist', 'src', path)).href);
    const file = join(mkdtempSync(join(tmpdir(), 'govreport-budget-')), 'worker.mjs');
    writeFileSync(
      file,
      `import { serveJobs } from ${dist('batch/serve.js')};
       import { grantTime } from ${dist('work-budget.js')};
       const burn = (ms) => { const t0 = process.cpuUsage(); for (;;) { const t = process.cpuUsage(t0); if (t.user + t.system >= ms * 1000) return; } };
       const turn = () => new Promise((r) => setImmediate(r));
       serveJobs(async (job) => {
         if (job.path === 'hang') for (;;);
         // Pages: each one grants 1 s and takes 0.2 s of CPU time; 8 of them, 1.6 s in all.
         const pages = job.path === 'endless' ? Infinity : 8;
         for (let p = 0; p < pages; p++) { grantTime(1000); burn(200); await turn(); }
         return 'done ' + job.path;
       }, (job, error) => 'failed: ' + error);`,
    );
    const pool = new WorkerPool<string>({ size: 1, timeoutMs: 3000, startMs: 1000 }, pathToFileURL(file), (_, reason) => `lost: ${reason}`);
    try {
      expect(await pool.run('hang', 'hang')).toBe('lost: no progress in 1 s of CPU time (a page or a file of this kind takes far less)');
      expect(await pool.run('pages', 'pages')).toBe('done pages');
      // Granting forever does not pass the file's overall limit.
      expect(await pool.run('endless', 'endless')).toBe('lost: no result within 3 s of CPU time');
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('smaller things that went wrong', () => {
  it('reads a UTF-8 page that declares charset=utf-16 as UTF-8 (the HTML standard rule)', () => {
    const decoded = decodeHtml(Buffer.from('<html><head><meta charset="utf-16"></head><body><p>政府信息公开</p></body></html>'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('政府信息公开');
  });

  it('names the ledger it cannot open, instead of SQLite\'s bare 「unable to open database file」', async () => {
    expectBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'govreport-ro-'));
    writeFileSync(join(dir, 'a.html'), '<p>x</p>');
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const result = await govreport('convert', join(dir, 'a.html'), '-o', join(dir, 'not-a-folder', 'out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot open the run ledger .*not-a-folder\/out\/govreport-ledger\.sqlite/);
  });

  it('does not count a JSON it could not put in place as converted, and leaves no temporary file', async () => {
    expectBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'govreport-rename-'));
    writeFileSync(join(dir, 'a.html'), '<p>x</p>');
    const out = join(dir, 'out');
    // The JSON's place is taken by a folder: the rename onto it fails.
    mkdirSync(join(out, 'a.html.json'), { recursive: true });
    const result = await govreport('convert', join(dir, 'a.html'), '-o', out);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/0 converted/);
    expect(result.stderr).toMatch(/cannot write the JSON of .*a\.html/);
    expect(readdirSync(join(out, '.govreport-tmp'))).toEqual([]);
  });

  it('refuses to export a report with a cell key it does not write (「__proto__」) or a confidence outside 0..1', () => {
    const report = (cells: string) =>
      `{"schema":"govreport/1","source":{"file":"a","sha256":null,"format":"html","reader":"html"},"report":{"title":null,"agency":null,"year":null,"formatVersion":"2021"},"sections":[],"cells":${cells},"problems":[]}`;
    const cell = (confidence: number) => `{"value":1,"raw":"1","state":"number","confidence":${confidence},"source":null}`;
    expect(parseReport(report(`{"__proto__":${cell(1)}}`))).toEqual({ skip: expect.stringMatching(/__proto__/) });
    expect(parseReport(report(`{"t3.granted.total":${cell(-5)}}`))).toEqual({ skip: expect.stringMatching(/confidence/) });
    expect(parseReport(report(`{"t3.granted.total":${cell(1)}}`))).toHaveProperty('report');
  });
});

describe('issue 20: a file the library cannot convert gives a report, never a throw', () => {
  const head = ['某某县人民政府2021年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况'];

  it('a row of 130,000 tab cells: converted (the spread of its cells into one call overflowed the stack), its message short', async () => {
    const text = [...head, `一、本年新收政府信息公开申请数量${'\t1'.repeat(130_000)}`].join('\n');
    const r = await convertBytes(Buffer.from(text), 'wide.txt');
    expect(r.problems.filter((p) => p.code === 'FILE_UNREADABLE')).toEqual([]);
    const extra = r.problems.find((p) => p.code === 'ROW_EXTRA_CELLS')!;
    // Ten ignored cells named, then how many more: 130,000 − 7 placed − 10 named.
    expect(extra.message).toContain(`${'「1」, '.repeat(10)}… and ${130_000 - 7 - 10} more, placed the remaining 7 by order`);
    expect(extra.message.length).toBeLessThan(400);
    expect(r.cells['t3.newReceived.natural']!.value).toBe(1);
  });

  it('an HTML row of 200,000 cells: each cell\'s provenance path without counting its earlier siblings anew (quadratic: minutes)', { timeout: 60_000 }, async () => {
    expectBuilt();
    const cells = 200_000;
    const file = join(mkdtempSync(join(tmpdir(), 'govreport-wide-row-')), 'wide.html');
    writeFileSync(file, `<html><body><h1>某某县人民政府2021年政府信息公开工作年度报告</h1><table><tr><td>本年新收</td>${'<td>1</td>'.repeat(cells)}</tr></table></body></html>`);
    const url = pathToFileURL(join(repoRoot(), 'dist', 'extractors', 'html', 'index.js')).href;
    // In a child process killed after 50 s: the old code's loop would hold this test's process for minutes.
    const script = `import { readHtml } from ${JSON.stringify(url)}; import { readFileSync } from 'node:fs';
      const table = readHtml(readFileSync(process.argv[1])).blocks.find((b) => b.kind === 'table');
      process.stdout.write(JSON.stringify([table.rows[0].length, table.rows[0][1].source.path, table.rows[0].at(-1).source.path]));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, file], { timeout: 50_000 });
    expect(JSON.parse(stdout)).toEqual([cells + 1, 'html>body>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(1)>td:nth-of-type(2)', `html>body>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(1)>td:nth-of-type(${cells + 1})`]);
  });

  it('names the step that failed: mapping, not 「Cannot read the file」', async () => {
    vi.resetModules();
    vi.doMock('../src/mapper/index.js', () => ({
      mapReport: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    }));
    try {
      const { convertBytes: fresh, convertFile } = await import('../src/pipeline.js');
      const file = join(repoRoot(), 'samples', 'html', 'clean-2021-utf8.html');
      for (const r of [await convertFile(file), await fresh(readFileSync(file), 'clean-2021-utf8.html')]) {
        expect(r.problems).toEqual([
          expect.objectContaining({ code: 'FILE_UNREADABLE', message: 'Mapping the layout to the report model failed: RangeError: Maximum call stack size exceeded' }),
        ]);
        // What was read before the step that failed is kept.
        expect(r.source).toMatchObject({ format: 'html', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      }
    } finally {
      vi.doUnmock('../src/mapper/index.js');
      vi.resetModules();
    }
  });

  it('has the batch\'s work budget, counted in CPU time: a conversion past it is given up with a report naming the step', async () => {
    const text = [...head, ...Array<string>(200_000).fill('一、本年新收政府信息公开申请数量 1 2 3 4 5 6 7')].join('\n');
    // An overall limit of 1 ms of CPU time: a thousandth of what these 200,000 lines take.
    const r = await withWorkBudget(() => convertBytes(Buffer.from(text), 'long.txt'), 1);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'FILE_UNREADABLE', message: expect.stringMatching(/^Conversion abandoned in (the TXT reader \(decoding and layout\)|mapping the layout to the report model|checking the cells): more than 0\.001 s of work \(CPU time\) in all$/) }),
    ]);
    // Given up once, a conversion stays given up, whoever catches the error on the way.
    await withWorkBudget(async () => {
      expect(() => {
        for (let i = 0; i < 1_000_000; i++) spendWork();
      }).toThrow(WorkBudgetExceeded);
      expect(() => workLeft()).toThrow(WorkBudgetExceeded);
    }, 0);
    // Outside an allowance (a worker of the pool, where the pool holds the deadline) nothing is counted.
    expect(() => {
      for (let i = 0; i < 10_000; i++) spendWork();
      workLeft();
    }).not.toThrow();
  });
});

/**
 * The library as a package consumer sees it: a new project made as the
 * README's Library section says (`npm init -y`, CommonJS by default, then
 * `npm install` of this checkout by path, offline), `import('govreport')`
 * from it (exports, types), the README's examples run as written from that
 * project, and convertMany yields one result per input and leaves no worker
 * behind when left early.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectInputs } from '../src/batch/inputs.js';
import { repoRoot } from '../src/eval/truth.js';
import { expectBuilt } from './helpers/cli.js';

const run = promisify(execFile);
const root = repoRoot();
let consumer: string;

/** Runs a script as a file of the consumer project, from its folder. */
async function node(name: string, script: string): Promise<{ stdout: string; stderr: string }> {
  const path = join(consumer, name);
  writeFileSync(path, script);
  return run(process.execPath, [path], { cwd: consumer, maxBuffer: 1 << 24 });
}

/** The ```<lang> blocks of the README's section `## Library`. */
function libraryBlocks(lang: 'js' | 'sh'): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^## Library\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((m) => m[1]!);
}

/** Where the README's setup leaves its reader: the shell block run as written (this checkout for /path/to/govreport), offline. */
async function newProject(): Promise<string> {
  const [setup] = libraryBlocks('sh');
  expect(setup).toContain('npm init -y');
  const parent = mkdtempSync(join(tmpdir(), 'govreport-consumer-'));
  const script = `set -e\n${setup!.replaceAll('/path/to/govreport', root)}\npwd\n`;
  // No registry is needed: the checkout is installed by path, its dependencies are in its own node_modules.
  const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const { stdout } = await run('bash', ['-c', script], { cwd: parent, env, maxBuffer: 1 << 24 });
  return stdout.trim().split('\n').at(-1)!;
}

beforeAll(async () => {
  expectBuilt();
  consumer = await newProject();
  // npm init -y makes a CommonJS project: the README says to write .mjs files (these tests do).
  expect((JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs').toBe('commonjs');
}, 120_000);

describe("import('govreport')", () => {
  it('gives the functions, the schema and the cell dictionary', async () => {
    const { stdout } = await node(
      'exports.mjs',
      `const lib = await import('govreport');
       console.log(JSON.stringify(Object.fromEntries(Object.entries(lib).map(([k, v]) => [k, typeof v]))));`,
    );
    expect(JSON.parse(stdout)).toMatchObject({
      convertFile: 'function',
      convertBytes: 'function',
      convertMany: 'function',
      cellDictionary: 'function',
      reportSchema: 'object',
    });
  });

  it('has types a TypeScript consumer compiles against', async () => {
    writeFileSync(
      join(consumer, 'typed.mts'),
      `import { convertFile, convertMany, cellDictionary, NoSuchFileError, type Report, type Cell, type Problem, type CellEntry } from 'govreport';
       const report: Report = await convertFile('node_modules/govreport/samples/html/clean-2021-utf8.html');
       const missing: boolean = await convertFile('x').then(() => false, (error: unknown) => error instanceof NoSuchFileError);
       const cell: Cell | undefined = report.cells['t3.newReceived.total'];
       const problems: Problem[] = report.problems;
       const entries: CellEntry[] = cellDictionary();
       for await (const result of convertMany(['node_modules/govreport/samples/html'], { outdir: 'out' })) {
         // An interrupted conversion (its OCR engine killed) has no report; every other result has one.
         if (result.status === 'interrupted') result.error satisfies string;
         else result.report satisfies Report;
       }
       // @ts-expect-error: the options need an output folder
       convertMany(['node_modules/govreport/samples/html'], {});
       export { cell, problems, entries, missing };
      `,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] }, files: ['typed.mts'] }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', consumer]).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
    expect('failed' in result).toBe(false);
  });
});

describe('README ## Library', () => {
  const examples = libraryBlocks('js');

  it('has examples of convertFile, convertBytes, convertMany and the cell dictionary', () => {
    const all = examples.join('\n');
    for (const name of ['convertFile', 'convertBytes', 'convertMany', 'cellDictionary']) expect(all).toContain(name);
  });

  it.each(examples.map((code, i) => [i + 1, code] as const))('example %i runs as written in a new project', async (i, code) => {
    const { stdout, stderr } = await node(`readme-${i}.mjs`, code);
    expect(stderr).toBe('');
    expect(stdout.trim()).not.toBe('');
    expect(stdout).not.toMatch(/undefined/);
  });

  it('says what the first example prints: the figure, a bad file as problems without cells, a missing path as an error', async () => {
    const { stdout } = await node('readme-first.mjs', examples[0]!);
    const truth = JSON.parse(readFileSync(join(root, 'samples', 'html', 'clean-2021-utf8.truth.json'), 'utf8')) as { agency: string; year: number; cells: Record<string, number> };
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`${truth.agency} ${truth.year} ${truth.cells['t3.newReceived.total']}`);
    expect(lines[2]).toMatch(/^0 \[.*'FILE_UNREADABLE'.*\]$/);
    expect(lines[3]).toBe('no such file: node_modules/govreport/samples/no-such-file.pdf');
  });
});

describe('convertFile on a path with no file', () => {
  it('throws NoSuchFileError (a missing path or a folder), while a bad file gives a report', async () => {
    const { stdout } = await node(
      'missing.mjs',
      `import { NoSuchFileError, convertFile } from 'govreport';
       const outcome = (path) => convertFile(path).then((r) => 'report ' + r.problems.map((p) => p.code).join(','), (e) => (e instanceof NoSuchFileError ? 'NoSuchFileError ' : 'other ') + e.message);
       for (const path of ['does-not-exist.html', 'node_modules/govreport/samples', 'node_modules/govreport/tests/unreadable/empty.pdf']) console.log(await outcome(path));`,
    );
    expect(stdout.trim().split('\n')).toEqual([
      'NoSuchFileError no such file: does-not-exist.html',
      'NoSuchFileError not a file: node_modules/govreport/samples',
      expect.stringMatching(/^report .*FILE_UNREADABLE/),
    ]);
  });
});

describe('convertMany', () => {
  it('yields one result per input file, with its JSON written', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'govreport-many-'));
    const folder = join(root, 'samples', 'html');
    const { inputs } = await collectInputs([folder]);
    const { stdout } = await node(
      'many.mjs',
      `import { convertMany } from 'govreport';
       const results = [];
       for await (const r of convertMany(${JSON.stringify(folder)}, { outdir: ${JSON.stringify(outdir)}, concurrency: 2 })) {
         results.push({ file: r.file, status: r.status, schema: r.report.schema, json: r.json });
       }
       console.log(JSON.stringify(results));`,
    );
    const results = JSON.parse(stdout) as Array<{ file: string; status: string; schema: string; json: string }>;
    expect(results.map((r) => r.file).sort()).toEqual(inputs.map((i) => i.path).sort());
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['converted']));
    expect(readdirSync(outdir).filter((f) => f.endsWith('.json')).sort()).toEqual(results.map((r) => r.json.slice(outdir.length + 1)).sort());

    // Again: the ledger says they are done; the reports come from their JSON.
    const again = JSON.parse((await node('many.mjs', readFileSync(join(consumer, 'many.mjs'), 'utf8'))).stdout) as typeof results;
    expect(again).toHaveLength(results.length);
    expect(new Set(again.map((r) => r.status))).toEqual(new Set(['alreadyDone']));
    expect(new Set(again.map((r) => r.schema))).toEqual(new Set(['govreport/1']));
  });

  it('converts again a done input whose JSON is broken or no report, and ends (no worker left)', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'govreport-many-'));
    const script = `import { convertMany } from 'govreport';
       const results = [];
       for await (const r of convertMany('node_modules/govreport/samples/html', { outdir: ${JSON.stringify(outdir)}, concurrency: 2 })) results.push([r.json, r.status, r.report.schema]);
       console.log(JSON.stringify(results));`;
    // The process can only exit by itself if no worker process is left; the timeout only stops a hang from hanging the suite.
    const once = async () => JSON.parse((await run(process.execPath, [join(consumer, 'broken.mjs')], { cwd: consumer, timeout: 120_000 })).stdout) as Array<[string, string, string]>;
    writeFileSync(join(consumer, 'broken.mjs'), script);
    const first = await once();
    const [cut, notReport] = [first[0]![0], first[1]![0]];
    writeFileSync(cut, readFileSync(cut, 'utf8').slice(0, 100));
    writeFileSync(notReport, '{"schema": "govreport/1", "cells": {}}');

    const again = await once();
    const status = new Map(again.map(([json, s]) => [json, s]));
    expect(status.get(cut)).toBe('converted');
    expect(status.get(notReport)).toBe('converted');
    expect(again.filter(([, s]) => s === 'alreadyDone')).toHaveLength(first.length - 2);
    expect(new Set(again.map(([, , schema]) => schema))).toEqual(new Set(['govreport/1']));
    expect((JSON.parse(readFileSync(cut, 'utf8')) as { schema: string }).schema).toBe('govreport/1');
  }, 300_000);

  it('refuses a second convertMany on the same output folder in the same process, as the CLI refuses a second run', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'govreport-many-'));
    const { stdout } = await node(
      'twice.mjs',
      `import { convertMany } from 'govreport';
       const first = convertMany('node_modules/govreport/samples/html', { outdir: ${JSON.stringify(outdir)}, concurrency: 1 });
       await first.next(); // the first run holds the folder now
       let second;
       try {
         for await (const r of convertMany('node_modules/govreport/samples/html', { outdir: ${JSON.stringify(outdir)} + '/.' })) second = 'ran';
       } catch (error) {
         second = error.message;
       }
       let rest = 0;
       for await (const r of first) rest++;
       // Once the first has finished, the folder is free again.
       let third = 0;
       for await (const r of convertMany('node_modules/govreport/samples/html', { outdir: ${JSON.stringify(outdir)} })) third += r.status === 'alreadyDone';
       console.log(JSON.stringify({ second, rest, third }));`,
    );
    const { second, rest, third } = JSON.parse(stdout) as { second: string; rest: number; third: number };
    expect(second).toMatch(/^.+: another run of this process \(pid \d+\) is converting into this output folder$/);
    expect(second.startsWith(`${outdir}/.:`)).toBe(true);
    expect(rest + 1).toBe(third);
  });

  it('stops its workers when the consumer leaves the loop early', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'govreport-many-'));
    // The process can only exit by itself if no worker process or timer is left.
    const { stdout } = await node(
      'early.mjs',
      `import { convertMany } from 'govreport';
       let n = 0;
       for await (const r of convertMany('node_modules/govreport/samples/html', { outdir: ${JSON.stringify(outdir)}, concurrency: 2 })) if (++n === 2) break;
       console.log(n);`,
    );
    expect(stdout.trim()).toBe('2');
  });
});

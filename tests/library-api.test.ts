/**
 * The library as a package consumer sees it: `import('govreport')` from a
 * folder whose node_modules/govreport links to this checkout (exports,
 * types), the README's Library examples run as written, and convertMany
 * yields one result per input and leaves no worker behind when left early.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** Runs a script as a file of the consumer package, from its folder (samples/ links to ours). */
async function node(name: string, script: string): Promise<{ stdout: string; stderr: string }> {
  const path = join(consumer, name);
  writeFileSync(path, script);
  return run(process.execPath, [path], { cwd: consumer, maxBuffer: 1 << 24 });
}

/** The ```js blocks of the README's section `## Library`. */
function libraryExamples(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^## Library\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

beforeAll(() => {
  expectBuilt();
  consumer = mkdtempSync(join(tmpdir(), 'govreport-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules', 'govreport'), 'dir');
  symlinkSync(join(root, 'samples'), join(consumer, 'samples'), 'dir');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
});

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
      join(consumer, 'typed.ts'),
      `import { convertFile, convertMany, cellDictionary, type Report, type Cell, type Problem, type CellEntry } from 'govreport';
       const report: Report = await convertFile('samples/html/clean-2021-utf8.html');
       const cell: Cell | undefined = report.cells['t3.newReceived.total'];
       const problems: Problem[] = report.problems;
       const entries: CellEntry[] = cellDictionary();
       for await (const result of convertMany(['samples/html'], { outdir: 'out' })) {
         // An interrupted conversion (its OCR engine killed) has no report; every other result has one.
         if (result.status === 'interrupted') result.error satisfies string;
         else result.report satisfies Report;
       }
       // @ts-expect-error: the options need an output folder
       convertMany(['samples/html'], {});
       export { cell, problems, entries };
      `,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] }, files: ['typed.ts'] }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', consumer]).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
    expect('failed' in result).toBe(false);
  });
});

describe('README ## Library', () => {
  const examples = libraryExamples();

  it('has examples of convertFile, convertBytes, convertMany and the cell dictionary', () => {
    const all = examples.join('\n');
    for (const name of ['convertFile', 'convertBytes', 'convertMany', 'cellDictionary']) expect(all).toContain(name);
  });

  it.each(examples.map((code, i) => [i + 1, code] as const))('example %i runs against the samples', async (i, code) => {
    const { stdout, stderr } = await node(`readme-${i}.mjs`, code);
    expect(stderr).toBe('');
    expect(stdout.trim()).not.toBe('');
    expect(stdout).not.toMatch(/undefined/);
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

  it('stops its workers when the consumer leaves the loop early', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'govreport-many-'));
    // The process can only exit by itself if no worker process or timer is left.
    const { stdout } = await node(
      'early.mjs',
      `import { convertMany } from 'govreport';
       let n = 0;
       for await (const r of convertMany('samples/html', { outdir: ${JSON.stringify(outdir)}, concurrency: 2 })) if (++n === 2) break;
       console.log(n);`,
    );
    expect(stdout.trim()).toBe('2');
  });
});

/**
 * npm run bench [-- <folder-or-pdf>... --workers N --min-files N]
 * (default: samples/pdf and ../shared/samples/real)
 * npm run bench -- --batch [N] [--recycle-after N]: memory and speed over a long batch (batch.ts)
 * npm run bench -- --scans-only [--scans <folder>]: the OCR figures alone
 *
 * Converts a set of PDFs with the pipeline (worker pool, JSON written to a
 * temporary folder, as `govreport convert` does) and, in the same run with
 * the same number of workers, parses them with bare pdf.js (the baseline).
 * Prints files/s, pages/s, peak RSS and CPU cores busy for both, and the
 * ratio of their times. Phases alternate (baseline, pipeline, baseline,
 * pipeline) and the faster round of each counts, because this machine is
 * noisy. Speed is measured here, never by timed tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import PQueue from 'p-queue';
import { collectInputs } from '../batch/inputs.js';
import { WorkerPool, conversionPool } from '../batch/pool.js';
import { repoRoot, sampleFolders } from '../eval/truth.js';
import type { Report } from '../model/report.js';
import type { BaselineResult } from './baseline-worker.js';
import { benchBatch } from './batch.js';
import { nodeAndEngineCpuSeconds, treeCpuSeconds, treeRss } from './proc.js';
import { limits } from '../settings.js';

interface Round {
  seconds: number;
  pages: number;
  peakRss: number;
  cores: number;
  failures: number;
}

async function measure(run: () => Promise<{ pages: number; failures: number }>): Promise<Round> {
  let peakRss = treeRss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, treeRss());
  }, 20);
  const cpuBefore = treeCpuSeconds();
  const started = process.hrtime.bigint();
  const { pages, failures } = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = treeCpuSeconds() - cpuBefore;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, treeRss());
  return { seconds, pages, peakRss, cores: cpu / seconds, failures };
}

/**
 * What the machine gives: CPU cores busy while `workers` threads spin for a
 * second. On a shared VM this is often well below the core count, and it is
 * the ceiling the pipeline's figure should be read against.
 */
async function calibrate(workers: number): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const spin = 'const end = Date.now() + 1000; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);';
  const round = await measure(async () => {
    await Promise.all(Array.from({ length: workers }, () => new Promise((resolve) => new Worker(spin, { eval: true }).on('exit', resolve))));
    return { pages: 0, failures: 0 };
  });
  return round.cores;
}

async function runAll<T>(pool: WorkerPool<T>, files: string[], workers: number, each: (result: T, file: string) => void) {
  const queue = new PQueue({ concurrency: workers });
  await Promise.all(files.map((file) => queue.add(async () => each(await pool.run(file, file), file))));
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { workers: { type: 'string', short: 'w' }, 'min-files': { type: 'string' }, scans: { type: 'string' }, batch: { type: 'boolean' }, 'recycle-after': { type: 'string' }, 'scans-only': { type: 'boolean' } },
  });
  const workers = Number(values.workers ?? cpus().length);
  if (values.batch) return benchBatch(Number(positionals[0] ?? 10_000), workers, Number(values['recycle-after'] ?? limits.workerRecycleAfter));
  const minFiles = Number(values['min-files'] ?? 40);
  // By default the readable sample PDFs: ours and the real ones (not tests/unreadable, which only measures refusals).
  const sources = positionals.length > 0 ? positionals : [join(repoRoot(), 'samples', 'pdf'), ...sampleFolders().filter((f) => !f.startsWith(repoRoot()))];
  const pdfs = (await collectInputs(sources)).inputs.map((i) => i.path).filter((p) => p.toLowerCase().endsWith('.pdf'));
  if (pdfs.length === 0) throw new Error(`no PDF found in ${sources.join(', ')}`);
  // Too few files would measure start-up, not throughput: repeat the set.
  const files = Array.from({ length: Math.ceil(minFiles / pdfs.length) }, () => pdfs).flat();
  const out = mkdtempSync(join(tmpdir(), 'govreport-bench-'));
  const timeoutMs = 600_000;

  const baseline = new WorkerPool<BaselineResult>({ size: workers, timeoutMs }, new URL('./baseline-worker.js', import.meta.url), (_, failed) => ({ pages: 0, failed }));
  // The text-layer comparison is about reading text layers: OCR (of the odd scanned page) is measured apart.
  const pipeline = conversionPool({ size: workers, timeoutMs, env: { ...process.env, GOVREPORT_OCR: 'off' } });
  // Made when its turn comes, after the text-layer pools are closed: peak RSS is of one pool's workers at a time.
  let ocrPipeline: WorkerPool<Report> | undefined;
  const runBaseline = () =>
    measure(async () => {
      let pages = 0;
      let failures = 0;
      await runAll(baseline, files, workers, (r) => {
        pages += r.pages;
        if (r.failed) failures++;
      });
      return { pages, failures };
    });
  let written = 0;
  const runPipeline = () =>
    measure(async () => {
      let pages = 0;
      let failures = 0;
      await runAll(pipeline, files, workers, (report: Report, file) => {
        pages += report.source.pages ?? 0;
        if (report.problems.some((p) => p.code === 'FILE_UNREADABLE')) failures++;
        writeFileSync(join(out, `${written++}-${basename(file)}.json`), JSON.stringify(report, null, 2));
      });
      return { pages, failures };
    });
  try {
    const scansOnly = values['scans-only'] === true;
    // Warm both pools (first document in a worker pays pdf.js's start-up), then alternate.
    const rounds = { baseline: [] as Round[], pipeline: [] as Round[] };
    if (!scansOnly) {
      await runAll(baseline, pdfs.slice(0, workers), workers, () => {});
      await runAll(pipeline, pdfs.slice(0, workers), workers, () => {});
      for (let i = 0; i < 2; i++) {
        rounds.baseline.push(await runBaseline());
        rounds.pipeline.push(await runPipeline());
      }
    }
    const ceiling = await calibrate(workers);
    const best = (rs: Round[]) => rs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const b = scansOnly ? undefined : best(rounds.baseline);
    const p = scansOnly ? undefined : best(rounds.pipeline);
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
    const row = (name: string, r: Round, count = files.length) =>
      `${name.padEnd(22)}${`${r.seconds.toFixed(2)} s`.padStart(9)}${(count / r.seconds).toFixed(1).padStart(10)}${(r.pages / r.seconds).toFixed(1).padStart(10)}${mb(r.peakRss).padStart(11)}${r.cores.toFixed(2).padStart(8)}${String(r.failures).padStart(10)}`;
    // Scanned input goes through OCR: measured once, pages/s next to the text-layer figure.
    const scanFolder = values.scans ?? join(repoRoot(), 'samples', 'scan');
    const scans = (await collectInputs([scanFolder])).inputs.map((i) => i.path).filter((p) => p.toLowerCase().endsWith('.pdf'));
    let scanned: Round | undefined;
    let split: { node: number; engine: number } | undefined;
    if (scans.length > 0) {
      await Promise.all([baseline.close(), pipeline.close()]);
      ocrPipeline = conversionPool({ size: workers, timeoutMs });
      const before = nodeAndEngineCpuSeconds();
      scanned = await measure(async () => {
        let pages = 0;
        let failures = 0;
        await runAll(ocrPipeline!, scans, workers, (report: Report) => {
          pages += report.source.pages ?? 0;
          if (report.source.reader !== 'pdf-ocr') failures++; // a scan that OCR did not read
        });
        return { pages, failures };
      });
      const after = nodeAndEngineCpuSeconds();
      split = { node: after.node - before.node, engine: after.engine - before.engine };
    }
    const header = `${''.padEnd(22)}${'time'.padStart(9)}${'files/s'.padStart(10)}${'pages/s'.padStart(10)}${'peak RSS'.padStart(11)}${'cores'.padStart(8)}${'failures'.padStart(10)}`;
    const lines = [
      ...(b && p
        ? [
            `${files.length} PDF files (${pdfs.length} distinct, ${b.pages} pages), ${workers} workers, best of 2 alternating rounds`,
            header,
            row('bare pdf.js (baseline)', b),
            row('govreport pipeline', p),
            `pipeline time / baseline time: ${(p.seconds / b.seconds).toFixed(2)}`,
          ]
        : [header]),
      ...(scanned
        ? [
            `scanned input (OCR), ${scans.length} files, ${scanned.pages} pages, once:`,
            row('govreport pipeline OCR', scanned, scans.length),
            ...(p ? [`scanned pages/s / text-layer pages/s: ${(scanned.pages / scanned.seconds / (p.pages / p.seconds)).toFixed(3)}`] : []),
            ...(split && scanned.pages > 0
              ? [
                  // Where OCR time goes, and the speed the engine alone allows: tesseract's CPU per page with nothing else running.
                  `OCR CPU per page: tesseract ${(split.engine / scanned.pages).toFixed(2)} s, govreport (pdf.js, image steps, reader) ${(split.node / scanned.pages).toFixed(2)} s, ` +
                    `govreport / tesseract ${(split.node / Math.max(split.engine, 1e-9)).toFixed(2)}; ` +
                    `tesseract alone would allow ${((workers * scanned.pages) / Math.max(split.engine, 1e-9)).toFixed(2)} pages/s on ${workers} cores, ` +
                    `the pipeline reached ${(scanned.pages / scanned.seconds / ((workers * scanned.pages) / Math.max(split.engine, 1e-9))).toFixed(2)} of that`,
                ]
              : []),
          ]
        : []),
      `cores: CPU time / wall time of this process and its worker and tesseract processes; peak RSS: the same processes (the two text-layer pools live side by side, so each row includes the other's idle workers); ${workers} threads spinning reach ${ceiling.toFixed(2)} on this machine now`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all([baseline.close(), pipeline.close(), ocrPipeline?.close()]);
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});

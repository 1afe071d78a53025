/**
 * npm run bench -- --batch [N] [--workers N] [--recycle-after N]
 *
 * Flat memory over a long batch: N files (default 10,000) made by varying the
 * readable samples (a byte appended past the end of each copy, so every file
 * has its own sha256 and is really converted), converted by the same
 * runBatch as `govreport convert` (ledger, atomic JSON, worker pool with its
 * recycling). Prints files/s and RSS (this process and its worker processes)
 * at 1k, 5k and N files, then the time a resumed run takes to skip them all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { collectInputs } from '../batch/inputs.js';
import { newTally, type Tally } from '../batch/progress.js';
import { runBatch } from '../batch/run.js';
import { findSamples, isScanSample } from '../eval/truth.js';
import { limits } from '../settings.js';
import { version } from '../version.js';
import { treeRss } from './proc.js';

/** Share of each format in the generated batch: archives are mostly HTML pages and PDFs, some Word. */
const mix: Record<string, number> = { '.html': 0.6, '.pdf': 0.25, '.docx': 0.15 };

/** Appends what each format ignores past its end, so the copy reads the same but hashes differently. */
function variant(bytes: Buffer, extension: string, n: number): Buffer {
  const tail = extension === '.html' ? `\n<!-- batch copy ${n} -->\n` : `\n%batch copy ${n}\n`;
  return Buffer.concat([bytes, Buffer.from(tail)]);
}

function generate(folder: string, count: number): void {
  // Text-layer samples only: OCR is measured by the main benchmark, and 10,000 scans would take a day.
  const samples = findSamples().filter((s) => !isScanSample(s) && !s.truth.expectProblems.includes('FILE_UNREADABLE'));
  const byFormat = new Map<string, Buffer[]>();
  for (const s of samples) {
    const ext = extname(s.input).toLowerCase();
    if (ext in mix) byFormat.set(ext, [...(byFormat.get(ext) ?? []), readFileSync(s.input)]);
  }
  // Formats interleaved in the proportions of `mix`, so that every stretch of the batch is alike.
  const pattern = Object.entries(mix).flatMap(([ext, share]) => Array<string>(Math.round(share * 20)).fill(ext)).filter((ext) => byFormat.has(ext));
  const used = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    const ext = pattern[(n * 7) % pattern.length]!;
    const sources = byFormat.get(ext)!;
    const k = used.get(ext) ?? 0;
    used.set(ext, k + 1);
    writeFileSync(join(folder, `${String(n).padStart(6, '0')}${ext}`), variant(sources[k % sources.length]!, ext, n));
  }
}

/** A checkpoint, with the RSS samples of the stretch since the one before. */
interface Mark {
  files: number;
  seconds: number;
  meanRss: number;
  peakRss: number;
  /** The main process alone (ledger, queue of inputs) at the checkpoint. */
  mainRss: number;
}

export async function benchBatch(count: number, workers: number, recycleAfter: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'govreport-batch-in-'));
  const out = mkdtempSync(join(tmpdir(), 'govreport-batch-out-'));
  try {
    generate(folder, count);
    const { inputs } = await collectInputs([folder]);
    process.stderr.write(`${inputs.length} files generated in ${folder}\n`);
    const checkpoints = [1000, 5000, inputs.length].filter((n, i, all) => n <= inputs.length && all.indexOf(n) === i);
    const marks: Mark[] = [];
    const stretch = { sum: 0, samples: 0, peak: 0 };
    const sample = () => {
      const rss = treeRss();
      stretch.sum += rss;
      stretch.samples++;
      stretch.peak = Math.max(stretch.peak, rss);
    };
    const sampler = setInterval(sample, 500);
    const started = performance.now();
    let last: Tally = newTally();
    const result = await runBatch(inputs, {
      outdir: out,
      concurrency: workers,
      timeoutMs: limits.fileTimeoutMs,
      memoryMb: limits.workerMemoryMb,
      recycleAfter,
      pipelineVersion: version,
      env: { ...process.env, GOVREPORT_OCR: 'off' },
      onProgress: (tally) => {
        last = tally;
        if (marks.length < checkpoints.length && tally.files >= checkpoints[marks.length]!) {
          sample();
          const mark = { files: tally.files, seconds: (performance.now() - started) / 1000, meanRss: stretch.sum / stretch.samples, peakRss: stretch.peak, mainRss: process.memoryUsage.rss() };
          marks.push(mark);
          Object.assign(stretch, { sum: 0, samples: 0, peak: 0 });
          process.stderr.write(`  ${tally.files} files, mean RSS ${Math.round(mark.meanRss / 2 ** 20)} MB since the last mark\n`);
        }
      },
    });
    clearInterval(sampler);
    const resumeStarted = performance.now();
    const resumed = await runBatch(inputs, { outdir: out, concurrency: workers, timeoutMs: limits.fileTimeoutMs, pipelineVersion: version });
    const resumeSeconds = (performance.now() - resumeStarted) / 1000;

    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
    const lines = [
      `${inputs.length} files (${Object.entries(mix).map(([e, s]) => `${Math.round(s * 100)} % ${e}`).join(', ')}; copies of ${new Set(inputs.map((i) => extname(i.path))).size} formats of text-layer samples), ${workers} workers recycled every ${recycleAfter || '∞'} files, one run`,
      'RSS of the process tree (main + workers), sampled every 0.5 s over the stretch since the previous row; main RSS at the row',
      `${'files'.padStart(8)}${'time'.padStart(10)}${'files/s'.padStart(10)}${'mean RSS'.padStart(11)}${'peak RSS'.padStart(11)}${'main RSS'.padStart(11)}`,
      ...marks.map((m, i) => {
        const prev = marks[i - 1] ?? { files: 0, seconds: 0 };
        return `${String(m.files).padStart(8)}${`${m.seconds.toFixed(0)} s`.padStart(10)}${((m.files - prev.files) / (m.seconds - prev.seconds)).toFixed(1).padStart(10)}${mb(m.meanRss).padStart(11)}${mb(m.peakRss).padStart(11)}${mb(m.mainRss).padStart(11)}`;
      }),
      `converted ${last.converted}, unreadable ${last.unreadable}, write failures ${result.writeFailures.length}; workers recycled ${result.workersReplaced.recycled}, lost ${result.workersReplaced.lost}`,
      `resumed run: ${resumed.tally.skipped} of ${inputs.length} skipped as done in ${resumeSeconds.toFixed(1)} s (${(inputs.length / resumeSeconds).toFixed(0)} files/s)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

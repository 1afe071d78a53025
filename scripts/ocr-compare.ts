/**
 * npm run ocr:compare [-- engine...]: converts every scanned sample
 * (samples/scan/*.pdf with a truth file) with each OCR engine (default:
 * tesseract paddle) and prints, per engine and file, exact cells, wrong
 * cells (of which "no cell": no cell was placed for that key at all, because
 * its table or row was not found: missed rules, or a row label the engine
 * misread; the others were placed and read wrong or empty), silent wrong
 * cells (no problem names them), seconds and peak RSS.
 *
 * access.ts picks the engine once per process, and peak RSS is per process,
 * so every (engine, file) pair runs in a child process of its own (this
 * script again, with --child). The engine is loaded before the clock starts
 * (its load time is the "load s" column), so "s/file" is the conversion.
 *
 * paddle needs GOVREPORT_PADDLE_MODULE (see extractors/ocr/paddle.ts).
 */
import { spawn } from 'node:child_process';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultOcr } from '../extractors/ocr/access.js';
import { scoreReport } from '../src/eval/score.js';
import type { Sample } from '../src/eval/truth.js';
import { findSamples, repoRoot } from '../src/eval/truth.js';
import { convertFile } from '../src/pipeline.js';

interface Result {
  engine: string;
  file: string;
  error?: string;
  cells?: number;
  exact?: number;
  wrong?: Array<{ key: string; truth: number | null; got: number | null | undefined; raw: string | null | undefined; silent: boolean }>;
  silent?: number;
  unread?: boolean;
  pages?: number;
  /** Problem codes other than cell-level ones, e.g. PAGE_UNREADABLE when the engine threw on a page. */
  fileProblems?: string[];
  loadSeconds?: number;
  seconds?: number;
  peakRssBytes?: number;
}

const marker = 'OCR-COMPARE-RESULT ';
const childTimeoutMs = 30 * 60_000;

function scanSamples(): Sample[] {
  return findSamples([join(repoRoot(), 'samples', 'scan')]).filter((s) => s.input.toLowerCase().endsWith('.pdf'));
}

/** In the child: one file with the engine GOVREPORT_OCR_ENGINE names. */
async function child(engine: string, input: string): Promise<Result> {
  process.env['GOVREPORT_OCR_ENGINE'] = engine;
  const sample = scanSamples().find((s) => s.input === input);
  const file = basename(input);
  if (!sample) return { engine, file, error: 'no truth file' };
  const t0 = performance.now();
  const why = await defaultOcr.unavailable();
  const t1 = performance.now();
  if (why !== null) return { engine, file, error: why };
  const report = await convertFile(input);
  const t2 = performance.now();
  const score = scoreReport(report, sample.truth);
  const silent = new Set(score.silent);
  return {
    engine: defaultOcr.name,
    file,
    cells: score.cells,
    exact: score.exact,
    wrong: score.wrong.map((w) => ({ ...w, silent: silent.has(w.key) })),
    silent: score.silent.length,
    unread: score.unread,
    pages: report.source.pages ?? undefined,
    fileProblems: report.problems.filter((p) => !p.cells?.length && p.code !== 'NO_TEXT_LAYER').map((p) => p.code),
    loadSeconds: (t1 - t0) / 1000,
    seconds: (t2 - t1) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function runChild(engine: string, input: string): Promise<Result> {
  const file = basename(input);
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', engine, input], {
      env: { ...process.env, GOVREPORT_OCR_ENGINE: engine },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), childTimeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(marker));
      if (line) resolve(JSON.parse(line.slice(marker.length)) as Result);
      else resolve({ engine, file, error: `child exited with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ') || 'no output'}` });
    });
  });
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const fixed = (n: number | undefined, d: number) => (n === undefined ? '-' : n.toFixed(d));

function table(results: Result[]): string {
  const nameWidth = Math.max(4, ...results.map((r) => r.file.length));
  const header = `${'engine'.padEnd(10)}${'file'.padEnd(nameWidth + 2)}${pad('exact/total', 12)}${pad('wrong', 7)}${pad('no cell', 9)}${pad('silent', 8)}${pad('pages', 7)}${pad('s/file', 9)}${pad('s/page', 8)}${pad('load s', 8)}${pad('peak RSS MB', 13)}  notes`;
  const lines = [header, '-'.repeat(header.length)];
  const totals = new Map<string, { cells: number; exact: number; wrong: number; noCell: number; silent: number; seconds: number; pages: number; rss: number }>();
  for (const r of results) {
    if (r.error) {
      lines.push(`${r.engine.padEnd(10)}${r.file.padEnd(nameWidth + 2)}  ERROR: ${r.error}`);
      continue;
    }
    const wrong = r.wrong?.length ?? 0;
    const noCell = r.wrong?.filter((w) => w.raw === null || w.raw === undefined).length ?? 0;
    const counts = new Map<string, number>();
    for (const code of r.fileProblems ?? []) counts.set(code, (counts.get(code) ?? 0) + 1);
    const notes = [...(r.unread ? ['file unreadable'] : []), ...[...counts].map(([code, n]) => (n > 1 ? `${code}×${n}` : code))].join(', ');
    lines.push(
      `${r.engine.padEnd(10)}${r.file.padEnd(nameWidth + 2)}${pad(`${r.exact}/${r.cells}`, 12)}${pad(wrong, 7)}${pad(noCell, 9)}${pad(r.silent ?? 0, 8)}${pad(r.pages ?? '-', 7)}${pad(fixed(r.seconds, 1), 9)}${pad(r.pages ? fixed(r.seconds! / r.pages, 1) : '-', 8)}${pad(fixed(r.loadSeconds, 1), 8)}${pad(fixed((r.peakRssBytes ?? 0) / 2 ** 20, 0), 13)}  ${notes}`,
    );
    const t = totals.get(r.engine) ?? { cells: 0, exact: 0, wrong: 0, noCell: 0, silent: 0, seconds: 0, pages: 0, rss: 0 };
    t.cells += r.cells ?? 0;
    t.exact += r.exact ?? 0;
    t.wrong += wrong;
    t.noCell += noCell;
    t.silent += r.silent ?? 0;
    t.seconds += r.seconds ?? 0;
    t.pages += r.pages ?? 0;
    t.rss = Math.max(t.rss, r.peakRssBytes ?? 0);
    totals.set(r.engine, t);
  }
  lines.push('-'.repeat(header.length));
  for (const [engine, t] of totals) {
    lines.push(
      `${engine.padEnd(10)}${'all'.padEnd(nameWidth + 2)}${pad(`${t.exact}/${t.cells}`, 12)}${pad(t.wrong, 7)}${pad(t.noCell, 9)}${pad(t.silent, 8)}${pad(t.pages, 7)}${pad(t.seconds.toFixed(1), 9)}${pad(t.pages ? (t.seconds / t.pages).toFixed(1) : '-', 8)}${pad('', 8)}${pad((t.rss / 2 ** 20).toFixed(0), 13)}  (seconds summed, RSS max)`,
    );
  }
  return lines.join('\n');
}

function details(results: Result[], limit = 12): string {
  const out: string[] = [];
  for (const r of results) {
    if (!r.wrong?.length) continue;
    out.push(`${r.engine} ${r.file}: ${r.wrong.length} wrong`);
    for (const w of r.wrong.slice(0, limit)) out.push(`    ${w.key}: truth ${w.truth}, got ${w.got} (raw ${JSON.stringify(w.raw)})${w.silent ? ' SILENT' : ''}`);
    if (r.wrong.length > limit) out.push(`    … ${r.wrong.length - limit} more`);
  }
  return out.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const result = await child(args[1]!, args[2]!);
    process.stdout.write(`${marker}${JSON.stringify(result)}\n`);
    // The engines keep no handles worth waiting for (onnxruntime's threads would otherwise hold the process).
    process.exit(0);
  }
  const engines = args.filter((a) => !a.startsWith('-'));
  if (engines.length === 0) engines.push('tesseract', 'paddle');
  const samples = scanSamples();
  const results: Result[] = [];
  for (const engine of engines) {
    for (const sample of samples) {
      process.stderr.write(`${engine} ${relative(repoRoot(), sample.input)} …\n`);
      const result = await runChild(engine, sample.input);
      results.push(result);
      process.stderr.write(result.error ? `  error: ${result.error}\n` : `  ${result.exact}/${result.cells} exact, ${result.silent} silent, ${fixed(result.seconds, 1)} s\n`);
    }
  }
  process.stdout.write(`${table(results)}\n`);
  const wrong = details(results);
  if (wrong) process.stdout.write(`\nWrong cells:\n${wrong}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ocr-compare failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});

/**
 * How the compare page copes with 10,000 reports: a synthetic CompareData
 * derived from real reports (each copied into many agencies and years, its
 * figures scaled, its cross problems copied along), written as a page, then
 * opened in chromium, where the load and a sort are timed.
 *
 *   npx tsc -p . && node dist/scripts/compare-scale.js <outdir of converted reports> [count] [workdir]
 *
 * The copies share their original's JSON, so only the originals' detail and
 * page images are written: what is measured is the page itself.
 */
import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildCompareData, loadReport } from '../src/compare/data.js';
import type { CompareAgency, CompareData, CompareReport, CrossProblem } from '../src/compare/model.js';
import { writeComparePage } from '../src/compare/page/index.js';

/** Years each synthetic agency reports for: the span real series have (2019 model to now). */
const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** A deterministic generator (mulberry32), so two runs measure the same page. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticData(base: CompareData, count: number): CompareData {
  const originals = base.reports.filter((r) => r.agency !== null && r.figures.received !== null);
  if (originals.length === 0) throw new Error('no report with an agency and figures to derive from');
  const next = random(13);
  const reports: CompareReport[] = [];
  const agencies = new Map<string, CompareAgency>();
  const copies = new Map<string, string[]>();
  for (let k = 0; k < count; k++) {
    // One synthetic agency per run of years, all copied from the same original.
    const group = Math.floor(k / years.length);
    const original = originals[group % originals.length]!;
    const agency = `${original.agency}（${group}）`;
    const key = `${original.agencyKey ?? original.agency}#${group}`;
    const factor = 0.5 + next() * 1.5;
    const figures = Object.fromEntries(Object.entries(original.figures).map(([name, v]) => [name, v === null ? null : Math.round(v * factor)])) as CompareReport['figures'];
    const report: CompareReport = { ...original, id: `synthetic/${k}/${original.id}`, agency, agencyKey: key, year: years[k % years.length]!, figures };
    reports.push(report);
    copies.set(original.id, [...(copies.get(original.id) ?? []), report.id]);
    const known: CompareAgency = agencies.get(key) ?? { key, name: agency, level: original.level, region: original.region, reports: [], formatBreak: null };
    known.reports.push(report.id);
    agencies.set(key, known);
  }
  // Each cross problem once per copy of its first report, pointing at the copies (the n-th copy of each report).
  const problems: CrossProblem[] = [];
  for (const problem of base.problems) {
    const first = copies.get(problem.reports[0]!) ?? [];
    first.forEach((_, n) => {
      const copy = (id: string) => (copies.get(id) ?? [])[n] ?? id;
      problems.push({ ...problem, reports: problem.reports.map(copy), cells: problem.cells.map((c) => ({ report: copy(c.report), key: c.key })) });
    });
  }
  return { ...base, reports, agencies: [...agencies.values()], problems };
}

async function main(): Promise<void> {
  const [input, countArg, workArg] = process.argv.slice(2);
  if (!input) throw new Error('usage: node dist/scripts/compare-scale.js <outdir> [count] [workdir]');
  const count = Number(countArg ?? 10_000);
  const work = resolve(workArg ?? '.tmp/compare-scale');
  mkdirSync(work, { recursive: true });
  const base = await buildCompareData([input]);
  const data = syntheticData(base, count);
  const htmlFile = join(work, `compare-${count}.html`);
  let started = Date.now();
  await writeComparePage(data, htmlFile, { loadReport });
  const writeSeconds = (Date.now() - started) / 1000;
  const size = (await stat(htmlFile)).size;

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    started = Date.now();
    await page.goto(`file://${htmlFile}`);
    await page.waitForSelector('body[data-ready]');
    const loadMs = Date.now() - started;
    const shown = await page.textContent('#overview-status');
    // The click handler filters, sorts and draws the rows in view synchronously: its duration is the sort.
    const sortMs = await page.evaluate(() => {
      const times: number[] = [];
      for (const column of ['received', 'agency', 'grantedShare']) {
        const t = performance.now();
        (document.querySelector(`th[data-column=${column}]`) as HTMLElement).click();
        times.push(performance.now() - t);
      }
      return times;
    });
    const filterMs = await page.evaluate(() => {
      const select = document.querySelector('select[name=year]') as HTMLSelectElement;
      select.value = select.options[1]!.value;
      const t = performance.now();
      select.dispatchEvent(new Event('change'));
      return performance.now() - t;
    });
    process.stdout.write(
      `${count} reports (${data.agencies.length} agencies, ${data.problems.length} cross problems), derived from ${base.reports.length}\n` +
        `page written in ${writeSeconds.toFixed(1)} s: ${(size / 1e6).toFixed(1)} MB HTML\n` +
        `chromium: loaded (data parsed, first rows drawn) in ${loadMs} ms; ${shown}\n` +
        `sort by 新收申请 ${sortMs[0]!.toFixed(0)} ms, by agency ${sortMs[1]!.toFixed(0)} ms, by 公开率 ${sortMs[2]!.toFixed(0)} ms; filter by year ${filterMs.toFixed(0)} ms\n` +
        (errors.length ? `page errors: ${errors.join('; ')}\n` : ''),
    );
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`compare-scale: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}

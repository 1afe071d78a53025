/**
 * A series across the 2019 break on the compare page, in a real browser
 * (Debian's chromium via playwright-core): ../shared/samples/real, pre2019
 * and devset converted here (without OCR: the devset's scanned PDFs are read
 * for their text layer only, which keeps the conversion to a minute; every
 * other file is read as usual), then compared. 平潭综合实验区's applications
 * received run from its 2011 report to its 2025 report, the pre-2019 years
 * through the crosswalk, the break drawn on the chart and marked in its table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/eval/truth.js';
import type { CompareAgency, CompareData, CompareReport } from '../src/compare/model.js';

const chromiumPath = '/usr/bin/chromium';
const chromiumMissing = existsSync(chromiumPath) ? null : `${chromiumPath} not found (apt-get install chromium)`;
if (chromiumMissing) console.warn(`govreport tests: compare series page tests skipped: ${chromiumMissing}`);

const root = repoRoot();
const shared = join(root, '..', 'shared', 'samples');
const folders = ['real', 'pre2019', 'devset'].map((f) => join(shared, f));
const cli = join(root, 'dist', 'src', 'cli.js');

interface ChartOption {
  xAxis: Array<{ data: string[] }>;
  series: Array<{ name: string; data: Array<number | null | { value: number | null; symbol?: string }>; markLine?: { data: Array<{ xAxis: string }> } }>;
}

/** A report's applications received as its truth file gives them: the 2019/2021 cell, or the pre-2019 headline figure. */
function truthReceived(report: CompareReport): number | null | undefined {
  const name = report.file.split('/').pop()!.replace(/\.[a-z]+$/, '');
  const folder = folders.find((f) => existsSync(join(f, `${name}.truth.json`)));
  if (!folder) return undefined;
  const truth = JSON.parse(readFileSync(join(folder, `${name}.truth.json`), 'utf8')) as { cells?: Record<string, number | null>; figures?: Record<string, number | null> };
  return truth.figures ? truth.figures['applicationsReceived'] : truth.cells?.['t3.newReceived.total'];
}

describe.skipIf(chromiumMissing !== null)('a series across 2019 on the compare page', () => {
  let work: string;
  let data: CompareData;
  let agency: CompareAgency;
  let reports: CompareReport[];
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'govreport-series-page-'));
    const out = join(work, 'out');
    execFileSync('node', [cli, 'convert', ...folders, '-o', out], { stdio: 'pipe', env: { ...process.env, GOVREPORT_OCR: 'off' } });
    execFileSync('node', [cli, 'compare', out, '-o', join(work, 'report.html')], { stdio: 'pipe' });
    data = JSON.parse(execFileSync('node', [cli, 'compare', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()) as CompareData;
    const first = data.reports.find((r) => r.file.endsWith('pingtan-2011.html'))!;
    agency = data.agencies.find((a) => a.key === first.agencyKey)!;
    reports = agency.reports.map((id) => data.reports.find((r) => r.id === id)!);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`file://${join(work, 'report.html')}#agency/${encodeURIComponent(agency.key)}`);
    await page.waitForSelector('body[data-ready]');
    await page.waitForSelector('#chart-years canvas');
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('joins the zone government of 2011 to 2025 under its names, the break after 2018 (compare --json)', () => {
    const files = reports.map((r) => r.file.split('/').pop());
    for (const f of ['pingtan-2011.html', 'pingtan-2014.html', 'pingtan-2018.html', 'pingtan-2019.html', 'pingtan-2024.html', 'pingtan-2025.html']) expect(files).toContain(f);
    // Its departments (财政金融局, 公安局, 海坛片区管理局) are agencies of their own.
    expect(files.filter((f) => f!.startsWith('pingtan-') && !/^pingtan-\d{4}\./.test(f!))).toEqual([]);
    expect(new Set(reports.map((r) => r.agency))).toEqual(new Set(['平潭综合实验区', '平潭综合实验区管委会']));
    expect(agency.formatBreak).toEqual({ lastPre2019: 2018, first2019: 2019 });
    for (const r of reports) expect(r.figuresVia === 'crosswalk', r.file).toBe(r.year! < 2019);
  });

  it('draws applications received from 2011 to 2025, pre-2019 years as triangles, the break at 2019', async () => {
    const option = await page.evaluate(() => (window as unknown as { govreportCharts: Record<string, { getOption(): unknown }> }).govreportCharts['years']!.getOption());
    const { xAxis, series } = option as ChartOption;
    const years = xAxis[0]!.data;
    expect(years).toEqual([...new Set(reports.map((r) => String(r.year)))]);
    expect([years[0], years.at(-1)]).toEqual(['2011', '2025']);
    const received = series.find((s) => s.name === '新收申请')!;
    for (const [n, year] of years.entries()) {
      const report = reports.find((r) => String(r.year) === year)!;
      const point = received.data[n];
      const shown = typeof point === 'object' && point !== null ? point.value : point;
      expect(shown, year).toBe(report.figures.received);
      expect(typeof point === 'object' && point !== null && point.symbol === 'triangle', year).toBe(Number(year) < 2019);
    }
    expect(series.flatMap((s) => s.markLine?.data ?? []).map((d) => d.xAxis)).toEqual(['2019']);
    expect(consoleErrors).toEqual([]);
  });

  it("shows in the table each year's figure and where it comes from, the break row between 2018 and 2019, and the crosswalk", async () => {
    const rows = await page.$$eval('#agency-reports tbody tr', (trs) =>
      trs.map((tr) => ({ break: tr.classList.contains('series-break'), year: (tr as HTMLElement).dataset.year ?? '', text: tr.textContent ?? '', received: tr.querySelector('td.received')?.textContent ?? '' })),
    );
    const at = rows.findIndex((r) => r.break);
    expect(rows.filter((r) => r.break)).toHaveLength(1);
    expect([rows[at - 1]!.year, rows[at + 1]!.year]).toEqual(['2018', '2019']);
    expect(rows[at]!.text).toMatch(/2019 format break: 2018 → 2019/);
    for (const row of rows.filter((r) => !r.break)) {
      const report = reports.find((r) => String(r.year) === row.year)!;
      expect(row.received, row.year).toBe(report.figures.received === null ? '—' : String(report.figures.received));
      expect(row.text.includes('pre-2019, via crosswalk'), row.year).toBe(Number(row.year) < 2019);
    }
    const crosswalk = await page.$$eval('#crosswalk tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(crosswalk.find((r) => r[0] === 'pre2019.applicationsReceived')!.slice(1, 3)).toEqual(['新收申请', 't3.newReceived.total']);
    expect(crosswalk.find((r) => r[0] === 'pre2019.fees')![2]).toBe('(none)');
  });

  it("opens a pre-2019 year's figure in the viewer at the pre2019.* figure it is drawn from", async () => {
    const report = reports.find((r) => r.year === 2018)!;
    const index = data.reports.indexOf(report);
    await page.goto(`file://${join(work, 'report.html')}#view/${index}/figure/received`);
    await page.waitForSelector('#viewer .info-pane');
    const info = await page.textContent('#viewer .info-pane');
    expect(info).toContain('pre2019.applicationsReceived');
    expect(info).not.toContain('no such cell');
    expect(consoleErrors).toEqual([]);
  });

  it('shows the figures the truth files give, where they give one (2019+ always; pre-2019 once the statistics tables are read)', () => {
    // Before the pre-2019 statistics tables are read (the report's `statistics` field), the 2011 figure stands only in its table.
    const tablesRead = reports.some((r) => 'statistics' in JSON.parse(readFileSync(r.jsonPath, 'utf8')));
    const checked = reports.filter((r) => truthReceived(r) !== undefined && (tablesRead || r.year! >= 2019));
    expect(checked.length).toBeGreaterThanOrEqual(3);
    for (const r of checked) expect(r.figures.received, r.file).toBe(truthReceived(r));
  });
});

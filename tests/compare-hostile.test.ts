/**
 * The compare page shows text that came from the documents (agency, title,
 * a cell's raw text, problem messages that quote it, file names), and a
 * published report is not trusted input: markup in any of them must show
 * as text and never run. Reports whose fields carry script-bearing markup
 * are compared, and every view that shows them (overview, agency view with
 * its chart tooltips, cross-report problems, viewer) is opened in chromium.
 * Agencies that a spreadsheet would run as a formula must come out of the
 * CSV download as text. The hostile agency prints its 2022 report three
 * times (one copy alike, one with another 新收申请): one bar for it among its
 * peers, and the cross-report problems listed by severity.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareData } from '../src/compare/model.js';
import { repoRoot } from '../src/eval/truth.js';
import type { Report } from '../src/model/report.js';
import { convertedFile } from './helpers/converted.js';
import { parseCsv } from './helpers/csv.js';

const chromiumPath = '/usr/bin/chromium';
const chromiumMissing = existsSync(chromiumPath) ? null : `${chromiumPath} not found (apt-get install chromium)`;

/** Each payload sets a flag on window if it ever runs. */
const payloads = {
  agency: '<img src=x onerror="window.__pwned=\'agency\'">青山县人民政府',
  title: '</script><script>window.__pwned="title"</script>',
  raw: '<svg onload="window.__pwned=\'raw\'"></svg>',
  message: '「<img src=x onerror="window.__pwned=\'message\'">」',
};

/** Agencies (and a file name) a spreadsheet would take for formulas, each in a report of its own. */
const formulas = ['=HYPERLINK("http://x","y")', '+SUM(1)', '@cmd', '-1+2'];

describe.skipIf(chromiumMissing !== null)('compare page with markup in the reports', () => {
  const root = repoRoot();
  const cli = join(root, 'dist', 'src', 'cli.js');
  let work: string;
  let browser: Browser;
  let page: Page;
  let data: CompareData;
  const errors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'govreport-compare-hostile-'));
    const out = join(work, 'out');
    mkdirSync(out, { recursive: true });
    const report = await convertedFile(join(root, 'samples', 'html', 'clean-2021-utf8.html'));
    // Two years of one agency (an agency view with a chart and a carry-over check), each with hostile text.
    for (const year of [2022, 2023]) {
      const hostile = JSON.parse(JSON.stringify(report)) as Report;
      hostile.report = { ...hostile.report, agency: payloads.agency, title: payloads.title, year };
      hostile.source = { ...hostile.source, file: `${payloads.title}-${year}.html`, sha256: String(year % 10).repeat(64) };
      hostile.cells['t3.newReceived.natural'] = { ...hostile.cells['t3.newReceived.natural']!, raw: payloads.raw };
      hostile.cells['t3.carriedOver.natural'] = { ...hostile.cells['t3.carriedOver.natural']!, value: year, raw: String(year) };
      hostile.problems.push({ code: 'LOW_CONFIDENCE', severity: 'warning', message: payloads.message, cells: ['t3.newReceived.natural'] });
      writeFileSync(join(out, `r${year}.json`), JSON.stringify(hostile));
      if (year !== 2022) continue;
      // Versions of the 2022 report: a copy with the same cells (VERSION_DUPLICATE, info) and one with another 新收申请 (VERSION_DIFFERS, warning).
      writeFileSync(join(out, `r${year}b.json`), JSON.stringify({ ...hostile, source: { ...hostile.source, file: `copy-${year}.html`, sha256: 'b'.repeat(64) } }));
      const received = hostile.cells['t3.newReceived.total']!;
      const differing = { ...hostile, source: { ...hostile.source, file: `other-${year}.html`, sha256: 'c'.repeat(64) } };
      differing.cells = { ...hostile.cells, 't3.newReceived.total': { ...received, value: received.value! + 1000, raw: String(received.value! + 1000) } };
      writeFileSync(join(out, `r${year}c.json`), JSON.stringify(differing));
    }
    formulas.forEach((agency, n) => {
      const r = JSON.parse(JSON.stringify(report)) as Report;
      r.report = { ...r.report, agency, title: agency, year: 2021 };
      r.source = { ...r.source, file: `${formulas[3]}-${n}.html`, sha256: String(n).repeat(64) };
      writeFileSync(join(out, `z-formula-${n}.json`), JSON.stringify(r));
    });
    execFileSync('node', [cli, 'compare', out, '-o', join(work, 'report.html')], { stdio: 'pipe' });
    data = JSON.parse(execFileSync('node', [cli, 'compare', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()) as CompareData;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const open = async (hash: string) => {
    await page.goto(`file://${join(work, 'report.html')}${hash}`);
    await page.waitForSelector('body[data-ready]');
  };
  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null);

  it('shows the agency as text in the overview and runs none of it', async () => {
    await open('');
    await page.waitForSelector('table.overview tbody tr[data-report]');
    const cells = await page.$$eval('table.overview tbody tr[data-report] td:first-child', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(cells.some((t) => t.includes('<img src=x'))).toBe(true);
    expect(await page.$$('table.overview img, table.overview svg')).toHaveLength(0);
    expect(await pwned()).toBeNull();
  });

  it('runs nothing in the agency view, its chart tooltips or the cross-report problems', async () => {
    const key = data.reports[0]!.agencyKey!;
    await open(`#agency/${encodeURIComponent(key)}`);
    await page.waitForSelector('#chart-years canvas');
    // Show every chart's tooltip on its first point: ECharts draws tooltips as HTML.
    await page.evaluate(() => {
      const charts = (window as unknown as { govreportCharts: Record<string, { dispatchAction(a: object): void }> }).govreportCharts;
      for (const chart of Object.values(charts)) chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
    });
    expect(await page.$$('.echarts-tooltip img, div[style*="z-index"] img')).toHaveLength(0);
    await open('#problems');
    expect(await pwned()).toBeNull();
    expect(data.problems.length).toBeGreaterThan(0);
  });

  it('shows raw text and messages as text in the viewer', async () => {
    await open('#view/0/cell/t3.newReceived.natural');
    await page.waitForSelector('#viewer[data-ready]');
    const text = await page.textContent('#viewer');
    expect(text).toContain(payloads.raw);
    expect(text).toContain('<img src=x onerror=');
    expect(await page.$$('#viewer svg[onload], #viewer img[onerror]')).toHaveLength(0);
    expect(await pwned()).toBeNull();
    expect(errors).toEqual([]);
    // The page's own title element holds the title as text, not markup.
    expect(readFileSync(join(work, 'report.html'), 'utf8')).not.toContain('<script>window.__pwned');
  });
  it('guards agency names and file names that a spreadsheet would run as formulas in the CSV download', async () => {
    await open('');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-download')]);
    const [header, ...rows] = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
    const [agencyColumn, fileColumn] = [header!.indexOf('Agency 机关'), header!.indexOf('File')];
    expect(agencyColumn).toBeGreaterThan(0);
    expect(fileColumn).toBeGreaterThan(0);
    for (const [n, agency] of formulas.entries()) {
      const row = rows.find((r) => r[0] === `z-formula-${n}.json`)!;
      // The apostrophe makes a spreadsheet show the text; after it, the text as printed.
      expect(row[agencyColumn]).toBe(`'${agency}`);
      expect(row[fileColumn]).toBe(`'${formulas[3]}-${n}.html`);
    }
    // No field of the file starts a formula.
    expect(rows.flat().filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
  });

  it('lists the cross-report problems most severe first, then in the order found', async () => {
    const rank = { error: 0, warning: 1, info: 2 } as const;
    // The data holds an info before a warning, so the order shown is the page's doing.
    const infoFirst = data.problems.findIndex((p) => p.severity === 'info');
    expect(infoFirst).toBeGreaterThanOrEqual(0);
    expect(data.problems.slice(infoFirst).some((p) => p.severity === 'warning')).toBe(true);
    await open('#problems');
    const shown = await page.$$eval('table.problems tbody tr[data-problem]', (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.problem)));
    const expected = data.problems.map((p, n) => ({ p, n })).sort((a, b) => rank[a.p.severity] - rank[b.p.severity] || a.n - b.n).map(({ n }) => n);
    expect(shown).toEqual(expected);
  });

  it('draws one bar per agency among its peers, its first version by id, not one per version', async () => {
    const key = data.reports.find((r) => r.id === 'r2022.json')!.agencyKey!;
    await open(`#agency/${encodeURIComponent(key)}`);
    await page.selectOption('select[aria-label="peer year"]', '2022');
    const peers = () =>
      page.evaluate(() => {
        const option = (window as unknown as { govreportCharts: Record<string, { getOption(): { series: Array<{ data: Array<{ value: number }> }> } }> }).govreportCharts['peers']!.getOption();
        return option.series[0]!.data.map((d) => d.value);
      });
    await page.waitForFunction(() => (window as unknown as { govreportCharts: Record<string, unknown> }).govreportCharts['peers'] !== undefined);
    const versions = data.reports.filter((r) => r.agencyKey === key && r.year === 2022);
    expect(versions.map((r) => r.id)).toEqual(['r2022.json', 'r2022b.json', 'r2022c.json']);
    const peerAgencies = new Set(data.reports.filter((r) => r.level === versions[0]!.level && r.year === 2022 && r.figures.received !== null).map((r) => r.agencyKey));
    expect(await peers()).toHaveLength(peerAgencies.size);
    expect(await peers()).toContain(versions[0]!.figures.received);
    expect(await peers()).not.toContain(versions[2]!.figures.received);
  });
});

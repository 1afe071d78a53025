/**
 * The compare page shows text that came from the documents (agency, title,
 * a cell's raw text, problem messages that quote it, file names), and a
 * published report is not trusted input: markup in any of them must show
 * as text and never run. Reports whose fields carry script-bearing markup
 * are compared, and every view that shows them (overview, agency view with
 * its chart tooltips, cross-report problems, viewer) is opened in chromium.
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
import { convertFile } from '../src/pipeline.js';

const chromiumPath = '/usr/bin/chromium';
const chromiumMissing = existsSync(chromiumPath) ? null : `${chromiumPath} not found (apt-get install chromium)`;

/** Each payload sets a flag on window if it ever runs. */
const payloads = {
  agency: '<img src=x onerror="window.__pwned=\'agency\'">青山县人民政府',
  title: '</script><script>window.__pwned="title"</script>',
  raw: '<svg onload="window.__pwned=\'raw\'"></svg>',
  message: '「<img src=x onerror="window.__pwned=\'message\'">」',
};

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
    const report = await convertFile(join(root, 'samples', 'html', 'clean-2021-utf8.html'));
    // Two years of one agency (an agency view with a chart and a carry-over check), each with hostile text.
    for (const year of [2022, 2023]) {
      const hostile = JSON.parse(JSON.stringify(report)) as Report;
      hostile.report = { ...hostile.report, agency: payloads.agency, title: payloads.title, year };
      hostile.source = { ...hostile.source, file: `${payloads.title}-${year}.html`, sha256: String(year % 10).repeat(64) };
      hostile.cells['t3.newReceived.natural'] = { ...hostile.cells['t3.newReceived.natural']!, raw: payloads.raw };
      hostile.cells['t3.carriedOver.natural'] = { ...hostile.cells['t3.carriedOver.natural']!, value: year, raw: String(year) };
      hostile.problems.push({ code: 'LOW_CONFIDENCE', severity: 'warning', message: payloads.message, cells: ['t3.newReceived.natural'] });
      writeFileSync(join(out, `r${year}.json`), JSON.stringify(hostile));
    }
    execFileSync('node', [cli, 'compare', out, '-o', join(work, 'report.html')], { stdio: 'pipe' });
    data = JSON.parse(execFileSync('node', [cli, 'compare', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()) as CompareData;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
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
});

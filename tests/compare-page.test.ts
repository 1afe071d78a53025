/**
 * The compare page in a real browser (Debian's chromium via playwright-core),
 * on a compare of real samples converted here: loads without console errors,
 * sorts, filters, draws an agency's chart with data, opens the viewer at the
 * cell a problem names (the box checked against the cell's bbox mapped by
 * pdf.js itself), downloads the rows shown as CSV, and says so when a
 * source file is gone.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdf } from '../extractors/pdf/load.js';
import { repoRoot } from '../src/eval/truth.js';
import type { CompareData } from '../src/compare/model.js';
import type { Report } from '../src/model/report.js';

const chromiumPath = '/usr/bin/chromium';
const chromiumMissing = existsSync(chromiumPath) ? null : `${chromiumPath} not found (apt-get install chromium)`;
if (chromiumMissing) console.warn(`govreport tests: compare page tests skipped: ${chromiumMissing}`);

const root = repoRoot();
const shared = join(root, '..', 'shared', 'samples');
/** PDF, HTML, text and Word reports; one agency over two years and two formats (平潭); a PDF whose problems name cells. */
const samples = [
  join(shared, 'real', 'huaian-2024.pdf'),
  join(shared, 'real', 'hongze-2023.pdf'),
  join(shared, 'real', 'pingtan-2024.html'),
  join(shared, 'real', 'shuyang-fgj-2023.html'),
  join(shared, 'text', 'pingtan-2023.txt'),
  join(shared, 'text', 'pingtan-2024.txt'),
  join(root, 'samples', 'pdf', 'lo-inconsistent.pdf'),
];
/** Converted from a copy that is deleted before the compare: its viewer must say the source is missing. */
const vanishing = join(root, 'samples', 'docx', 'lo-clean-2021.docx');
/** Converted from a copy whose bytes change before the compare: its viewer must not show the new file as the source. */
const changing = join(root, 'samples', 'html', 'clean-2021-utf8.html');
/** The samples, the vanished copy and the changed copy. */
const reportCount = samples.length + 2;

const cli = join(root, 'dist', 'src', 'cli.js');
let work: string;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

async function openPage(hash = ''): Promise<void> {
  await page.goto(`file://${join(work, 'report.html')}${hash}`);
  await page.waitForSelector('body[data-ready]');
}

const overviewRows = () => page.$$eval('table.overview tbody tr[data-report]', (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.report)));
const columnValues = (column: string) =>
  page.$$eval(
    `table.overview tbody tr[data-report] td:nth-child(${column})`,
    (tds) => tds.map((td) => td.textContent ?? ''),
  );
const statusText = () => page.textContent('#overview-status');
/** The overview column's place (1-based, for :nth-child) by its id. */
const columnNumber = async (id: string) => String((await page.$$eval('table.overview th', (ths) => ths.map((th) => (th as HTMLElement).dataset.column))).indexOf(id) + 1);

describe.skipIf(chromiumMissing !== null)('compare page in chromium', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'govreport-compare-page-'));
    const gone = join(work, 'gone');
    execFileSync('mkdir', ['-p', gone]);
    copyFileSync(vanishing, join(gone, 'vanished.docx'));
    copyFileSync(changing, join(work, 'changed.html'));
    execFileSync('node', [cli, 'convert', ...samples, join(gone, 'vanished.docx'), join(work, 'changed.html'), '-o', join(work, 'out'), '--concurrency', '1'], { stdio: 'pipe' });
    rmSync(gone, { recursive: true });
    appendFileSync(join(work, 'changed.html'), '<!-- edited after conversion -->\n');
    execFileSync('node', [cli, 'compare', join(work, 'out'), '-o', join(work, 'report.html')], { stdio: 'pipe' });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  let compareData: CompareData | undefined;
  /** The CompareData the page was made from, as `compare --json` prints it. */
  const data = (): CompareData => (compareData ??= JSON.parse(execFileSync('node', [cli, 'compare', join(work, 'out'), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()));

  it('loads from file:// with every report and no console error', async () => {
    await openPage();
    expect(await statusText()).toBe(`${reportCount} of ${reportCount} reports`);
    expect(consoleErrors).toEqual([]);
  });

  it('sorts by a column, both ways, and filters by year', async () => {
    await openPage();
    const before = await overviewRows();
    const receivedColumn = await columnNumber('received');
    const numbers = (texts: string[]) => texts.filter((t) => t !== '—').map((t) => Number(t.replace(/,/g, '')));
    await page.click('th[data-column=received]');
    await page.waitForSelector('th[data-column=received][aria-sort=descending]');
    const descending = numbers(await columnValues(receivedColumn));
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(await overviewRows()).not.toEqual(before);
    await page.click('th[data-column=received]');
    await page.waitForSelector('th[data-column=received][aria-sort=ascending]');
    const ascending = numbers(await columnValues(receivedColumn));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await page.selectOption('select[name=year]', '2024');
    const years = await columnValues(await columnNumber('year'));
    const expected = data().reports.filter((r) => r.year === 2024).length;
    expect(years).toHaveLength(expected);
    expect(new Set(years)).toEqual(new Set(['2024']));
    expect(await statusText()).toBe(`${expected} of ${reportCount} reports`);
  });

  it("draws an agency's figures year over year with data", async () => {
    const pingtan = data().reports.find((r) => r.file.endsWith('pingtan-2024.html'))!;
    await openPage(`#agency/${encodeURIComponent(pingtan.agencyKey!)}`);
    await page.waitForSelector('#chart-years canvas');
    const option = await page.evaluate(() => {
      const chart = (window as unknown as { govreportCharts: Record<string, { getOption(): { xAxis: Array<{ data: string[] }>; series: Array<{ name: string; data: Array<number | null> }> } }> }).govreportCharts['years']!;
      return chart.getOption();
    });
    expect(option.xAxis[0]!.data).toEqual(['2023', '2024']);
    const received = option.series.find((s) => s.name === '新收申请')!;
    expect(received.data[1]).toBe(pingtan.figures['received']);
    expect(option.series.some((s) => s.data.some((v) => typeof v === 'number'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it("opens the viewer from a problem with the cell's box where pdf.js puts its bbox", async () => {
    const target = data().reports.findIndex((r) => r.file.endsWith('lo-inconsistent.pdf'));
    const report = JSON.parse(readFileSync(data().reports[target]!.jsonPath, 'utf8')) as Report;
    const n = report.problems.findIndex((p) => p.code === 'T4_TOTAL');
    const cell = report.cells[report.problems[n]!.cells![0]!]!;
    await openPage(`#view/${target}`);
    await page.waitForSelector('#viewer[data-ready]');
    await page.click(`.report-lists a.problem-link[href$="/problem/${n}"]`);
    await page.waitForSelector(`#viewer[data-ready] .info-pane .cell-info[data-key="${report.problems[n]!.cells![0]}"]`);
    const { box, image } = await page.evaluate(() => {
      const rect = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      };
      return { box: rect(document.querySelector('.page .highlight.primary')!), image: rect(document.querySelector('.page img')!) };
    });

    // The independent witness: pdf.js's own viewport of that page maps the bbox (PDF points, y up) to the top-left origin.
    const pdf = await openPdf(new Uint8Array(readFileSync(join(root, 'samples', 'pdf', 'lo-inconsistent.pdf')))).promise;
    const viewport = (await pdf.getPage(cell.source!.page!)).getViewport({ scale: 1 });
    const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(cell.source!.bbox!);
    await pdf.destroy();
    const scale = image.width / viewport.width;
    const tolerance = 1.5; // px: rounding of the PNG's size and of the box
    expect(Math.abs(box.x - image.x - Math.min(x0, x1) * scale)).toBeLessThan(tolerance);
    expect(Math.abs(box.y - image.y - Math.min(y0, y1) * scale)).toBeLessThan(tolerance);
    expect(Math.abs(box.width - Math.abs(x1 - x0) * scale)).toBeLessThan(tolerance);
    expect(Math.abs(box.height - Math.abs(y1 - y0) * scale)).toBeLessThan(tolerance);
    expect(await page.textContent('.info-pane .problem-head')).toContain('T4_TOTAL');
    expect(consoleErrors).toEqual([]);
  });

  it('downloads the rows shown as CSV', async () => {
    await openPage();
    await page.selectOption('select[name=year]', '2024');
    await page.click('th[data-column=agency]');
    await page.waitForSelector('th[data-column=agency][aria-sort=ascending]');
    const shown = await overviewRows();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-download')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const ids = data().reports.map((r) => r.id);
    expect(csv[0]!.split(',').slice(0, 3)).toEqual(['id', 'Agency 机关', 'File']);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(shown.map((i) => ids[i]));
    expect(shown.length).toBeGreaterThan(0);
  });

  it('says in the viewer when the source file is gone', async () => {
    const gone = data().reports.findIndex((r) => r.file.endsWith('vanished.docx'));
    await openPage(`#view/${gone}/figure/received`);
    await page.waitForSelector('#viewer[data-ready]');
    expect(await page.textContent('#source-note')).toContain('was not found');
    // The grid is still drawn, from the report's own cells.
    expect(await page.$$('table.grid td.highlight.primary')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });

  it('says in the viewer when the file found is not the one converted', async () => {
    const changed = data().reports.findIndex((r) => r.file.endsWith('changed.html'));
    expect(changed).toBeGreaterThanOrEqual(0);
    await openPage(`#view/${changed}/figure/received`);
    await page.waitForSelector('#viewer[data-ready]');
    expect(await page.textContent('#source-note')).toContain('is not the one converted');
    expect(await page.$$('table.grid td.highlight.primary')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });
  it("shows each report's source file name as text, and sorts by it", async () => {
    await openPage();
    const fileColumn = await columnNumber('file');
    expect(fileColumn).not.toBe('0');
    // 平潭's 2024 report as an HTML page and as a text export: alike but for the file.
    await page.fill('input[name=agency]', '平潭');
    const files = await columnValues(fileColumn);
    expect(files).toEqual((await overviewRows()).map((i) => basename(data().reports[i]!.file)));
    expect(files).toEqual(expect.arrayContaining(['pingtan-2024.html', 'pingtan-2024.txt']));
    expect(await page.$$(`table.overview tbody tr[data-report] td:nth-child(${fileColumn}) *`)).toHaveLength(0);
    await page.fill('input[name=agency]', '');
    await page.click('th[data-column=file]');
    await page.waitForSelector('th[data-column=file][aria-sort=ascending]');
    const sorted = await columnValues(fileColumn);
    expect(sorted).toEqual(data().reports.map((r) => basename(r.file)).sort(new Intl.Collator('zh-CN').compare));
  });

  it('shows the errors and warnings columns at 1400 px without scrolling sideways', async () => {
    expect(page.viewportSize()!.width).toBe(1400);
    await openPage();
    const { view, columns, scrollLeft } = await page.evaluate(() => {
      const scroller = document.querySelector('.table-scroll')!;
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, width: r.width };
      };
      return {
        view: { left: Math.max(0, box(scroller).left), right: Math.min(window.innerWidth, scroller.getBoundingClientRect().left + scroller.clientWidth) },
        columns: ['errors', 'warnings'].map((id) => box(document.querySelector(`table.overview th[data-column=${id}]`)!)),
        scrollLeft: scroller.scrollLeft,
      };
    });
    expect(scrollLeft).toBe(0);
    for (const column of columns) {
      expect(column.width).toBeGreaterThan(0);
      expect(column.left).toBeGreaterThanOrEqual(view.left);
      expect(column.right).toBeLessThanOrEqual(view.right);
    }
  });

  it.each(['#problems', '#agency'])('opened at report.html%s, shows the view from its top', async (hash) => {
    // Short enough that any view is taller than the window: a page scrolled by the browser would show it.
    await page.setViewportSize({ width: 1400, height: 200 });
    try {
      // A new load, not a change of hash within the page already open: the browser scrolls to a fragment's element on load.
      await page.goto('about:blank');
      await openPage(hash);
      const state = await page.evaluate(() => ({
        scrollY: window.scrollY,
        headerTop: document.querySelector('header')!.getBoundingClientRect().top,
        scrollable: document.documentElement.scrollHeight > window.innerHeight,
        content: document.querySelector('#main')!.textContent!.trim().length,
      }));
      expect(state.scrollable).toBe(true);
      expect(state.content).toBeGreaterThan(0);
      expect(state.scrollY).toBe(0);
      expect(state.headerTop).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('draws legend labels that do not overlap, where Chinese pages get another sans-serif font', async () => {
    // As on a machine with CJK fonts: the page (lang zh-CN) gets another "sans-serif" than a canvas outside it.
    const profile = join(work, 'profile-cjk-sans');
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { fonts: { sansserif: { Hans: 'DejaVu Sans Mono' } } } } }));
    const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: ['--no-sandbox'], viewport: { width: 1400, height: 900 } });
    try {
      const cjkPage = await context.newPage();
      const pingtan = data().reports.find((r) => r.file.endsWith('pingtan-2024.html'))!;
      await cjkPage.goto(`file://${join(work, 'report.html')}#agency/${encodeURIComponent(pingtan.agencyKey!)}`);
      await cjkPage.waitForSelector('#chart-problems canvas');
      const { widths, items } = await cjkPage.evaluate(() => {
        type Box = { x: number; y: number; width: number; height: number };
        type Element = { type: string; parent: Element | null; style: { text?: string; font?: string }; transform?: number[]; getBoundingRect(): Box; childrenRef?(): Element[] };
        type Chart = { getDom(): HTMLElement; getOption(): { series: Array<{ name: string }> }; getZr(): { storage: { getDisplayList(update: boolean): Element[] } } };
        const charts = (window as unknown as { govreportCharts: Record<string, Chart> }).govreportCharts;
        const text = 'reports with the problem';
        const inPage = document.querySelector('#chart-problems canvas') as HTMLCanvasElement;
        const measure = (canvas: HTMLCanvasElement, font: string, t: string) => {
          const ctx = canvas.getContext('2d')!;
          ctx.font = font;
          return ctx.measureText(t).width;
        };
        const global = (e: Element, r: Box): Box => {
          const m = e.transform ?? [1, 0, 0, 1, 0, 0];
          return { x: m[0]! * r.x + m[4]!, y: m[3]! * r.y + m[5]!, width: m[0]! * r.width, height: m[3]! * r.height };
        };
        const items: Record<string, Array<{ name: string; boxes: Box[] }>> = {};
        for (const [name, chart] of Object.entries(charts)) {
          const names = new Set(chart.getOption().series.map((s) => s.name));
          const canvas = chart.getDom().querySelector('canvas')!;
          // A legend item: its group holds the icon (a path) and the label (a text drawn as tspans).
          items[name] = chart.getZr().storage.getDisplayList(true)
            .filter((e) => e.type === 'tspan' && names.has(e.style.text!) && e.parent?.parent?.childrenRef?.().some((c) => c.type === 'path'))
            .map((tspan) => {
              const measured = tspan.getBoundingRect();
              // The label's box as drawn: the width the page's own canvas gives its font, not the one ECharts laid it out by.
              const label = global(tspan, { ...measured, width: measure(canvas, tspan.style.font!, tspan.style.text!) });
              const icons = tspan.parent!.parent!.childrenRef!().filter((c) => c.type === 'path').map((c) => global(c, c.getBoundingRect()));
              return { name: tspan.style.text!, boxes: [label, ...icons] };
            });
        }
        const outside = document.createElement('canvas');
        return { widths: [measure(inPage, '12px sans-serif', text), measure(outside, '12px sans-serif', text)], items };
      });
      // The setting bites: the same text is wider in the page than outside it (else this test could not fail).
      expect(widths[0]).toBeGreaterThan(widths[1]! + 5);
      expect(items['problems']!.map((i) => i.name)).toEqual(['reports with the problem', 'cross-report problems']);
      const intersect = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      for (const [chartName, legend] of Object.entries(items)) {
        for (const [n, a] of legend.entries()) {
          for (const b of legend.slice(n + 1)) {
            const overlaps = a.boxes.some((x) => b.boxes.some((y) => intersect(x, y)));
            expect(overlaps, `${chartName}: legend items ${a.name} and ${b.name} overlap`).toBe(false);
          }
        }
      }
    } finally {
      await context.close();
    }
  });
});

/**
 * The screenshots of docs/compare-page.md, taken in chromium from a page
 * that `govreport compare` wrote: the overview sorted by applications
 * received, the agency with the longest series of figures, and the viewer on
 * a PDF problem with its cell's box.
 *
 *   npx tsc -p . && node dist/scripts/compare-screenshots.js <report.html> [docs folder]
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';

const viewport = { width: 1400, height: 900 };

async function open(page: Page, htmlFile: string, hash: string): Promise<void> {
  await page.goto(`file://${htmlFile}${hash}`);
  await page.waitForSelector('body[data-ready]');
}

/** The agency whose reports give the most years with a number of applications received. */
async function longestSeries(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = JSON.parse(document.getElementById('compare-data')!.textContent!) as { reports: Array<{ agencyKey: string | null; year: number | null; figures: { received: number | null } }> };
    const years = new Map<string, Set<number>>();
    for (const r of data.reports) {
      if (!r.agencyKey || r.year === null || r.figures.received === null) continue;
      years.set(r.agencyKey, (years.get(r.agencyKey) ?? new Set()).add(r.year));
    }
    return [...years].sort((a, b) => b[1].size - a[1].size)[0]![0];
  });
}

/** Report indexes of PDFs with an error, in page order: candidates for the viewer's picture. */
async function pdfsWithErrors(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const data = JSON.parse(document.getElementById('compare-data')!.textContent!) as { reports: Array<{ format: string; problemCounts: { error: number } }> };
    return data.reports.flatMap((r, i) => (r.format === 'pdf' && r.problemCounts.error > 0 ? [i] : []));
  });
}

async function main(): Promise<void> {
  const [htmlArg, docsArg] = process.argv.slice(2);
  if (!htmlArg) throw new Error('usage: node dist/scripts/compare-screenshots.js <report.html> [docs folder]');
  const htmlFile = resolve(htmlArg);
  const docs = resolve(docsArg ?? 'docs');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport });
    await open(page, htmlFile, '#overview');
    await page.click('th[data-column=received]');
    await page.screenshot({ path: `${docs}/compare-overview.png` });

    const agency = await longestSeries(page);
    await open(page, htmlFile, `#agency/${encodeURIComponent(agency)}`);
    await page.waitForSelector('#chart-years canvas');
    await page.screenshot({ path: `${docs}/compare-agency.png`, fullPage: true });

    for (const i of await pdfsWithErrors(page)) {
      for (let n = 0; n < 5; n++) {
        await open(page, htmlFile, `#view/${i}/problem/${n}`);
        await page.waitForSelector('#viewer[data-ready]');
        // A problem that names cells: the picture shows the box and the cells' values beside it.
        if (!(await page.$('.page .highlight.primary')) || !(await page.$('.info-pane .cell-info'))) continue;
        await page.screenshot({ path: `${docs}/compare-viewer.png` });
        process.stdout.write(`screenshots in ${docs}: overview, agency ${agency}, viewer #view/${i}/problem/${n}\n`);
        return;
      }
    }
    throw new Error('no PDF problem with a cell box to show in the viewer');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`compare-screenshots: ${(error as Error).message}\n`);
  process.exitCode = 1;
});

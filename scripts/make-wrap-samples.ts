/**
 * make-wrap-samples — a report whose numbers wrap inside narrow value
 * columns (「2,748」 printed as 「2,74」 over 「8」, 「12.08」 as 「12.0」 over
 * 「8」), as a text-layer PDF and as scans of it.
 *
 * Run: npm run samples:wrap (needs Debian's chromium at /usr/bin/chromium and
 * a CJK font fontconfig finds, e.g. fonts-wqy-zenhei installed, or its .deb
 * unpacked and named in a FONTCONFIG_FILE; CI does not run it: the outputs
 * are committed; the values are deterministic, the PDF bytes are not).
 *
 * The page is a synthetic report of make-html-samples (seeded values, totals
 * computed, so every rule holds) with a few four-digit counts planted and
 * every value of 1,000 or more printed with a thousands separator. Every
 * value cell is 2 em wide with `word-break: break-all`: four characters fit
 * (「2,74」, 「317」), five do not and wrap (tests/ocr-wrap.test.ts asserts
 * which cells wrapped, from the text layer's line positions). Chromium prints
 * it to PDF (samples/wrap/narrow-numbers.pdf); its table pages are then
 * scanned in code as scripts/scan-variants.ts does (pdf.js + canvas, JPEG)
 * at 150, 200 and 300 dpi. Truths: the HTML sample's truth (what the page
 * prints); the scans' add NO_TEXT_LAYER and, as their title page is not
 * scanned, what scan-variants' truths add.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Sample } from './make-html-samples.js';
import { base2021, build } from './make-html-samples.js';
import type { Variant } from './scan-variants.js';
import { scanPages, scanPdf } from './scan-variants.js';

const sample: Sample = {
  ...base2021,
  name: 'narrow-numbers',
  agency: '松溪县人民政府',
  site: '松溪县人民政府',
  year: 2023,
  size: 20,
  makesRules: false,
  chrome: 'bare',
  headingStyle: 'p-strong',
  titleStyle: 'p-center',
  cellWrap: 'plain',
  // Four-digit counts (their totals are larger still) and a fee with two decimals.
  overrides: { 't3.granted.natural': 2748, 't3.unableNotHeld.natural': 1065, 't3.otherAll.commercial': 1150, 't2.license.decisions': 1208, 't2.fees.amount': 12.08 },
  customize: (printed) => {
    for (const cell of Object.values(printed)) {
      if (cell.value !== null && cell.value >= 1000) cell.text = cell.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
      if (cell.value !== null) cell.text = `<span class="n">${cell.text}</span>`;
    }
  },
  address: '',
  notes: [
    'Every value cell is 2 em wide (word-break: break-all): values of five characters or more wrap onto a second line inside their cell (「2,748」 as 「2,74」 over 「8」, 「12.08」 as 「12.0」 over 「8」); values of 1,000 or more carry a thousands separator.',
  ],
};

/** Value cells as narrow as four characters; text 10.5 pt. */
const style = `<style>
body { font-size: 14px; font-family: "WenQuanYi Zen Hei", "Noto Serif CJK SC", serif; }
td:has(> span.n) { width: 2.1em; max-width: 2.1em; word-break: break-all; text-align: center; }
</style>`;

const variants: Variant[] = [150, 200, 300].map((dpi) => ({ name: `narrow-numbers-scan-${dpi}`, imitates: `JPEG scan at ${dpi} dpi of values wrapped by a narrow column`, scanDpi: dpi, page: { declaredPpi: dpi }, quality: 80 }));

async function main() {
  const cjk = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
  if (cjk === '') throw new Error('make-wrap-samples: no CJK font for chromium (apt-get install fonts-wqy-zenhei, or point FONTCONFIG_FILE at a config that has one)');
  const out = join(process.cwd(), 'samples', 'wrap');
  mkdirSync(out, { recursive: true });
  const { html, truth } = build(sample);
  const page = new TextDecoder().decode(html).replace('</head>', `${style}\n</head>`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  let pdf: Uint8Array;
  try {
    const tab = await browser.newPage();
    await tab.setContent(page);
    pdf = await tab.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' } });
  } finally {
    await browser.close();
  }
  const base = JSON.parse(truth) as Record<string, unknown>;
  const notes = [...(base['notes'] as string[]), 'HTML rendered by scripts/make-wrap-samples.ts and printed to PDF by chromium.'];
  writeFileSync(join(out, 'narrow-numbers.pdf'), pdf);
  writeFileSync(join(out, 'narrow-numbers.truth.json'), `${JSON.stringify({ ...base, file: 'narrow-numbers.pdf', source: { generator: 'scripts/make-wrap-samples.ts' }, notes }, null, 1)}\n`);
  const pages = await allPages(pdf);
  for (const variant of variants) {
    writeFileSync(join(out, `${variant.name}.pdf`), scanPdf(await scanPages(pdf, pages, variant), variant));
    const expectOtherProblems = [...(base['expectOtherProblems'] as string[]), 'NO_TEXT_LAYER'];
    writeFileSync(
      join(out, `${variant.name}.truth.json`),
      `${JSON.stringify({ ...base, file: `${variant.name}.pdf`, kind: 'scan', expectOtherProblems, source: { generator: 'scripts/make-wrap-samples.ts' }, notes: [...notes, `narrow-numbers.pdf scanned: ${JSON.stringify(variant)}`] }, null, 1)}\n`,
    );
    process.stdout.write(`${variant.name}.pdf\n`);
  }
}

async function allPages(pdf: Uint8Array): Promise<number[]> {
  const { openPdf } = await import('../extractors/pdf/load.js');
  const task = openPdf(pdf);
  try {
    const doc = await task.promise;
    return Array.from({ length: doc.numPages }, (_, i) => i + 1);
  } finally {
    await task.destroy();
  }
}

if (process.argv[1]?.endsWith('make-wrap-samples.js')) await main();

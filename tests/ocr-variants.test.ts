/**
 * Scans the OCR reader was not tuned on, built here in memory from a text
 * sample (scripts/scan-variants.ts).
 *
 * Densities: the same pages at 120–300 dpi, in PDFs that declare 50, 72, 96,
 * 150, 200 or 300 ppi or fit the scan onto A4 with margins, some askew, one
 * strongly compressed. The reader must take its scale from the characters,
 * not the page box: Table 3 right but for at most one misread, every wrong
 * cell flagged on its own, doubt on at most 5 % of the right cells, no other
 * error or warning.
 *
 * Archives (issue 21): one table page per variant (two for two-up), as
 * archives hold them: bilevel G4 at 100–300 dpi, photocopy borders and punch
 * holes, turned 90° and 180°, 3° and 5° askew, two pages on one sheet, a
 * phone photo, salt-and-pepper, faint print, JPEG quality 20. Each must be
 * read with no silent error (a wrong value no problem names) and be exact on
 * 99 % of its cells or flag every wrong one, its tables found.
 *
 * `npm test` reads one variant of each kind (declared-72, photocopy); the
 * others run in the full OCR tier (npm run test:ocr-full, tests/helpers/tiers.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveVariants, densityVariants, pagesTruth, scanPages, scanPdf, variantPages, variantProblems, variantSource } from '../scripts/scan-variants.js';
import { scoreReport } from '../src/eval/score.js';
import type { Truth } from '../src/eval/truth.js';
import { repoRoot } from '../src/eval/truth.js';
import { convertBytes } from '../src/pipeline.js';
import { ocrMissing } from './helpers/ocr.js';
import { inTier } from './helpers/tiers.js';

const source = readFileSync(join(repoRoot(), variantSource.pdf));
/** A hang guard: OCR of three pages took 4 min on 2 cores at a load average of 35 (15–60 s on a quiet machine). */
const ocrTimeout = 900_000;
const truth = JSON.parse(readFileSync(join(repoRoot(), variantSource.truth), 'utf8')) as Truth;

/**
 * False alarms known and not yet fixed, each to be removed when fixed. declared-300: since the OCR
 * wrapped-number join (issue 21 point 3) merged with the rest, the last line of a label continued at
 * the top of page 3 (「政机关不再处理其政府信息公开申请」) reads as 「7」, and its row is a row of numbers
 * without a label (CELL_MISSING); every cell is still right.
 */
const knownFalseAlarms: Record<string, string[]> = {
  'declared-300': ['CELL_MISSING: Table 3: a row with numbers has no label; its values are not placed'],
};

describe.skipIf(ocrMissing !== null)('scans of any page size and density', () => {
  // A 200 dpi scan in a PDF that says 72 ppi: the page box lies most about the scale.
  it.each(inTier(densityVariants, (v) => v.name, ['declared-72']).map((v) => [v.name, v] as const))('%s', async (_, variant) => {
    const pdf = scanPdf(await scanPages(source, variantSource.pages, variant), variant);
    const report = await convertBytes(pdf, `${variant.name}.pdf`);
    expect(report.source.reader).toBe('pdf-ocr');
    expect(report.source.pageReads).toEqual(['ocr', 'ocr', 'ocr']);
    // As scripts/scan-variants.ts writes their truth for the eval: the table pages only, scanned.
    const score = scoreReport(report, { ...truth, year: undefined, agency: undefined, expectOtherProblems: variantProblems } as Truth);
    const t3 = Object.keys(truth.cells).filter((k) => k.startsWith('t3.'));
    const wrongT3 = score.wrong.filter((w) => w.key.startsWith('t3.'));
    // At most one misread (a lone 1 of 11 lost in one variant when this was written), and every misread flagged on its own cell.
    expect(wrongT3.length, JSON.stringify(wrongT3)).toBeLessThanOrEqual(1);
    expect(t3.length).toBe(175);
    expect(score.silent).toEqual([]);
    expect(score.falseAlarms.filter((a) => !(knownFalseAlarms[variant.name] ?? []).includes(a))).toEqual([]);
    // SECTION_MISSING is expected for section 1 only (its page is not scanned): every other section is found.
    expect(report.sections.map((s) => s.id)).toEqual(['activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters']);
    expect(score.wrongFlagged).toBe(score.wrong.length);
    expect(score.rightFlagged / score.exact).toBeLessThanOrEqual(0.05);
    // Provenance is on the page as printed: inside the page box the PDF declares.
    const cell = report.cells['t3.granted.natural']!;
    expect(cell.source?.page).toBe(1);
    const [x0, y0, x1, y1] = cell.source!.bbox!;
    const pageHeight = 'declaredPpi' in variant.page ? (842 * variant.scanDpi) / variant.page.declaredPpi : 842;
    expect(Math.min(x0, y0, x1, y1)).toBeGreaterThanOrEqual(0);
    expect(Math.max(y0, y1)).toBeLessThanOrEqual(pageHeight);
    expect(x1 - x0).toBeGreaterThan(0);
  }, ocrTimeout);
});

/**
 * Archive variants the reader does not read yet (figures when this was written in README, "Scan variants").
 * They cost OCR time for no protection, so `npm test` skips them; with GOVREPORT_TEST_KNOWN_FAILING=1 they
 * run and are expected to fail: when the reader learns one, its test fails until its name is taken out.
 */
export const knownFailing: string[] = ['bilevel-100', 'bilevel-150', 'bilevel-200', 'bilevel-300', 'phone-photo'];

/** The truth of each set of pages, read once from the source's text layer. */
const truths = new Map<string, Promise<Truth>>();
const truthOf = (pages: number[]) => {
  const key = pages.join(',');
  if (!truths.has(key)) truths.set(key, pagesTruth(source, truth, pages));
  return truths.get(key)!;
};

describe.skipIf(ocrMissing !== null)('scans as archives hold them', () => {
  const runKnownFailing = process.env['GOVREPORT_TEST_KNOWN_FAILING'] === '1';
  // Borders and punch holes stand for the archive's damage; the other variants in the full tier.
  const variants = inTier(archiveVariants, (v) => v.name, ['photocopy']);
  it.each(variants.filter((v) => runKnownFailing || !knownFailing.includes(v.name)).map((v) => [v.name, v] as const))('%s', async (name, variant) => {
    const run = async () => {
      const pages = variantPages(variant);
      const pdf = scanPdf(await scanPages(source, pages, variant), variant);
      const report = await convertBytes(pdf, `${name}.pdf`);
      const pageTruth = await truthOf(pages);
      const score = scoreReport(report, pageTruth);
      const wrong = JSON.stringify(score.wrong.slice(0, 12));
      expect(report.source.reader).toBe('pdf-ocr');
      // The tables on the scanned pages are found.
      const missing = report.problems.filter((p) => p.code === 'TABLE_MISSING').flatMap((p) => p.cells ?? []);
      expect(missing.filter((k) => k in pageTruth.cells), wrong).toEqual([]);
      expect(score.silent, wrong).toEqual([]);
      if (score.exact / score.cells < 0.99) expect(score.wrongFlagged, wrong).toBe(score.wrong.length);
    };
    if (knownFailing.includes(name)) await expect(run()).rejects.toThrow();
    else await run();
  }, ocrTimeout);
});

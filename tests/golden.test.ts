/**
 * Golden tests: every sample with a truth file (samples/ and the real reports
 * in ../shared/samples) converts to exactly the values its source prints,
 * with no wrong cell left unflagged, the expected problems reported and no
 * error or warning the truth does not expect (scoreReport's falseAlarms), and
 * an output that conforms to the published schema.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listsFigures } from '../src/eval/pre2019.js';
import { scoreReport } from '../src/eval/score.js';
import { devsetFolder, findSamples, isScanSample, repoRoot, sampleFolders } from '../src/eval/truth.js';
import { convertedFile } from './helpers/converted.js';
import { schemaErrors } from './helpers/schema.js';

/** Formats whose reader is built; samples of other formats wait for theirs. */
const readable = /\.(html?|shtml|pdf|docx|docm|doc)$/i;
/** Scans are read by OCR, which is not exact yet: tests/ocr.test.ts holds them to no silent error and a floor. */
const isScan = (path: string) => path.includes('/scan/');
const devset = devsetFolder();
/** Ours, the real reports, and the development set's text-layer documents (HTML, DOCX, LibreOffice and Chromium PDFs). */
/** Pre-2019 truths list figures, not cells: tests/pre2019-formats.test.ts holds those samples to them. */
const samples = findSamples([...sampleFolders(), ...(devset ? [devset] : [])]).filter((s) => readable.test(s.input) && !isScan(s.input) && !isScanSample(s) && !listsFigures(s.truth));

describe('golden samples', () => {
  it('include the real HTML reports', () => {
    expect(samples.map((s) => s.truth.file)).toEqual(expect.arrayContaining(['pingtan-2024.html', 'shuyang-fgj-2023.html']));
  });

  it.each(samples.map((s) => [relative(repoRoot(), s.input), s] as const))('%s', async (_, sample) => {
    const report = await convertedFile(sample.input);
    expect(schemaErrors(report)).toEqual([]);
    const score = scoreReport(report, sample.truth);
    expect(score.wrong).toEqual([]);
    expect(score.silent).toEqual([]);
    expect(score.expectedFound.sort()).toEqual([...score.expected].sort());
    expect(score.falseAlarms).toEqual([]);
    expect(report.report.year).toBe(sample.truth.year);
    expect(report.report.agency).toBe(sample.truth.agency);
    expect(report.report.formatVersion).toBe(sample.truth.formatVersion);
    for (const cell of Object.values(report.cells)) {
      if (cell.state === 'absent') continue;
      if (report.source.format === 'pdf') {
        expect(cell.source?.page).toBeGreaterThanOrEqual(1);
        expect(cell.source?.bbox).toHaveLength(4);
      } else if (report.source.format === 'html') {
        expect(cell.source?.path).toMatch(/^html>body>/);
      } else {
        expect(cell.source).toMatchObject({ table: expect.any(Number), row: expect.any(Number), col: expect.any(Number) });
      }
    }
  });
});

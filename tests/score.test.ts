/** The eval's scoring (src/eval/score.ts), which the golden and OCR tests hold to. */
import { describe, expect, it } from 'vitest';
import { scoreReport } from '../src/eval/score.js';
import type { Truth } from '../src/eval/truth.js';
import { problem } from '../src/model/problems.js';
import type { Problem } from '../src/model/problems.js';
import type { Report } from '../src/model/report.js';

const truth: Truth = { file: 'x.pdf', year: 2023, agency: '某局', expectProblems: ['T4_TOTAL'], expectOtherProblems: ['NO_TEXT_LAYER'], cells: { 't4.review.total': 4, 't4.review.upheld': 1 } };

function report(problems: Problem[], reader = 'pdf', value = 4, meta = { year: 2023, agency: '某局' }): Report {
  const cell = (v: number) => ({ value: v, raw: String(v), state: 'number' as const, confidence: 1, source: null });
  return {
    source: { file: 'x.pdf', sha256: '', format: 'pdf', reader },
    report: { title: null, formatVersion: '2021', ...meta },
    sections: [],
    cells: { 't4.review.total': cell(value), 't4.review.upheld': cell(1) },
    problems,
  } as unknown as Report;
}

describe('false alarms', () => {
  it('are the errors and warnings the truth does not list, whatever their code', () => {
    const score = scoreReport(
      report([
        problem('TABLE_REPEATED', 'Table 3: 1 row is printed again'),
        problem('SECTION_MISSING', 'Section 2 not found'),
        problem('T4_TOTAL', 'expected by the truth'),
        problem('NO_TEXT_LAYER', 'expected by the truth'),
        problem('CELL_BLANK', 'info: never an alarm', { cells: ['t4.review.upheld'] }),
      ]),
      truth,
    );
    expect(score.falseAlarms.map((a) => a.split(':')[0])).toEqual(['TABLE_REPEATED', 'SECTION_MISSING']);
  });

  it('leave out a problem that names a wrong cell, or the metadata when it is wrong', () => {
    const wrongCell = scoreReport(report([problem('ROW_EXTRA_CELLS', 'placed by order', { cells: ['t4.review.total'] })], 'pdf', 5), truth);
    expect(wrongCell.falseAlarms).toEqual([]);
    const rightCell = scoreReport(report([problem('ROW_EXTRA_CELLS', 'placed by order', { cells: ['t4.review.total'] })]), truth);
    expect(rightCell.falseAlarms).toHaveLength(1);
    const missing = problem('METADATA_MISSING', 'no year');
    expect(scoreReport(report([missing], 'pdf', 4, { year: null, agency: '某局' } as never), truth).falseAlarms).toEqual([]);
    expect(scoreReport(report([missing]), truth).falseAlarms).toHaveLength(1);
  });

  it('leave out the doubt an OCR read casts on right cells or the title, but not a rule that fails on right values', () => {
    const doubt = [problem('LOW_CONFIDENCE', '1 cell read with confidence below 0.8', { cells: ['t4.review.upheld'] }), problem('LOW_CONFIDENCE', 'The title was read by OCR with confidence 0.80')];
    expect(scoreReport(report(doubt, 'pdf-ocr'), truth).falseAlarms).toEqual([]);
    expect(scoreReport(report(doubt, 'pdf'), truth).falseAlarms).toHaveLength(2);
    const rule = problem('T3_BALANCE', 'fails on right values', { cells: ['t4.review.upheld'] });
    expect(scoreReport(report([rule], 'pdf-ocr'), truth).falseAlarms).toHaveLength(1);
  });
});

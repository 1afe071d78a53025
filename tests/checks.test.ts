import { describe, expect, it } from 'vitest';
import { table3RowKeys } from '../mappings/table3.js';
import { table4CellKeys } from '../mappings/table4.js';
import { checkArithmetic } from '../src/checks/arithmetic.js';
import { checkCells } from '../src/checks/cells.js';
import type { Cell } from '../src/model/report.js';
import { applicantKeys } from './helpers/official.js';

const num = (value: number, confidence = 1): Cell => ({ value, raw: String(value), state: 'number', confidence, source: null });
const blank = (): Cell => ({ value: null, raw: '', state: 'blank', confidence: 1, source: null });

/** A consistent 2021 Table 3 + Table 4: every applicant cell of the leaf rows 1, totals derived. */
function consistent(): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  const rows = table3RowKeys('2021');
  const leaves = rows.filter((r) => !['newReceived', 'carriedOver', 'resultTotal', 'carriedForward'].includes(r));
  const set = (row: string, per: number) => {
    for (const c of applicantKeys.slice(0, 6)) cells[`t3.${row}.${c}`] = num(per);
    cells[`t3.${row}.total`] = num(per * 6);
  };
  for (const leaf of leaves) set(leaf, 1);
  set('resultTotal', leaves.length);
  set('newReceived', leaves.length + 1);
  set('carriedOver', 2);
  set('carriedForward', 3);
  for (const key of table4CellKeys) cells[key] = num(key.endsWith('.total') ? 4 : 1);
  return cells;
}

describe('checkArithmetic', () => {
  it('finds nothing on consistent tables', () => {
    expect(checkArithmetic(consistent(), '2021')).toEqual([]);
  });

  it('T3_BALANCE names the four cells of the failing column', () => {
    const cells = consistent();
    cells['t3.carriedForward.research'] = num(4);
    cells['t3.carriedForward.total'] = num(19);
    const codes = checkArithmetic(cells, '2021');
    const balance = codes.filter((p) => p.code === 'T3_BALANCE');
    expect(balance.map((p) => p.cells)).toEqual([
      ['t3.newReceived.research', 't3.carriedOver.research', 't3.resultTotal.research', 't3.carriedForward.research'],
      ['t3.newReceived.total', 't3.carriedOver.total', 't3.resultTotal.total', 't3.carriedForward.total'],
    ]);
    expect(balance[0]!.message).toContain('科研机构');
    expect(codes.some((p) => p.code === 'T3_ROW_TOTAL')).toBe(false);
  });

  it('T3_ROW_TOTAL names the row', () => {
    const cells = consistent();
    cells['t3.granted.total'] = num(7);
    const rowTotal = checkArithmetic(cells, '2021').filter((p) => p.code === 'T3_ROW_TOTAL');
    expect(rowTotal).toHaveLength(1);
    expect(rowTotal[0]!.cells).toEqual(['t3.granted.total', ...applicantKeys.slice(0, 6).map((c) => `t3.granted.${c}`)]);
  });

  it('T3_RESULT_TOTAL sums the leaf rows of the version', () => {
    const cells = consistent();
    cells['t3.deniedThirdParty.natural'] = num(2);
    const codes = checkArithmetic(cells, '2021').map((p) => p.code);
    expect(codes).toContain('T3_RESULT_TOTAL');
    expect(codes).toContain('T3_ROW_TOTAL');
    const result = checkArithmetic(cells, '2021').find((p) => p.code === 'T3_RESULT_TOTAL')!;
    expect(result.cells).toContain('t3.otherOther.natural');
    expect(result.cells).not.toContain('t3.otherAll.natural');
  });

  it('T4_TOTAL per block', () => {
    const cells = consistent();
    cells['t4.suitAfterReview.total'] = num(0);
    const t4 = checkArithmetic(cells, '2021').filter((p) => p.code === 'T4_TOTAL');
    expect(t4).toHaveLength(1);
    expect(t4[0]!.cells).toEqual(['t4.suitAfterReview.total', 't4.suitAfterReview.upheld', 't4.suitAfterReview.corrected', 't4.suitAfterReview.other', 't4.suitAfterReview.pending']);
    expect(t4[0]!.message).toContain('1+1+1+1 = 4');
  });

  it('does not assess a rule with a blank operand', () => {
    const cells = consistent();
    cells['t4.review.upheld'] = blank();
    cells['t4.review.total'] = num(100);
    expect(checkArithmetic(cells, '2021').filter((p) => p.code === 'T4_TOTAL')).toEqual([]);
  });
});

describe('checkCells', () => {
  it('lists blank and dash cells once per table', () => {
    const cells = { 't3.granted.natural': blank(), 't3.granted.research': { ...blank(), state: 'dash' as const }, 't4.review.total': blank() };
    const blanks = checkCells(cells).filter((p) => p.code === 'CELL_BLANK');
    expect(blanks.map((p) => p.cells)).toEqual([['t3.granted.natural', 't3.granted.research'], ['t4.review.total']]);
    expect(blanks[0]!.severity).toBe('info');
  });

  it('flags unreadable text, negative counts and fractions', () => {
    const cells: Record<string, Cell> = {
      't3.granted.natural': { value: null, raw: '12a', state: 'unreadable', confidence: 1, source: null },
      't3.granted.research': num(-1),
      't3.granted.commercial': num(1.5),
      't2.license.delta': num(-3),
      't2.fees.amount': num(12.34),
    };
    const problems = checkCells(cells);
    expect(problems.filter((p) => p.code === 'CELL_UNREADABLE').map((p) => p.cells)).toEqual([['t3.granted.natural']]);
    expect(problems.filter((p) => p.code === 'VALUE_INVALID').map((p) => p.cells)).toEqual([['t3.granted.research'], ['t3.granted.commercial']]);
  });

  it('flags cells below the confidence threshold', () => {
    const problems = checkCells({ 't4.review.total': num(3, 0.5), 't4.review.upheld': num(3, 0.95) });
    expect(problems.find((p) => p.code === 'LOW_CONFIDENCE')!.cells).toEqual(['t4.review.total']);
  });
});

import { describe, expect, it } from 'vitest';
import { table3RowKeys } from '../mappings/table3.js';
import { table4CellKeys } from '../mappings/table4.js';
import { checkArithmetic } from '../src/checks/arithmetic.js';
import { checkCells } from '../src/checks/cells.js';
import { locateProblems } from '../src/checks/locate.js';
import { problem } from '../src/model/problems.js';
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
    expect(balance[0]!.message).toBe(
      'Table 3 column 「科研机构」 (research): 「一、本年新收政府信息公开申请数量」+「二、上年结转政府信息公开申请数量」 = 22+2 = 24, ' +
        'but 「（七）总计」+「四、结转下年度继续办理」 = 21+4 = 25 (a difference of 1)',
    );
    expect(codes.some((p) => p.code === 'T3_ROW_TOTAL')).toBe(false);
  });

  it('T3_ROW_TOTAL names the row', () => {
    const cells = consistent();
    cells['t3.granted.total'] = num(7);
    const rowTotal = checkArithmetic(cells, '2021').filter((p) => p.code === 'T3_ROW_TOTAL');
    expect(rowTotal).toHaveLength(1);
    expect(rowTotal[0]!.cells).toEqual(['t3.granted.total', ...applicantKeys.slice(0, 6).map((c) => `t3.granted.${c}`)]);
    expect(rowTotal[0]!.message).toBe(
      'Table 3 row 「（一）予以公开」 (granted): 「总计」 printed 7, but 「自然人」+「商业企业」+「科研机构」+「社会公益组织」+「法律服务机构」+「其他」 = 1+1+1+1+1+1 = 6 (a difference of 1)',
    );
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
    // Twenty summands are named by the first and last, so the numbers stay readable.
    expect(result.message).toBe(
      'Table 3 column 「自然人」 (natural): 「（七）总计」 printed 21, but the 21 result rows 「（一）予以公开」 … 「3.其他」 = 1+1+1+1+1+2+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1 = 22 (a difference of 1)',
    );
  });

  it('T4_TOTAL per block', () => {
    const cells = consistent();
    cells['t4.suitAfterReview.total'] = num(0);
    const t4 = checkArithmetic(cells, '2021').filter((p) => p.code === 'T4_TOTAL');
    expect(t4).toHaveLength(1);
    expect(t4[0]!.cells).toEqual(['t4.suitAfterReview.total', 't4.suitAfterReview.upheld', 't4.suitAfterReview.corrected', 't4.suitAfterReview.other', 't4.suitAfterReview.pending']);
    expect(t4[0]!.message).toBe('Table 4 「复议后起诉」 (suitAfterReview): 「总计」 printed 0, but 「结果维持」+「结果纠正」+「其他结果」+「尚未审结」 = 1+1+1+1 = 4 (a difference of 4)');
  });

  it('names the other OCR reading that would make a failing rule hold', () => {
    const cells = consistent();
    cells['t4.review.total'] = { ...num(0, 0.5), raw: '0', alternatives: ['4'] };
    const t4 = checkArithmetic(cells, '2021').find((p) => p.code === 'T4_TOTAL')!;
    expect(t4.message).toMatch(/; OCR read 「总计」 \(t4\.review\.total\) as 0 but also as 4, which would make the rule hold$/);
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

  it('takes a unit the cell measures in, and flags one it does not, keeping the printed number', () => {
    const printed = (raw: string, value: number): Cell => ({ value, raw, state: 'number', confidence: 1, source: null });
    const cells: Record<string, Cell> = {
      't2.procurement.projects': printed('2笔', 2),
      't2.procurement.amount': printed('984361元', 984361),
      't2.normative.made': printed('6件', 6),
      't3.granted.natural': printed('53人次', 53),
      't2.fees.amount': printed('12.5万元', 12.5),
      // Contradictions: 元 where the 2021 column says 万元, money in a count, a count word in an amount.
      't2.rules.issued': printed('3元', 3),
      't3.granted.total': printed('5万元', 5),
    };
    const invalid = (c: Record<string, Cell>) => checkCells(c).filter((p) => p.code === 'VALUE_INVALID');
    expect(invalid(cells).map((p) => p.cells)).toEqual([['t2.rules.issued'], ['t3.granted.total']]);
    const fee = invalid({ 't2.fees.amount': printed('240元', 240) });
    expect(fee.map((p) => p.cells)).toEqual([['t2.fees.amount']]);
    expect(fee[0]!.message).toContain('万元');
    expect(invalid({ 't2.procurement.amount': printed('3笔', 3) }).map((p) => p.cells)).toEqual([['t2.procurement.amount']]);
  });

  it('holds an amount to the unit its column label names, where it names one', () => {
    const printed = (raw: string, value: number): Cell => ({ value, raw, state: 'number', confidence: 1, source: null });
    const invalid = (c: Record<string, Cell>, units: Map<string, '元' | '万元'>) => checkCells(c, units).filter((p) => p.code === 'VALUE_INVALID').map((p) => p.cells);
    // A fee column relabelled （单位：元）: 240元 is what it asks for.
    expect(invalid({ 't2.fees.amount': printed('240元', 240) }, new Map([['t2.fees.amount', '元']]))).toEqual([]);
    // 采购总金额（万元） over a cell that prints 元.
    expect(invalid({ 't2.procurement.amount': printed('984361元', 984361) }, new Map([['t2.procurement.amount', '万元']]))).toEqual([['t2.procurement.amount']]);
  });

  it('flags cells below the confidence threshold', () => {
    const problems = checkCells({ 't4.review.total': num(3, 0.5), 't4.review.upheld': num(3, 0.95) });
    expect(problems.find((p) => p.code === 'LOW_CONFIDENCE')!.cells).toEqual(['t4.review.total']);
  });
});

describe('locateProblems', () => {
  const at = (page: number): Cell => ({ ...num(1), source: { page } });

  it('points a problem at the first of its cells that has a provenance', () => {
    const cells = { 't4.review.total': { ...num(0), source: null }, 't4.review.upheld': at(3), 't4.review.pending': at(4) };
    const [located] = locateProblems([problem('T4_TOTAL', 'x', { cells: ['t4.review.total', 't4.review.upheld', 't4.review.pending'] })], cells);
    expect(located!.source).toEqual({ page: 3 });
  });

  it('keeps a place the problem names itself, and leaves problems without cells alone', () => {
    const cells = { 't4.review.total': at(3) };
    const own = problem('CELL_MISSING', 'x', { cells: ['t4.review.total'], source: { line: 12 } });
    const none = problem('METADATA_MISSING', 'x');
    expect(locateProblems([own, none], cells)).toEqual([own, none]);
  });
});

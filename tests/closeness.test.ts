import { describe, expect, it } from 'vitest';
import { table2Rows } from '../mappings/table2.js';
import { resultRowParents, resultRows } from '../mappings/table3.js';
import { reviewOutcomes } from '../mappings/table4.js';
import { closestRow, distanceWithParents, parseLabel, placedNeighbours, rowsBetween, templateRow } from '../src/mapper/closeness.js';

const table3 = (version: '2021' | '2019') =>
  resultRows.filter((d) => d.versions.includes(version)).map((d) => templateRow(d, resultRowParents(d)));
const t3 = table3('2021');
const closest3 = (label: string, bounds = {}) => closestRow([label], t3, bounds)?.key;

describe('parseLabel', () => {
  it('reads numbering as printed and as OCR leaves it, and keeps only the words', () => {
    expect(parseLabel('（七）总计')).toEqual({ numbering: { kind: 'bracketed', value: 7 }, words: '总计' });
    expect(parseLabel('(七总计')).toEqual({ numbering: { kind: 'bracketed', value: 7 }, words: '总计' });
    expect(parseLabel('《六)其他处理').numbering).toEqual({ kind: 'bracketed', value: 6 });
    expect(parseLabel('三、本年度办理结果').numbering).toEqual({ kind: 'section', value: 3 });
    expect(parseLabel('3、要求提供公开出版物').numbering).toEqual({ kind: 'item', value: 3 });
    expect(parseLabel('１２．其他').numbering).toEqual({ kind: 'item', value: 12 });
    // The row's own numbering is the last: cells run together carry their parents' first.
    expect(parseLabel('三、本年度办理结果 (五)不予处理 4、无正当理由|53').numbering).toEqual({ kind: 'item', value: 4 });
    expect(parseLabel('三、本年度办理结果 (五)不予处理 4、无正当理由|53').words).toBe('本年度办理结果不予处理无正当理由');
    // A bracket around no numeral is no numbering; its character stays a word.
    expect(parseLabel('(入)其他处理')).toEqual({ words: '入其他处理' });
  });
});

describe('distanceWithParents', () => {
  it('counts edits, with any end of the parents free before the row\'s own label', () => {
    expect(distanceWithParents('重复申清', '重复申请')).toBe(1);
    expect(distanceWithParents('不予处理重复申请', '重复申请', '本年度办理结果不予处理')).toBe(0);
    expect(distanceWithParents('办理结果不予处理重复申请', '重复申请', '本年度办理结果不予处理')).toBe(0);
    // The parents are free only before the label, never in place of it.
    expect(distanceWithParents('不予处理', '重复申请', '本年度办理结果不予处理')).toBe(4);
    expect(distanceWithParents('', '总计')).toBe(2);
  });
});

describe('closestRow', () => {
  it('takes garbled labels for their rows', () => {
    expect(closest3('(七总计')).toBe('resultTotal');
    expect(closest3('1.本机关不掌捤相关政府信总')).toBe('unableNotHeld');
    expect(closest3('2.重复申清')).toBe('ignoredRepeat');
    expect(closest3('3.要求提供公开出板物')).toBe('ignoredPublication');
    expect(closestRow(['(入)其他处理'], table3('2019'))?.key).toBe('otherAll');
  });

  it('reads a label run together with its group labels (a flattened row, cells joined)', () => {
    expect(closest3('三、本年度办理结果（四）无法提供1.本机关不掌捤相关政府信总')).toBe('unableNotHeld');
    expect(closest3('办理结果 不予处理 4、无正当理由大最反复申请')).toBe('ignoredExcessive');
  });

  it('says how close the read is and how close the next row came', () => {
    const m = closestRow(['2.重复申清'], t3)!;
    expect(m).toMatchObject({ key: 'ignoredRepeat', distance: 1, read: '重复申清' });
    expect(m.runnerUp!.distance).toBeGreaterThan(1);
  });

  it('lets numbering decide between rows the words fit alike, and places nothing when nothing decides', () => {
    // 予分公开 is one character from 予以公开 and one from 部分公开.
    expect(closest3('(二)予分公开')).toBe('partiallyGranted');
    expect(closest3('(一)予分公开')).toBe('granted');
    expect(closest3('予分公开')).toBeUndefined();
  });

  it('keeps to the order of the rows matched above and below', () => {
    expect(closest3('予分公开', { above: 'granted' })).toBe('partiallyGranted');
    expect(closest3('予分公开', { below: 'partiallyGranted' })).toBe('granted');
    expect(closest3('予分公开', { taken: new Set(['granted']) })).toBe('partiallyGranted');
    // 重复申请 lies above 3.要求提供公开出版物: below it, the label names no row.
    expect(closest3('2.重复申清', { above: 'ignoredPublication' })).toBeUndefined();
    expect(closest3('2.重复申清', { above: 'ignoredPetition', below: 'ignoredPublication' })).toBe('ignoredRepeat');
  });

  it('does not pull in labels of other tables, short reads or labels too far from any row', () => {
    for (const other of ['行政许可', '行政处罚', '结果维持', '尚未审结', '本年制发件数', '自然人', '商业企业', '法人或其他组织']) {
      expect(closest3(other), other).toBeUndefined();
    }
    expect(closestRow(['一、本年新收政府信息公开申请数量'], table2Rows.map((d) => templateRow(d)))).toBeUndefined();
    expect(closest3('了199')).toBeUndefined();
    // A two-character label allows no edit: 规草 is not taken for 规章.
    expect(closestRow(['规草'], table2Rows.map((d) => templateRow(d)))).toBeUndefined();
    expect(closestRow(['结果维特'], reviewOutcomes.map((d) => templateRow(d)))?.key).toBe('upheld');
    // The group label alone is no row, though its rows lie under it: the row's own words must be read.
    expect(closest3('（三）不予公开')).toBeUndefined();
    expect(closest3('三、本年度办理结果')).toBeUndefined();
    expect(closest3('三、本年度办理结果', { above: 'otherOther', below: 'carriedForward' })).toBeUndefined();
    expect(closest3('本年度办理结果（五）不予处理', { above: 'ignoredPetition', below: 'ignoredPublication' })).toBeUndefined();
  });
});

describe('rowsBetween and placedNeighbours', () => {
  it('lists the rows strictly between the neighbours, none for a neighbour of another version', () => {
    expect(rowsBetween(t3, { above: 'ignoredConfirm', below: 'resultTotal' }).map((r) => r.key)).toEqual(['otherNoCorrection', 'otherUnpaidFee', 'otherOther']);
    expect(rowsBetween(t3, { above: 'otherAll' })).toEqual([]);
    expect(placedNeighbours([undefined, 'a', undefined, undefined, 'b'], 2)).toEqual({ above: 'a', below: 'b' });
    expect(placedNeighbours([undefined, undefined], 0)).toEqual({});
  });
});

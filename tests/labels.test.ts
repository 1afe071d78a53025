import { describe, expect, it } from 'vitest';
import { table2Columns, table2Rows } from '../mappings/table2.js';
import { applicantColumns, resultRows } from '../mappings/table3.js';
import { reviewBlocks, reviewOutcomes } from '../mappings/table4.js';
import { matchLabel, matchesSpecifically } from '../src/mapper/labels.js';

const row = (label: string) => matchLabel(label, resultRows)?.key;

describe('Table 3 row labels', () => {
  it('matches the official labels', () => {
    for (const def of resultRows) expect(row(def.label)).toBe(def.key);
  });

  it('matches typos and variants seen in real reports', () => {
    expect(row('2.其他法律行政止公开')).toBe('deniedLawForbidden');
    expect(row('2.其他法律法规禁止公开')).toBe('deniedLawForbidden');
    expect(row('1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请')).toBe('otherNoCorrection');
    expect(row('5.要求行政机关确认或重 新出具\n已获取信息')).toBe('ignoredConfirm');
    expect(row('(二) 部分公开（区分处理的，只计这一情形，不计其他情形）')).toBe('partiallyGranted');
    expect(row('3.危及"三安全一稳定"')).toBe('deniedSafetyStability');
    expect(row('四、结转下一年度继续办理')).toBe('carriedForward');
  });

  it('tells 3.其他 from 其他法律… and （六）其他处理', () => {
    expect(row('3.其他')).toBe('otherOther');
    expect(row('（六）其他处理')).toBe('otherAll');
  });

  it('does not take group labels for rows', () => {
    expect(row('三、本年度办理结果')).toBeUndefined();
    expect(row('（三）不予公开')).toBeUndefined();
    expect(row('（四）无法提供')).toBeUndefined();
  });

  it('treats 总计 as specific only with context', () => {
    expect(matchesSpecifically('总计', resultRows)).toBe(false);
    expect(matchesSpecifically('一、本年新收政府信息公开申请数量', resultRows)).toBe(true);
  });
});

describe('column and Table 2/4 labels', () => {
  it('matches applicant columns, with 其他 only as a whole label', () => {
    expect(matchLabel('商业 企业', applicantColumns)?.key).toBe('commercial');
    expect(matchLabel('其他', applicantColumns)?.key).toBe('otherOrg');
    expect(matchLabel('法人或其他组织', applicantColumns)).toBeUndefined();
    expect(matchLabel('总 计', applicantColumns)?.key).toBe('total');
  });

  it('prefers the longest label: 行政规范性文件 over 规范性文件', () => {
    expect(matchLabel('行政规范性文件', table2Rows)?.key).toBe('normative');
    expect(matchLabel('规范性文件', table2Rows)?.key).toBe('normative');
    expect(matchLabel('規範性檔案', table2Rows)?.key).toBe('normative');
    expect(matchLabel('其他对外管理服务事项', table2Rows)?.key).toBe('otherServices');
  });

  it('reads Table 2 columns of both versions', () => {
    expect(matchLabel('本年制发件数', table2Columns)?.key).toBe('issued');
    expect(matchLabel('本年新<br>制作数量'.replace('<br>', '\n'), table2Columns)?.key).toBe('made');
    expect(matchLabel('本年增/减', table2Columns)?.key).toBe('delta');
    expect(matchLabel('本年收费金额（单位：万元）', table2Columns)?.key).toBe('amount');
  });

  it('reads Table 4 blocks and outcomes', () => {
    expect(matchLabel('未经复议直接起诉', reviewBlocks)?.key).toBe('suitDirect');
    expect(matchLabel('复议后起诉', reviewBlocks)?.key).toBe('suitAfterReview');
    expect(matchLabel('行政诉讼', reviewBlocks)).toBeUndefined();
    expect(matchLabel('结果纠正', reviewOutcomes)?.key).toBe('corrected');
    expect(matchLabel('其他结果', reviewOutcomes)?.key).toBe('other');
  });
});

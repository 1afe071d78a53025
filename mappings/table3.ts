/**
 * Table 3 — 三、收到和处理政府信息公开申请情况 (format.md §3.2, §4.2).
 * 3 label columns + 7 applicant columns; 25 data rows in 2021, 23 in 2019.
 */
import type { ColumnDef, RowDef, TableVersion } from './types.js';

export const table3Signature = {
  contains: ['本年新收', '上年结转', '申请人情况', '予以公开', '结转下年度'],
};

/** Fixed order of the value columns (format.md §3.2). */
export const applicantColumns: ColumnDef[] = [
  { key: 'natural', label: '自然人', contains: ['自然人'], versions: ['2021', '2019'] },
  { key: 'commercial', label: '商业企业', contains: ['商业企业'], versions: ['2021', '2019'] },
  { key: 'research', label: '科研机构', contains: ['科研机构'], versions: ['2021', '2019'] },
  { key: 'publicWelfare', label: '社会公益组织', contains: ['社会公益组织', '公益组织'], versions: ['2021', '2019'] },
  { key: 'legalService', label: '法律服务机构', contains: ['法律服务机构', '法律服务'], versions: ['2021', '2019'] },
  { key: 'otherOrg', label: '其他', exact: ['其他'], versions: ['2021', '2019'] },
  { key: 'total', label: '总计', exact: ['总计', '合计'], versions: ['2021', '2019'] },
];

/** Header labels that sit above the applicant columns but name none of them. */
export const table3HeaderOnlyLabels = ['申请人情况', '法人或其他组织', '勾稽关系'];

/** Data rows in template order. `group` is the result class a reason row belongs to. */
export const resultRows: Array<RowDef & { group?: string }> = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', contains: ['本年新收'], versions: ['2021', '2019'] },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', contains: ['上年结转'], versions: ['2021', '2019'] },
  { key: 'granted', label: '（一）予以公开', contains: ['予以公开'], versions: ['2021', '2019'] },
  { key: 'partiallyGranted', label: '（二）部分公开', contains: ['部分公开'], versions: ['2021', '2019'] },
  { key: 'deniedStateSecret', label: '1.属于国家秘密', contains: ['国家秘密'], versions: ['2021', '2019'], group: 'denied' },
  {
    key: 'deniedLawForbidden',
    label: '2.其他法律行政法规禁止公开',
    // 其他法律行政止公开 is a typo carried for years by a real report (format.md §7.4).
    contains: ['禁止公开', '行政止公开', '其他法律'],
    versions: ['2021', '2019'],
    group: 'denied',
  },
  { key: 'deniedSafetyStability', label: '3.危及“三安全一稳定”', contains: ['三安全', '一稳定', '危及'], versions: ['2021', '2019'], group: 'denied' },
  { key: 'deniedThirdParty', label: '4.保护第三方合法权益', contains: ['第三方'], versions: ['2021', '2019'], group: 'denied' },
  { key: 'deniedInternalAffairs', label: '5.属于三类内部事务信息', contains: ['内部事务'], versions: ['2021', '2019'], group: 'denied' },
  { key: 'deniedProcessInfo', label: '6.属于四类过程性信息', contains: ['过程性'], versions: ['2021', '2019'], group: 'denied' },
  { key: 'deniedEnforcementFile', label: '7.属于行政执法案卷', contains: ['执法案卷'], versions: ['2021', '2019'], group: 'denied' },
  { key: 'deniedQueryMatter', label: '8.属于行政查询事项', contains: ['查询事项'], versions: ['2021', '2019'], group: 'denied' },
  { key: 'unableNotHeld', label: '1.本机关不掌握相关政府信息', contains: ['不掌握'], versions: ['2021', '2019'], group: 'unable' },
  { key: 'unableNeedsCreation', label: '2.没有现成信息需要另行制作', contains: ['另行制作', '没有现成'], versions: ['2021', '2019'], group: 'unable' },
  { key: 'unableUnclear', label: '3.补正后申请内容仍不明确', contains: ['补正后', '仍不明确'], versions: ['2021', '2019'], group: 'unable' },
  { key: 'ignoredPetition', label: '1.信访举报投诉类申请', contains: ['信访', '举报投诉'], versions: ['2021', '2019'], group: 'ignored' },
  { key: 'ignoredRepeat', label: '2.重复申请', contains: ['重复申请'], versions: ['2021', '2019'], group: 'ignored' },
  { key: 'ignoredPublication', label: '3.要求提供公开出版物', contains: ['出版物'], versions: ['2021', '2019'], group: 'ignored' },
  { key: 'ignoredExcessive', label: '4.无正当理由大量反复申请', contains: ['大量反复'], versions: ['2021', '2019'], group: 'ignored' },
  {
    key: 'ignoredConfirm',
    label: '5.要求行政机关确认或重新出具已获取信息',
    contains: ['确认或重新出具', '重新出具'],
    versions: ['2021', '2019'],
    group: 'ignored',
  },
  {
    key: 'otherNoCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    contains: ['逾期不补正'],
    versions: ['2021'],
    group: 'other',
  },
  {
    key: 'otherUnpaidFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    contains: ['收费通知', '缴纳费用'],
    versions: ['2021'],
    group: 'other',
  },
  { key: 'otherOther', label: '3.其他', exact: ['其他'], versions: ['2021'], group: 'other' },
  { key: 'otherAll', label: '（六）其他处理', exact: ['其他处理'], versions: ['2019'] },
  { key: 'resultTotal', label: '（七）总计', exact: ['总计', '合计'], versions: ['2021', '2019'] },
  { key: 'carriedForward', label: '四、结转下年度继续办理', contains: ['结转下年度', '结转下一年度', '继续办理'], versions: ['2021', '2019'] },
];

/**
 * The label cells that span result rows without being rows themselves
 * (format.md §3.2: the format has no subtotal rows): 三、本年度办理结果 over
 * every result row, and the class of each reason row (its `group`).
 */
export const resultBlockLabel = '三、本年度办理结果';
export const resultGroupLabels: Record<string, string> = {
  denied: '（三）不予公开',
  unable: '（四）无法提供',
  ignored: '（五）不予处理',
  other: '（六）其他处理',
};

/** Rows outside 三、本年度办理结果: the counts of applications received, carried over and carried forward. */
const outsideResultBlock = ['newReceived', 'carriedOver', 'carriedForward'];

/** The label cells that span a row, outermost first: 三、本年度办理结果 over every result row, then its group's. */
export function resultRowParents(row: (typeof resultRows)[number]): string[] {
  if (outsideResultBlock.includes(row.key)) return [];
  return row.group ? [resultBlockLabel, resultGroupLabels[row.group]!] : [resultBlockLabel];
}

/** Rows that only one version has (format.md §6, detection step 2). */
export const table3VersionSignatures: Record<TableVersion, string[]> = {
  '2021': ['otherNoCorrection', 'otherUnpaidFee', 'otherOther'],
  '2019': ['otherAll'],
};

/** The reason-level rows under 三、本年度办理结果 whose sum is （七）总计 (rule T3-3). */
export const resultLeafRows = resultRows
  .filter((r) => ![...outsideResultBlock, 'resultTotal'].includes(r.key))
  .map((r) => r.key);

export function table3RowKeys(version: TableVersion): string[] {
  return resultRows.filter((r) => r.versions.includes(version)).map((r) => r.key);
}

/**
 * Table 2 — 二、主动公开政府信息情况 (format.md §3.1 for 2021, §4.1 for 2019).
 * Four (2021) or five (2019) stacked blocks, each a caption row
 * 第二十条第（X）项, a header row 信息内容 | column labels, and data rows.
 */
import type { ColumnDef, RowDef, TableVersion, ValueKind } from './types.js';
import type { MoneyUnit } from './units.js';

export const table2Signature = {
  /** Any of these in a table makes it a Table 2 candidate. */
  contains: ['第二十条', '信息内容', '本年制发件数', '本年新制作数量', '行政事业性收费'],
};

export const table2Rows: RowDef[] = [
  { key: 'rules', label: '规章', exact: ['规章'], contains: ['规章'], versions: ['2021', '2019'] },
  {
    key: 'normative',
    label: '行政规范性文件',
    labelIn: { '2019': '规范性文件' },
    // 2019 says 规范性文件; mirrors convert 文件 to 档案 (format.md §7.15).
    contains: ['行政规范性文件', '规范性文件', '规范性档案'],
    versions: ['2021', '2019'],
  },
  { key: 'license', label: '行政许可', contains: ['行政许可'], versions: ['2021', '2019'] },
  { key: 'otherServices', label: '其他对外管理服务事项', contains: ['其他对外管理服务事项', '对外管理服务'], versions: ['2019'] },
  { key: 'penalty', label: '行政处罚', contains: ['行政处罚'], versions: ['2021', '2019'] },
  { key: 'coercion', label: '行政强制', contains: ['行政强制'], versions: ['2021', '2019'] },
  { key: 'fees', label: '行政事业性收费', contains: ['行政事业性收费', '事业性收费'], versions: ['2021', '2019'] },
  { key: 'procurement', label: '政府集中采购', contains: ['政府集中采购', '集中采购'], versions: ['2019'] },
];

export const table2Columns: ColumnDef[] = [
  { key: 'issued', label: '本年制发件数', contains: ['本年制发', '制发件数'], versions: ['2021'] },
  { key: 'repealed', label: '本年废止件数', contains: ['本年废止', '废止件数'], versions: ['2021'] },
  { key: 'valid', label: '现行有效件数', contains: ['现行有效'], versions: ['2021'] },
  { key: 'decisions', label: '本年处理决定数量', labelIn: { '2019': '处理决定数量' }, contains: ['处理决定数量', '处理决定'], versions: ['2021', '2019'] },
  // 2019 has no fee amount; its one amount is 政府集中采购's, in a unit the template leaves open (format.md §4.1).
  { key: 'amount', label: '本年收费金额（单位：万元）', labelIn: { '2019': '采购总金额' }, contains: ['本年收费金额', '收费金额', '采购总金额'], versions: ['2021', '2019'] },
  { key: 'made', label: '本年新制作数量', contains: ['本年新制作', '新制作数量'], versions: ['2019'] },
  { key: 'published', label: '本年新公开数量', contains: ['本年新公开', '新公开数量'], versions: ['2019'] },
  { key: 'totalPublic', label: '对外公开总数量', contains: ['对外公开总数', '公开总数量'], versions: ['2019'] },
  { key: 'prevCount', label: '上一年项目数量', contains: ['上一年项目数量', '上一年项目'], versions: ['2019'] },
  { key: 'delta', label: '本年增/减', contains: ['本年增/减', '本年增减', '增/减', '增减'], versions: ['2019'] },
  { key: 'projects', label: '采购项目数量', contains: ['采购项目数量', '采购项目'], versions: ['2019'] },
];

/** The cells of Table 2 in each version, in the template's order, with what each may hold. */
export const table2Cells: Record<TableVersion, Array<{ key: string; kind: ValueKind; unit?: MoneyUnit }>> = {
  '2021': [
    { key: 't2.rules.issued', kind: 'count' },
    { key: 't2.rules.repealed', kind: 'count' },
    { key: 't2.rules.valid', kind: 'count' },
    { key: 't2.normative.issued', kind: 'count' },
    { key: 't2.normative.repealed', kind: 'count' },
    { key: 't2.normative.valid', kind: 'count' },
    { key: 't2.license.decisions', kind: 'count' },
    { key: 't2.penalty.decisions', kind: 'count' },
    { key: 't2.coercion.decisions', kind: 'count' },
    // The template's header fixes the unit: （单位：万元）.
    { key: 't2.fees.amount', kind: 'money', unit: '万元' },
  ],
  '2019': [
    ...['rules', 'normative'].flatMap((row) =>
      ['made', 'published', 'totalPublic'].map((col) => ({ key: `t2.${row}.${col}`, kind: 'count' as const })),
    ),
    ...['license', 'otherServices', 'penalty', 'coercion'].flatMap((row) => [
      { key: `t2.${row}.prevCount`, kind: 'count' as const },
      { key: `t2.${row}.delta`, kind: 'signedCount' as const },
      { key: `t2.${row}.decisions`, kind: 'count' as const },
    ]),
    { key: 't2.fees.prevCount', kind: 'count' },
    { key: 't2.fees.delta', kind: 'signedCount' },
    { key: 't2.procurement.projects', kind: 'count' },
    // 采购总金额: the template names no unit, so the cell's own (元 or 万元) stands.
    { key: 't2.procurement.amount', kind: 'money' },
  ],
};

/**
 * Column labels that only one version has: the version of a Table 2 is the
 * one whose signature columns it shows (format.md §6, detection step 1).
 */
/** Cells only one version has (format.md §4 detection: 本年收费金额 under 行政事业性收费 is 2021; 2019 gave no money there). */
export const table2CellSignatures: Record<TableVersion, string[]> = {
  '2021': ['t2.fees.amount'],
  '2019': [],
};

export const table2VersionSignatures: Record<TableVersion, string[]> = {
  '2021': ['issued', 'repealed', 'valid'],
  '2019': ['made', 'published', 'totalPublic', 'prevCount', 'delta', 'projects'],
};

/**
 * The value columns of each block's header, in template order (both
 * versions). An unreadable header label (OCR) is the one column of the
 * sequence its readable neighbours leave open.
 */
export const table2ColumnSequences: string[][] = [
  ['issued', 'repealed', 'valid'],
  ['made', 'published', 'totalPublic'],
  ['prevCount', 'delta', 'decisions'],
  ['prevCount', 'delta'],
  ['projects', 'amount'],
];

/**
 * Table 4 — 四、政府信息公开行政复议、行政诉讼情况 (format.md §3.3): the same
 * 15 cells in both versions; three blocks of five columns, one data row.
 */
import type { LabelMatcher } from './types.js';

export const table4Signature = {
  contains: ['行政复议', '行政诉讼', '结果维持', '复议后起诉'],
};

export const reviewBlocks: Array<LabelMatcher & { key: string }> = [
  { key: 'review', label: '行政复议', exact: ['行政复议'] },
  { key: 'suitDirect', label: '未经复议直接起诉', contains: ['未经复议', '直接起诉'] },
  { key: 'suitAfterReview', label: '复议后起诉', contains: ['复议后起诉', '复议后诉讼'] },
];

/** The label 行政诉讼 spans the two lawsuit blocks and names neither. */
export const table4HeaderOnlyLabels = ['行政诉讼'];

export const reviewOutcomes: Array<LabelMatcher & { key: string }> = [
  { key: 'upheld', label: '结果维持', contains: ['结果维持', '维持'] },
  { key: 'corrected', label: '结果纠正', contains: ['结果纠正', '纠正'] },
  { key: 'other', label: '其他结果', contains: ['其他结果'] },
  { key: 'pending', label: '尚未审结', contains: ['尚未审结', '未审结'] },
  { key: 'total', label: '总计', exact: ['总计', '合计'] },
];

export const table4CellKeys = reviewBlocks.flatMap((b) => reviewOutcomes.map((o) => `t4.${b.key}.${o.key}`));

/**
 * The crosswalk across the 2019 break: each figure of a pre-2019 report
 * (mappings/pre2019.ts) → the cells of the 2019 and 2021 formats that
 * continue it, and where the definitions differ. A figure is continued by the
 * sum of its cells (a single cell for most); one with no cells has no
 * continuation, and a series of it stops at 2018. docs/crosswalk.md prints
 * this table; `govreport compare` draws series through it.
 *
 * `match` says how far a series may be read across the break:
 *   close — the same measure, counted somewhat differently (read the note);
 *   loose — a related measure whose scope changed (a jump at 2019 may be the definition, not the agency);
 *   none  — no cell of the new formats continues it.
 */
import { resultRows } from './table3.js';
import type { TableVersion } from './types.js';

export type CrosswalkMatch = 'close' | 'loose' | 'none';

export interface CrosswalkEntry {
  /** The pre-2019 figure's key (pre2019.*). */
  pre2019: string;
  /** The cells whose sum continues the figure, per format version; empty where the version has none. */
  continues: Record<TableVersion, string[]>;
  match: CrosswalkMatch;
  /** Where the definitions differ, in English with the labels quoted as printed. */
  differs: string;
}

/** The same cells in both formats (Tables 3 and 4 keep their keys from 2019 to 2021). */
const inBoth = (...keys: string[]): Record<TableVersion, string[]> => ({ '2019': keys, '2021': keys });

/** The eight rows of （三）不予公开, in the 总计 column. */
const deniedRows = resultRows.filter((r) => r.group === 'denied').map((r) => `t3.${r.key}.total`);

export const crosswalk: CrosswalkEntry[] = [
  {
    pre2019: 'pre2019.activeDisclosed',
    continues: inBoth(),
    match: 'none',
    differs:
      'Pre-2019 reports count every item (条) of information disclosed proactively (主动公开信息数/文件数). ' +
      'The 2019 format counts only 规章 and 规范性文件 made and published (本年新制作/新公开数量) and matters by type; ' +
      'the 2021 format rules and normative documents issued, repealed and in force. No cell counts all proactive disclosures.',
  },
  {
    pre2019: 'pre2019.applicationsReceived',
    continues: inBoth('t3.newReceived.total'),
    match: 'close',
    differs:
      'Pre-2019 tables count applications 受理 (accepted) or 收到 (received), some in 条 (items of information asked for) rather than 件 (applications). ' +
      '「一、本年新收政府信息公开申请数量」「总计」 counts applications received this year, without those carried over (二、上年结转).',
  },
  {
    pre2019: 'pre2019.answered',
    continues: inBoth('t3.resultTotal.total'),
    match: 'close',
    differs:
      'Pre-2019 对申请的答复（总）数 counts answers given in the year, some per item of information; ' +
      '「（七）总计」 counts the applications handled this year, carried-over ones included and those still open (四、结转下年度继续办理) left out.',
  },
  {
    pre2019: 'pre2019.granted',
    continues: inBoth('t3.granted.total'),
    match: 'close',
    differs:
      'Pre-2019 同意公开答复数 / 同意提供 may include partly granted answers where the table has no row for them; ' +
      '「（一）予以公开」 never does (a partial grant is counted only under （二）部分公开).',
  },
  {
    pre2019: 'pre2019.partiallyGranted',
    continues: inBoth('t3.partiallyGranted.total'),
    match: 'close',
    differs: 'Pre-2019 同意部分公开答复数 ↔ 「（二）部分公开」; many old tables have no such row (the figure is then absent, not 0).',
  },
  {
    pre2019: 'pre2019.denied',
    continues: inBoth(...deniedRows),
    match: 'loose',
    differs:
      'Pre-2019 不予公开 / 否决公开 / 拒绝提供 often also counts answers that the information does not exist, is not held by the agency or is not government information; ' +
      'from 2019 those are 「（四）无法提供」 and 「（五）不予处理」, and the continuation is the sum of the eight 「（三）不予公开」 rows (the legal grounds) only.',
  },
  {
    pre2019: 'pre2019.reviews',
    continues: inBoth('t4.review.total'),
    match: 'close',
    differs:
      'Both count administrative reconsiderations (行政复议) over disclosure in the year; old tables sometimes count them in 条. ' +
      'The 2019/2021 「行政复议」「总计」 is the sum of the outcomes (维持, 纠正, 其他, 尚未审结).',
  },
  {
    pre2019: 'pre2019.lawsuits',
    continues: inBoth('t4.suitDirect.total', 't4.suitAfterReview.total'),
    match: 'close',
    differs:
      'Pre-2019 reports count all administrative lawsuits (行政诉讼) over disclosure; the 2019/2021 Table 4 splits them into ' +
      '「未经复议直接起诉」 and 「复议后起诉」, so the continuation is the sum of both 总计. Complaints (行政申诉、举报) are neither.',
  },
  {
    pre2019: 'pre2019.fees',
    continues: inBoth(),
    match: 'none',
    differs:
      'Pre-2019 fees are disclosure charges (检索、复制、邮寄费) in 元. The 2019 format\'s 「行政事业性收费」 counts fee items (no money) and the 2021 format\'s ' +
      '「本年收费金额（单位：万元）」 is administrative fees in general, unrelated to disclosure charges; from 2019 the 信息处理费 is stated in section 六\'s prose, in no cell.',
  },
];

/** The crosswalk entry of a pre-2019 key, or undefined. */
export function crosswalkOf(pre2019Key: string): CrosswalkEntry | undefined {
  return crosswalk.find((e) => e.pre2019 === pre2019Key);
}

/**
 * The official 2021 tables as layout tables (format.md §3), with values from
 * a function, in the template's merged-cell markup or flattened.
 */
import { resultRows } from '../../mappings/table3.js';
import type { CellSpec } from './layout.js';

export const applicantKeys = ['natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg', 'total'];

/** Row keys of the 2021 Table 3 with the label cells of the template (group labels carry their rowspan on the first row). */
function table3Labels(version: '2021' | '2019'): Array<{ key: string; spanned: CellSpec[]; flat: string[] }> {
  const rows = resultRows.filter((r) => r.versions.includes(version));
  const groups: Record<string, { label: string; size: number }> = {
    denied: { label: '（三）不予公开', size: 8 },
    unable: { label: '（四）无法提供', size: 3 },
    ignored: { label: '（五）不予处理', size: 5 },
    other: { label: '（六）其他处理', size: 3 },
  };
  const seenGroup = new Set<string>();
  const resultCount = rows.length - 3;
  return rows.map((r, i) => {
    const spanned: CellSpec[] = [];
    const flat: string[] = [];
    if (['newReceived', 'carriedOver', 'carriedForward'].includes(r.key)) {
      spanned.push([r.label, 1, 3]);
      flat.push(r.label);
    } else {
      if (i === 2) spanned.push(['三、本年度办理结果', resultCount, 1]);
      if (i === 2) flat.push('三、本年度办理结果');
      const group = 'group' in r && r.group ? groups[r.group] : undefined;
      if (group) {
        if (!seenGroup.has(r.group!)) {
          seenGroup.add(r.group!);
          spanned.push([group.label, group.size, 1]);
          flat.push(group.label);
        }
        spanned.push(r.label);
      } else {
        spanned.push([r.label, 1, 2]);
      }
      flat.push(r.label);
    }
    return { key: r.key, spanned, flat };
  });
}

const note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export function officialTable3(value: (row: string, col: string) => string, version: '2021' | '2019' = '2021'): CellSpec[][] {
  return [
    [[note, 3, 3], ['申请人情况', 1, 7]],
    [['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    ...table3Labels(version).map((r) => [...r.spanned, ...applicantKeys.map((c) => value(r.key, c))]),
  ];
}

/** No spans at all: header cells padded with empty cells, rows with 1, 2 or 3 label cells. */
export function flatTable3(value: (row: string, col: string) => string, version: '2021' | '2019' = '2021'): CellSpec[][] {
  return [
    [note, '', '', '申请人情况', '', '', '', '', '', ''],
    ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
    ['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
    ...table3Labels(version).map((r) => [...r.flat, ...applicantKeys.map((c) => value(r.key, c))]),
  ];
}

export const outcomeKeys = ['upheld', 'corrected', 'other', 'pending', 'total'];
export const blockKeys = ['review', 'suitDirect', 'suitAfterReview'];
const outcomeLabels = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

export function officialTable4(value: (block: string, outcome: string) => string): CellSpec[][] {
  return [
    [['行政复议', 1, 5], ['行政诉讼', 1, 10]],
    [...outcomeLabels.map((l): CellSpec => [l, 2, 1]), ['未经复议直接起诉', 1, 5], ['复议后起诉', 1, 5]],
    [...outcomeLabels, ...outcomeLabels],
    blockKeys.flatMap((b) => outcomeKeys.map((o) => value(b, o))),
  ];
}

export function officialTable2(v: (key: string) => string): CellSpec[][] {
  return [
    [['第二十条第（一）项', 1, 4]],
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', v('t2.rules.issued'), v('t2.rules.repealed'), v('t2.rules.valid')],
    ['行政规范性文件', v('t2.normative.issued'), v('t2.normative.repealed'), v('t2.normative.valid')],
    [['第二十条第（五）项', 1, 4]],
    ['信息内容', ['本年处理决定数量', 1, 3]],
    ['行政许可', [v('t2.license.decisions'), 1, 3]],
    [['第二十条第（六）项', 1, 4]],
    ['信息内容', ['本年处理决定数量', 1, 3]],
    ['行政处罚', [v('t2.penalty.decisions'), 1, 3]],
    ['行政强制', [v('t2.coercion.decisions'), 1, 3]],
    [['第二十条第（八）项', 1, 4]],
    ['信息内容', ['本年收费金额（单位：万元）', 1, 3]],
    ['行政事业性收费', [v('t2.fees.amount'), 1, 3]],
  ];
}

/** Distinct numbers per cell so that any misplacement shows. */
export const distinct = (row: string, col: string) => String(resultRows.findIndex((r) => r.key === row) * 10 + applicantKeys.indexOf(col));

/**
 * The six sections of every report (format.md §2, variants §7.1-2). A heading
 * is a short block that starts with the section's numeral and contains one of
 * the keys (compared after labelKey(), so numbering and punctuation are gone).
 */
import type { SectionId } from '../src/model/report.js';

export interface SectionDef {
  id: SectionId;
  numeral: string;
  title: string;
  contains: string[];
}

export const sections: SectionDef[] = [
  { id: 'overview', numeral: '一', title: '一、总体情况', contains: ['总体情况', '概述'] },
  { id: 'activeDisclosure', numeral: '二', title: '二、主动公开政府信息情况', contains: ['主动公开'] },
  { id: 'applications', numeral: '三', title: '三、收到和处理政府信息公开申请情况', contains: ['收到和处理', '依申请公开', '处理政府信息公开申请'] },
  { id: 'reviewLitigation', numeral: '四', title: '四、政府信息公开行政复议、行政诉讼情况', contains: ['行政复议', '行政诉讼'] },
  { id: 'issues', numeral: '五', title: '五、存在的主要问题及改进情况', contains: ['存在的主要问题', '存在问题', '主要问题', '改进情况'] },
  { id: 'otherMatters', numeral: '六', title: '六、其他需要报告的事项', contains: ['其他需要报告', '需要报告的事项'] },
];

/** Headings are short; a longer block that starts with 一、 is a paragraph. */
export const maxHeadingLength = 40;

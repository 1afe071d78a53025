/**
 * The indicators of the statistics tables (统计表, 附表) that reports printed
 * before the 2019 template, as data. There was no fixed wording, not even
 * inside one office: a row is matched by closeness of its words to these
 * labels (src/mapper/pre2019-vocabulary.ts), among the indicators its position
 * allows - the children of the indicator its parent row matched, or the top
 * level. So '其他', '1．在办' or '2．拒绝提供' are told apart by where they stand,
 * not by a list of every printed variant.
 *
 * Labels are the wordings of the templates in use 2008-2018 (the 福建 统计表
 * 主动公开信息数 … 行政申诉数, the 2008 national 附表 with 同意提供 / 拒绝提供 and
 * six refusal reasons, the 2014-2018 form with 收费减免金额 and 其他类型答复数),
 * without their numbering; a label that is the bare word the template prints
 * under a parent ('其他') resolves only there.
 */

export interface Pre2019Indicator {
  /** Stable key; the nine headline figures use the same keys in the report's pre2019 record. */
  key: string;
  /** What it counts, in English, for the docs. */
  meaning: string;
  /** Where the row may stand: under a row matched to one of these keys; '' is the top level. Absent: top level only. */
  under?: readonly string[];
  /** Printed wordings (numbering and 其中 left out). */
  labels: readonly string[];
}

const top = '';

export const pre2019Indicators: readonly Pre2019Indicator[] = [
  { key: 'pre2019.activeDisclosed', meaning: 'documents disclosed on the agency’s own initiative', labels: ['主动公开信息数', '主动公开文件数', '主动公开政府信息数'] },
  { key: 'pre2019.activeDisclosed.website', meaning: 'of which on the website', under: ['pre2019.activeDisclosed'], labels: ['网站公开', '政府网站公开数'] },
  { key: 'pre2019.activeDisclosed.gazette', meaning: 'of which in the government gazette', under: ['pre2019.activeDisclosed'], labels: ['政府公报公开', '政府公报公开数'] },
  { key: 'pre2019.activeDisclosed.other', meaning: 'of which by other channels', under: ['pre2019.activeDisclosed'], labels: ['其他形式公开数', '其他'] },

  { key: 'pre2019.applicationsReceived', meaning: 'disclosure applications received (受理)', labels: ['受理依申请公开信息总数', '受理政府信息公开申请总数', '受理申请总数'] },
  { key: 'pre2019.applicationsReceived.inPerson', meaning: 'of which in person', under: ['pre2019.applicationsReceived'], labels: ['当面申请数'] },
  { key: 'pre2019.applicationsReceived.fax', meaning: 'of which by fax', under: ['pre2019.applicationsReceived'], labels: ['传真申请数'] },
  { key: 'pre2019.applicationsReceived.email', meaning: 'of which by e-mail', under: ['pre2019.applicationsReceived'], labels: ['电子邮件申请数'] },
  { key: 'pre2019.applicationsReceived.online', meaning: 'of which online', under: ['pre2019.applicationsReceived'], labels: ['网上申请数'] },
  { key: 'pre2019.applicationsReceived.letter', meaning: 'of which by letter', under: ['pre2019.applicationsReceived'], labels: ['信函申请数'] },
  { key: 'pre2019.applicationsReceived.letterOrFax', meaning: 'of which by letter or fax (one row)', under: ['pre2019.applicationsReceived'], labels: ['信函、传真申请数'] },
  { key: 'pre2019.applicationsReceived.other', meaning: 'of which by other means', under: ['pre2019.applicationsReceived'], labels: ['其他形式申请数', '其他'] },
  { key: 'pre2019.applicationsPending', meaning: 'applications still being handled at year end (在办)', under: ['pre2019.applicationsReceived'], labels: ['在办'] },

  // 办结 under the applications received is the count of those answered (the 2008 national 附表).
  { key: 'pre2019.answered', meaning: 'applications answered', under: [top, 'pre2019.applicationsReceived'], labels: ['对申请的答复总数', '办结'] },
  { key: 'pre2019.granted', meaning: 'answers granting disclosure', under: ['pre2019.answered'], labels: ['同意公开答复数', '同意提供'] },
  { key: 'pre2019.partiallyGranted', meaning: 'answers granting part', under: ['pre2019.answered'], labels: ['同意部分公开答复数'] },
  { key: 'pre2019.denied', meaning: 'answers refusing disclosure', under: ['pre2019.answered'], labels: ['不予公开答复数', '否决公开答复总数', '拒绝提供'] },
  { key: 'pre2019.denied.notExist', meaning: 'refused: the information does not exist', under: ['pre2019.denied'], labels: ['信息不存在'] },
  { key: 'pre2019.denied.secret', meaning: 'refused: classified', under: ['pre2019.denied'], labels: ['信息涉密'] },
  { key: 'pre2019.denied.unclear', meaning: 'refused: request unclear', under: ['pre2019.denied'], labels: ['信息描述不清'] },
  { key: 'pre2019.denied.unreasonable', meaning: 'refused: beyond reasonable need', under: ['pre2019.denied'], labels: ['超出合理需要'] },
  { key: 'pre2019.denied.thirdParty', meaning: 'refused: a third party objects', under: ['pre2019.denied'], labels: ['第三方不同意'] },
  { key: 'pre2019.denied.other', meaning: 'refused: other reasons', under: ['pre2019.denied'], labels: ['其他'] },
  { key: 'pre2019.answeredOther', meaning: 'other answers (referred, not held …)', under: ['pre2019.answered'], labels: ['其他类型答复数', '其他'] },

  { key: 'pre2019.fees', meaning: 'fees charged or waived, in yuan', labels: ['政府信息公开收费减免金额', '收费减免金额', '收取费用'] },
  { key: 'pre2019.reviews', meaning: 'administrative reviews about disclosure', labels: ['行政复议数'] },
  { key: 'pre2019.lawsuits', meaning: 'lawsuits about disclosure', labels: ['行政诉讼数'] },
  { key: 'pre2019.complaints', meaning: 'administrative complaints and reports (申诉、举报), not lawsuits', labels: ['行政申诉数', '接受行政申诉、举报数'] },

  { key: 'pre2019.enquiryPoints', meaning: 'enquiry points set up', labels: ['政府信息公开查询点数'] },
  { key: 'pre2019.enquiryPointQueries', meaning: 'enquiries received at the enquiry points', labels: ['政府信息公开查询点受理查询数'] },
  { key: 'pre2019.enquiries', meaning: 'enquiries (咨询) received', labels: ['政府信息咨询数', '咨询数'] },
  { key: 'pre2019.enquiries.phone', meaning: 'of which by telephone', under: ['pre2019.enquiries'], labels: ['公开电话'] },
  { key: 'pre2019.enquiries.window', meaning: 'of which at a service window', under: ['pre2019.enquiries'], labels: ['服务窗口'] },
  { key: 'pre2019.enquiries.online', meaning: 'of which by web mailbox or forum', under: ['pre2019.enquiries'], labels: ['网络信箱（论坛）'] },
  { key: 'pre2019.enquiries.other', meaning: 'of which by other means', under: ['pre2019.enquiries'], labels: ['其他'] },
];

/**
 * Words that qualify a label without changing what it counts (受理政府信息公开工作行政复议数 is 行政复议数):
 * left out of both sides before the distance is taken.
 */
export const pre2019LabelFillers: readonly string[] = ['政府信息公开工作', '政府信息公开'];

/** The nine headline figures: keys of pre2019Indicators that the report's pre2019 record carries. */
export const pre2019HeadlineKeys = [
  'pre2019.activeDisclosed',
  'pre2019.applicationsReceived',
  'pre2019.answered',
  'pre2019.granted',
  'pre2019.partiallyGranted',
  'pre2019.denied',
  'pre2019.reviews',
  'pre2019.lawsuits',
  'pre2019.fees',
] as const;

/**
 * Column headers of a statistics table. The label and unit columns; the value
 * columns by the period they hold: the report year (2014年度, 2017年, 年末统计,
 * 数量, 本年) or everything since the 条例 (历年累计). A year printed in the
 * header is read from it.
 */
export const pre2019Columns = {
  label: ['指标名称', '项目', '指标'],
  unit: ['计量单位', '单位', '计算单位'],
  cumulative: ['历年累计', '累计'],
  year: ['年末统计', '数量', '本年', '本年累计', '年度统计', '统计数'],
} as const;

/** A year in a column header: 2014年度, 2017年, 2011 年度. */
export const pre2019YearHeader = /^(\d{4})\s*年度?$/;

/** Units a statistics table prints in its unit column (and, run together, after a label). */
export const pre2019Units: readonly string[] = ['条', '件', '元', '万元', '个', '人次', '次', '份', '项', '起', '期'];

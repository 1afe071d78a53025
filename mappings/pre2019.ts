/**
 * Reports from before 2019 follow no national table format: the statistics
 * they give are sentences (「全年主动公开政府信息2069条」「共受理政府信息公开申请
 * 70件」「未发生因政府信息公开引起的行政复议」). These are the figures the old
 * reports most often state, each with the phrasings seen in them. A figure
 * is the number the sentence prints; a sentence that says there were none
 * (未发生, 没有) reads as 0. Keys are pre2019.*, apart from the 2019/2021 cells.
 */
export interface Pre2019Statistic {
  key: string;
  /** What the figure is, in the reports' own words. */
  label: string;
  unit: 'count' | 'yuan';
  /** Sentences that print the figure: group 1 is the number. */
  patterns: RegExp[];
  /** Sentences that say there was none. */
  none?: RegExp[];
}

const n = String.raw`(\d[\d,，]*)`;

/** A sentence that says no application was answered at all (「故不存在政府信息答复处理情况」): no answer of any kind, so none granted, part-granted or refused either. */
const noAnswers = [/(?:不存在|没有|无)[^。；\d]{0,10}?答复(?:处理)?情况/];

export const pre2019Statistics: Pre2019Statistic[] = [
  {
    key: 'pre2019.activeDisclosed',
    label: '主动公开政府信息（条）',
    unit: 'count',
    // Not a running total (累计主动公开…1568条 beside 2018年度…主动公开…181条).
    patterns: [new RegExp(String.raw`(?<!累计|历年)主动公开(?:各类|各级单位)?(?:政府)?信息(?:共计|共|总数|数量)?[为达]?\s*${n}\s*[条件]`)],
  },
  {
    key: 'pre2019.applicationsReceived',
    label: '收到政府信息公开申请（件）',
    unit: 'count',
    // 公开申请, not any 申请: 「共受理申请121510件」 counts the approvals a service hall took in.
    patterns: [new RegExp(String.raw`(?:受理|收到|接收|接到)(?:各类)?(?:政府信息)?公开申请(?:共计|共|总数)?[为达]?\s*${n}\s*[件份条]`), new RegExp(String.raw`共(?:受理|收到)${n}\s*件(?:政府信息)?公开申请`)],
    none: [/(?:未|没有)(?:收到|受理|接到)[^。；\d]{0,8}?(?:(?:政府信息)?公开的?申请|公开政府信息申请)/],
  },
  {
    key: 'pre2019.answered',
    label: '已答复申请（件）',
    unit: 'count',
    // Only where the sentence is about disclosure applications: 办结 alone also counts hotline complaints.
    patterns: [new RegExp(String.raw`(?:公开申请|依申请公开)[^。；]{0,40}?(?:答复|办结)(?:申请)?(?:共计|共)?\s*${n}\s*件`)],
    none: noAnswers,
  },
  {
    key: 'pre2019.granted',
    label: '同意公开（件）',
    unit: 'count',
    patterns: [new RegExp(String.raw`(?:同意|予以)公开(?:的|答复)?(?:申请)?\s*${n}\s*件`)],
    none: noAnswers,
  },
  {
    key: 'pre2019.partiallyGranted',
    label: '同意部分公开（件）',
    unit: 'count',
    patterns: [new RegExp(String.raw`部分公开(?:的)?(?:申请)?\s*${n}\s*件`)],
    none: noAnswers,
  },
  {
    key: 'pre2019.denied',
    label: '不予公开（件）',
    unit: 'count',
    patterns: [new RegExp(String.raw`不予公开(?:的)?(?:申请)?\s*${n}\s*件`)],
    // 「无不予公开政府信息情况」; not 「不予公开信息数0」, which counts documents by their disclosure attribute.
    none: [...noAnswers, /(?:无|没有|未(?:发生|出现)?)不予公开(?:政府信息)?(?:的)?(?:情况|申请|答复)/],
  },
  {
    key: 'pre2019.reviews',
    label: '因政府信息公开申请行政复议（件）',
    unit: 'count',
    patterns: [new RegExp(String.raw`行政复议(?:申请|案件)?(?:共)?\s*${n}\s*[件起]`)],
    none: [/(?:未|没有)(?:发生|出现|收到)?[^。；]{0,24}?行政复议/],
  },
  {
    key: 'pre2019.lawsuits',
    label: '因政府信息公开提起行政诉讼（件）',
    unit: 'count',
    patterns: [new RegExp(String.raw`行政诉讼(?:案件)?(?:共)?\s*${n}\s*[件起]`)],
    none: [/(?:未|没有)(?:发生|出现|收到)?[^。；]{0,30}?行政诉讼/],
  },
  {
    key: 'pre2019.fees',
    label: '收取信息公开费用（元）',
    unit: 'yuan',
    patterns: [new RegExp(String.raw`收取[^。；\d]{0,16}?费(?:用)?(?:共计|共)?\s*(\d[\d,，]*(?:\.\d+)?)\s*元`)],
    none: [/(?:未|没有|无)收取[^。；]{0,16}?费/, /(?:无|没有|暂不|不)收费/],
  },
];

/**
 * What tells an information-disclosure annual report from the documents that
 * sit beside it on the same sites and name the same things: budgets and final
 * accounts, disclosure guides and catalogues, notices about the annual report
 * (src/mapper/refusal.ts weighs them). Each kind has the title that names it
 * and the vocabulary of its body; a report has the body statements that only a
 * report makes (what was done in the year, with its counts). Patterns are
 * matched on simplified text (mirror sites print traditional characters); each
 * term counts once, however often it appears, unless `min` asks for more.
 */

export interface EvidenceTerm {
  /** What the term is, for the message that names the evidence. */
  name: string;
  pattern: RegExp;
  /** Occurrences needed before it counts (a word that one metadata box prints, a listing prints on every row). */
  min?: number;
}

export type OtherKindId = 'budget' | 'guide' | 'catalogue' | 'notice';

export interface DocumentKind {
  id: OtherKindId;
  /** The kind in the words of the problem message. */
  name: string;
  /** A title of this kind; tried on the document's own title before it is taken for a report's. */
  title: RegExp;
  terms: EvidenceTerm[];
}

/**
 * A title that names a disclosure annual report (「…2012年政府信息公开年度工作报告」, 「…信息公开年报」):
 * tried only on titles that name no other kind (「关于做好…年度报告编制工作的通知」 is a notice).
 */
export const reportTitle = /信息公开[^。，,；;]{0,10}(?:年度报告|工作报告|年报)/;

/** Words that, all found anywhere in a text, name a disclosure annual report (a text with none of them and no section is no report). */
export const reportNamed = [/政府信息公开/, /年度报告|年报|工作报告/];

/** Weight of the document's own title naming a kind (report or other), against 1 for each term of the body. */
export const titleWeight = 2;

/** A kind needs this much evidence before it outweighs a report, so that one stray word never refuses a file. */
export const minOtherEvidence = 3;

export const otherKinds: DocumentKind[] = [
  {
    id: 'budget',
    name: 'a budget or final accounts (部门预算/决算)',
    title: /预算|决算/,
    terms: [
      { name: '收支预算/决算', pattern: /收支(?:预算|决算)|收入(?:预算|决算)|支出(?:预算|决算)/ },
      { name: '一般公共预算', pattern: /一般公共预算/ },
      { name: '财政拨款', pattern: /财政拨款/ },
      { name: '预算表/决算表', pattern: /(?:预算|决算)(?:总表|表)/ },
      { name: '三公经费', pattern: /[“"「]?三公[”"」]?经费/ },
      { name: '基本支出/项目支出', pattern: /基本支出|项目支出/ },
      { name: '政府性基金', pattern: /政府性基金/ },
      { name: '国有资本经营预算', pattern: /国有资本经营/ },
      { name: '功能分类科目', pattern: /功能分类|科目编码|科目名称/ },
      { name: '万元 amounts', pattern: /\d\s*万元|[（(]万元[)）]|单位[:：]\s*万元/ },
      { name: '年初/年末结转和结余', pattern: /年[初末]结转和结余|结转和结余/ },
    ],
  },
  {
    id: 'guide',
    name: 'a disclosure guide (政府信息公开指南)',
    title: /公开指南/,
    terms: [
      { name: '公开指南', pattern: /公开指南/ },
      { name: '受理机构', pattern: /受理机构|受理机关|受理部门|受理地点/ },
      { name: '办公时间', pattern: /办公时间|受理时间|工作时间[:：]/ },
      { name: '办公地址', pattern: /办公地址|通讯地址|地址[:：]/ },
      { name: '邮政编码', pattern: /邮政编码|邮编/ },
      { name: '申请方式', pattern: /申请方式|提出申请的方式|当面提交|信函申请|网上申请/ },
      { name: '申请表', pattern: /申请表/ },
      { name: '答复期限', pattern: /(?:\d+|十五|二十)个工作日内/ },
      { name: '监督/救济', pattern: /监督方式|救济方式|监督和救济|监督与救济/ },
    ],
  },
  {
    id: 'catalogue',
    name: 'a disclosure catalogue (政府信息公开目录)',
    title: /公开目录|信息目录/,
    terms: [
      { name: '公开目录', pattern: /公开目录|信息目录/ },
      { name: '信息名称', pattern: /信息名称|文件名称/ },
      { name: '索引号 on every entry', pattern: /索引号/, min: 3 },
      { name: '生成日期 on every entry', pattern: /生成日期|发布日期|成文日期/, min: 3 },
      { name: '公开时限', pattern: /公开时限|更新时限/ },
      { name: '公开形式/方式 column', pattern: /公开(?:形式|方式)/, min: 3 },
      { name: '责任部门', pattern: /责任(?:部门|科室|单位)/ },
      { name: '主题/体裁分类', pattern: /主题分类|体裁分类|组配分类/ },
    ],
  },
  {
    id: 'notice',
    name: 'a notice (通知), not the report it asks for',
    title: /通知\s*$|的通知|通知[（(]|^关于.*函\s*$/,
    terms: [
      { name: 'addressees 各…：', pattern: /(?:^|\n)\s*各[^\n。]{1,60}[:：]\s*(?:\n|$)|各(?:乡镇|街道|区县|县区|市直|县直|区直|部门|单位|有关单位)/ },
      { name: '通知如下', pattern: /(?:有关事项|具体事项|事项)?通知如下/ },
      { name: '请于…前报送', pattern: /请(?:于|在)[^。]{0,30}前|于\d{1,2}月\d{1,2}日前/ },
      { name: '报送', pattern: /报送(?:至|到|给)?|上报/ },
      { name: '特此通知', pattern: /特此通知/ },
      { name: '联系人', pattern: /联系人/ },
      { name: '工作要求', pattern: /工作要求|编制要求|有关要求/ },
    ],
  },
];

/**
 * Statements of a report's body: the year's work reported with its counts, or
 * the report saying what it is. A guide explains how to apply, a notice what a
 * report must contain, a list page names reports: none of them states these.
 */
export const reportBodyTerms: EvidenceTerm[] = [
  {
    name: 'the report presents itself (本报告, 现将…报告如下)',
    pattern: /本(?:年度)?报告(?:中|所列|由|的|是|根据)|现将[^。]{0,60}(?:报告|汇报|公布|报)如下|现(?:予|向社会)?公布[^。]{0,30}年度报告/,
  },
  { name: 'active disclosures counted', pattern: /主动公开[^。；;]{0,40}?\d+\s*(?:条|件|份|项|篇)/ },
  {
    name: 'applications counted or none received',
    pattern: /(?:收到|受理|接到|办理)[^。；;]{0,30}?申请[^。；;]{0,20}?\d+\s*(?:件|条|份|宗|个|人次)|(?:未|没有|无)(?:收到|受理|接到)[^。；;]{0,30}申请/,
  },
  {
    name: 'reviews or lawsuits counted or none',
    pattern: /(?:行政复议|行政诉讼)[^。；;，,]{0,20}?\d+\s*(?:件|起|宗)|(?:未|没有|无)(?:发生|收到|出现|被)?[^。；;]{0,20}(?:行政复议|行政诉讼)/,
  },
  { name: 'the year\'s work stated (本年度/全年 …)', pattern: /(?:本年度|全年|年内|报告期内)[^。]{0,40}(?:共|累计)?[^。]{0,20}\d+\s*(?:条|件|次|期|场)/ },
];

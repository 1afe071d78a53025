/**
 * make-html-samples — synthetic HTML report pages with known values.
 *
 * Run: npx tsc -p . && node dist/scripts/make-html-samples.js
 *
 * Writes samples/html/<name>.html with samples/html/<name>.truth.json beside
 * it (the same truth format as ../shared/samples/real/*.truth.json). Each page
 * is a full government-CMS-like document (title, preamble, the six sections of
 * format.md §2, prose with numbers, Tables 2/3/4, closing lines) built around
 * one HTML difficulty seen in real reports (format.md §7): CMS chrome with
 * layout tables, GBK with and without a charset declaration, flattened tables
 * without spans, label variants and typos, traditional characters, blank and
 * dash cells, the 2019 format, printed arithmetic errors, the 2019/2021
 * hybrid, padded and stray cells, and Table 3 split across two <table>s.
 *
 * Why synthetic: real pages with verified truth are few; here every value is
 * known by construction, so the cell accuracy of the HTML reader can be
 * measured for each difficulty separately.
 *
 * How values are made: a seeded PRNG (mulberry32 seeded by the sample name; no
 * Math.random, no transcendental functions, no dates) draws the leaf cells,
 * then every total is computed, so all the rules of format.md §5 (T3-1..T3-3,
 * T4-1) hold — except in `inconsistent-totals`, where chosen printed cells are
 * altered afterwards. The truth is always what the page prints: the page and
 * the truth are rendered from one `printed` map (text + value per cell), and
 * `expectProblems` is computed from the truth cells and asserted against what
 * each sample meant to plant. Output is byte-identical on every run.
 *
 * Key lists come from mappings/ (table2Cells, resultRows, applicantColumns,
 * table4CellKeys); the printed label text is the official template text
 * (format.md §3/§4) with per-sample variants. GBK pages are encoded with a
 * small reverse map built from TextDecoder('gbk') (Node has no GBK encoder).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Converter } from 'opencc-js/cn2t';
import { table2Cells } from '../mappings/table2.js';
import { applicantColumns, resultLeafRows, resultRows, table3RowKeys } from '../mappings/table3.js';
import { reviewBlocks, reviewOutcomes, table4CellKeys } from '../mappings/table4.js';
import type { TableVersion } from '../mappings/types.js';

// ---------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------

/** mulberry32, seeded with FNV-1a of a string. Integer arithmetic only. */
class Rng {
  private state: number;
  constructor(seed: string) {
    let h = 0x811c9dc5;
    for (const ch of seed) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193);
    }
    this.state = h >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** A small count around `mean`: zero with probability 1/(1+mean), else 1..2·mean. */
  count(mean: number): number {
    if (mean <= 0) return 0;
    if (this.next() < 1 / (1 + mean)) return 0;
    return 1 + Math.floor(this.next() * 2 * mean);
  }
}

// ---------------------------------------------------------------------------
// Keys (from mappings/)
// ---------------------------------------------------------------------------

type Nums = Record<string, number>;
type T3RowSet = '2021' | '2019' | 'hybrid';

const colKeys = applicantColumns.map((c) => c.key); // natural … otherOrg, total
const applicantKeys = colKeys.filter((c) => c !== 'total');
const blockKeys = reviewBlocks.map((b) => b.key);
const outcomeKeys = reviewOutcomes.map((o) => o.key); // upheld corrected other pending total
const outcomeLeafKeys = outcomeKeys.filter((o) => o !== 'total');

/** Table 3 rows printed on the page, in template order. */
function printedT3Rows(set: T3RowSet): string[] {
  return table3RowKeys(set === 'hybrid' ? '2019' : set);
}

/** Table 3 rows whose cells belong to the truth (hybrid: 2021 rows + otherAll, format.md §7.3 / model.md). */
function truthT3Rows(set: T3RowSet): string[] {
  if (set !== 'hybrid') return table3RowKeys(set);
  const keys = new Set([...table3RowKeys('2021'), 'otherAll']);
  return resultRows.map((r) => r.key).filter((k) => keys.has(k));
}

function truthKeys(version: TableVersion, set: T3RowSet): string[] {
  return [
    ...table2Cells[version].map((c) => c.key),
    ...truthT3Rows(set).flatMap((r) => colKeys.map((c) => `t3.${r}.${c}`)),
    ...table4CellKeys,
  ];
}

// ---------------------------------------------------------------------------
// Values: leaves from the PRNG, then totals
// ---------------------------------------------------------------------------

const colScale: Record<string, number> = { natural: 1, commercial: 0.3, research: 0.04, publicWelfare: 0.06, legalService: 0.15, otherOrg: 0.1 };
const rowWeight: Record<string, number> = {
  granted: 3,
  partiallyGranted: 1.2,
  unableNotHeld: 1.6,
  unableNeedsCreation: 0.5,
  ignoredPetition: 0.4,
  ignoredRepeat: 0.4,
  otherNoCorrection: 0.5,
  otherOther: 0.8,
  otherAll: 0.9,
  deniedThirdParty: 0.3,
  deniedProcessInfo: 0.3,
};

function genTable3(rng: Rng, rows: string[], size: number, overrides: Nums): Nums {
  const v: Nums = {};
  const leaves = rows.filter((r) => resultLeafRows.includes(r));
  const draw = (key: string, mean: number) => (v[key] = overrides[key] ?? rng.count(mean));
  for (const row of leaves) for (const col of applicantKeys) draw(`t3.${row}.${col}`, size * (rowWeight[row] ?? 0.12) * colScale[col]!);
  for (const col of applicantKeys) {
    const resultTotal = leaves.reduce((s, row) => s + v[`t3.${row}.${col}`]!, 0);
    v[`t3.resultTotal.${col}`] = resultTotal;
    draw(`t3.carriedForward.${col}`, size * 0.25 * colScale[col]!);
    const forward = v[`t3.carriedForward.${col}`]!;
    const over = overrides[`t3.carriedOver.${col}`] ?? Math.min(rng.count(size * 0.25 * colScale[col]!), resultTotal + forward);
    v[`t3.carriedOver.${col}`] = over;
    // T3-1: 一 + 二 = （七）总计 + 四
    v[`t3.newReceived.${col}`] = resultTotal + forward - over;
  }
  // T3-2: 总计 column = the six applicant columns
  for (const row of rows) v[`t3.${row}.total`] = applicantKeys.reduce((s, col) => s + v[`t3.${row}.${col}`]!, 0);
  return v;
}

function genTable4(rng: Rng, size: number): Nums {
  const v: Nums = {};
  const f = Math.max(0.3, size / 20);
  const means: Record<string, number[]> = { review: [1.2, 0.4, 0.6, 0.4], suitDirect: [0.6, 0.2, 0.3, 0.3], suitAfterReview: [0.5, 0.1, 0.2, 0.3] };
  for (const b of blockKeys) {
    outcomeLeafKeys.forEach((o, i) => (v[`t4.${b}.${o}`] = rng.count(means[b]![i]! * f)));
    v[`t4.${b}.total`] = outcomeLeafKeys.reduce((s, o) => s + v[`t4.${b}.${o}`]!, 0);
  }
  return v;
}

/** A money value with at most two decimals, e.g. 7730.28 (format.md §3.1). */
const money = (rng: Rng, maxCents: number) => rng.int(1, maxCents) / 100;

function genTable2(rng: Rng, version: TableVersion, size: number, makesRules: boolean): Nums {
  const v: Nums = {};
  if (version === '2021') {
    v['t2.rules.issued'] = makesRules ? rng.int(0, 3) : 0;
    v['t2.rules.repealed'] = makesRules ? rng.int(0, 2) : 0;
    v['t2.rules.valid'] = makesRules ? rng.int(20, 90) : 0;
    v['t2.normative.issued'] = rng.count(size * 0.3);
    v['t2.normative.repealed'] = rng.count(size * 0.15);
    v['t2.normative.valid'] = v['t2.normative.issued']! + rng.int(3, Math.max(5, size * 6));
    v['t2.license.decisions'] = rng.count(size * 40);
    v['t2.penalty.decisions'] = rng.count(size * 8);
    v['t2.coercion.decisions'] = rng.count(size * 0.8);
    v['t2.fees.amount'] = rng.chance(0.35) ? 0 : money(rng, size * 20000);
  } else {
    for (const row of ['rules', 'normative']) {
      const made = row === 'rules' ? (makesRules ? rng.int(0, 3) : 0) : rng.count(size * 0.3);
      v[`t2.${row}.made`] = made;
      v[`t2.${row}.published`] = made;
      v[`t2.${row}.totalPublic`] = row === 'rules' && !makesRules ? 0 : made + rng.int(5, size * 5);
    }
    for (const row of ['license', 'otherServices', 'penalty', 'coercion']) {
      v[`t2.${row}.prevCount`] = rng.int(0, size * 6);
      v[`t2.${row}.delta`] = rng.int(-3, 6);
      v[`t2.${row}.decisions`] = rng.count(size * 10);
    }
    v['t2.fees.prevCount'] = rng.int(0, 12);
    v['t2.fees.delta'] = rng.int(-2, 2);
    v['t2.procurement.projects'] = rng.count(size * 0.5);
    v['t2.procurement.amount'] = money(rng, size * 3000);
  }
  return v;
}

// ---------------------------------------------------------------------------
// Printed cells: what the page shows and what the truth says
// ---------------------------------------------------------------------------

/** `text` is the HTML inside the cell; `value` what a correct reader reads (null: blank or dash). */
interface Printed {
  text: string;
  value: number | null;
}
type PrintedMap = Record<string, Printed>;

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

// ---------------------------------------------------------------------------
// Labels (official template text, format.md §3.1-3.3, §4.1-4.2)
// ---------------------------------------------------------------------------

const officialLabels: Record<string, string> = {
  // Table 2
  't2.cap1': '第二十条第（一）项',
  't2.cap5': '第二十条第（五）项',
  't2.cap6': '第二十条第（六）项',
  't2.cap8': '第二十条第（八）项',
  't2.cap9': '第二十条第（九）项',
  't2.content': '信息内容',
  't2.issued': '本年制发件数',
  't2.repealed': '本年废止件数',
  't2.valid': '现行有效件数',
  't2.decisions': '本年处理决定数量',
  't2.amount': '本年收费金额（单位：万元）',
  't2.rules': '规章',
  't2.normative': '行政规范性文件',
  't2.license': '行政许可',
  't2.penalty': '行政处罚',
  't2.coercion': '行政强制',
  't2.fees': '行政事业性收费',
  // Table 2, 2019
  't2.made': '本年新制作数量',
  't2.published': '本年新公开数量',
  't2.totalPublic': '对外公开总数量',
  't2.prevCount': '上一年项目数量',
  't2.delta': '本年增/减',
  't2.decisions19': '处理决定数量',
  't2.normative19': '规范性文件',
  't2.otherServices': '其他对外管理服务事项',
  't2.projects': '采购项目数量',
  't2.procAmount': '采购总金额',
  't2.procurement': '政府集中采购',
  // Table 3 header
  'hdr.note': '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  'hdr.applicant': '申请人情况',
  'hdr.natural': '自然人',
  'hdr.legalPerson': '法人或其他组织',
  'hdr.commercial': '商业企业',
  'hdr.research': '科研机构',
  'hdr.publicWelfare': '社会公益组织',
  'hdr.legalService': '法律服务机构',
  'hdr.otherOrg': '其他',
  'hdr.total': '总计',
  // Table 3 rows
  'top.newReceived': '一、本年新收政府信息公开申请数量',
  'top.carriedOver': '二、上年结转政府信息公开申请数量',
  'top.results': '三、本年度办理结果',
  'top.carriedForward': '四、结转下年度继续办理',
  'group.granted': '（一）予以公开',
  'group.partiallyGranted': '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'group.denied': '（三）不予公开',
  'group.unable': '（四）无法提供',
  'group.ignored': '（五）不予处理',
  'group.other': '（六）其他处理',
  'group.otherAll': '（六）其他处理',
  'group.resultTotal': '（七）总计',
  'reason.deniedStateSecret': '1.属于国家秘密',
  'reason.deniedLawForbidden': '2.其他法律行政法规禁止公开',
  'reason.deniedSafetyStability': '3.危及“三安全一稳定”',
  'reason.deniedThirdParty': '4.保护第三方合法权益',
  'reason.deniedInternalAffairs': '5.属于三类内部事务信息',
  'reason.deniedProcessInfo': '6.属于四类过程性信息',
  'reason.deniedEnforcementFile': '7.属于行政执法案卷',
  'reason.deniedQueryMatter': '8.属于行政查询事项',
  'reason.unableNotHeld': '1.本机关不掌握相关政府信息',
  'reason.unableNeedsCreation': '2.没有现成信息需要另行制作',
  'reason.unableUnclear': '3.补正后申请内容仍不明确',
  'reason.ignoredPetition': '1.信访举报投诉类申请',
  'reason.ignoredRepeat': '2.重复申请',
  'reason.ignoredPublication': '3.要求提供公开出版物',
  'reason.ignoredExcessive': '4.无正当理由大量反复申请',
  'reason.ignoredConfirm': '5.要求行政机关确认或重新出具已获取信息',
  'reason.otherNoCorrection': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'reason.otherUnpaidFee': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'reason.otherOther': '3.其他',
  // Table 4
  't4.review': '行政复议',
  't4.suit': '行政诉讼',
  't4.suitDirect': '未经复议直接起诉',
  't4.suitAfterReview': '复议后起诉',
  't4.upheld': '结果维持',
  't4.corrected': '结果纠正',
  't4.other': '其他结果',
  't4.pending': '尚未审结',
  't4.total': '总计',
};

// Every Table 3 row of the mappings has a printed label.
for (const r of resultRows) {
  const p = t3Path(r.key);
  for (const id of [p.top, p.group, p.reason]) if (id && !(id in officialLabels)) throw new Error(`no label for ${id}`);
}

/** Where a Table 3 row sits in the three label columns (label ids). */
function t3Path(key: string): { top: string; group?: string; reason?: string } {
  if (['newReceived', 'carriedOver', 'carriedForward'].includes(key)) return { top: `top.${key}` };
  if (['granted', 'partiallyGranted', 'resultTotal', 'otherAll'].includes(key)) return { top: 'top.results', group: `group.${key}` };
  const def = resultRows.find((r) => r.key === key);
  if (!def?.group) throw new Error(`unknown Table 3 row ${key}`);
  return { top: 'top.results', group: `group.${def.group}`, reason: `reason.${key}` };
}

// ---------------------------------------------------------------------------
// Sample specification
// ---------------------------------------------------------------------------

type T2Layout = 'official' | 'padded';
type T3Layout = 'official' | 'flat' | 'padded' | 'stray' | 'split';
type T4Layout = 'official' | 'flat';
type CellWrap = 'plain' | 'p' | 'mso';
type HeadingStyle = 'p-strong' | 'h3' | 'p-span';

interface Stray {
  leadingEmpty: boolean;
  tokens: string[];
}

export interface Sample {
  name: string;
  agency: string;
  /** Site name in <title> and chrome, e.g. 青山县人民政府. */
  site: string;
  year: number;
  version: TableVersion;
  t3Rows: T3RowSet;
  /** Scale of the counts (a town ≈ 2, a county ≈ 20, a city ≈ 60). */
  size: number;
  makesRules: boolean;
  encoding: 'utf-8' | 'gbk';
  charset: 'meta-utf8' | 'http-equiv-gb2312' | 'none';
  chrome: 'cms' | 'simple' | 'bare';
  headingStyle: HeadingStyle;
  titleStyle: 'h1' | 'p-center';
  cellWrap: CellWrap;
  t2Layout: T2Layout;
  t3Layout: T3Layout;
  t4Layout: T4Layout;
  labels?: Record<string, string>;
  /** Leaf values fixed before totals are computed (Table 3), or Table 2 values. */
  overrides?: Nums;
  /** Changes to the printed cells after totals (display variants, blanks, planted errors). */
  customize?: (printed: PrintedMap, rng: Rng) => void;
  /** Extra empty cells appended to Table 3 data rows (t3Layout 'padded'). */
  padding?: Record<string, number>;
  /** Stray cells in Table 3 data rows (t3Layout 'stray'). */
  stray?: Record<string, Stray>;
  /** First Table 3 row of the second <table> (t3Layout 'split'). */
  splitAt?: string;
  traditional?: boolean;
  /** A GBK-only character (outside GB2312) that must appear in the prose. */
  gbkOnly?: string[];
  /** Extra text for the preamble (e.g. an address with GBK-only characters). */
  address: string;
  expectProblems: string[];
  expectOtherProblems: string[];
  notes: string[];
}

// ---------------------------------------------------------------------------
// HTML rendering of the tables
// ---------------------------------------------------------------------------

interface Cell {
  html: string;
  rs?: number;
  cs?: number;
}
type Row = Cell[];

const tableAttrs: Record<CellWrap, string> = {
  plain: 'border="1" cellspacing="0" cellpadding="4" width="100%"',
  p: 'style="border-collapse: collapse;border: none;margin: 0 auto;" cellspacing="0" align="center" border="1"',
  mso: 'class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none"',
};

function wrapCell(html: string, wrap: CellWrap): string {
  if (html === '' || wrap === 'plain') return html;
  if (wrap === 'p') return `<p style="text-align:center;">${html}</p>`;
  return `<p class="MsoNormal" align="center" style="text-align:center"><span style="font-size:10.5pt;font-family:宋体">${html}</span></p>`;
}

function renderTable(rows: Row[], wrap: CellWrap): string {
  const tr = rows.map((row, i) => {
    const tds = row
      .map((c) => {
        const attrs = `${c.rs && c.rs > 1 ? ` rowspan="${c.rs}"` : ''}${c.cs && c.cs > 1 ? ` colspan="${c.cs}"` : ''}`;
        const valign = wrap === 'plain' ? '' : ' valign="center"';
        return `<td${attrs}${valign}>${wrapCell(c.html, wrap)}</td>`;
      })
      .join('');
    return `<tr${i === 0 && wrap === 'p' ? ' class="firstRow"' : ''}>${tds}</tr>`;
  });
  return `<table ${tableAttrs[wrap]}>\n<tbody>\n${tr.join('\n')}\n</tbody>\n</table>`;
}

class Renderer {
  constructor(
    private readonly s: Sample,
    private readonly printed: PrintedMap,
  ) {}

  L(id: string): string {
    const text = this.s.labels?.[id] ?? officialLabels[id];
    if (text === undefined) throw new Error(`no label ${id}`);
    return text;
  }

  v(key: string): string {
    const p = this.printed[key];
    if (!p) throw new Error(`no printed cell ${key}`);
    return p.text;
  }

  // ---- Table 2 ----

  table2(): string {
    const L = (id: string) => this.L(id);
    type Block = { caption: string; header: string[]; rows: Array<{ label: string; keys: string[] }> };
    const blocks: Block[] =
      this.s.version === '2021'
        ? [
            {
              caption: 't2.cap1',
              header: ['t2.issued', 't2.repealed', 't2.valid'],
              rows: ['rules', 'normative'].map((r) => ({ label: `t2.${r}`, keys: ['issued', 'repealed', 'valid'].map((c) => `t2.${r}.${c}`) })),
            },
            { caption: 't2.cap5', header: ['t2.decisions'], rows: [{ label: 't2.license', keys: ['t2.license.decisions'] }] },
            {
              caption: 't2.cap6',
              header: ['t2.decisions'],
              rows: ['penalty', 'coercion'].map((r) => ({ label: `t2.${r}`, keys: [`t2.${r}.decisions`] })),
            },
            { caption: 't2.cap8', header: ['t2.amount'], rows: [{ label: 't2.fees', keys: ['t2.fees.amount'] }] },
          ]
        : [
            {
              caption: 't2.cap1',
              header: ['t2.made', 't2.published', 't2.totalPublic'],
              rows: [
                { label: 't2.rules', keys: ['made', 'published', 'totalPublic'].map((c) => `t2.rules.${c}`) },
                { label: 't2.normative19', keys: ['made', 'published', 'totalPublic'].map((c) => `t2.normative.${c}`) },
              ],
            },
            ...[
              { caption: 't2.cap5', rows: ['license', 'otherServices'] },
              { caption: 't2.cap6', rows: ['penalty', 'coercion'] },
            ].map((b) => ({
              caption: b.caption,
              header: ['t2.prevCount', 't2.delta', 't2.decisions19'],
              rows: b.rows.map((r) => ({ label: `t2.${r}`, keys: ['prevCount', 'delta', 'decisions'].map((c) => `t2.${r}.${c}`) })),
            })),
            { caption: 't2.cap8', header: ['t2.prevCount', 't2.delta'], rows: [{ label: 't2.fees', keys: ['t2.fees.prevCount', 't2.fees.delta'] }] },
            {
              caption: 't2.cap9',
              header: ['t2.projects', 't2.procAmount'],
              rows: [{ label: 't2.procurement', keys: ['t2.procurement.projects', 't2.procurement.amount'] }],
            },
          ];
    const padded = this.s.t2Layout === 'padded';
    // Spread n value cells over the 3 value grid columns: 1 → [3], 2 → [1, 2], 3 → [1, 1, 1].
    const spread = (cells: string[]): Row => {
      const spans = cells.length === 1 ? [3] : cells.length === 2 ? [1, 2] : [1, 1, 1];
      const out: Row = [];
      cells.forEach((html, i) => {
        const cs = spans[i]!;
        if (padded) {
          out.push({ html });
          for (let k = 1; k < cs; k++) out.push({ html: '' });
        } else out.push({ html, cs });
      });
      return out;
    };
    const rows: Row[] = [];
    for (const b of blocks) {
      rows.push(padded ? [{ html: L(b.caption) }, { html: '' }, { html: '' }, { html: '' }] : [{ html: L(b.caption), cs: 4 }]);
      rows.push([{ html: L('t2.content') }, ...spread(b.header.map(L))]);
      for (const r of b.rows) rows.push([{ html: L(r.label) }, ...spread(r.keys.map((k) => this.v(k)))]);
    }
    return renderTable(rows, this.s.cellWrap);
  }

  // ---- Table 3 ----

  private t3Header(): Row[] {
    const L = (id: string) => this.L(id);
    const subs = ['commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg'].map((c) => ({ html: L(`hdr.${c}`) }));
    const e = (n: number): Row => Array.from({ length: n }, () => ({ html: '' }));
    switch (this.s.t3Layout) {
      case 'official':
      case 'split':
        return [
          [{ html: L('hdr.note'), rs: 3, cs: 3 }, { html: L('hdr.applicant'), cs: 7 }],
          [{ html: L('hdr.natural'), rs: 2 }, { html: L('hdr.legalPerson'), cs: 5 }, { html: L('hdr.total'), rs: 2 }],
          subs,
        ];
      case 'flat':
      case 'stray':
        // Spans dropped: each header row keeps only its own cells (empty cells under 自然人/总计, Hangzhou style).
        return [
          [{ html: L('hdr.note') }, { html: L('hdr.applicant') }],
          [{ html: L('hdr.natural') }, { html: L('hdr.legalPerson') }, { html: L('hdr.total') }],
          [{ html: '' }, ...subs, { html: '' }],
        ];
      case 'padded':
        // Merged cells expanded into runs of empty cells over the full 10-column grid.
        return [
          [{ html: L('hdr.note') }, ...e(2), { html: L('hdr.applicant') }, ...e(6)],
          [...e(3), { html: L('hdr.natural') }, { html: L('hdr.legalPerson') }, ...e(4), { html: L('hdr.total') }],
          [...e(4), ...subs, ...e(1)],
        ];
    }
  }

  private t3Values(row: string): Row {
    return colKeys.map((c) => ({ html: this.v(`t3.${row}.${c}`) }));
  }

  /** Body rows with real rowspan/colspan; `continuation`: the segment continues a 三、本年度办理结果 span from a previous table. */
  private t3BodySpanned(seg: string[], continuation: boolean): Row[] {
    const rows: Row[] = [];
    seg.forEach((key, i) => {
      const p = t3Path(key);
      const prev = i > 0 ? t3Path(seg[i - 1]!) : undefined;
      const run = (same: (q: ReturnType<typeof t3Path>) => boolean) => {
        let n = 0;
        while (i + n < seg.length && same(t3Path(seg[i + n]!))) n++;
        return n;
      };
      const cells: Row = [];
      if (!p.group) cells.push({ html: this.L(p.top), cs: 3 });
      else {
        if (prev?.top !== p.top) cells.push({ html: i === 0 && continuation ? '' : this.L(p.top), rs: run((q) => q.top === p.top) });
        if (!p.reason) cells.push({ html: this.L(p.group), cs: 2 });
        else {
          if (prev?.group !== p.group) cells.push({ html: this.L(p.group), rs: run((q) => q.group === p.group) });
          cells.push({ html: this.L(p.reason) });
        }
      }
      rows.push([...cells, ...this.t3Values(key)]);
    });
    return rows;
  }

  /** Label cells of a row when spans are dropped: 1, 2 or 3 cells (龙岗 style, format.md §7.16). */
  private t3FlatLabels(seg: string[], i: number): Row {
    const key = seg[i]!;
    const p = t3Path(key);
    const prev = i > 0 ? t3Path(seg[i - 1]!) : undefined;
    const cells: Row = [];
    if (!p.group) return [{ html: this.L(p.top) }];
    if (prev?.top !== p.top) cells.push({ html: this.L(p.top) });
    if (!p.reason) cells.push({ html: this.L(p.group) });
    else {
      if (prev?.group !== p.group) cells.push({ html: this.L(p.group) });
      cells.push({ html: this.L(p.reason) });
    }
    return cells;
  }

  table3(): string {
    const rows = printedT3Rows(this.s.t3Rows);
    const wrap = this.s.cellWrap;
    switch (this.s.t3Layout) {
      case 'official':
        return renderTable([...this.t3Header(), ...this.t3BodySpanned(rows, false)], wrap);
      case 'split': {
        const at = rows.indexOf(this.s.splitAt ?? '');
        if (at <= 0) throw new Error('splitAt must name a Table 3 row');
        const first = renderTable([...this.t3Header(), ...this.t3BodySpanned(rows.slice(0, at), false)], wrap);
        const second = renderTable(this.t3BodySpanned(rows.slice(at), true), wrap);
        return `${first}\n<p style="text-align:center;">- 4 -</p>\n<p><br></p>\n${second}`;
      }
      case 'flat':
        return renderTable([...this.t3Header(), ...rows.map((k, i) => [...this.t3FlatLabels(rows, i), ...this.t3Values(k)])], wrap);
      case 'padded':
        return renderTable(
          [
            ...this.t3Header(),
            ...rows.map((k, i) => {
              const extra = this.s.padding?.[k] ?? 0;
              return [...this.t3FlatLabels(rows, i), ...this.t3Values(k), ...Array.from({ length: extra }, () => ({ html: '' }))];
            }),
          ],
          wrap,
        );
      case 'stray':
        return renderTable(
          [
            ...this.t3Header(),
            ...rows.map((k, i) => {
              const st = this.s.stray?.[k];
              const labels = this.t3FlatLabels(rows, i);
              if (!st) return [...labels, ...this.t3Values(k)];
              return [
                ...(st.leadingEmpty ? [{ html: '' }] : []),
                ...labels,
                ...st.tokens.map((t) => ({ html: t })),
                ...this.t3Values(k),
              ];
            }),
          ],
          wrap,
        );
    }
  }

  // ---- Table 4 ----

  table4(): string {
    const L = (id: string) => this.L(id);
    const outs = outcomeKeys.map((o) => ({ html: L(`t4.${o}`) }));
    const values = blockKeys.flatMap((b) => outcomeKeys.map((o) => ({ html: this.v(`t4.${b}.${o}`) })));
    const e = (n: number): Row => Array.from({ length: n }, () => ({ html: '' }));
    const rows: Row[] =
      this.s.t4Layout === 'official'
        ? [
            [{ html: L('t4.review'), cs: 5 }, { html: L('t4.suit'), cs: 10 }],
            [...outs.map((c) => ({ ...c, rs: 2 })), { html: L('t4.suitDirect'), cs: 5 }, { html: L('t4.suitAfterReview'), cs: 5 }],
            [...outs, ...outs],
            values,
          ]
        : [
            [{ html: L('t4.review') }, ...e(4), { html: L('t4.suit') }, ...e(9)],
            [...outs, { html: L('t4.suitDirect') }, ...e(4), { html: L('t4.suitAfterReview') }, ...e(4)],
            // The extra header row of empty cells under the five 行政复议 headers (format.md §7.16).
            [...e(5), ...outs, ...outs],
            values,
          ];
    return renderTable(rows, this.s.cellWrap);
  }
}

// ---------------------------------------------------------------------------
// The page around the tables
// ---------------------------------------------------------------------------

const sectionTitles = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

function heading(text: string, style: HeadingStyle): string {
  switch (style) {
    case 'p-strong':
      return `<p style="text-indent:2em;"><strong>${text}</strong></p>`;
    case 'h3':
      return `<h3>${text}</h3>`;
    case 'p-span':
      return `<p class="MsoNormal" style="text-indent:32pt;"><span style="font-family:黑体;font-size:16pt">${text}</span></p>`;
  }
}

const para = (text: string) => `<p style="text-indent:2em;">${text}</p>`;

function buildPage(s: Sample, printed: PrintedMap, rng: Rng): string {
  const r = new Renderer(s, printed);
  const n = (key: string) => printed[key]?.value ?? 0;
  const title = `${s.agency}${s.year}年政府信息公开工作年度报告`;
  const gov = s.agency.endsWith('人民政府');
  const notice = s.version === '2021' ? '国办公开办函〔2021〕30号' : '国办公开办函〔2019〕60号';
  const noticeName =
    s.version === '2021'
      ? '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》'
      : '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》';
  const pubMonth = gov ? rng.int(2, 3) : 1;
  const pubDay = rng.int(10, 28);
  const pubDate = `${s.year + 1}年${pubMonth}月${pubDay}日`;
  const isoDate = `${s.year + 1}-${String(pubMonth).padStart(2, '0')}-${String(pubDay).padStart(2, '0')}`;

  const sub = (label: string, text: string) =>
    rng.chance(0.5) ? `<p style="text-indent:2em;"><strong>${label}</strong>${text}</p>` : `${para(`<strong>${label}</strong>`)}\n${para(text)}`;

  const articles = rng.int(80, 900) + Math.round(s.size * 40);
  const body: string[] = [];
  body.push(
    s.titleStyle === 'h1'
      ? `<h1 class="article-title">${title}</h1>`
      : `<p style="text-align:center;"><strong><span style="font-size:22px;">${title}</span></strong></p>`,
  );
  body.push(
    para(
      `本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${noticeName}（${notice}）要求编制。` +
        `全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。` +
        `本报告所列数据的统计期限自${s.year}年1月1日起至${s.year}年12月31日止。${s.address}`,
    ),
  );
  body.push(heading(sectionTitles[0]!, s.headingStyle));
  body.push(
    para(
      `${s.year}年，${s.agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，` +
        `${rng.pick(['以公开促落实、促规范、促服务', '持续深化政务公开', '不断提升政务公开标准化规范化水平'])}，各项工作取得积极成效。`,
    ),
  );
  const normIssued = n(s.version === '2021' ? 't2.normative.issued' : 't2.normative.made');
  body.push(
    sub(
      '（一）主动公开',
      `全年通过政府门户网站主动公开政府信息${articles}条，其中制发行政规范性文件${normIssued}件，发布政策解读材料${rng.int(3, 40)}篇。` +
        `围绕${rng.pick(['财政预决算', '重大建设项目', '乡村振兴', '生态环境保护', '教育医疗'])}等重点领域，及时准确公开相关信息。`,
    ),
  );
  body.push(
    sub(
      '（二）依申请公开',
      `本年度共收到政府信息公开申请${n('t3.newReceived.total')}件，上年结转${n('t3.carriedOver.total')}件，` +
        `已全部依法按时办结${n('t3.resultTotal.total')}件，结转下年度继续办理${n('t3.carriedForward.total')}件。` +
        `本年度因政府信息公开被申请行政复议${n('t4.review.total')}件、提起行政诉讼${n('t4.suitDirect.total') + n('t4.suitAfterReview.total')}件。`,
    ),
  );
  body.push(sub('（三）政府信息管理', '严格落实公开前保密审查制度，动态调整主动公开基本目录，做好规范性文件清理和公开属性源头认定工作。'));
  body.push(
    sub(
      '（四）平台建设',
      `优化政府网站信息公开专栏，整合政务新媒体${rng.int(2, 12)}个，设置政府信息公开查阅点${rng.int(1, 9)}个，便利群众获取信息。`,
    ),
  );
  body.push(
    sub(
      '（五）监督保障',
      `将政务公开工作纳入年度绩效考核，组织开展业务培训${rng.int(1, 6)}次，全年未发生因政府信息公开工作引发的责任追究情况。`,
    ),
  );
  body.push(heading(sectionTitles[1]!, s.headingStyle));
  body.push(r.table2());
  body.push(heading(sectionTitles[2]!, s.headingStyle));
  body.push(r.table3());
  body.push(heading(sectionTitles[3]!, s.headingStyle));
  body.push(r.table4());
  body.push(heading(sectionTitles[4]!, s.headingStyle));
  body.push(
    para(
      `${s.year}年，我单位政府信息公开工作取得了一定成效，但仍存在一些不足：一是政策解读形式较为单一；二是部分栏目信息更新不够及时；三是工作人员业务能力有待提升。` +
        `${s.year + 1}年，我们将进一步丰富解读形式，加强栏目日常维护，定期组织业务培训，推动政务公开工作提质增效。`,
    ),
  );
  body.push(heading(sectionTitles[5]!, s.headingStyle));
  const fee = rng.chance(0.6) ? '本年度未收取信息处理费。' : `本年度依据《政府信息公开信息处理费管理办法》收取信息处理费${rng.int(1, 30) * 10}元。`;
  body.push(para(`${fee}本年度无其他需要报告的事项。`));
  body.push(`<p style="text-align:right;">${s.agency}</p>`);
  body.push(`<p style="text-align:right;">${pubDate}</p>`);
  const report = body.join('\n');

  const charsetMeta =
    s.charset === 'meta-utf8'
      ? '<meta charset="utf-8">\n'
      : s.charset === 'http-equiv-gb2312'
        ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        : '';
  const pageTitle = `${title}_政府信息公开年报_${s.site}`;
  const head =
    `<!DOCTYPE html>\n<html>\n<head>\n${charsetMeta}<title>${pageTitle}</title>\n` +
    `<meta name="SiteName" content="${s.site}">\n<meta name="ColumnName" content="政府信息公开年报">\n<meta name="ArticleTitle" content="${title}">\n` +
    `<meta name="PubDate" content="${isoDate}">\n<link rel="stylesheet" type="text/css" href="/css/style.css">\n` +
    `<style type="text/css">.nav li{float:left;} .footer{text-align:center;}</style>\n</head>\n`;

  const nav =
    `<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="${s.site}"></a></div>\n` +
    `<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>` +
    `<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjgk/">走进${s.site.replace(/人民政府$/, '')}</a></li></ul></div>`;
  const crumb = `<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgknb/">政府信息公开年报</a></div>`;
  const footer =
    `<div class="footer">\n<p>主办单位：${s.site}办公室　承办：${s.site}大数据中心</p>\n` +
    `<p>版权所有：${s.site}　网站标识码：${3300000000 + rng.int(1000, 9999)}　ICP备案号：某ICP备${rng.int(10000000, 99999999)}号</p>\n</div>`;
  const script = `<script type="text/javascript">var _page = { column: "xxgknb", id: ${rng.int(100000, 999999)} }; document.write("");</script>`;

  let bodyHtml: string;
  if (s.chrome === 'cms') {
    const indexNo = `${rng.int(10000000, 99999999)}/${s.year + 1}-${String(rng.int(1, 300)).padStart(5, '0')}`;
    const meta =
      `<table class="xxgk-info" width="100%" border="0" cellspacing="0" cellpadding="0">\n<tbody>\n` +
      `<tr><td class="label">索引号：</td><td>${indexNo}</td><td class="label">发布机构：</td><td>${s.agency}</td></tr>\n` +
      `<tr><td class="label">成文日期：</td><td>${isoDate}</td><td class="label">发布日期：</td><td>${isoDate}</td></tr>\n` +
      `<tr><td class="label">标题：</td><td colspan="3">${title}</td></tr>\n</tbody>\n</table>`;
    const related =
      `<div class="related"><h4>相关链接</h4>\n<ul>\n` +
      [1, 2, 3]
        .map((k) => `<li><a href="/zwgk/xxgknb/${s.year - k}/index.html">${s.agency}${s.year - k}年政府信息公开工作年度报告</a><span>${s.year - k + 1}-01-${20 + k}</span></li>`)
        .join('\n') +
      `\n</ul></div>`;
    const share = `<div class="share" style="display:none">分享到：微信 微博 QQ空间</div>`;
    bodyHtml =
      `<body>\n${nav}\n${crumb}\n` +
      `<table class="main-layout" width="1000" align="center" border="0" cellspacing="0" cellpadding="0"><tr><td>\n` +
      `${meta}\n<div class="article">\n<div class="article-content TRS_Editor">\n${report}\n</div>\n${share}\n</div>\n${related}\n` +
      `</td></tr></table>\n${footer}\n${script}\n</body>\n</html>\n`;
  } else if (s.chrome === 'simple') {
    bodyHtml =
      `<body>\n<div class="top">${s.site}</div>\n${crumb}\n<div class="container">\n<div id="zoom" class="content">\n${report}\n</div>\n</div>\n` +
      `${footer}\n</body>\n</html>\n`;
  } else {
    bodyHtml = `<body>\n<div id="zoom">\n${report}\n</div>\n</body>\n</html>\n`;
  }
  return head + bodyHtml;
}

// ---------------------------------------------------------------------------
// Rules (format.md §5) on the truth cells
// ---------------------------------------------------------------------------

interface RuleResult {
  holds: string[];
  fails: string[];
  notAssessable: string[];
}

function verify(cells: Record<string, number | null>, rowSet: T3RowSet): Record<string, RuleResult> {
  const rows = printedT3Rows(rowSet);
  const leaves = rows.filter((r) => resultLeafRows.includes(r));
  const get = (k: string) => cells[k] ?? null;
  const rule = (name: string, operands: Array<number | null>, lhs: () => number, rhs: () => number, detail: () => string, out: RuleResult) => {
    if (operands.some((x) => x === null)) out.notAssessable.push(`${name}: operands blank`);
    else if (lhs() === rhs()) out.holds.push(name);
    else out.fails.push(`${name}: ${detail()}`);
  };
  const sum = (ks: string[]) => ks.reduce((s, k) => s + (get(k) ?? 0), 0);
  const res = (): RuleResult => ({ holds: [], fails: [], notAssessable: [] });
  const balance = res();
  const rowTotal = res();
  const resultTotal = res();
  const t4 = res();
  for (const c of colKeys) {
    const ks = ['newReceived', 'carriedOver', 'resultTotal', 'carriedForward'].map((r) => `t3.${r}.${c}`);
    rule(c, ks.map(get), () => sum(ks.slice(0, 2)), () => sum(ks.slice(2)), () => `一+二=${sum(ks.slice(0, 2))} vs （七）总计+四=${sum(ks.slice(2))}`, balance);
    const lk = leaves.map((r) => `t3.${r}.${c}`);
    rule(c, [...lk, `t3.resultTotal.${c}`].map(get), () => sum(lk), () => get(`t3.resultTotal.${c}`)!, () => `leaves=${sum(lk)} vs （七）总计=${get(`t3.resultTotal.${c}`)}`, resultTotal);
  }
  for (const r of rows) {
    const ak = applicantKeys.map((c) => `t3.${r}.${c}`);
    rule(r, [...ak, `t3.${r}.total`].map(get), () => sum(ak), () => get(`t3.${r}.total`)!, () => `applicants=${sum(ak)} vs 总计=${get(`t3.${r}.total`)}`, rowTotal);
  }
  for (const b of blockKeys) {
    const ok = outcomeLeafKeys.map((o) => `t4.${b}.${o}`);
    rule(b, [...ok, `t4.${b}.total`].map(get), () => sum(ok), () => get(`t4.${b}.total`)!, () => `${ok.map((k) => get(k)).join('+')}=${sum(ok)} vs 总计=${get(`t4.${b}.total`)}`, t4);
  }
  return { T3_BALANCE: balance, T3_ROW_TOTAL: rowTotal, T3_RESULT_TOTAL: resultTotal, T4_TOTAL: t4 };
}

// ---------------------------------------------------------------------------
// GBK encoding (Node's TextEncoder is UTF-8 only)
// ---------------------------------------------------------------------------

function encodeGbk(text: string): Uint8Array {
  const needed = new Set([...text].filter((ch) => ch.codePointAt(0)! >= 0x80));
  const map = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe && map.size < needed.size; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (needed.has(ch) && !map.has(ch)) map.set(ch, [a, b]);
    }
  }
  const missing = [...needed].filter((ch) => !map.has(ch));
  if (missing.length > 0) throw new Error(`not encodable in GBK: ${missing.join(' ')}`);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else out.push(...map.get(ch)!);
  }
  return Uint8Array.from(out);
}

/** GB2312 occupies lead bytes 0xB0-0xF7 (hanzi) with trail bytes 0xA1-0xFE; anything else double-byte is GBK-only. */
function isGbkOnly(ch: string): boolean {
  const [a, b] = encodeGbk(ch);
  return a !== undefined && b !== undefined && !(a >= 0xa1 && a <= 0xf7 && b >= 0xa1);
}

// ---------------------------------------------------------------------------
// The samples
// ---------------------------------------------------------------------------

/** Blank every zero cell of Tables 3 and 4, alternating <td></td> and &nbsp;. */
function blankZeros(printed: PrintedMap, rng: Rng): string[] {
  const blanked: string[] = [];
  for (const [key, p] of Object.entries(printed)) {
    if (!/^t[34]\./.test(key) || p.value !== 0) continue;
    printed[key] = { text: rng.chance(0.5) ? '' : '&nbsp;', value: null };
    blanked.push(key);
  }
  return blanked;
}

export const base2021 = {
  version: '2021' as const,
  t3Rows: '2021' as const,
  encoding: 'utf-8' as const,
  charset: 'meta-utf8' as const,
  t2Layout: 'official' as const,
  t3Layout: 'official' as const,
  t4Layout: 'official' as const,
  expectProblems: [] as string[],
  expectOtherProblems: [] as string[],
  address: '',
};

const samples: Sample[] = [
  {
    ...base2021,
    name: 'clean-2021-utf8',
    agency: '青山县人民政府',
    site: '青山县人民政府',
    year: 2023,
    size: 20,
    makesRules: false,
    chrome: 'cms',
    headingStyle: 'p-strong',
    titleStyle: 'h1',
    cellWrap: 'p',
    address: '如对本报告有疑问，请与青山县人民政府办公室联系（地址：青山县城关镇人民路1号；联系电话：0000-1234567）。',
    overrides: { 't3.granted.natural': 1234 },
    notes: [
      'Official 2021 layout with real rowspan/colspan exactly as format.md §3 (Table 3 header note rowspan=3 colspan=3, 三、本年度办理结果 rowspan=22, group labels with rowspan).',
      'CMS chrome: header nav, breadcrumb, a metadata <table> (索引号/发布机构/成文日期/发布日期/标题) before the report, the whole content inside an outer layout <table><tr><td> (report tables are nested in it), a hidden share <div>, related links to earlier years\' reports and a footer (版权所有, 网站标识码) after it. UTF-8 with <meta charset="utf-8">.',
      'All 200 cells printed as numbers; all rules of format.md §5 hold. t3.granted.natural is 1234 (four digits, no separator).',
    ],
  },
  {
    ...base2021,
    name: 'gbk-declared',
    agency: '临江市生态环境局',
    site: '临江市人民政府',
    year: 2022,
    size: 8,
    makesRules: false,
    encoding: 'gbk',
    charset: 'http-equiv-gb2312',
    chrome: 'cms',
    headingStyle: 'h3',
    titleStyle: 'h1',
    cellWrap: 'p',
    gbkOnly: ['镕', '堃'],
    address: '本单位地址：临江市镕城路18号堃园大厦5楼，邮政编码：000000，联系电话：0000-7654321。',
    notes: [
      'Like clean-2021-utf8 (CMS chrome, official spans) but encoded in GBK and declared as <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.',
      'The preamble contains 镕 and 堃, which are GBK-only (not in GB2312): a strict GB2312 decoder would fail on them; WHATWG decoders treat gb2312 as GBK.',
      'All 200 cells printed as numbers; all rules hold.',
    ],
  },
  {
    ...base2021,
    name: 'gbk-undeclared',
    agency: '白沙镇人民政府',
    site: '白沙县人民政府',
    year: 2023,
    size: 2,
    makesRules: false,
    encoding: 'gbk',
    charset: 'none',
    chrome: 'simple',
    headingStyle: 'p-strong',
    titleStyle: 'p-center',
    cellWrap: 'plain',
    address: '联系地址：白沙镇人民政府党政办公室。',
    notes: [
      'GBK bytes with no charset declaration at all (no <meta charset>, no http-equiv); the reader has to detect GBK from the bytes (the pipeline reports ENCODING_GUESSED, which is informative, not required).',
      'A town: small counts, many zeros. Official 2021 spans, plain <td> cells.',
    ],
  },
  {
    ...base2021,
    name: 'flattened-no-spans',
    agency: '东湖区司法局',
    site: '东湖区人民政府',
    year: 2024,
    size: 6,
    makesRules: false,
    chrome: 'simple',
    headingStyle: 'h3',
    titleStyle: 'h1',
    cellWrap: 'plain',
    t2Layout: 'padded',
    t3Layout: 'flat',
    t4Layout: 'flat',
    notes: [
      'No rowspan/colspan anywhere (format.md §7.16).',
      'Table 2: merged cells expanded into runs of empty cells: `第二十条第（一）项 | | | `, `行政许可 | n | | `, `信息内容 | 本年处理决定数量 | | `.',
      'Table 3: header rows keep only their own cells (`note | 申请人情况`, `自然人 | 法人或其他组织 | 总计`, ` | 商业企业 … 其他 | `); data rows carry 1, 2 or 3 label cells (`一、… | 7 values`, `三、本年度办理结果 | （一）予以公开 | 7 values`, `（三）不予公开 | 1.属于国家秘密 | 7 values`, `2.其他法律行政法规禁止公开 | 7 values`), so rows have 8, 9 or 10 cells.',
      'Table 4: no spans; an extra header row of empty cells under the five 行政复议 sub-headers (Hangzhou style), 行政复议/行政诉讼 and 未经复议直接起诉/复议后起诉 followed by runs of empty cells.',
    ],
  },
  {
    ...base2021,
    name: 'label-variants',
    agency: '清河市人民政府',
    site: '清河市人民政府',
    year: 2023,
    size: 40,
    makesRules: true,
    chrome: 'simple',
    headingStyle: 'p-span',
    titleStyle: 'p-center',
    cellWrap: 'mso',
    labels: {
      't2.cap1': '第二十条 第(一)项',
      't2.cap5': '第二十条第(五)项',
      't2.cap6': '第二十条第(六)项',
      't2.cap8': '第二十条第(八)项',
      't2.amount': '本年收费金额(单位:万元)',
      'hdr.commercial': '商业<br>企业',
      'hdr.legalService': '法 律 服 务 机 构',
      'hdr.total': '总 计',
      'hdr.note': '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)',
      'top.results': '三、本年度<br>办理结果',
      'group.granted': '(一)予以公开',
      'group.partiallyGranted': '(二)部分公开(区分处理的,只计这一情形,不计其他情形)',
      'group.denied': '(三)不予公开',
      'group.unable': '(四)无法提供',
      'group.ignored': '(五)不予处理',
      'group.other': '(六)其他处理',
      'group.resultTotal': '(七)总计',
      'reason.deniedStateSecret': '1、属于国家秘密',
      'reason.deniedLawForbidden': '2、其他法律行政止公开',
      'reason.deniedSafetyStability': '3、危及"三安全一稳定"',
      'reason.deniedThirdParty': '4、保护第三方合法权益',
      'reason.deniedInternalAffairs': '5、属于三类内部事务信息',
      'reason.deniedProcessInfo': '6、属于四类过程性信息',
      'reason.deniedEnforcementFile': '7、属于行政执法案卷',
      'reason.deniedQueryMatter': '8、属于行政查询事项',
      'reason.ignoredExcessive': '4.无正当理由大量反复<br>申请',
      'reason.ignoredConfirm': '5.要求行政机关确认或重 新出具已获取信息',
      'reason.otherNoCorrection': '1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      'reason.otherUnpaidFee': '2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      'reason.otherOther': '3、其他',
      't4.pending': '尚未<br>审结',
      't4.suitAfterReview': '复议后<br>起诉',
    },
    overrides: { 't3.granted.natural': 12, 't2.license.decisions': 1234, 't2.coercion.decisions': 5, 't2.fees.amount': 12.3456 },
    customize: (p) => {
      p['t3.granted.natural'] = { text: fullWidth('12'), value: 12 };
      for (const k of ['t3.unableNotHeld.natural', 't4.review.upheld', 't4.review.total']) p[k] = { text: fullWidth(p[k]!.text), value: p[k]!.value };
      p['t2.license.decisions'] = { text: '1,234', value: 1234 };
      p['t2.coercion.decisions'] = { text: '5件', value: 5 };
      p['t2.fees.amount'] = { text: '12.3456', value: 12.3456 };
    },
    notes: [
      'Official 2021 spans, Word-export cell markup (<p class="MsoNormal"><span>), label variants (format.md §7.4-7.6, §8):',
      'ASCII parentheses and punctuation: `(一)予以公开` … `(七)总计`, `(二)部分公开(区分处理的,只计这一情形,不计其他情形)`, `第二十条 第(一)项` (also a space), `本年收费金额(单位:万元)`, the header note with ASCII `(`, `:` and `,`.',
      '`1、` numbering for the 不予公开 and 其他处理 reasons; the typo `2、其他法律行政止公开`; ASCII quotes in `3、危及"三安全一稳定"`.',
      'Breaks and spaces inside labels: `商业<br>企业`, `法 律 服 务 机 构`, `总 计` (header), `三、本年度<br>办理结果`, `4.无正当理由大量反复<br>申请`, `5.要求行政机关确认或重 新出具已获取信息`, `尚未<br>审结`, `复议后<br>起诉`.',
      'Value variants: full-width digits `１２` in t3.granted.natural and full-width digits in t3.unableNotHeld.natural, t4.review.upheld, t4.review.total; `1,234` (thousands separator) in t2.license.decisions; `5件` (unit) in t2.coercion.decisions; fee `12.3456` 万元 in t2.fees.amount.',
      '总计 is used everywhere (not 合计). All rules hold.',
    ],
  },
  {
    ...base2021,
    name: 'traditional',
    agency: '南山市交通运输局',
    site: '南山市人民政府',
    year: 2022,
    size: 10,
    makesRules: false,
    chrome: 'cms',
    headingStyle: 'p-strong',
    titleStyle: 'h1',
    cellWrap: 'p',
    traditional: true,
    address: '如对本报告有任何疑问，请与南山市交通运输局办公室联系。',
    notes: [
      'The whole page (title, chrome, prose, every table label) converted to traditional characters with opencc-js cn2t ({ from: "cn", to: "tw" }), as on mirror sites (format.md §7.15). UTF-8.',
      'agency is given as printed (traditional); simplified: 南山市交通运输局. Official 2021 spans inside CMS chrome.',
      'Table labels as printed, e.g. 三、本年度辦理結果, （二）部分公開（區分處理的，只計這一情形，不計其他情形）, 3.危及“三安全一穩定”, 結轉下年度繼續辦理, 複議後起訴, 總計.',
    ],
  },
  {
    ...base2021,
    name: 'blank-zeros',
    agency: '石门县财政局',
    site: '石门县人民政府',
    year: 2024,
    size: 5,
    makesRules: false,
    chrome: 'simple',
    headingStyle: 'p-strong',
    titleStyle: 'h1',
    cellWrap: 'p',
    expectOtherProblems: ['CELL_BLANK'],
    overrides: { 't3.granted.natural': 6, 't2.rules.issued': 0, 't2.penalty.decisions': 0, 't2.coercion.decisions': 0 },
    customize: (p, rng) => {
      blankZeros(p, rng);
      p['t2.rules.issued'] = { text: '-', value: null };
      p['t2.penalty.decisions'] = { text: '-', value: null };
      p['t2.coercion.decisions'] = { text: '—', value: null };
    },
    notes: [
      'Official 2021 spans. Every zero cell of Tables 3 and 4 is left blank, alternating <td></td>-style empty cells and &nbsp; (上海2019 style, format.md §7.10); those cells are null. Totals that are printed are numbers, and every rule holds where its operands are all printed (rules with a blank operand are not assessable; under a "blank means 0" reading every rule holds).',
      'Table 2: t2.rules.issued and t2.penalty.decisions are printed `-`, t2.coercion.decisions is printed `—`: null (state dash). Other Table 2 zeros are printed as 0.',
    ],
  },
  {
    name: 'format-2019',
    version: '2019',
    t3Rows: '2019',
    agency: '云岭市人民政府办公室',
    site: '云岭市人民政府',
    year: 2020,
    size: 15,
    makesRules: false,
    encoding: 'utf-8',
    charset: 'meta-utf8',
    chrome: 'simple',
    headingStyle: 'p-strong',
    titleStyle: 'p-center',
    cellWrap: 'p',
    t2Layout: 'official',
    t3Layout: 'official',
    t4Layout: 'official',
    address: '',
    overrides: {
      't2.license.delta': 2,
      't2.otherServices.delta': -1,
      't2.penalty.delta': 0,
      't2.coercion.delta': 3,
      't2.fees.delta': -2,
      't2.procurement.amount': 251.5,
    },
    customize: (p) => {
      p['t2.license.delta'] = { text: '+2', value: 2 };
      p['t2.coercion.delta'] = { text: '+3', value: 3 };
    },
    expectProblems: [],
    expectOtherProblems: [],
    notes: [
      'A 2020 report in the 2019 试行 format (国办公开办函〔2019〕60号): Table 2 with 22 cells (format.md §4.1: 本年新制作数量/本年新公开数量/对外公开总数量, 规范性文件, 上一年项目数量/本年增/减/处理决定数量 for 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制, (八) with two values, (九) 政府集中采购 采购项目数量/采购总金额).',
      'Signed 本年增/减: `+2` (license), `-1` (otherServices), `0` (penalty), `+3` (coercion), `-2` (fees); 采购总金额 `251.5` (unit not printed).',
      'Table 3 with 23 rows: the single （六）其他处理 row (label colspan 2), 三、本年度办理结果 rowspan 20. 198 cells. All rules hold.',
    ],
  },
  {
    ...base2021,
    name: 'inconsistent-totals',
    agency: '北川区市场监督管理局',
    site: '北川区人民政府',
    year: 2023,
    size: 12,
    makesRules: false,
    chrome: 'cms',
    headingStyle: 'h3',
    titleStyle: 'h1',
    cellWrap: 'p',
    overrides: { 't3.deniedProcessInfo.commercial': 1 },
    customize: (p) => {
      const bump = (key: string, d: number) => {
        const v = p[key]!.value! + d;
        p[key] = { text: String(v), value: v };
      };
      bump('t3.carriedForward.natural', 2);
      bump('t3.deniedProcessInfo.commercial', 1);
      bump('t4.review.total', 1);
    },
    expectProblems: ['T3_BALANCE', 'T3_ROW_TOTAL', 'T3_RESULT_TOTAL', 'T4_TOTAL'],
    notes: [
      'Official 2021 layout; three printed cells are wrong on purpose (truth = what is printed). Everything else was computed consistently.',
      't3.carriedForward.natural is printed 2 more than the consistent value (t3.carriedForward.total unchanged): T3_BALANCE fails in the natural column only, T3_ROW_TOTAL fails in the carriedForward row only.',
      't3.deniedProcessInfo.commercial is printed 1 more (row total and （七）总计 unchanged): T3_ROW_TOTAL fails in the deniedProcessInfo row, T3_RESULT_TOTAL fails in the commercial column only.',
      't4.review.total is printed 1 more than 维持+纠正+其他+尚未审结: T4_TOTAL fails for the review block only.',
      'The exact failing rules are listed in verification.',
    ],
  },
  {
    ...base2021,
    name: 'hybrid-2023',
    t3Rows: 'hybrid',
    agency: '柳溪区人民政府',
    site: '柳溪区人民政府',
    year: 2023,
    size: 18,
    makesRules: false,
    chrome: 'simple',
    headingStyle: 'p-strong',
    titleStyle: 'h1',
    cellWrap: 'p',
    expectOtherProblems: ['FORMAT_HYBRID'],
    notes: [
      'Hybrid (洪泽区 style, format.md §7.3): 2021 Table 2 (本年制发件数…, 本年收费金额（单位：万元）) but Table 3 with the single 2019-style （六）其他处理 row (23 rows, 三、本年度办理结果 rowspan 20). Its values are in t3.otherAll.*.',
      'The three 2021 （六） rows (t3.otherNoCorrection.*, t3.otherUnpaidFee.*, t3.otherOther.*) do not exist in the source: included with null (a correct reader leaves them absent). 207 keys; formatVersion "2021".',
    ],
  },
  {
    ...base2021,
    name: 'extra-cells-padding',
    agency: '金坪街道办事处',
    site: '金坪区人民政府',
    year: 2022,
    size: 3,
    makesRules: false,
    chrome: 'bare',
    headingStyle: 'p-strong',
    titleStyle: 'p-center',
    cellWrap: 'plain',
    t3Layout: 'padded',
    expectOtherProblems: ['ROW_EXTRA_CELLS'],
    padding: {
      newReceived: 3,
      carriedOver: 3,
      granted: 1,
      partiallyGranted: 2,
      deniedStateSecret: 1,
      deniedLawForbidden: 4,
      deniedThirdParty: 2,
      unableNotHeld: 2,
      unableNeedsCreation: 3,
      ignoredPetition: 1,
      ignoredConfirm: 2,
      otherNoCorrection: 1,
      otherOther: 3,
      resultTotal: 2,
      carriedForward: 4,
    },
    notes: [
      'Table 3 without spans (flattened export): header rows expanded to the full 10-column grid with runs of empty cells; data rows carry 1-3 label cells + 7 values, and 15 of the 25 rows have 1-4 extra EMPTY padding cells at the end (10-12 cells per row; e.g. `一、本年新收… | 7 values | | | `).',
      'The values are the 7 cells after the labels, before the padding; no value cell is blank. Tables 2 and 4 use official spans.',
    ],
  },
  {
    ...base2021,
    name: 'extra-cells-stray',
    agency: '长乐县自然资源局',
    site: '长乐县人民政府',
    year: 2024,
    size: 9,
    makesRules: false,
    chrome: 'simple',
    headingStyle: 'h3',
    titleStyle: 'h1',
    cellWrap: 'plain',
    t3Layout: 'stray',
    overrides: { 't3.deniedSafetyStability.natural': 1 },
    stray: {
      deniedSafetyStability: { leadingEmpty: true, tokens: ['9', '9', '9', '9'] },
      unableNeedsCreation: { leadingEmpty: false, tokens: ['4'] },
      otherOther: { leadingEmpty: true, tokens: [] },
      carriedForward: { leadingEmpty: false, tokens: ['25', '3'] },
    },
    expectOtherProblems: ['ROW_EXTRA_CELLS', 'LOW_CONFIDENCE'],
    notes: [
      'Table 3 without spans (rows with 1-3 label cells, as flattened-no-spans) where four rows carry stray cells (format.md §7.7, §7.16); truth = the LAST 7 values of each row:',
      'deniedSafetyStability: ` | 3.危及“三安全一稳定” | 9 | 9 | 9 | 9 | 7 values` (a stray empty cell before the label and four stray numbers: 11 numbers).',
      'unableNeedsCreation: `2.没有现成信息需要另行制作 | 4 | 7 values` (a page-number-like token).',
      'otherOther: ` | 3.其他 | 7 values` (stray empty cell before the label only).',
      'carriedForward: `四、结转下年度继续办理 | 25 | 3 | 7 values` (two stray tokens).',
    ],
  },
  {
    ...base2021,
    name: 'split-table3',
    agency: '西林县人民政府',
    site: '西林县人民政府',
    year: 2023,
    size: 25,
    makesRules: false,
    chrome: 'simple',
    headingStyle: 'p-span',
    titleStyle: 'p-center',
    cellWrap: 'mso',
    t3Layout: 'split',
    splitAt: 'unableNeedsCreation',
    notes: [
      'Table 3 split into two <table> elements, as Word pastes do at a page break (format.md §7.8), with `<p>- 4 -</p>` and an empty paragraph between them.',
      'First table: the 3 header rows and rows 一 … （四）1.本机关不掌握相关政府信息 (三、本年度办理结果 rowspan 11, （四）无法提供 rowspan 1).',
      'Second table: no header rows; starts at （四）2.没有现成信息需要另行制作 with an EMPTY first-column cell rowspan 11 (the continued 三、本年度办理结果 span) and its own （四）无法提供 group label cell rowspan 2; ends with （七）总计 and 四、结转下年度继续办理 (colspan 3).',
      'Word-export cell markup. All rules hold.',
    ],
  },
];

// ---------------------------------------------------------------------------
// Build one sample
// ---------------------------------------------------------------------------

export function build(s: Sample): { html: Uint8Array; truth: string } {
  const rng = new Rng(`govreport-html-sample:${s.name}`);
  const overrides = s.overrides ?? {};
  const t2 = { ...genTable2(rng, s.version, s.size, s.makesRules), ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k.startsWith('t2.'))) };
  const t3 = genTable3(rng, printedT3Rows(s.t3Rows), s.size, overrides);
  const t4 = genTable4(rng, s.size);
  const values: Nums = { ...t2, ...t3, ...t4 };

  const printed: PrintedMap = {};
  for (const [k, v] of Object.entries(values)) printed[k] = { text: String(v), value: v };
  s.customize?.(printed, rng);

  const keys = truthKeys(s.version, s.t3Rows);
  const printedKeys = new Set([
    ...table2Cells[s.version].map((c) => c.key),
    ...printedT3Rows(s.t3Rows).flatMap((r) => colKeys.map((c) => `t3.${r}.${c}`)),
    ...table4CellKeys,
  ]);
  for (const k of printedKeys) if (!printed[k]) throw new Error(`${s.name}: no value for ${k}`);
  const cells: Record<string, number | null> = {};
  for (const k of keys) cells[k] = printedKeys.has(k) ? printed[k]!.value : null;

  const verification = verify(cells, s.t3Rows);
  const failing = Object.entries(verification)
    .filter(([, r]) => r.fails.length > 0)
    .map(([code]) => code);
  if (failing.join() !== s.expectProblems.join()) {
    throw new Error(`${s.name}: rules failing ${failing.join() || 'none'}, expected ${s.expectProblems.join() || 'none'}\n${JSON.stringify(verification, null, 1)}`);
  }

  let html = buildPage(s, printed, rng);
  let agency = s.agency;
  if (s.traditional) {
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    html = toTraditional(html);
    agency = toTraditional(s.agency);
  }
  for (const ch of s.gbkOnly ?? []) {
    if (!html.includes(ch)) throw new Error(`${s.name}: ${ch} missing from the page`);
    if (!isGbkOnly(ch)) throw new Error(`${s.name}: ${ch} is in GB2312`);
  }
  const bytes = s.encoding === 'gbk' ? encodeGbk(html) : new TextEncoder().encode(html);

  const truth = {
    file: `${s.name}.html`,
    formatVersion: s.version,
    year: s.year,
    agency,
    expectProblems: s.expectProblems,
    expectOtherProblems: s.expectOtherProblems,
    notes: [...s.notes, `Synthetic page generated by scripts/make-html-samples.ts (seeded PRNG, deterministic); encoding ${s.encoding === 'gbk' ? 'GBK' : 'UTF-8'}.`],
    source: { generator: 'scripts/make-html-samples.ts', encoding: s.encoding, charsetDeclared: s.charset },
    verification,
    cells,
  };
  return { html: bytes, truth: `${JSON.stringify(truth, null, 1)}\n` };
}

// ---------------------------------------------------------------------------
// Main (only when run as a script: make-pdf-samples imports build() and the types)
// ---------------------------------------------------------------------------

function main(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url)); // dist/scripts/ → project root
  const outDir = join(root, 'samples', 'html');
  mkdirSync(outDir, { recursive: true });
  const names = new Set(samples.map((s) => s.name));
  for (const f of readdirSync(outDir)) {
    const m = /^(.*?)(\.truth\.json|\.html)$/.exec(f);
    if (m && !names.has(m[1]!)) {
      rmSync(join(outDir, f));
      console.log(`removed stale ${f}`);
    }
  }
  for (const s of samples) {
    const { html, truth } = build(s);
    writeFileSync(join(outDir, `${s.name}.html`), html);
    writeFileSync(join(outDir, `${s.name}.truth.json`), truth);
    console.log(`${s.name}.html  ${html.length} bytes  ${Object.keys(JSON.parse(truth).cells).length} cells`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

/**
 * make-docx-samples — DOCX (and legacy DOC) test documents with known values,
 * made by editing the OOXML of the official blank Word template.
 *
 * Run: npm run samples:docx (= tsc -p . && node dist/scripts/make-docx-samples.js).
 * Needs LibreOffice (soffice) for the .doc versions and for the check below;
 * the template is read from ../shared/samples/real/template-2021-blank.docx
 * (or $GOVREPORT_DOCX_TEMPLATE). CI does not run it: the outputs in
 * samples/docx-template and the bad files in tests/unreadable are committed.
 *
 * Unlike samples/docx (LibreOffice's HTML import), these documents keep the
 * template's real Word table markup: w:gridSpan and w:vMerge exactly as the
 * template has them, its widths, borders and run formatting. The script opens
 * the template with jszip, edits word/document.xml with @xmldom/xmldom (value
 * cells filled, title and prose written, the 2019 layout made from the 2021
 * one, Word features added) and writes a new package.
 *
 * Values: build() of make-html-samples.ts under new sample names (seeded
 * PRNG, totals computed, so every rule of format.md §5 holds unless a sample
 * plants a failure, which build() asserts against expectProblems). The
 * printed text of every cell comes from the same map as the truth.
 *
 * Every document is checked before its truth is written, twice and
 * independently of the project's reader:
 *  1. XML: the written package is re-opened, each table's cells are placed on
 *     the grid (w:gridBefore, w:gridSpan), and the visible text of each value
 *     cell (w:t outside w:del, no field codes, one branch of mc:AlternateContent,
 *     NFKC) must be the truth value at that grid position;
 *  2. LibreOffice: `soffice --convert-to txt` of the DOCX (and of each .doc)
 *     must print, between the headings 二、 and 五、, exactly the truth's
 *     non-blank values in template order (lines that are a number only).
 * The script fails on any mismatch. Output: values deterministic; the DOCX
 * bytes are deterministic too (fixed zip dates), the .doc bytes are not
 * (LibreOffice writes dates).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import CFB from 'cfb';
import JSZip from 'jszip';
import { table2Cells } from '../mappings/table2.js';
import { applicantColumns, table3RowKeys } from '../mappings/table3.js';
import { table4CellKeys } from '../mappings/table4.js';
import type { TableVersion } from '../mappings/types.js';
import { base2021, build, type Sample } from './make-html-samples.js';

const root = fileURLToPath(new URL('../../', import.meta.url)); // dist/scripts/ → project root
const outDir = join(root, 'samples', 'docx-template');
const badDir = join(root, 'tests', 'unreadable');
const templatePath = process.env['GOVREPORT_DOCX_TEMPLATE'] ?? join(root, '..', 'shared', 'samples', 'real', 'template-2021-blank.docx');
const loProfile = '/tmp/lo-docx-helper';
/** Every zip entry written here gets this date, so the DOCX bytes are the same on every run. */
const zipDate = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

// ---------------------------------------------------------------------------
// Namespaces and small XML helpers
// ---------------------------------------------------------------------------

const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  w14: 'http://schemas.microsoft.com/office/word/2010/wordml',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  wps: 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  w10: 'urn:schemas-microsoft-com:office:word',
};
const W = NS.w;
const nsDecl = Object.entries(NS)
  .map(([p, u]) => `xmlns:${p}="${u}"`)
  .join(' ');

type El = globalThis.Element;
type Doc = globalThis.Document;

function parseXml(text: string): Doc {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: (e: string) => errors.push(e), fatalError: (e: string) => errors.push(e) },
  }).parseFromString(text, 'text/xml') as unknown as Doc;
  if (errors.length > 0 || !doc?.documentElement) throw new Error(`XML not well-formed: ${errors.join('; ')}`);
  return doc;
}

const serialize = (doc: Doc) => new XMLSerializer().serializeToString(doc as never);

/** XML text (with w:, a:, … prefixes) → nodes owned by `doc`. */
function frag(doc: Doc, xml: string): Node[] {
  const d = parseXml(`<root ${nsDecl}>${xml}</root>`);
  return Array.from(d.documentElement.childNodes).map((n) => doc.importNode(n, true));
}

function el(doc: Doc, xml: string): El {
  const nodes = frag(doc, xml).filter((n) => n.nodeType === 1);
  if (nodes.length !== 1) throw new Error(`expected one element: ${xml.slice(0, 80)}`);
  return nodes[0] as El;
}

const kids = (e: El): El[] => Array.from(e.childNodes).filter((n): n is El => n.nodeType === 1);
const kidsNamed = (e: El, name: string): El[] => kids(e).filter((c) => c.localName === name);
const kid = (e: El | undefined, name: string): El | undefined => (e ? kids(e).find((c) => c.localName === name) : undefined);
const wAttr = (e: El | undefined, name: string): string | null => (e ? e.getAttributeNS(W, name) || null : null);

function descendants(e: El, name: string): El[] {
  return Array.from(e.getElementsByTagNameNS(W, name)) as El[];
}

function remove(n: Node): void {
  n.parentNode?.removeChild(n);
}

function insertAfter(ref: Node, n: Node): void {
  ref.parentNode!.insertBefore(n, ref.nextSibling);
}

/** All w:t text below e (no regard for w:del: used on the template only). */
const plainText = (e: El) => descendants(e, 't').map((t) => t.textContent ?? '').join('');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Property children of w:pPr in schema order (CT_PPrBase + rPr, sectPr, pPrChange). */
const pPrOrder = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr', 'shd', 'tabs',
  'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd',
  'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment',
  'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange',
];
const trPrOrder = ['cnfStyle', 'divId', 'gridBefore', 'gridAfter', 'wBefore', 'wAfter', 'cantSplit', 'trHeight', 'tblHeader', 'tblCellSpacing', 'jc', 'hidden', 'ins', 'del', 'trPrChange'];
const tcPrOrder = ['cnfStyle', 'tcW', 'gridSpan', 'hMerge', 'vMerge', 'tcBorders', 'shd', 'noWrap', 'tcMar', 'textDirection', 'tcFitText', 'vAlign', 'hideMark'];

/** Put `node` (a w: property element) into `parent` at its schema position, replacing one of the same name. */
function setProp(parent: El, node: El, order: string[]): void {
  const name = node.localName;
  const old = kid(parent, name);
  if (old) {
    parent.replaceChild(node, old);
    return;
  }
  const rank = order.indexOf(name);
  if (rank < 0) throw new Error(`unknown property ${name}`);
  const after = kids(parent).find((c) => order.indexOf(c.localName) > rank);
  parent.insertBefore(node, after ?? null);
}

function ensureFirst(parent: El, name: string, doc: Doc): El {
  let e = kid(parent, name);
  if (!e) {
    e = el(doc, `<w:${name}/>`);
    parent.insertBefore(e, parent.firstChild);
  }
  return e;
}

// ---------------------------------------------------------------------------
// Tables on the grid
// ---------------------------------------------------------------------------

interface GridCell {
  tc: El;
  col: number;
  span: number;
  vMerge: 'restart' | 'continue' | null;
}

function gridBefore(tr: El): number {
  return Number(wAttr(kid(kid(tr, 'trPr'), 'gridBefore'), 'val') ?? 0);
}

function rowCells(tr: El): GridCell[] {
  let col = gridBefore(tr);
  return kidsNamed(tr, 'tc').map((tc) => {
    const pr = kid(tc, 'tcPr');
    const span = Number(wAttr(kid(pr, 'gridSpan'), 'val') ?? 1);
    const vm = kid(pr, 'vMerge');
    const cell: GridCell = { tc, col, span, vMerge: vm ? (wAttr(vm, 'val') === 'restart' ? 'restart' : 'continue') : null };
    col += span;
    return cell;
  });
}

const tableRows = (tbl: El) => kidsNamed(tbl, 'tr');

function cellAt(tbl: El, row: number, col: number): El {
  const tr = tableRows(tbl)[row];
  if (!tr) throw new Error(`no row ${row}`);
  const c = rowCells(tr).find((x) => x.col === col);
  if (!c) throw new Error(`no cell starting at grid column ${col} in row ${row}`);
  return c.tc;
}

function gridWidths(tbl: El): number[] {
  return descendants(kid(tbl, 'tblGrid')!, 'gridCol').map((g) => Number(wAttr(g, 'w')));
}

// ---------------------------------------------------------------------------
// Runs and paragraphs
// ---------------------------------------------------------------------------

const rPrBody = '<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/></w:rPr>';
const rPrBold = '<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/><w:b/><w:bCs/></w:rPr>';
const rPrCell = '<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/><w:kern w:val="0"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>';

const run = (text: string, rPr = rPrBody) => (text === '' ? '' : `<w:r>${rPr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`);
const cellRun = (text: string) => run(text, rPrCell);

const pPrBody = (jc = 'both', extra = '') =>
  `<w:pPr><w:pStyle w:val="2"/><w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:widowControl/>${extra}<w:suppressLineNumbers w:val="0"/>` +
  `<w:spacing w:before="0" w:beforeAutospacing="0" w:after="0" w:afterAutospacing="0"/><w:ind w:left="0" w:firstLine="420"/><w:jc w:val="${jc}"/></w:pPr>`;

/** A body paragraph; `runs` is run XML (use run()). */
const para = (runs: string, jc = 'both') => `<w:p>${pPrBody(jc)}${runs}</w:p>`;
const textPara = (text: string, jc = 'both') => para(run(text), jc);
/** `（一）主动公开。` in bold, then the text (format.md §2 sub-headings). */
const subPara = (label: string, text: string) => para(run(label, rPrBold) + run(text));

/** Replace what a table cell shows: its paragraphs become one paragraph holding `runs`; the first paragraph's properties are kept. */
function setCell(doc: Doc, tc: El, runs: string, opts: { jc?: string; emptyBefore?: number; emptyAfter?: number } = {}): void {
  const ps = kidsNamed(tc, 'p');
  const first = ps[0];
  if (!first) throw new Error('table cell without a paragraph');
  for (const p of ps.slice(1)) remove(p);
  for (const c of kids(first)) if (c.localName !== 'pPr') remove(c);
  if (opts.jc) setProp(ensureFirst(first, 'pPr', doc), el(doc, `<w:jc w:val="${opts.jc}"/>`), pPrOrder);
  for (const n of frag(doc, runs)) first.appendChild(n);
  const empty = () => {
    const p = first.cloneNode(false) as El;
    const pPr = kid(first, 'pPr');
    if (pPr) p.appendChild(pPr.cloneNode(true));
    return p;
  };
  for (let i = 0; i < (opts.emptyBefore ?? 0); i++) tc.insertBefore(empty(), first);
  for (let i = 0; i < (opts.emptyAfter ?? 0); i++) tc.appendChild(empty());
}

const setValue = (doc: Doc, tc: El, text: string) => setCell(doc, tc, cellRun(text), { jc: 'center' });
const setLabel = (doc: Doc, tc: El, text: string) => setCell(doc, tc, cellRun(text));

// ---------------------------------------------------------------------------
// The package
// ---------------------------------------------------------------------------

class WordDoc {
  private constructor(
    readonly zip: JSZip,
    readonly doc: Doc,
  ) {}

  static async open(bytes: Uint8Array): Promise<WordDoc> {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    return new WordDoc(zip, parseXml(xml));
  }

  get body(): El {
    return kid(this.doc.documentElement, 'body')!;
  }

  /** Body-level tables in document order. */
  tables(): El[] {
    return kidsNamed(this.body, 'tbl');
  }

  /** The body paragraph whose text is exactly `text`. */
  para(text: string): El {
    const found = kidsNamed(this.body, 'p').filter((p) => plainText(p) === text);
    if (found.length !== 1) throw new Error(`${found.length} paragraphs read ${text}`);
    return found[0]!;
  }

  /** Insert paragraphs/tables (XML) after `ref`; returns the last inserted node. */
  insertAfter(ref: El, xml: string): El {
    let at: El = ref;
    for (const n of frag(this.doc, xml)) {
      insertAfter(at, n);
      if (n.nodeType === 1) at = n as El;
    }
    return at;
  }

  /** Replace the paragraph `ref` by the XML. */
  replace(ref: El, xml: string): void {
    this.insertAfter(ref, xml);
    remove(ref);
  }

  /** Insert before the last body element that is not sectPr and not an empty paragraph (i.e. at the end of the content). */
  append(xml: string): void {
    const last = kids(this.body).filter((c) => c.localName !== 'sectPr');
    const anchor = last[last.length - 1]!;
    for (const n of frag(this.doc, xml)) this.body.insertBefore(n, anchor);
  }

  setPart(name: string, content: string | Uint8Array): void {
    this.zip.file(name, content, { date: zipDate, binary: typeof content !== 'string', createFolders: false });
  }

  async part(name: string): Promise<string> {
    const f = this.zip.file(name);
    if (!f) throw new Error(`no part ${name}`);
    return f.async('string');
  }

  async addContentType(xml: string): Promise<void> {
    const ct = await this.part('[Content_Types].xml');
    this.setPart('[Content_Types].xml', ct.replace('</Types>', `${xml}</Types>`));
  }

  async addRelationship(id: string, type: string, target: string): Promise<void> {
    const rels = await this.part('word/_rels/document.xml.rels');
    this.setPart('word/_rels/document.xml.rels', rels.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`));
  }

  /** Cloned template paragraphs repeat w14:paraId; Word wants them unique, so repeats lose it. */
  private dedupeParaIds(): void {
    const seen = new Set<string>();
    for (const p of Array.from(this.doc.getElementsByTagNameNS(W, 'p')) as El[]) {
      const id = p.getAttributeNS(NS.w14, 'paraId');
      if (!id) continue;
      if (seen.has(id)) {
        p.removeAttributeNS(NS.w14, 'paraId');
        p.removeAttributeNS(NS.w14, 'textId');
      } else seen.add(id);
    }
  }

  async bytes(): Promise<Uint8Array> {
    this.dedupeParaIds();
    this.setPart('word/document.xml', serialize(this.doc));
    // Entries loaded from the template keep the template's dates; new ones get zipDate. Same order every run.
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }
}

// ---------------------------------------------------------------------------
// Values (build() of make-html-samples: seeded, totals computed, rules asserted)
// ---------------------------------------------------------------------------

type Customize = NonNullable<Sample['customize']>;
type PrintedMap = Parameters<Customize>[0];
type Cells = Record<string, number | null>;

interface Values {
  cells: Cells;
  printed: PrintedMap;
  verification: unknown;
}

interface ValueSpec {
  version: TableVersion;
  agency: string;
  year: number;
  size: number;
  overrides?: Record<string, number>;
  customize?: Customize;
  expectProblems?: string[];
}

function makeValues(name: string, v: ValueSpec): Values {
  let printed: PrintedMap | undefined;
  const sample: Sample = {
    ...base2021,
    name: `docx-template:${name}`,
    version: v.version,
    t3Rows: v.version,
    agency: v.agency,
    site: v.agency,
    year: v.year,
    size: v.size,
    makesRules: false,
    chrome: 'bare',
    headingStyle: 'p-strong',
    titleStyle: 'h1',
    cellWrap: 'plain',
    overrides: v.overrides,
    customize: (p, rng) => {
      v.customize?.(p, rng);
      printed = p;
    },
    expectProblems: v.expectProblems ?? [],
    expectOtherProblems: [],
    notes: [],
  };
  const truth = JSON.parse(build(sample).truth) as { cells: Cells; verification: unknown };
  if (!printed) throw new Error('customize was not called');
  return { cells: truth.cells, printed, verification: truth.verification };
}

const colKeys = applicantColumns.map((c) => c.key);

/** Every value cell of the three tables in template (reading) order: [key, table index, grid row, grid column]. */
type Slot = [key: string, table: number, row: number, col: number];

function slots2021(): Slot[] {
  const t2: Slot[] = [];
  (['rules', 'normative'] as const).forEach((r, i) => ['issued', 'repealed', 'valid'].forEach((c, j) => t2.push([`t2.${r}.${c}`, 0, 2 + i, 1 + j])));
  t2.push(['t2.license.decisions', 0, 6, 1], ['t2.penalty.decisions', 0, 9, 1], ['t2.coercion.decisions', 0, 10, 1], ['t2.fees.amount', 0, 13, 1]);
  return [...t2, ...t3Slots('2021'), ...t4Slots()];
}

function t3Slots(version: TableVersion): Slot[] {
  return table3RowKeys(version).flatMap((r, i) => colKeys.map((c, j): Slot => [`t3.${r}.${c}`, 1, 3 + i, 3 + j]));
}

const t4Slots = (): Slot[] => table4CellKeys.map((k, j): Slot => [k, 2, 3, j]);

// ---------------------------------------------------------------------------
// Prose
// ---------------------------------------------------------------------------

const sectionTitles = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

const templateTitle = '政府信息公开工作年度报告格式模板';

interface Report {
  agency: string;
  year: number;
  version: TableVersion;
  values: Values;
  /** Small numbers for the prose (not in the tables). */
  articles: number;
  fee: number;
  pubDay: number;
}

const n = (r: Report, key: string) => r.values.printed[key]?.value ?? 0;

function preamble(r: Report): string {
  const notice =
    r.version === '2021'
      ? '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）'
      : '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）';
  return (
    `本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${notice}要求编制。` +
    `本报告所列数据的统计期限自${r.year}年1月1日起至${r.year}年12月31日止。如对本报告有疑问，请与${r.agency}办公室联系。`
  );
}

/** 一、总体情况: an opening paragraph and the five sub-sections (label, text). */
function overview(r: Report): { opening: string; subs: Array<[string, string]> } {
  const normative = n(r, r.version === '2021' ? 't2.normative.issued' : 't2.normative.made');
  return {
    opening: `${r.year}年，${r.agency}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，以公开促落实、促规范、促服务，各项工作取得积极成效。`,
    subs: [
      ['主动公开', `全年通过门户网站主动公开政府信息${r.articles}条，其中制发规范性文件${normative}件，围绕重点领域及时准确公开相关信息。`],
      [
        '依申请公开',
        `本年度新收政府信息公开申请${n(r, 't3.newReceived.total')}件，上年结转${n(r, 't3.carriedOver.total')}件，办结${n(r, 't3.resultTotal.total')}件，结转下年度继续办理${n(r, 't3.carriedForward.total')}件。`,
      ],
      ['政府信息管理', '严格落实公开前保密审查制度，动态调整主动公开基本目录，做好规范性文件清理工作。'],
      ['平台建设', '优化门户网站信息公开专栏，加强政务新媒体管理，便利群众获取信息。'],
      ['监督保障', '将政务公开工作纳入年度绩效考核，组织开展业务培训，全年未发生政府信息公开工作责任追究情况。'],
    ],
  };
}

const tableIntro = [
  '本年度主动公开政府信息情况见下表。',
  '本年度收到和处理政府信息公开申请情况见下表。',
  '本年度因政府信息公开工作被申请行政复议、提起行政诉讼情况见下表。',
];

const issuesText = (r: Report) =>
  `${r.year}年，我单位政府信息公开工作取得一定成效，但仍存在政策解读形式较为单一、部分栏目更新不够及时等问题。` +
  `${r.year + 1}年，我们将进一步丰富解读形式，加强栏目日常维护，推动政务公开工作提质增效。`;

const otherText = (r: Report) =>
  `${r.fee === 0 ? '本年度未收取信息处理费。' : `本年度依据《政府信息公开信息处理费管理办法》收取信息处理费${r.fee}元。`}本年度无其他需要报告的事项。`;

const title = (r: Report) => `${r.agency}${r.year}年政府信息公开工作年度报告`;
const dateLine = (r: Report) => `${r.year + 1}年1月${r.pubDay}日`;

/** Title, preamble, prose under every heading, signature: the plain (Word-feature-free) version. */
function writeProse(d: WordDoc, r: Report): void {
  const t = d.para(templateTitle);
  const tRun = descendants(t, 't')[0]!;
  tRun.textContent = title(r);
  // The template's empty paragraph after the title takes the preamble.
  const afterTitle = kids(d.body)[kids(d.body).indexOf(t) + 1]!;
  d.replace(afterTitle, textPara(preamble(r)));
  const ov = overview(r);
  const cn = ['（一）', '（二）', '（三）', '（四）', '（五）'];
  d.replace(firstPlaceholder(d), [textPara(ov.opening), ...ov.subs.map(([l, x], i) => subPara(`${cn[i]}${l}。`, x))].join(''));
  for (let i = 1; i <= 3; i++) d.insertAfter(d.para(sectionTitles[i]!), textPara(tableIntro[i - 1]!));
  d.replace(firstPlaceholder(d), textPara(issuesText(r)));
  d.replace(d.para('（文字描述，收取信息处理费情况在此处报告。）'), textPara(otherText(r)));
  d.append(textPara(r.agency, 'right') + textPara(dateLine(r), 'right'));
}

/** The first remaining `（文字描述）` placeholder (一 first, then 五). */
function firstPlaceholder(d: WordDoc): El {
  const p = kidsNamed(d.body, 'p').find((x) => plainText(x) === '（文字描述）');
  if (!p) throw new Error('no placeholder left');
  return p;
}

// ---------------------------------------------------------------------------
// Filling the template's tables
// ---------------------------------------------------------------------------

/** Check the label text at the start of each Table 2/3 value row and the header of Table 4, so a changed template fails loudly. */
function assertTemplate(d: WordDoc): void {
  const [t2, t3, t4] = d.tables();
  if (!t2 || !t3 || !t4 || d.tables().length !== 3) throw new Error('template: expected three tables');
  const expect = (tbl: El, row: number, col: number, text: string) => {
    const got = plainText(cellAt(tbl, row, col));
    if (!got.startsWith(text)) throw new Error(`template: row ${row} col ${col} reads ${got}, expected ${text}`);
  };
  expect(t2, 2, 0, '规章');
  expect(t2, 3, 0, '行政规范性文件');
  expect(t2, 6, 0, '行政许可');
  expect(t2, 9, 0, '行政处罚');
  expect(t2, 10, 0, '行政强制');
  expect(t2, 13, 0, '行政事业性收费');
  expect(t3, 3, 0, '一、本年新收');
  expect(t3, 5, 0, '三、本年度办理结果');
  expect(t3, 5, 1, '（一）予以公开');
  expect(t3, 18, 2, '1.信访');
  expect(t3, 23, 1, '（六）其他处理');
  expect(t3, 26, 1, '（七）总计');
  expect(t3, 27, 0, '四、结转下年度');
  expect(t4, 0, 0, '行政复议');
  if (gridWidths(t2).length !== 4 || gridWidths(t3).length !== 10 || gridWidths(t4).length !== 15) throw new Error('template: grid sizes changed');
}

/** Printed text of each value cell: `text` as the truth's printed map says, or a custom run list. */
type CellWriter = (doc: Doc, tc: El, key: string, text: string) => void;

function fillTables(d: WordDoc, slots: Slot[], printed: PrintedMap, writer: CellWriter = (doc, tc, _k, text) => setValue(doc, tc, text)): void {
  const tables = d.tables();
  for (const [key, t, row, col] of slots) {
    const p = printed[key];
    if (!p) throw new Error(`no printed value for ${key}`);
    writer(d.doc, cellAt(tables[t]!, row, col), key, p.text);
  }
}

// ---------------------------------------------------------------------------
// The 2019 layout (format.md §4)
// ---------------------------------------------------------------------------

/** Rebuild Table 2 in the 2019 layout from the template's row shapes; returns the value slots. */
function table2019(d: WordDoc): Slot[] {
  const t2 = d.tables()[0]!;
  const rows = tableRows(t2);
  const [cap, hdr, data] = [rows[0]!, rows[1]!, rows[2]!];
  for (const r of rows) remove(r);
  const slots: Slot[] = [];
  const add = (proto: El, texts: string[], keys: string[] = [], merge2 = false) => {
    const tr = proto.cloneNode(true) as El;
    if (merge2) {
      // Two value cells: the last two grid columns become one cell (as in 上海2019: value spans 1 + 2).
      const tcs = kidsNamed(tr, 'tc');
      const [third, fourth] = [tcs[2]!, tcs[3]!];
      const w = Number(wAttr(kid(kid(third, 'tcPr'), 'tcW'), 'w')) + Number(wAttr(kid(kid(fourth, 'tcPr'), 'tcW'), 'w'));
      const pr = kid(third, 'tcPr')!;
      setProp(pr, el(d.doc, `<w:tcW w:w="${w}" w:type="dxa"/>`), tcPrOrder);
      setProp(pr, el(d.doc, '<w:gridSpan w:val="2"/>'), tcPrOrder);
      remove(fourth);
    }
    const tcs = kidsNamed(tr, 'tc');
    texts.forEach((text, i) => setLabel(d.doc, tcs[i]!, text));
    const rowIndex = tableRows(t2).length;
    let col = 1;
    keys.forEach((k, i) => {
      setValue(d.doc, tcs[1 + i]!, '');
      slots.push([k, 0, rowIndex, col]);
      col += rowCells(tr)[1 + i]!.span;
    });
    t2.appendChild(tr);
  };
  const block = (caption: string, header: string[], rowsOf: Array<[string, string[]]>) => {
    const two = header.length === 2;
    add(cap, [caption]);
    add(hdr, ['信息内容', ...header], [], two);
    for (const [label, keys] of rowsOf) add(data, [label], keys, two);
  };
  const three = (row: string, cols: string[]) => cols.map((c) => `t2.${row}.${c}`);
  block('第二十条第（一）项', ['本年新制作数量', '本年新公开数量', '对外公开总数量'], [
    ['规章', three('rules', ['made', 'published', 'totalPublic'])],
    ['规范性文件', three('normative', ['made', 'published', 'totalPublic'])],
  ]);
  block('第二十条第（五）项', ['上一年项目数量', '本年增/减', '处理决定数量'], [
    ['行政许可', three('license', ['prevCount', 'delta', 'decisions'])],
    ['其他对外管理服务事项', three('otherServices', ['prevCount', 'delta', 'decisions'])],
  ]);
  block('第二十条第（六）项', ['上一年项目数量', '本年增/减', '处理决定数量'], [
    ['行政处罚', three('penalty', ['prevCount', 'delta', 'decisions'])],
    ['行政强制', three('coercion', ['prevCount', 'delta', 'decisions'])],
  ]);
  block('第二十条第（八）项', ['上一年项目数量', '本年增/减'], [['行政事业性收费', ['t2.fees.prevCount', 't2.fees.delta']]]);
  block('第二十条第（九）项', ['采购项目数量', '采购总金额'], [['政府集中采购', ['t2.procurement.projects', 't2.procurement.amount']]]);
  const want = table2Cells['2019'].map((c) => c.key).sort();
  if (slots.map((s) => s[0]).sort().join() !== want.join()) throw new Error('2019 Table 2: keys do not match the mappings');
  return slots;
}

/** Table 3 with the single 2019 （六）其他处理 row: the group cell spans the label columns 2-3, the two other （六） rows go (三、本年度办理结果 then spans 20 rows). */
function table3To2019(d: WordDoc): void {
  const t3 = d.tables()[1]!;
  const rows = tableRows(t3);
  const other = rows[23]!;
  const cells = rowCells(other);
  const group = cells.find((c) => c.col === 1)!;
  const reason = cells.find((c) => c.col === 2)!;
  if (!plainText(group.tc).startsWith('（六）其他处理')) throw new Error('2019 Table 3: （六） row not found');
  const widths = gridWidths(t3);
  const pr = kid(group.tc, 'tcPr')!;
  remove(kid(pr, 'vMerge')!);
  setProp(pr, el(d.doc, `<w:tcW w:w="${widths[1]! + widths[2]!}" w:type="dxa"/>`), tcPrOrder);
  setProp(pr, el(d.doc, '<w:gridSpan w:val="2"/>'), tcPrOrder);
  remove(reason.tc);
  remove(rows[24]!);
  remove(rows[25]!);
}

// ---------------------------------------------------------------------------
// Word features (sample word-features)
// ---------------------------------------------------------------------------

const numberingXml =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<w:numbering xmlns:w="${W}">` +
  `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>` +
  `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl>` +
  `</w:abstractNum>` +
  `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>` +
  `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl>` +
  `</w:abstractNum>` +
  `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
  `<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
  `</w:numbering>`;

const revAttrs = (id: number) => `w:id="${id}" w:author="审核人" w:date="2024-01-15T09:30:00Z"`;
const del = (id: number, text: string, rPr = rPrBody) => `<w:del ${revAttrs(id)}><w:r>${rPr}<w:delText xml:space="preserve">${esc(text)}</w:delText></w:r></w:del>`;
const ins = (id: number, text: string, rPr = rPrBody) => `<w:ins ${revAttrs(id)}>${run(text, rPr)}</w:ins>`;
const commentRef = (id: number) => `<w:r><w:commentReference w:id="${id}"/></w:r>`;
const field = (instr: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${esc(instr)}</w:instrText></w:r>` +
  `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

function textBox(text: string): string {
  const p = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${run(text)}</w:p>`;
  const cx = 5274310;
  const cy = 396240;
  return (
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>` +
    `<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">` +
    `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>45720</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>` +
    `<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${p}</w:txbxContent></wps:txbx>` +
    `<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>` +
    `</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `<v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:3.6pt;width:415.3pt;height:31.2pt;z-index:251659264;mso-wrap-style:square" fillcolor="white" strokeweight=".5pt">` +
    `<v:textbox><w:txbxContent>${p}</w:txbxContent></v:textbox><w10:wrap type="topAndBottom"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
  );
}

/** A paragraph numbered by Word (numId 1: 一、 headings, numId 2: （一） sub-headings): its text has no number. */
function numberedPara(text: string, numId: number, bold = true): string {
  return `<w:p>${pPrBody('both', `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`)}${run(text, bold ? rPrBold : rPrBody)}</w:p>`;
}

const commentsXml = (comments: Array<[number, string]>) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}">` +
  comments
    .map(([id, text]) => `<w:comment w:id="${id}" w:author="审核人" w:date="2024-01-15T09:30:00Z" w:initials="SH"><w:p>${run(text)}</w:p></w:comment>`)
    .join('') +
  `</w:comments>`;

// ---------------------------------------------------------------------------
// Checks (independent of the project's reader)
// ---------------------------------------------------------------------------

/** Visible text as Word shows it with tracked changes accepted: w:t (not inside w:del), no field codes, comments or deleted text; one branch of mc:AlternateContent. */
function visibleText(e: El): string {
  let out = '';
  for (const c of kids(e)) {
    const name = c.localName;
    if (['del', 'delText', 'instrText', 'pPr', 'rPr', 'tcPr', 'commentReference'].includes(name)) continue;
    if (name === 'AlternateContent') {
      const choice = kids(c)[0];
      if (choice) out += visibleText(choice);
    } else if (name === 't') out += c.textContent ?? '';
    else if (name === 'p') out += (out ? '\n' : '') + visibleText(c);
    else out += visibleText(c);
  }
  return out;
}

/** All w:tbl that hold no w:tbl (the report tables, also inside a layout table), in document order. */
function innermostTables(doc: Doc): El[] {
  return (Array.from(doc.getElementsByTagNameNS(W, 'tbl')) as El[]).filter((t) => t.getElementsByTagNameNS(W, 'tbl').length === 0);
}

/** Value cell texts on the grid: rows of a split Table 3 are joined (the second part follows the first). */
async function checkXml(bytes: Uint8Array, slots: Slot[], cells: Cells, joinSplitTable3: boolean): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = parseXml(await zip.file('word/document.xml')!.async('string'));
  let tables = innermostTables(doc).map((t) => tableRows(t));
  if (joinSplitTable3) tables = [tables[0]!, [...tables[1]!, ...tables[2]!], tables[3]!];
  if (tables.length !== 3) throw new Error(`check: ${tables.length} report tables`);
  for (const [key, t, row, col] of slots) {
    const tr = tables[t]![row];
    const cell = tr && rowCells(tr).find((c) => c.col === col);
    if (!cell) throw new Error(`check: ${key}: no cell at table ${t} row ${row} col ${col}`);
    const text = visibleText(cell.tc).normalize('NFKC').trim();
    const want = cells[key];
    const got = text === '' || /^[-—/]$/.test(text) ? null : Number(text.replace(/^\+/, ''));
    if (got !== want && !(typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-9)) {
      throw new Error(`check: ${key} at table ${t} row ${row} col ${col} shows "${text}", truth ${want}`);
    }
  }
}

function run_(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function soffice(convertTo: string, out: string, files: string[]): void {
  mkdirSync(out, { recursive: true });
  run_('soffice', [`-env:UserInstallation=file://${loProfile}`, '--headless', '--norestore', '--convert-to', convertTo, '--outdir', out, ...files]);
}

/**
 * LibreOffice's plain-text rendering: the lines between the headings 二、 and 五、
 * that are a number and nothing else must be the truth's non-blank values in template order.
 */
function checkLibreOfficeText(txt: string, slots: Slot[], cells: Cells, file: string): number {
  const lines = txt.split(/\r?\n/).map((l) => l.normalize('NFKC').trim());
  // Generated numbering is printed by the txt filter, not kept in ODT text: the 二、/五、 may be missing in ODT lines.
  const start = lines.findIndex((l) => /^(二、)?\s*主动公开政府信息情况/.test(l));
  const end = lines.findIndex((l) => /^(五、)?\s*存在的主要问题/.test(l));
  if (start < 0 || end < start) throw new Error(`${file}: LibreOffice text has no 二、…五、 headings`);
  const got = lines.slice(start, end).filter((l) => /^[+-]?\d+(\.\d+)?$/.test(l)).map(Number);
  const want = slots.map(([k]) => cells[k]).filter((v): v is number => v !== null && v !== undefined);
  if (got.join(' ') !== want.join(' ')) throw new Error(`${file}: LibreOffice prints\n${got.join(' ')}\ntruth is\n${want.join(' ')}`);
  return got.length;
}

/**
 * The paragraphs of LibreOffice's ODT (content.xml) as lines. LibreOffice's txt filter prints deleted
 * revisions together with inserted ones; in ODT a deletion is kept apart in text:tracked-changes, so the
 * body text is the document with tracked changes accepted. Comments (office:annotation) and text boxes
 * (draw:frame) are left out, like the txt filter does.
 */
function odtLines(contentXml: string): string {
  const doc = parseXml(contentXml);
  const skip = new Set(['tracked-changes', 'annotation', 'annotation-end', 'frame', 'note']);
  const lines: string[] = [];
  const textOf = (e: El): string => {
    let out = '';
    for (const c of Array.from(e.childNodes)) {
      if (c.nodeType === 3) out += c.nodeValue ?? '';
      else if (c.nodeType === 1) {
        const x = c as El;
        if (skip.has(x.localName)) continue;
        if (x.localName === 's') out += ' ';
        else if (x.localName === 'tab') out += '\t';
        else if (x.localName === 'line-break') out += '\n';
        else out += textOf(x);
      }
    }
    return out;
  };
  const walk = (e: El) => {
    for (const c of kids(e)) {
      if (skip.has(c.localName)) continue;
      if (c.localName === 'p' || c.localName === 'h') lines.push(textOf(c));
      else walk(c);
    }
  };
  walk(doc.documentElement);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Binary helpers: PNG, CFB
// ---------------------------------------------------------------------------

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An all-white RGB PNG whose IDAT is stored uncompressed (deflate level 0): big as a file, tiny inside a zip. */
function whitePng(width: number, height: number): Buffer {
  const stride = 1 + width * 3;
  const raw = Buffer.alloc(stride * height, 0xff);
  for (let y = 0; y < height; y++) raw[y * stride] = 0; // filter type None
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 0 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Deterministic filler bytes (xorshift32). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A compound file (OLE2/CFB) with the given streams, written by SheetJS cfb (which adds its own small marker stream). */
function compoundFile(streams: Array<[string, Uint8Array]>): Buffer {
  const c = CFB.utils.cfb_new();
  for (const [name, data] of streams) CFB.utils.cfb_add(c, name, Buffer.from(data));
  const out = Buffer.from(CFB.write(c, { type: 'buffer' }) as Uint8Array);
  const back = CFB.read(out, { type: 'buffer' });
  for (const [name, data] of streams) {
    const e = CFB.find(back, `/${name}`);
    if (!e || Buffer.compare(Buffer.from(e.content as Uint8Array), Buffer.from(data)) !== 0) throw new Error(`CFB: ${name} does not read back`);
  }
  return out;
}

/** EncryptionInfo as Word writes it for agile encryption (version 4.4, flags 0x40, XML descriptor); key data are dummies. */
function encryptionInfo(): Buffer {
  const b64 = (len: number, seed: number) => noise(len, seed).toString('base64');
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
    `<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">` +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16, 1)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(64, 2)}" encryptedHmacValue="${b64(64, 3)}"/>` +
    `<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">` +
    `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(16, 4)}" encryptedVerifierHashInput="${b64(16, 5)}" encryptedVerifierHashValue="${b64(64, 6)}" encryptedKeyValue="${b64(32, 7)}"/>` +
    `</keyEncryptor></keyEncryptors></encryption>`;
  return Buffer.concat([Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]), Buffer.from(xml, 'utf8')]);
}

function encryptedPackage(plainSize: number): Buffer {
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(plainSize));
  return Buffer.concat([size, noise(Math.ceil(plainSize / 4096) * 4096, 0x5eed)]);
}

/** A stand-in vbaProject.bin: a compound file with the streams of a VBA project (contents are dummies; nothing runs). */
function vbaProject(): Buffer {
  const project =
    'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisDocument/&H00000000\r\nName="Project"\r\nHelpContextID="0"\r\n' +
    'VersionCompatible32="393222000"\r\nCMG="0000"\r\nDPB="0000"\r\nGC="0000"\r\n\r\n[Host Extender Info]\r\n&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n';
  return compoundFile([
    ['PROJECT', Buffer.from(project, 'latin1')],
    ['PROJECTwm', Buffer.from('ThisDocument\0T\0h\0i\0s\0D\0o\0c\0u\0m\0e\0n\0t\0\0\0\0\0', 'latin1')],
    ['VBA/_VBA_PROJECT', Buffer.from([0xcc, 0x61, 0xff, 0xff, 0x00, 0x00, 0x00])],
    ['VBA/dir', noise(600, 0xd1)],
    ['VBA/ThisDocument', noise(1200, 0x7d)],
  ]);
}

// ---------------------------------------------------------------------------
// The samples
// ---------------------------------------------------------------------------

interface Built {
  name: string;
  /** File name in samples/docx-template (with extension). */
  file: string;
  bytes: Uint8Array;
  report: Report;
  slots: Slot[];
  expectProblems: string[];
  expectOtherProblems: string[];
  notes: string[];
  splitTable3?: boolean;
  /** Convert to .doc with LibreOffice as well. */
  doc?: boolean;
  /** Skip the LibreOffice text check (huge image). */
  noLibreOffice?: boolean;
  /** Has tracked changes: LibreOffice's check reads its ODT (deletions kept apart) instead of its txt. */
  trackedChanges?: boolean;
}

function report(version: TableVersion, agency: string, year: number, values: Values, seed: number): Report {
  return { agency, year, version, values, articles: 150 + ((seed * 37) % 700), fee: seed % 3 === 0 ? ((seed * 7) % 30) * 10 : 0, pubDay: 10 + (seed % 18) };
}

const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(0xff10 + Number(c)));

async function template(): Promise<WordDoc> {
  const d = await WordDoc.open(readFileSync(templatePath));
  assertTemplate(d);
  return d;
}

/** The plain filled 2021 document for a report (tables + prose). */
async function filled2021(r: Report, writer?: CellWriter): Promise<{ d: WordDoc; slots: Slot[] }> {
  const d = await template();
  const slots = slots2021();
  fillTables(d, slots, r.values.printed, writer);
  writeProse(d, r);
  return { d, slots };
}

async function sampleFilled(): Promise<{ built: Built; r: Report }> {
  const agency = '青川县水利局';
  const values = makeValues('template-2021-filled', { version: '2021', agency, year: 2023, size: 14 });
  const r = report('2021', agency, 2023, values, 12);
  const { d, slots } = await filled2021(r);
  return {
    r,
    built: {
      name: 'template-2021-filled',
      file: 'template-2021-filled.docx',
      bytes: await d.bytes(),
      report: r,
      slots,
      expectProblems: [],
      expectOtherProblems: [],
      doc: true,
      notes: [
        'The official blank Word template (shared/samples/real/template-2021-blank.docx, WPS-made, real w:gridSpan/w:vMerge merges) with every value cell filled: Table 2 (10 cells), Table 3 (175), Table 4 (15). All rules of format.md §5 hold.',
        'Value cells: the template\'s empty paragraph (or its ideographic-space runs in Table 2) replaced by one centred run; labels, merges, widths and borders are the template\'s.',
        'The template title 政府信息公开工作年度报告格式模板 replaced by the report title; a preamble after it; prose under each of the six headings (the template\'s 一、…六、 headings are literal text), 一 with five bold （一）…（五） sub-heads in running text; signature (agency, date) right-aligned at the end.',
      ],
    },
  };
}

async function sampleBlankZeros(): Promise<Built> {
  const agency = '桃源镇人民政府';
  const values = makeValues('template-2021-blank-zeros', {
    version: '2021',
    agency,
    year: 2022,
    size: 3,
    overrides: { 't2.penalty.decisions': 0, 't2.coercion.decisions': 0, 't3.granted.natural': 4 },
    customize: (p) => {
      for (const [k, v] of Object.entries(p)) if (/^t[34]\./.test(k) && v.value === 0) p[k] = { text: '', value: null };
      p['t2.penalty.decisions'] = { text: '-', value: null };
      p['t2.coercion.decisions'] = { text: '—', value: null };
    },
  });
  const r = report('2021', agency, 2022, values, 4);
  let blanks = 0;
  const { d, slots } = await filled2021(r, (doc, tc, _key, text) => {
    // Blank cells: the template's empty paragraph, or (every third) an ideographic space as the template's Table 2 cells have.
    if (text === '') setValue(doc, tc, blanks++ % 3 === 2 ? '\u3000' : '');
    else setValue(doc, tc, text);
  });
  const nulls = Object.entries(values.cells).filter(([, v]) => v === null).map(([k]) => k);
  return {
    name: 'template-2021-blank-zeros',
    file: 'template-2021-blank-zeros.docx',
    bytes: await d.bytes(),
    report: r,
    slots,
    expectProblems: [],
    expectOtherProblems: ['CELL_BLANK'],
    notes: [
      'The official template filled like template-2021-filled, but every zero of Tables 3 and 4 is left blank (上海2019 style, format.md §7.10): the template\'s empty cell paragraph, or for every third blank cell a run holding one ideographic space U+3000 (as the template\'s own Table 2 cells). Those cells are null in the truth.',
      'Table 2: t2.penalty.decisions is printed `-` and t2.coercion.decisions `—` (null, state dash). The other Table 2 zeros (规章 row) are printed 0.',
      `${nulls.length} null cells. Rules with a blank operand are not assessable; every rule whose operands are all printed holds (under a "blank means 0" reading every rule holds).`,
      'A town government: small counts, many zeros.',
    ],
  };
}

async function sampleInconsistent(): Promise<Built> {
  const agency = '石桥区市场监督管理局';
  const planted: string[] = [];
  const values = makeValues('template-2021-inconsistent', {
    version: '2021',
    agency,
    year: 2024,
    size: 12,
    overrides: { 't4.suitDirect.upheld': 2 },
    expectProblems: ['T3_BALANCE', 'T3_ROW_TOTAL', 'T4_TOTAL'],
    customize: (p) => {
      const bump = (key: string, delta: number) => {
        const was = p[key]!.value!;
        p[key] = { text: String(was + delta), value: was + delta };
        planted.push(`${key} is printed ${was + delta}; the consistent value is ${was} (${delta > 0 ? '+' : ''}${delta}).`);
      };
      bump('t3.newReceived.total', 3);
      bump('t3.carriedForward.total', -1);
      bump('t4.suitDirect.total', -1);
    },
  });
  const r = report('2021', agency, 2024, values, 8);
  const { d, slots } = await filled2021(r);
  return {
    name: 'template-2021-inconsistent',
    file: 'template-2021-inconsistent.docx',
    bytes: await d.bytes(),
    report: r,
    slots,
    expectProblems: ['T3_BALANCE', 'T3_ROW_TOTAL', 'T4_TOTAL'],
    expectOtherProblems: [],
    doc: true,
    notes: [
      'The official template filled with consistent values, then three printed TOTAL cells altered (truth = what is printed):',
      ...planted,
      'Effects: T3_BALANCE fails in the 总计 column only (一+二 is 3 more, （七）总计+四 is 1 less than consistent); T3_ROW_TOTAL fails in the rows newReceived and carriedForward only; T4_TOTAL fails for the suitDirect block only. T3_RESULT_TOTAL holds (（七）总计 and the result rows are untouched). The exact failing rules are listed in verification.',
    ],
  };
}

async function sample2019(): Promise<Built> {
  const agency = '云溪市人民政府办公室';
  const values = makeValues('template-2019', {
    version: '2019',
    agency,
    year: 2020,
    size: 16,
    overrides: {
      't2.license.delta': 2,
      't2.otherServices.delta': -1,
      't2.penalty.delta': 0,
      't2.coercion.delta': 4,
      't2.fees.delta': -2,
      't2.procurement.amount': 386.25,
    },
    customize: (p) => {
      for (const k of ['t2.license.delta', 't2.coercion.delta']) p[k] = { text: `+${p[k]!.value}`, value: p[k]!.value };
    },
  });
  const r = report('2019', agency, 2020, values, 5);
  const d = await template();
  const t2slots = table2019(d);
  table3To2019(d);
  const slots = [...t2slots, ...t3Slots('2019'), ...t4Slots()];
  fillTables(d, slots, values.printed);
  writeProse(d, r);
  return {
    name: 'template-2019',
    file: 'template-2019.docx',
    bytes: await d.bytes(),
    report: r,
    slots,
    expectProblems: [],
    expectOtherProblems: [],
    doc: true,
    notes: [
      'A 2020 report in the 2019 试行 format (国办公开办函〔2019〕60号), made from the official 2021 template\'s rows (format.md §4):',
      'Table 2 rebuilt on the template\'s 4 grid columns from clones of its caption, header and data rows: 第二十条第（一）项 本年新制作数量/本年新公开数量/对外公开总数量 × 规章, 规范性文件; （五） 上一年项目数量/本年增/减/处理决定数量 × 行政许可, 其他对外管理服务事项; （六） the same × 行政处罚, 行政强制; （八） 上一年项目数量/本年增/减 × 行政事业性收费; （九） 采购项目数量/采购总金额 × 政府集中采购. Two-value rows: value cells span 1 + 2 grid columns (w:gridSpan 2). 22 cells.',
      'Signed 本年增/减 printed `+2` (license), `-1` (otherServices), `0` (penalty), `+4` (coercion), `-2` (fees); 采购总金额 `386.25` (no unit printed).',
      'Table 3: the template\'s （六）其他处理 row turned into the single 2019 row (group cell w:gridSpan 2, no vMerge, reason cell removed), the two other （六） rows removed, so 三、本年度办理结果 (w:vMerge restart … continue) spans 20 rows; 23 rows, 161 cells. Table 4 unchanged. 198 cells, all rules hold.',
    ],
  };
}

async function sampleWordFeatures(): Promise<Built> {
  const agency = '柳塘县人力资源和社会保障局';
  const values = makeValues('word-features', {
    version: '2021',
    agency,
    year: 2023,
    size: 10,
    overrides: { 't3.unableNotHeld.natural': 12, 't2.normative.valid': 27 },
  });
  const r = report('2021', agency, 2023, values, 7);
  const fw = new Set(['t2.normative.valid', 't3.granted.natural', 't4.review.total']);
  const d = await template();
  const slots = slots2021();
  fillTables(d, slots, values.printed, (doc, tc, key, text) => {
    if (key === 't3.unableNotHeld.natural') setCell(doc, tc, del(101, '9', rPrCell) + ins(102, text, rPrCell), { jc: 'center' });
    else if (fw.has(key)) setValue(doc, tc, fullWidth(text));
    else if (key === 't3.resultTotal.total') setCell(doc, tc, cellRun(text), { jc: 'center', emptyBefore: 1, emptyAfter: 2 });
    else if (key === 't2.license.decisions') {
      setCell(doc, tc, `<w:commentRangeStart w:id="1"/>${cellRun(text)}<w:commentRangeEnd w:id="1"/>${commentRef(1)}`, { jc: 'center' });
    } else setValue(doc, tc, text);
  });
  if (values.printed['t3.unableNotHeld.natural']!.text !== '12') throw new Error('word-features: tracked cell must print 12');

  // Headings by Word numbering: 一、 … 六、 generated (chineseCounting, "%1、"), the text says only 总体情况 etc.
  const headings = sectionTitles.map((t) => d.para(t));
  for (const h of headings) {
    const tEl = descendants(h, 't')[0]!;
    tEl.textContent = (tEl.textContent ?? '').replace(/^[一二三四五六]、/, '');
    setProp(kid(h, 'pPr')!, el(d.doc, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'), pPrOrder);
  }

  // Title, preamble with a text box, 一 with numbered sub-headings, a tracked change, a comment and a field.
  const t = d.para(templateTitle);
  descendants(t, 't')[0]!.textContent = title(r);
  const afterTitle = kids(d.body)[kids(d.body).indexOf(t) + 1]!;
  d.replace(afterTitle, para(run(preamble(r)) + textBox('本报告电子版可在本单位门户网站“政府信息公开年报”栏目查阅，联系电话：0000-8123456。')));
  const ov = overview(r);
  const shown = r.articles;
  const subsXml = [
    numberedPara('主动公开', 2),
    para(
      run('全年通过') +
        field(' HYPERLINK "http://www.example.gov.cn/zwgk/2023/index.html" ', '本单位门户网站') +
        run('主动公开政府信息') +
        del(103, String(shown - 28)) +
        ins(104, String(shown)) +
        run('条，') +
        '<w:commentRangeStart w:id="0"/>' +
        run('围绕重点领域及时准确公开相关信息') +
        '<w:commentRangeEnd w:id="0"/>' +
        commentRef(0) +
        run('。'),
    ),
    numberedPara('依申请公开', 2),
    textPara(ov.subs[1]![1]),
    numberedPara('政府信息管理', 2),
    textPara(ov.subs[2]![1]),
    numberedPara('平台建设', 2),
    textPara(ov.subs[3]![1]),
    numberedPara('监督保障', 2),
    textPara(ov.subs[4]![1]),
  ].join('');
  d.replace(firstPlaceholder(d), textPara(ov.opening) + subsXml);
  for (let i = 1; i <= 3; i++) d.insertAfter(headings[i]!, textPara(tableIntro[i - 1]!));
  d.replace(firstPlaceholder(d), textPara(issuesText(r)));
  d.replace(d.para('（文字描述，收取信息处理费情况在此处报告。）'), textPara(otherText(r)));
  d.append(textPara(r.agency, 'right') + textPara(dateLine(r), 'right'));

  // Table 3 split in two w:tbl by a page-break paragraph inside （四）无法提供.
  const [, t3] = d.tables();
  const rowKeys = table3RowKeys('2021');
  const at = 3 + rowKeys.indexOf('unableNeedsCreation');
  const second = t3!.cloneNode(false) as El;
  second.appendChild(kid(t3!, 'tblPr')!.cloneNode(true));
  second.appendChild(kid(t3!, 'tblGrid')!.cloneNode(true));
  for (const tr of tableRows(t3!).slice(at)) second.appendChild(tr);
  // The continued merges (三、本年度办理结果, （四）无法提供) restart, empty, in the second part (as Word splits a table).
  const firstRow = tableRows(second)[0]!;
  for (const c of rowCells(firstRow).filter((x) => x.col < 2)) {
    if (c.vMerge !== 'continue') throw new Error('word-features: expected continued merges at the split');
    setProp(kid(c.tc, 'tcPr')!, el(d.doc, '<w:vMerge w:val="restart"/>'), tcPrOrder);
  }
  const pageBreak = el(d.doc, '<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
  insertAfter(t3!, pageBreak);
  insertAfter(pageBreak, second);
  // （七）总计 row: no cell in grid column 0 — w:gridBefore 1 instead of the continued merge.
  const totalRow = tableRows(second).find((tr) => plainText(tr).includes('（七）总计'))!;
  const gap = rowCells(totalRow).find((c) => c.col === 0)!;
  if (gap.vMerge !== 'continue') throw new Error('word-features: （七）总计 row should start with a continued merge');
  remove(gap.tc);
  const trPr = ensureFirst(totalRow, 'trPr', d.doc);
  setProp(trPr, el(d.doc, '<w:gridBefore w:val="1"/>'), trPrOrder);
  setProp(trPr, el(d.doc, `<w:wBefore w:w="${gridWidths(t3!)[0]}" w:type="dxa"/>`), trPrOrder);

  // Everything inside an outer one-cell layout table (no borders).
  const content = kids(d.body).filter((c) => c.localName !== 'sectPr');
  const width = 9968;
  const outer = el(
    d.doc,
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:left w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:bottom w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:right w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:insideH w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:insideV w:val="none" w:sz="0" w:space="0" w:color="auto"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>` +
      `<w:tblGrid><w:gridCol w:w="${width}"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/><w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders></w:tcPr></w:tc></w:tr></w:tbl>`,
  );
  const cell = descendants(outer, 'tc')[0]!;
  d.body.insertBefore(outer, content[0]!);
  for (const c of content) cell.appendChild(c);
  if (kid(cell, 'p') === undefined || cell.lastChild?.nodeType !== 1 || (cell.lastChild as El).localName !== 'p') cell.appendChild(el(d.doc, '<w:p/>'));
  d.body.insertBefore(el(d.doc, '<w:p/>'), kid(d.body, 'sectPr') ?? null);

  // Parts: numbering, comments.
  d.setPart('word/numbering.xml', numberingXml);
  await d.addContentType('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>');
  await d.addRelationship('rId90', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering', 'numbering.xml');
  d.setPart(
    'word/comments.xml',
    commentsXml([
      [0, '请核对：重点领域清单以市政府办公室通知为准，上年为15项。'],
      [1, '与审批系统导出数据一致（截至12月31日）。'],
    ]),
  );
  await d.addContentType('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>');
  await d.addRelationship('rId91', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments', 'comments.xml');

  return {
    name: 'word-features',
    file: 'word-features.docx',
    bytes: await d.bytes(),
    report: r,
    slots,
    splitTable3: true,
    trackedChanges: true,
    expectProblems: [],
    expectOtherProblems: [],
    notes: [
      'A 2021 report from the official template exercising Word details; truth = what Word shows with tracked changes accepted. All rules hold.',
      'Section headings by Word automatic numbering: the paragraphs say 总体情况 … 其他需要报告的事项 and carry w:numPr (numId 1, ilvl 0) → word/numbering.xml abstractNum 0 level 0 numFmt chineseCounting, lvlText "%1、", suff nothing: Word shows 一、总体情况 … 六、其他需要报告的事项. The five sub-headings of 一 (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障) are separate paragraphs numbered by a second list (numId 2 → abstractNum 1, level 0, chineseCounting, lvlText "（%1）", suff nothing) → （一）…（五）.',
      `Tracked changes (author 审核人): in the Table 3 cell t3.unableNotHeld.natural a w:del of "9" (w:delText) followed by a w:ins of "12" → 12; in the prose of （一）主动公开 a deleted "${r.articles - 28}" and an inserted "${r.articles}".`,
      'Comments (word/comments.xml, w:commentRangeStart/End + w:commentReference): one on a phrase of （一）主动公开, one around the number in Table 2 t2.license.decisions; the comment texts contain numbers (15, 12, 31) that are not document text.',
      'A field in the prose of （一）主动公开: w:fldChar begin / w:instrText HYPERLINK "http://www.example.gov.cn/zwgk/2023/index.html" / separate / result 本单位门户网站 / end (the instruction contains 2023, which Word does not show).',
      'A text box anchored in the preamble paragraph: mc:AlternateContent with mc:Choice Requires="wps" (w:drawing/wp:anchor/wps:wsp/wps:txbx/w:txbxContent) and an mc:Fallback VML copy (w:pict/v:shape/v:textbox/w:txbxContent) holding the same paragraph (a phone number 0000-8123456): Word shows it once.',
      'Full-width digits in t2.normative.valid (２７), t3.granted.natural and t4.review.total. t3.resultTotal.total has one empty paragraph before and two after its number.',
      'Table 3 split into two w:tbl by a paragraph holding only a page break (w:br w:type="page") between （四）1.本机关不掌握相关政府信息 and （四）2.没有现成信息需要另行制作. The second w:tbl has no header rows; its first row restarts the merges of the columns 三、本年度办理结果 and （四）无法提供 with EMPTY cells (w:vMerge restart; the labels stay in the first part, as when Word splits a table). In the second part the （七）总计 row has no cell in grid column 0: w:gridBefore 1 (+ w:wBefore) instead of the continued merge, so its label cell starts at grid column 1 and its values at 3-9.',
      'The whole report (title … signature, all three tables) sits inside an outer borderless one-cell layout table (nested tables).',
    ],
  };
}

/** template-2021-filled plus word/vbaProject.bin (a .docm). */
async function sampleMacro(filled: Report): Promise<Built> {
  const { d, slots } = await filled2021(filled);
  d.setPart('word/vbaProject.bin', vbaProject());
  const ct = await d.part('[Content_Types].xml');
  d.setPart(
    '[Content_Types].xml',
    ct
      .replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.ms-word.document.macroEnabled.main+xml')
      .replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"'),
  );
  await d.addRelationship('rId92', 'http://schemas.microsoft.com/office/2006/relationships/vbaProject', 'vbaProject.bin');
  return {
    name: 'macro-enabled',
    file: 'macro-enabled.docm',
    bytes: await d.bytes(),
    report: filled,
    slots,
    expectProblems: [],
    expectOtherProblems: ['CONTENT_IGNORED'],
    notes: [
      'template-2021-filled (same values, same document.xml) saved as a macro-enabled .docm: main part content type application/vnd.ms-word.document.macroEnabled.main+xml, a word/vbaProject.bin part (a compound file with PROJECT, PROJECTwm, VBA/_VBA_PROJECT, VBA/dir, VBA/ThisDocument streams; their contents are dummies, nothing can run), its relationship (…/2006/relationships/vbaProject) and the Default bin content type application/vnd.ms-office.vbaProject.',
      'Readable: the cells are those of template-2021-filled. A reader reports that the macros were not run (CONTENT_IGNORED).',
    ],
  };
}

/** template-2021-filled plus a ~40 MB all-white PNG in word/media, shown under 六. */
async function sampleHugeImage(filled: Report): Promise<Built> {
  const { d, slots } = await filled2021(filled);
  const [w, h] = [4096, 3255];
  const png = whitePng(w, h);
  d.setPart('word/media/image1.png', png);
  await d.addContentType('<Default Extension="png" ContentType="image/png"/>');
  await d.addRelationship('rId93', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image', 'media/image1.png');
  const cx = 5274310;
  const cy = Math.round((cx * h) / w);
  d.append(
    `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
      `<wp:docPr id="2" name="图片 2"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="2" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="rId93"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
      `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
  );
  return {
    name: 'huge-image',
    file: 'huge-image.docx',
    bytes: await d.bytes(),
    report: filled,
    slots,
    noLibreOffice: true,
    expectProblems: [],
    expectOtherProblems: ['CONTENT_IGNORED'],
    notes: [
      `template-2021-filled (same values) plus word/media/image1.png: a ${w}×${h} all-white RGB PNG of ${png.length} bytes (${(png.length / 2 ** 20).toFixed(1)} MiB; its IDAT is stored with deflate level 0, so the PNG is big but compresses to a few tens of KB inside the zip), shown inline (wp:inline, a:blip r:embed) in a paragraph after the signature.`,
      'A reader must not decompress or decode it to read the report; it reports the skipped image (CONTENT_IGNORED). The cells are those of template-2021-filled.',
    ],
  };
}

// ---------------------------------------------------------------------------
// Bad inputs (tests/unreadable, no truth)
// ---------------------------------------------------------------------------

async function badFiles(): Promise<Array<[string, Uint8Array, string]>> {
  const notZip = Buffer.from('这不是一个Word文档。\nThis is a plain text file saved with a .docx extension; it is not a zip archive.\n', 'utf8');
  const z = new JSZip();
  z.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    { date: zipDate, createFolders: false },
  );
  z.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>政府信息公开工作年度报告</dc:title><dc:creator>办公室</dc:creator></cp:coreProperties>',
    { date: zipDate, createFolders: false },
  );
  const noDoc = await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const encrypted = compoundFile([
    ['EncryptionInfo', encryptionInfo()],
    ['EncryptedPackage', encryptedPackage(24000)],
    ['\u0006DataSpaces/Version', Buffer.concat([Buffer.from([0x3c, 0, 0, 0]), Buffer.from('Microsoft.Container.DataSpaces', 'utf16le'), Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])])],
  ]);
  return [
    ['not-a-zip.docx', notZip, 'text bytes (UTF-8) with a .docx name'],
    ['no-document-xml.docx', noDoc, 'a valid zip holding only [Content_Types].xml and docProps/core.xml: no word/document.xml'],
    ['password-protected.docx', encrypted, 'an OLE2/CFB compound file (as Word writes a password-protected .docx) with EncryptionInfo (agile, version 4.4, XML descriptor with dummy key data) and EncryptedPackage (size + dummy bytes) streams and \\x06DataSpaces/Version'],
  ];
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(templatePath)) throw new Error(`template not found: ${templatePath} (set GOVREPORT_DOCX_TEMPLATE)`);
  if (spawnSync('soffice', ['--version']).status !== 0) throw new Error('soffice (LibreOffice) is needed for the .doc files and the check');
  const lo = run_('soffice', ['--version']).trim();
  const tmp = mkdtempSync(join(tmpdir(), 'docx-samples-'));
  try {
    mkdirSync(outDir, { recursive: true });
    mkdirSync(badDir, { recursive: true });

    const { built: filled, r: filledReport } = await sampleFilled();
    const samples: Built[] = [filled, await sampleBlankZeros(), await sampleInconsistent(), await sample2019(), await sampleWordFeatures()];
    samples.push(await sampleMacro(filledReport), await sampleHugeImage(filledReport));

    const expected = new Set<string>();
    for (const s of samples) {
      writeFileSync(join(outDir, s.file), s.bytes);
      expected.add(s.file);
    }

    // LibreOffice: the text of each DOCX, and the .doc versions (and their text).
    const docxIn = samples.filter((s) => !s.noLibreOffice && !s.trackedChanges).map((s) => join(outDir, s.file));
    soffice('txt:Text (encoded):UTF8', join(tmp, 'txt'), docxIn);
    const tracked = samples.filter((s) => s.trackedChanges);
    soffice('odt', join(tmp, 'odt'), tracked.map((s) => join(outDir, s.file)));
    for (const s of tracked) {
      const odt = await JSZip.loadAsync(readFileSync(join(tmp, 'odt', `${s.name}.odt`)));
      writeFileSync(join(tmp, 'txt', `${s.name}.txt`), odtLines(await odt.file('content.xml')!.async('string')));
    }
    const docs = samples.filter((s) => s.doc);
    soffice('doc:MS Word 97', join(tmp, 'doc'), docs.map((s) => join(outDir, s.file)));
    soffice('txt:Text (encoded):UTF8', join(tmp, 'doctxt'), docs.map((s) => join(tmp, 'doc', `${s.name}.doc`)));

    for (const s of samples) {
      const { values, agency, year, version } = s.report;
      await checkXml(s.bytes, s.slots, values.cells, s.splitTable3 ?? false);
      const checks = [`XML: the visible text of all ${s.slots.length} value cells at their grid positions equals the truth (NFKC; tracked changes accepted).`];
      if (!s.noLibreOffice) {
        const k = checkLibreOfficeText(readFileSync(join(tmp, 'txt', `${s.name}.txt`), 'utf8'), s.slots, values.cells, s.file);
        checks.push(
          s.trackedChanges
            ? `LibreOffice (${lo}) --convert-to odt: the paragraphs of its content.xml (deletions are kept apart in text:tracked-changes there; LibreOffice's txt filter would print the deleted 9 too; comments and text boxes left out) between the headings 主动公开政府信息情况 and 存在的主要问题 hold exactly the ${k} non-blank truth values in template order, across the split Table 3.`
            : `LibreOffice (${lo}) --convert-to txt prints, between 二、 and 五、, exactly the ${k} non-blank truth values in template order.`,
        );
      }
      const truth = (file: string, extraNotes: string[], check: string[], source: Record<string, unknown>) => ({
        file,
        formatVersion: version,
        year,
        agency,
        expectProblems: s.expectProblems,
        expectOtherProblems: s.expectOtherProblems,
        notes: [...s.notes, ...extraNotes, `Checked when generated: ${check.join(' ')}`],
        source,
        verification: values.verification,
        cells: values.cells,
      });
      const source = { generator: 'scripts/make-docx-samples.ts', from: 'shared/samples/real/template-2021-blank.docx', values: 'build() of scripts/make-html-samples.ts (seeded)' };
      writeFileSync(join(outDir, `${s.name}.truth.json`), `${JSON.stringify(truth(s.file, [], checks, source), null, 1)}\n`);
      expected.add(`${s.name}.truth.json`);
      if (s.doc) {
        const docFile = `${s.name}.doc`;
        const bytes = readFileSync(join(tmp, 'doc', docFile));
        writeFileSync(join(outDir, docFile), bytes);
        const k = checkLibreOfficeText(readFileSync(join(tmp, 'doctxt', `${s.name}.txt`), 'utf8'), s.slots, values.cells, docFile);
        const docNotes = [
          `${s.file} converted by LibreOffice (${lo}) to Word 97-2003 (soffice --convert-to "doc:MS Word 97"). Same printed values; merged cells as LibreOffice writes them in the binary format (a DOC reader may not map merges exactly; the truth is what the document prints).`,
        ];
        writeFileSync(
          join(outDir, `${s.name}.doc.truth.json`),
          `${JSON.stringify(truth(docFile, docNotes, [`LibreOffice --convert-to txt of the .doc prints, between 二、 and 五、, exactly the ${k} non-blank truth values in template order.`], { ...source, chain: `${s.file} → soffice --convert-to doc` }), null, 1)}\n`,
        );
        expected.add(docFile);
        expected.add(`${s.name}.doc.truth.json`);
        console.log(`${docFile}  ${bytes.length} bytes`);
      }
      console.log(`${s.file}  ${s.bytes.length} bytes  ${Object.keys(values.cells).length} cells`);
    }
    for (const f of readdirSync(outDir)) {
      if (!expected.has(f)) {
        rmSync(join(outDir, f));
        console.log(`removed stale ${f}`);
      }
    }
    for (const [name, bytes, what] of await badFiles()) {
      writeFileSync(join(badDir, name), bytes);
      console.log(`unreadable/${name}  ${bytes.length} bytes  (${what})`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

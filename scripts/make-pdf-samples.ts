/**
 * make-pdf-samples — PDF and DOCX test documents with known values, made with
 * LibreOffice from synthetic HTML report pages.
 *
 * Run: bash scripts/make-pdf-samples.sh (it compiles and calls this file).
 * Needs LibreOffice Writer (soffice), CJK fonts (fonts-noto-cjk,
 * fonts-wqy-zenhei), poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts),
 * qpdf, img2pdf, zip and unzip. CI does not run it: the outputs in
 * samples/pdf, samples/docx and tests/unreadable are committed.
 *
 * Chain (shared/notes/stack.md §2): HTML → `soffice --convert-to docx:"MS Word
 * 2007 XML"` → `soffice --convert-to pdf`. The HTML is either a page of
 * samples/html (its truth is reused) or a page made here with build() of
 * make-html-samples.ts under a new name (new seeded values), then adjusted for
 * PDF: report tables get width="100%" (without it LibreOffice makes them wider
 * than A4 and cuts off the 总计 column), and each variant sets column widths,
 * font size, borders, page size or the amount of prose. LibreOffice's HTML
 * import treats <col> widths as hints only (left alone it squeezed the 总计
 * column until 1447 wrapped as 144/7), so the widths are written into the DOCX
 * (w:tblGrid, w:tcW) before it is printed to PDF; the DOCX kept in
 * samples/docx is that edited file. Derived PDFs (rotated pages, a scanned
 * page, encryption, truncation) are made from LibreOffice PDFs with qpdf,
 * pdftoppm and img2pdf.
 *
 * Every PDF and DOCX is checked against its truth before the truth is
 * written: the numbers that pdftotext -layout prints between the section
 * headings 二/三/四/五 must be exactly the truth's non-blank values of Tables
 * 2/3/4 in template order (so no value is lost, split, cut off or reordered),
 * every word must lie inside its page, the Table 3/4 header labels must be
 * there, and the DOCX paragraphs must hold the same number sequences. The pages
 * on which each table starts and ends are written into the truth notes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base2021, build, type Sample } from './make-html-samples.js';

const root = fileURLToPath(new URL('../../', import.meta.url)); // dist/scripts/ → project root
const htmlDir = join(root, 'samples', 'html');
const pdfDir = join(root, 'samples', 'pdf');
const docxDir = join(root, 'samples', 'docx');
const badDir = join(root, 'tests', 'unreadable');

// ---------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------

function run(cmd: string, args: string[], opts: { input?: string } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, input: opts.input });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** pdftotext and friends print to stdout; errors of a damaged file go to stderr and are not fatal here. */
function runLoose(cmd: string, args: string[]): { out: string; err: string; status: number | null } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { out: r.stdout ?? '', err: r.stderr ?? '', status: r.status };
}

let tmp = '';
let profile = '';

/** LibreOffice with its own profile, so that a running soffice of the user is not disturbed. */
function soffice(convertTo: string, outDir: string, files: string[]): void {
  if (files.length === 0) return;
  mkdirSync(outDir, { recursive: true });
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', convertTo, '--outdir', outDir, ...files]);
  for (const f of files) {
    const base = f.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    const ext = convertTo.split(':')[0]!;
    if (!existsSync(join(outDir, `${base}.${ext}`))) throw new Error(`soffice did not write ${base}.${ext}`);
  }
}

/** Rewrite word/document.xml of a DOCX in place (unzip, edit, zip). */
function editDocx(docx: string, edit: (xml: string) => string): void {
  const dir = join(tmp, 'docx-edit');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run('unzip', ['-q', docx, '-d', dir]);
  const docPath = join(dir, 'word', 'document.xml');
  writeFileSync(docPath, edit(readFileSync(docPath, 'utf8')));
  rmSync(docx);
  execFileSync('zip', ['-q', '-X', '-r', docx, '.'], { cwd: dir });
}

/**
 * HTML → DOCX (soffice) → column widths set in the DOCX (and, for landscape,
 * the sections) → PDF (soffice). LibreOffice's HTML import takes <col> widths
 * only as hints (it widens columns for their content), so the widths of the
 * layout are written into w:tblGrid and w:tcW, where LibreOffice and Word keep
 * them (the tables have w:tblLayout fixed).
 */
function htmlToPdf(items: Array<{ name: string; html: string; layout: Layout }>, dir: string): void {
  const h = join(dir, 'html');
  mkdirSync(h, { recursive: true });
  const files = items.map(({ name, html }) => {
    const f = join(h, `${name}.html`);
    writeFileSync(f, html);
    return f;
  });
  soffice('docx:MS Word 2007 XML', join(dir, 'docx'), files);
  for (const { name, layout } of items) {
    editDocx(join(dir, 'docx', `${name}.docx`), (xml) => setColumnWidths(layout.landscape ? landscapeSections(xml) : xml, layout));
  }
  soffice('pdf', join(dir, 'pdf'), items.map(({ name }) => join(dir, 'docx', `${name}.docx`)));
}

/** Innermost w:tbl elements (report tables; a CMS layout table around them is left alone). */
function innermostTables(xml: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: Array<{ start: number; nested: boolean }> = [];
  for (const m of xml.matchAll(/<w:tbl>|<\/w:tbl>/g)) {
    if (m[0] === '<w:tbl>') {
      if (stack.length) stack[stack.length - 1]!.nested = true;
      stack.push({ start: m.index, nested: false });
    } else {
      const t = stack.pop()!;
      if (!t.nested) out.push([t.start, m.index + m[0].length]);
    }
  }
  return out;
}

/** Set the grid of Tables 2/3/4 to the layout's percentages of the table width LibreOffice chose. */
function setColumnWidths(xml: string, layout: Layout): string {
  const found = new Set<string>();
  for (const [a, b] of innermostTables(xml).reverse()) {
    const tbl = xml.slice(a, b);
    const kind = tableKind([...tbl.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    if (kind === 'other') continue;
    found.add(kind);
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((g) => Number(g[1]));
    const pct = layout.widths[kind];
    if (grid.length !== pct.length) throw new Error(`${kind}: ${grid.length} grid columns, layout has ${pct.length}`);
    if (tbl.includes('<w:gridBefore') || tbl.includes('<w:gridAfter')) throw new Error(`${kind}: gridBefore/gridAfter not handled`);
    const total = grid.reduce((x, y) => x + y, 0);
    const sum = pct.reduce((x, y) => x + y, 0);
    const w = pct.map((p) => Math.round((total * p) / sum));
    let t = tbl.replace(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/, `<w:tblGrid>${w.map((x) => `<w:gridCol w:w="${x}"/>`).join('')}</w:tblGrid>`);
    t = t.replace(/<w:tr[ >][\s\S]*?<\/w:tr>/g, (tr) => {
      let col = 0;
      const row = tr.replace(/<w:tc>[\s\S]*?<\/w:tc>/g, (tc) => {
        const span = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc)?.[1] ?? 1);
        const width = w.slice(col, col + span).reduce((x, y) => x + y, 0);
        col += span;
        return tc.replace(/<w:tcW w:w="\d+" w:type="dxa"\/>/, `<w:tcW w:w="${width}" w:type="dxa"/>`);
      });
      if (col !== w.length) throw new Error(`${kind}: a row covers ${col} of ${w.length} grid columns`);
      return row;
    });
    xml = xml.slice(0, a) + t + xml.slice(b);
  }
  if (found.size !== 3) throw new Error(`report tables found in the DOCX: ${[...found].join(', ')}`);
  return xml;
}
// ---------------------------------------------------------------------------
// Truth
// ---------------------------------------------------------------------------

interface Truth {
  file: string;
  formatVersion: string;
  year: number;
  agency: string;
  expectProblems: string[];
  expectOtherProblems: string[];
  notes: string[];
  source: Record<string, unknown>;
  verification: unknown;
  cells: Record<string, number | null>;
}

function truthFor(base: Truth, file: string, notes: string[], source: Record<string, unknown>, extra: Partial<Truth> = {}): Truth {
  return {
    file,
    formatVersion: base.formatVersion,
    year: base.year,
    agency: base.agency,
    expectProblems: base.expectProblems,
    expectOtherProblems: extra.expectOtherProblems ?? base.expectOtherProblems,
    notes,
    source,
    verification: base.verification,
    cells: base.cells,
  };
}

// ---------------------------------------------------------------------------
// HTML for the PDF variants
// ---------------------------------------------------------------------------

type TableKind = 't2' | 't3' | 't4';

interface Layout {
  /** Column widths in percent per table (Table 2: 4 grid columns, Table 3: 10, Table 4: 15). */
  widths: Record<TableKind, number[]>;
  /** Font size of the report tables (pt); undefined keeps LibreOffice's default (12 pt). */
  fontPt?: number;
  /** false: border="0" and no CSS border: the PDF has no ruling lines. */
  ruled: boolean;
  /** A4 landscape pages for the whole document (@page). */
  landscape?: boolean;
  /** Start section 五 on a new page. */
  breakBefore5?: boolean;
}

const even = (n: number, total = 100): number[] => {
  const w = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => (i < total - w * n ? w + 1 : w));
};

const standard: Layout = {
  widths: { t2: [28, 24, 24, 24], t3: [9, 12, 23, ...even(7, 56)], t4: even(15) },
  fontPt: 10.5,
  ruled: true,
};

/** Classify a <table> by its own text (nested layout tables are 'other'). */
function tableKind(inner: string): TableKind | 'other' {
  if (inner.includes('第二十条')) return 't2';
  if (inner.includes('申请人情况') || inner.includes('申請人情況')) return 't3';
  if (inner.includes('复议后') || inner.includes('複議後')) return 't4';
  return 'other';
}

/** Make the page printable on A4 with the layout: widths, colgroups, fonts, borders; drop chrome a browser would not print. */
function adaptHtml(html: string, layout: Layout): string {
  let out = '';
  let pos = 0;
  const tableTag = /<table\b[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = tableTag.exec(html))) {
    const tagEnd = m.index + m[0].length;
    const nextOpen = html.indexOf('<table', tagEnd);
    const close = html.indexOf('</table>', tagEnd);
    const inner = html.slice(tagEnd, nextOpen >= 0 && nextOpen < close ? nextOpen : close);
    const kind = tableKind(inner);
    let tag = m[0].replace(/\swidth="\d+"/, ' width="100%"');
    let body = '';
    if (kind !== 'other' && (nextOpen < 0 || nextOpen > close)) {
      const w = layout.widths[kind];
      tag = m[0].replace(/\swidth="[^"]*"/, '').replace(/\sborder="\d+"/, '');
      tag = tag.replace(/^<table/, `<table width="100%" border="${layout.ruled ? 1 : 0}"`);
      if (!layout.ruled) tag = tag.replace(/border-collapse:\s*collapse;\s*border:\s*none;/, '');
      body = `\n<colgroup>${w.map((x) => `<col width="${x}%">`).join('')}</colgroup>`;
      let cells = html.slice(tagEnd, close);
      if (layout.fontPt !== undefined) {
        const fs = `font-size:${layout.fontPt}pt`;
        cells = cells.replace(/<td\b/g, `<td style="${fs}"`).replace(/<p style="/g, `<p style="${fs};`).replace(/<p class="MsoNormal" align="center" style="/g, `<p class="MsoNormal" align="center" style="${fs};`);
        cells = cells.replace(/font-size:10\.5pt;font-family:宋体/g, `${fs};font-family:宋体`);
      }
      out += html.slice(pos, m.index) + tag + body + cells;
      pos = close;
      tableTag.lastIndex = close;
      continue;
    }
    out += html.slice(pos, m.index) + tag;
    pos = tagEnd;
  }
  out += html.slice(pos);
  // A browser prints no broken logo image and no display:none block; LibreOffice would draw both.
  out = out.replace(/<img\b[^>]*>/g, '').replace(/<div class="share" style="display:none">[^<]*<\/div>\n?/, '');
  const css: string[] = [];
  if (layout.landscape) css.push('@page { size: 297mm 210mm; margin: 2cm; }');
  if (css.length) out = out.replace('</head>', `<style type="text/css">${css.join(' ')}</style>\n</head>`);
  if (layout.breakBefore5) out = out.replace(/<h3>五、/, '<h3 style="page-break-before: always">五、');
  return out;
}

// ---------------------------------------------------------------------------
// Prose (no ASCII digits, so that section 二's prose cannot mix with Table 2's numbers)
// ---------------------------------------------------------------------------

const sentences = [
  '坚持把政务公开作为建设法治政府、服务型政府的重要抓手，统筹推进决策、执行、管理、服务、结果公开，不断提升政府工作透明度。',
  '健全政务公开工作领导机制，主要负责同志定期听取政务公开工作汇报，分管负责同志具体抓落实，办公室牵头协调，各科室明确专人负责信息报送和审核发布。',
  '严格执行政府信息公开申请登记、审核、办理、答复、归档等工作流程，对每一件申请逐项登记、限时办结，做到答复内容准确、答复形式规范、法律依据充分。',
  '围绕群众关心关注的热点问题，通过政策吹风会、在线访谈、图文解读、短视频等多种形式开展政策解读，增强政策解读的针对性和可读性。',
  '加强政府网站和政务新媒体日常监管，落实信息发布三审制度，坚持每日巡查、每月通报，及时整改错别字、空白栏目、链接失效等问题。',
  '推进基层政务公开标准化规范化建设，对照基层政务公开标准目录，梳理完善各领域公开事项清单，逐步实现公开内容、公开流程、公开方式的统一规范。',
  '深化重点领域信息公开，及时公开财政预决算、重大建设项目、公共资源配置、社会公益事业建设等信息，主动回应社会关切。',
  '规范公文公开属性源头认定，在公文拟制环节明确公开属性，对不予公开的说明理由，确保应公开尽公开。',
  '做好政府信息公开保密审查，坚持先审查、后公开和一事一审原则，防止泄露国家秘密、商业秘密和个人隐私。',
  '畅通依申请公开渠道，在政府网站提供在线申请服务，在政务服务中心设置现场申请窗口，方便申请人提出申请。',
  '加强政府信息管理，定期开展政府信息清理，对已失效、废止的规范性文件及时标注，动态更新政府信息公开指南和公开目录。',
  '积极推进政务公开与政务服务深度融合，在办事大厅设置政务公开专区，为企业和群众提供政府信息查询、政策咨询、办事指引等服务。',
  '组织开展政务公开业务培训，邀请专家围绕条例解读、依申请公开答复规范、行政复议和行政诉讼案例等内容进行授课，提升工作人员业务能力。',
  '把政务公开工作纳入年度绩效考核，细化考核指标，强化结果运用，对工作推进不力的单位予以通报。',
  '主动接受社会监督，通过政府网站意见征集、政务公开满意度调查等方式听取群众意见建议，不断改进工作。',
  '加强政务公开工作人员队伍建设，保持队伍相对稳定，做到工作有人抓、事情有人管、责任有人担。',
];

/** `n` paragraphs of 3–5 sentences, cycling through the list from `offset`. */
function proseParagraphs(n: number, offset: number): string[] {
  const out: string[] = [];
  let k = offset;
  for (let i = 0; i < n; i++) {
    const len = 3 + (i % 3);
    out.push(Array.from({ length: len }, () => sentences[k++ % sentences.length]).join(''));
  }
  return out;
}

/** A paragraph of about `chars` characters (whole text cut, ending with 。), or nothing. */
function proseOfLength(chars: number, offset: number): string[] {
  if (chars <= 0) return [];
  let text = '';
  for (let k = offset; text.length < chars; k++) text += sentences[k % sentences.length];
  return [`${text.slice(0, chars - 1).replace(/[，、。]$/, '')}。`];
}

const para = (text: string) => `<p style="text-indent:2em;">${text}</p>`;

/** Insert paragraphs at the end of section 一 (before the 二 heading) and after Table 2 (before the 三 heading). */
function insertProse(html: string, overview: string[], afterTable2: string[]): string {
  const h2 = html.indexOf('<h3>二、');
  const h3 = html.indexOf('<h3>三、');
  if (h2 < 0 || h3 < 0) throw new Error('insertProse needs h3 headings');
  const a = overview.map(para).join('\n');
  const b = afterTable2.map(para).join('\n');
  return `${html.slice(0, h2)}${a}\n${html.slice(h2, h3)}${b}\n${html.slice(h3)}`;
}

// ---------------------------------------------------------------------------
// Reading the results: pdftotext
// ---------------------------------------------------------------------------

const sectionTitles = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const numeric = /^[+-]?\d+(?:\.\d+)?$/;
const squash = (s: string) => s.replace(/\s+/g, '');

interface Line {
  page: number;
  text: string;
}

function layoutLines(pdf: string): Line[] {
  const { out } = runLoose('pdftotext', ['-layout', pdf, '-']);
  const pages = out.split('\f');
  return pages.flatMap((p, i) => p.split('\n').map((text) => ({ page: i + 1, text })));
}

interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Block {
  page: number;
  text: string;
}
interface BBox {
  pages: Array<{ width: number; height: number }>;
  words: Word[];
  blocks: Block[];
}

function bbox(pdf: string): BBox {
  const { out } = runLoose('pdftotext', ['-bbox-layout', pdf, '-']);
  const res: BBox = { pages: [], words: [], blocks: [] };
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  for (const pageXml of out.split('<page ').slice(1)) {
    const pm = /^width="([\d.]+)" height="([\d.]+)"/.exec(pageXml);
    res.pages.push({ width: Number(pm?.[1]), height: Number(pm?.[2]) });
    const page = res.pages.length;
    for (const blockXml of pageXml.split('<block ').slice(1)) {
      let text = '';
      for (const w of blockXml.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
        const word = { page, x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: decode(w[5]!) };
        res.words.push(word);
        text += word.text;
      }
      res.blocks.push({ page, text });
    }
  }
  return res;
}

interface PageInfo {
  width: number;
  height: number;
  rot: number;
}

function pageInfo(pdf: string): PageInfo[] {
  const { out } = runLoose('pdfinfo', ['-f', '1', '-l', '9999', pdf]);
  const sizes = [...out.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/gm)];
  const rots = new Map([...out.matchAll(/^Page\s+(\d+) rot:\s+(\d+)/gm)].map((m) => [Number(m[1]), Number(m[2])]));
  return sizes.map((m) => ({ width: Number(m[2]), height: Number(m[3]), rot: rots.get(Number(m[1])) ?? 0 }));
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

interface TableSpan {
  start: number;
  end: number;
}
interface PdfFacts {
  pages: number;
  tables: Record<TableKind, TableSpan>;
  /** Number of Table 3 data rows (7 values each) on the page where Table 3 starts. */
  t3RowsOnFirstPage: number;
  /** Pages that carry no text at all. */
  textlessPages: number[];
  /** Where each table goes on to a new page, as the rows (cell key rows) before and after the break. */
  breaks: string[];
}

/** Expected number sequence per table: the truth's non-blank values in template order. */
function expected(truth: Truth): Record<TableKind, number[]> {
  const e: Record<TableKind, number[]> = { t2: [], t3: [], t4: [] };
  for (const [k, v] of Object.entries(truth.cells)) if (v !== null) e[k.slice(0, 2) as TableKind].push(v);
  return e;
}

/** The keys of those values, in the same order. */
function expectedKeys(truth: Truth): Record<TableKind, string[]> {
  const e: Record<TableKind, string[]> = { t2: [], t3: [], t4: [] };
  for (const [k, v] of Object.entries(truth.cells)) if (v !== null) e[k.slice(0, 2) as TableKind].push(k);
  return e;
}

/** Regions between the section headings: 二 → Table 2, 三 → Table 3, 四 → Table 4 (ends at 五 or the end). */
function regionOf<T extends { text: string }>(items: T[], title: (t: T) => string): Record<TableKind, T[]> {
  const idx = sectionTitles.map((s) => items.findIndex((it) => title(it) === s));
  const from = (i: number) => idx[i]!;
  const to = (i: number) => {
    for (let j = i + 1; j < idx.length; j++) if (idx[j]! > idx[i]!) return idx[j]!;
    return items.length;
  };
  const r = {} as Record<TableKind, T[]>;
  (['t2', 't3', 't4'] as const).forEach((k, n) => {
    const i = n + 1;
    if (from(i) < 0) throw new Error(`heading ${sectionTitles[i]} not found`);
    r[k] = items.slice(from(i) + 1, to(i));
  });
  return r;
}

function compareSeq(what: string, got: Array<{ v: number; where: string }>, want: number[]): string[] {
  const errs: string[] = [];
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    const g = got[i];
    const w = want[i];
    if (g === undefined || w === undefined || Math.abs(g.v - w) > 1e-9) {
      errs.push(`${what}: value #${i + 1}: got ${g ? `${g.v} (${g.where})` : 'nothing'}, truth ${w ?? 'nothing'} (got ${got.length} values, truth ${want.length})`);
      break;
    }
  }
  return errs;
}

const t3Labels = [
  ...['申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
  ...['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理', '（七）总计', '四、结转下年度继续办理'],
];
/**
 * A cell label as pdftotext words: a word that starts the label, continued by
 * words stacked below it in the same column (wrapped lines of one cell; also
 * one character per line), possibly going on at the top of the next page.
 */
function findLabel(words: Word[], label: string): boolean {
  const extend = (w: Word, rest: string, depth: number): boolean => {
    if (rest === '') return true;
    if (depth > 40) return false;
    const h = w.y1 - w.y0;
    const below = words.filter(
      (v) =>
        rest.startsWith(v.text) &&
        v.x0 < w.x1 + 1 &&
        v.x1 > w.x0 - 1 &&
        ((v.page === w.page && v.y0 > w.y0 + h * 0.5 && v.y0 < w.y1 + h * 2.5) || v.page === w.page + 1),
    );
    return below.some((v) => extend(v, rest.slice(v.text.length), depth + 1));
  };
  return words.some((w) => label.startsWith(w.text) && extend(w, label.slice(w.text.length), 0));
}

const tableName: Record<TableKind, string> = { t2: 'Table 2', t3: 'Table 3', t4: 'Table 4' };

const t4Headers = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

function checkPdf(pdf: string, truth: Truth): PdfFacts {
  const errs: string[] = [];
  const lines = layoutLines(pdf);
  const regions = regionOf(lines, (l) => squash(l.text));
  const want = expected(truth);
  const tables = {} as Record<TableKind, TableSpan>;
  let t3RowsOnFirstPage = 0;
  const breaks: string[] = [];
  for (const k of ['t2', 't3', 't4'] as const) {
    const got = regions[k].flatMap((l) => l.text.split(/\s+/).filter((t) => numeric.test(t)).map((t) => ({ v: Number(t), where: `p${l.page} "${l.text.trim()}"`, page: l.page })));
    errs.push(...compareSeq(`${k} numbers`, got, want[k]));
    const firstText = regions[k].find((l) => l.text.trim() !== '');
    tables[k] = { start: firstText?.page ?? 0, end: got.at(-1)?.page ?? 0 };
    if (k === 't3') t3RowsOnFirstPage = got.filter((g) => g.page === tables.t3.start).length / 7;
    const keys = expectedKeys(truth)[k];
    const row = (i: number) => keys[i]?.split('.')[1] ?? '?';
    if (got[0] && got[0].page > tables[k].start) breaks.push(`${tableName[k]}: header on p${tables[k].start}, first values (${row(0)}) on p${got[0].page}`);
    for (let i = 1; i < got.length; i++) {
      if (got[i]!.page !== got[i - 1]!.page) breaks.push(`${tableName[k]}: p${got[i - 1]!.page}→p${got[i]!.page} between rows ${row(i - 1)} and ${row(i)}`);
    }
  }
  const bb = bbox(pdf);
  const rot = pageInfo(pdf).map((p) => p.rot);
  for (const w of bb.words) {
    // pdftotext gives the word boxes on the displayed (rotated) page but the page size unrotated.
    const q = bb.pages[w.page - 1]!;
    const p = rot[w.page - 1] === 90 || rot[w.page - 1] === 270 ? { width: q.height, height: q.width } : q;
    if (w.x0 < -0.5 || w.y0 < -0.5 || w.x1 > p.width + 0.5 || w.y1 > p.height + 0.5) errs.push(`word "${w.text}" on page ${w.page} lies outside the page (${w.x0},${w.y0})-(${w.x1},${w.y1})`);
  }
  const inPages = (s: TableSpan) => bb.words.filter((w) => w.page >= s.start && w.page <= s.end + 1);
  for (const h of t3Labels) if (!findLabel(inPages(tables.t3), h)) errs.push(`Table 3 label ${h} not found (as words stacked in one cell)`);
  for (const h of t4Headers) if (!findLabel(inPages(tables.t4), h)) errs.push(`Table 4 label ${h} not found (as words stacked in one cell)`);
  if (errs.length) throw new Error(`${pdf}:\n  ${errs.join('\n  ')}`);
  const textlessPages = bb.pages.map((_, i) => i + 1).filter((p) => !bb.words.some((w) => w.page === p));
  return { pages: bb.pages.length, tables, t3RowsOnFirstPage, textlessPages, breaks };
}

/** DOCX: the numeric paragraphs between the headings must be the truth's values. */
function checkDocx(docx: string, truth: Truth): { tables: number; t3GridCols: number } {
  const xml = run('unzip', ['-p', docx, 'word/document.xml']);
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    text: decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
  const regions = regionOf(paras, (p) => squash(p.text));
  const want = expected(truth);
  const errs: string[] = [];
  for (const k of ['t2', 't3', 't4'] as const) {
    const got = regions[k].filter((p) => numeric.test(p.text.trim())).map((p) => ({ v: Number(p.text.trim()), where: 'paragraph' }));
    errs.push(...compareSeq(`${docx} ${k}`, got, want[k]));
  }
  if (errs.length) throw new Error(errs.join('\n'));
  const tbls = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((m) => (m[1]!.match(/<w:gridCol /g) ?? []).length);
  return { tables: tbls.length, t3GridCols: tbls.find((n) => n === 10) ?? Math.max(...tbls) };
}

/** How the PDF draws lines: stroked segments vs filled paths, line widths (qpdf --qdf, then the content streams). */
function rulingSummary(pdf: string): string {
  const qdf = join(tmp, 'ruling.qdf.pdf');
  run('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
  const s = readFileSync(qdf, 'latin1');
  const stroked = (s.match(/ l S\b/g) ?? []).length;
  // LibreOffice's cell borders: one segment per border, `q <w> w 0 J 1 j` / `x y m` / `x y l S` / `Q`.
  const borders = [...s.matchAll(/q ([\d.]+) w 0 J 1 j\s*\n([\d.]+) ([\d.]+) m\s*\n([\d.]+) ([\d.]+) l S/g)];
  const widths = new Map<string, number>();
  for (const m of borders) widths.set(m[1]!, (widths.get(m[1]!) ?? 0) + 1);
  const axis = borders.filter((m) => m[2] === m[4] || m[3] === m[5]).length;
  const filledPolys = (s.match(/\bh\s*\nf\*?\s*\n/g) ?? []).length;
  const filledRects = (s.match(/ re\s*\n?f\*?\b/g) ?? []).length;
  const w = [...widths].map(([k, n]) => `${n} of ${k} pt`).join(', ');
  return (
    `${borders.length} cell-border segments, each stroked on its own (q <w> w 0 J 1 j, x y m, x y l S, Q; grey 0.502 RG; ${axis} axis-parallel${w ? `; ${w}` : ''}), ` +
    `${stroked - borders.length} other stroked lines (link underlines), ${filledPolys} filled closed paths, ${filledRects} filled re rectangles`
  );
}

// ---------------------------------------------------------------------------
// DOCX: a landscape section for the tables
// ---------------------------------------------------------------------------

/**
 * The HTML is converted with @page landscape, so the DOCX has one landscape
 * section and tables laid out for landscape width. This turns it into three
 * sections: portrait up to section 一's end, landscape for 二–四 (the tables),
 * portrait from 五 on.
 */
function landscapeSections(xml: string): string {
  const sects = xml.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g) ?? [];
  const land = sects.at(-1);
  if (!land) throw new Error('no sectPr');
  const pg = /<w:pgSz w:w="(\d+)" w:h="(\d+)"\/>/.exec(land);
  if (!pg || Number(pg[1]) <= Number(pg[2])) throw new Error(`DOCX is not landscape: ${land}`);
  const withType = (sect: string, type: string) => sect.replace(/<w:type w:val="\w+"\/>/, `<w:type w:val="${type}"/>`);
  const toPortrait = (sect: string) => sect.replace(/<w:pgSz w:w="(\d+)" w:h="(\d+)"\/>/, (_, w: string, h: string) => `<w:pgSz w:w="${Math.min(+w, +h)}" w:h="${Math.max(+w, +h)}"/>`);
  const landscape = withType(land.replace(pg[0], `<w:pgSz w:w="${pg[1]}" w:h="${pg[2]}" w:orient="landscape"/>`), 'nextPage');
  const portrait = withType(toPortrait(land), 'continuous');
  // LibreOffice's HTML import already made continuous sections (for <div>s); they all become portrait.
  xml = xml.replace(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g, toPortrait);
  const paraStart = (title: string) => {
    const t = xml.indexOf(`>${title}<`);
    if (t < 0) throw new Error(`no paragraph ${title}`);
    return Math.max(xml.lastIndexOf('<w:p>', t), xml.lastIndexOf('<w:p ', t));
  };
  // A paragraph whose w:pPr holds a w:sectPr ends a section; w:type says how that section starts.
  const marker = '<!--landscape-end-->';
  const at5 = paraStart(sectionTitles[4]!);
  xml = `${xml.slice(0, at5)}<w:p><w:pPr>${landscape}</w:pPr></w:p>${marker}${xml.slice(at5)}`;
  const at2 = paraStart(sectionTitles[1]!);
  xml = `${xml.slice(0, at2)}<w:p><w:pPr>${portrait}</w:pPr></w:p>${xml.slice(at2)}`;
  // The section after the landscape one must start on a new page too, or its page size is ignored.
  const m = xml.indexOf(marker);
  const next = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(xml.slice(m));
  if (!next) throw new Error('no section after the landscape one');
  xml = xml.slice(0, m) + xml.slice(m + marker.length).replace(next[0], withType(next[0], 'nextPage'));
  if (!/<w:type w:val="\w+"\/>/.test(next[0])) throw new Error('sectPr without w:type');
  return xml;
}

// ---------------------------------------------------------------------------
// The samples
// ---------------------------------------------------------------------------

function fromHtmlSample(name: string): { html: string; truth: Truth } {
  return { html: readFileSync(join(htmlDir, `${name}.html`), 'utf8'), truth: JSON.parse(readFileSync(join(htmlDir, `${name}.truth.json`), 'utf8')) as Truth };
}

function fromBuild(s: Sample): { html: string; truth: Truth } {
  const { html, truth } = build(s);
  return { html: new TextDecoder().decode(html), truth: JSON.parse(truth) as Truth };
}

/** New pages made with build() (own seeded values under the sample's name). */
const newSample = (name: string, agency: string, site: string, year: number, size: number, extra: Partial<Sample> = {}): Sample => ({
  ...base2021,
  name,
  agency,
  site,
  year,
  size,
  makesRules: false,
  chrome: 'simple',
  headingStyle: 'h3',
  titleStyle: 'h1',
  cellWrap: 'p',
  notes: [],
  ...extra,
});

interface Made {
  name: string;
  html: string;
  truth: Truth;
  layout: Layout;
  from: string;
  notes: string[];
  /** Keep the DOCX in samples/docx under this name. */
  docx?: string;
}

function main(): void {
  tmp = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'pdf-samples-'));
  profile = join(tmp, 'lo-profile');
  const loVersion = run('soffice', [`-env:UserInstallation=file://${profile}`, '--version']).trim();
  console.log(`${loVersion}; work dir ${tmp}`);
  for (const d of [pdfDir, docxDir, badDir]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  const source = (from: string, made: string) => ({ generator: 'scripts/make-pdf-samples.ts', from, chain: made, libreoffice: loVersion });
  const chain = 'HTML → soffice --convert-to docx:"MS Word 2007 XML" → column widths written into the DOCX (w:tblGrid, w:tcW) → soffice --convert-to pdf';

  const made: Made[] = [];
  const add = (name: string, src: { html: string; truth: Truth }, from: string, layout: Layout, notes: string[], docx = true) =>
    made.push({ name, html: adaptHtml(src.html, layout), truth: src.truth, layout, from, notes, docx: docx ? name : undefined });

  const std = 'Tables as LibreOffice draws HTML tables with border="1": ruled cells, width="100%", column widths 9/12/23 % + 7×8 % for Table 3 (Table 2: 28/24/24/24 %, Table 4: 15 columns of 6–7 %), 10.5 pt table text. Rows are tall: each cell paragraph keeps the 0.5 cm spacing below it that LibreOffice gives HTML paragraphs.';
  add('lo-clean-2021', fromHtmlSample('clean-2021-utf8'), 'samples/html/clean-2021-utf8.html', standard, [
    'The CMS page clean-2021-utf8.html printed to PDF: 2021 format, official merges (Table 3 note cell 3×3, 三、本年度办理结果 spanning 22 rows, group labels spanning their reasons), all 200 cells numbers, all rules hold; t3.granted.natural = 1234.',
    'The CMS chrome is printed too (navigation list, breadcrumb, the 索引号/发布机构 metadata table, related links, footer); the logo <img> and the display:none share block were removed, as a browser would not print them.',
    std,
  ]);
  add('lo-2019', fromHtmlSample('format-2019'), 'samples/html/format-2019.html', standard, [
    'format-2019.html as PDF: a 2020 report in the 2019 试行 format: Table 2 with 22 cells (上一年项目数量 / 本年增/减 / 处理决定数量, signed +2, -1, 0, +3, -2; (九) 政府集中采购 with 251.5), Table 3 with the single （六）其他处理 row (23 rows, 161 cells). All rules hold.',
    std,
  ]);
  add('lo-inconsistent', fromHtmlSample('inconsistent-totals'), 'samples/html/inconsistent-totals.html', standard, [
    'inconsistent-totals.html as PDF: three printed cells are wrong on purpose (truth = what is printed): t3.carriedForward.natural +2 (T3_BALANCE in the natural column, T3_ROW_TOTAL in the carriedForward row), t3.deniedProcessInfo.commercial +1 (T3_ROW_TOTAL in its row, T3_RESULT_TOTAL in the commercial column), t4.review.total +1 (T4_TOTAL for 行政复议).',
    std,
  ]);
  add('lo-blank-zeros', fromHtmlSample('blank-zeros'), 'samples/html/blank-zeros.html', standard, [
    'blank-zeros.html as PDF: every zero cell of Tables 3 and 4 is blank (empty cell or &nbsp;): no text at all in the PDF cell, truth null; t2.rules.issued and t2.penalty.decisions print `-`, t2.coercion.decisions prints `—` (null, dash). Rules with a blank operand are not assessable.',
    std,
  ]);

  const narrow: Layout = { widths: { t2: [8, 30, 31, 31], t3: [4, 6, 14, 11, 11, 11, 11, 11, 11, 10], t4: even(15) }, fontPt: 10.5, ruled: true };
  add(
    'lo-narrow-columns',
    fromBuild(newSample('lo-narrow-columns', '桐城县卫生健康委员会', '桐城县人民政府', 2022, 8)),
    'build() of make-html-samples.ts, seed name lo-narrow-columns',
    narrow,
    [
      'Very narrow label columns (Table 3 column widths 4/6/14 % + 7 value columns of 10–11 %, 10.5 pt): 三、本年度办理结果 is printed one character per line down its 22-row cell, so its characters sit between data lines in the text (and the cell breaks across the page: 三 on one page, 、本年度办理结果 on the next); group labels （三）不予公开 … wrap two characters per line (（三 / ）不 / 予公 / 开); reason labels wrap on 2–7 lines (2.申请人逾期未按收费通知要求缴纳费用、… on 7), the top labels 一、本年新收政府信息公开申请数量 on two lines; value cells are vertically centred against them.',
      'Table 2: the label column is 8 % wide (行政规范性文件, 行政事业性收费 on three lines). Table 4: columns of 7 % (header labels 结果维 / 持) and, under 复议后起诉, 6 % (结果 / 维持).',
    ],
  );
  const wide: Layout = { widths: { t2: [40, 20, 20, 20], t3: [11, 21, 33, 5, 5, 5, 5, 5, 5, 5], t4: even(15) }, fontPt: 7.5, ruled: true };
  add(
    'lo-wide-columns',
    fromBuild(newSample('lo-wide-columns', '江北市人民政府', '江北市人民政府', 2023, 60, { makesRules: true })),
    'build() of make-html-samples.ts, seed name lo-wide-columns',
    wide,
    [
      'Small font and wide label columns: 7.5 pt table text, Table 3 column widths 11/21/33 % + 7×5 %: most labels on one line, the two long （六） reasons on two; narrow value columns close together (four-digit numbers only a few points apart). A city: large values, rules made (t2.rules.*).',
    ],
  );
  add(
    'lo-unruled',
    fromBuild(newSample('lo-unruled', '青石镇人民政府', '青石县人民政府', 2024, 3, { cellWrap: 'plain' })),
    'build() of make-html-samples.ts, seed name lo-unruled',
    { ...standard, ruled: false },
    [
      'Tables without any border (border="0", no CSS border): the PDF has no ruling lines at all, so columns and merged cells can only be inferred from text positions. Same widths as the other LO samples (Table 3 9/12/23 % + 7×8 %, 10.5 pt). A town: small numbers, many zeros.',
    ],
  );

  // Landscape: the whole HTML on A4 landscape, then the DOCX is cut into portrait / landscape (二–四) / portrait sections.
  const landscapeSrc = fromBuild(newSample('lo-landscape', '南湖区教育局', '南湖区人民政府', 2023, 14));
  const landscapeLayout: Layout = { widths: { t2: [28, 24, 24, 24], t3: [10, 14, 28, ...even(7, 48)], t4: even(15) }, fontPt: 10.5, ruled: true, landscape: true };
  made.push({ name: 'lo-landscape', html: adaptHtml(landscapeSrc.html, landscapeLayout), truth: landscapeSrc.truth, layout: landscapeLayout, from: 'build() of make-html-samples.ts, seed name lo-landscape', notes: [], docx: 'lo-landscape' });

  // Mixed scan: section 五 starts a new page, which is later replaced by its image.
  const mixedSrc = fromBuild(newSample('mixed-scan-page', '东山县水利局', '东山县人民政府', 2022, 10));
  made.push({ name: 'mixed-scan-base', html: adaptHtml(mixedSrc.html, { ...standard, breakBefore5: true }), truth: mixedSrc.truth, layout: standard, from: 'build() of make-html-samples.ts, seed name mixed-scan-page', notes: [] });

  // ---- Long overview: tune the prose so that Table 2 breaks between a caption and its 信息内容 row and Table 3 starts near a page bottom.
  const longSrc = fromBuild(newSample('lo-long-overview', '西河市人民政府', '西河市人民政府', 2023, 30));
  const longHtml = (overviewChars: number, afterT2Chars: number) =>
    adaptHtml(insertProse(longSrc.html, [...proseParagraphs(9, 0), ...proseOfLength(overviewChars, 5)], proseOfLength(afterT2Chars, 9)), standard);
  const { knob1, knob2, t2Break } = tuneLongOverview(longHtml, longSrc.truth);
  made.push({
    name: 'lo-long-overview',
    html: longHtml(knob1, knob2),
    truth: longSrc.truth,
    layout: standard,
    from: 'build() of make-html-samples.ts, seed name lo-long-overview',
    notes: [
      `Section 一 has several pages of prose (nine extra paragraphs plus one of ${knob1} characters, tuned by the script) so that Table 2 breaks across a page between the caption row ${t2Break} and its 信息内容 header row (淮安2024/洪泽2023 style, format.md §7.8); a paragraph of ${knob2} characters after Table 2 (section 二's optional prose, no digits) puts the start of Table 3 near the bottom of a page, so Table 3 continues on the next page. LibreOffice repeats no header rows after a page break and prints no page numbers.`,
      std,
    ],
    docx: 'lo-long-overview',
  });

  // ---- Convert everything
  const work = join(tmp, 'main');
  htmlToPdf(made, work);

  const results: string[] = [];
  const writeTruth = (dir: string, t: Truth) => writeFileSync(join(dir, t.file.replace(/\.[^.]+$/, '.truth.json')), `${JSON.stringify(t, null, 1)}\n`);
  const span = (f: PdfFacts) => `Table 2 pages ${f.tables.t2.start}–${f.tables.t2.end}, Table 3 pages ${f.tables.t3.start}–${f.tables.t3.end}, Table 4 pages ${f.tables.t4.start}–${f.tables.t4.end}${f.breaks.length ? ` (${f.breaks.join('; ')})` : ''}`;
  const report = (file: string, f: PdfFacts, extra = '') => {
    const line = `${file}: ${f.pages} pages; ${span(f)}${extra}`;
    results.push(line);
    console.log(line);
  };

  // ---- LibreOffice PDFs and DOCX
  for (const m of made) {
    if (m.name === 'mixed-scan-base' || m.name === 'lo-landscape') continue;
    const pdf = join(pdfDir, `${m.name}.pdf`);
    copyFileSync(join(work, 'pdf', `${m.name}.pdf`), pdf);
    const f = checkPdf(pdf, m.truth);
    if (m.name === 'lo-long-overview') longOverviewAssert(pdf, f);
    const ruling = rulingSummary(pdf);
    report(`${m.name}.pdf`, f, `; ruling: ${ruling}`);
    writeTruth(pdfDir, truthFor(m.truth, `${m.name}.pdf`, [...m.notes, `PDF: ${f.pages} A4 pages; ${span(f)}. Ruling in the content streams: ${ruling}.`], source(m.from, chain)));
    if (m.docx) {
      const docx = join(docxDir, `${m.docx}.docx`);
      copyFileSync(join(work, 'docx', `${m.name}.docx`), docx);
      const d = checkDocx(docx, m.truth);
      results.push(`${m.docx}.docx: ${d.tables} tables`);
      writeTruth(docxDir, truthFor(m.truth, `${m.docx}.docx`, [...m.notes, `The DOCX that ${m.name}.pdf was printed from: written by LibreOffice from the HTML, then the script set the column widths of Tables 2/3/4 (w:tblGrid and w:tcW; the tables are w:tblLayout fixed). ${d.tables} w:tbl (CMS layout tables included, the report tables nested in one), Table 3 with ${d.t3GridCols} grid columns; merges as w:gridSpan / w:vMerge.`], source(m.from, 'HTML → soffice --convert-to docx:"MS Word 2007 XML" → column widths written into w:tblGrid / w:tcW')));
    }
  }

  // ---- Landscape: unrotated and rotated
  const land = made.find((m) => m.name === 'lo-landscape')!;
  const landPdf = join(pdfDir, 'lo-landscape.pdf');
  copyFileSync(join(work, 'pdf', 'lo-landscape.pdf'), landPdf);
  const lf = checkPdf(landPdf, land.truth);
  const landPages = pageInfo(landPdf)
    .map((p, i) => ({ ...p, n: i + 1 }))
    .filter((p) => p.width > p.height)
    .map((p) => p.n);
  if (landPages.length === 0) throw new Error('lo-landscape.pdf has no landscape page');
  const range = `${landPages[0]}-${landPages.at(-1)}`;
  if (landPages.length !== landPages.at(-1)! - landPages[0]! + 1) throw new Error('landscape pages are not contiguous');
  for (const k of ['t2', 't3', 't4'] as const) {
    if (lf.tables[k].start < landPages[0]! || lf.tables[k].end > landPages.at(-1)!) throw new Error(`lo-landscape: ${k} is not on the landscape pages`);
  }
  const landNote = `Three DOCX sections: portrait (title, preamble, 一), A4 landscape (二, 三, 四 with the three tables laid out on the landscape width: Table 3 column widths 10/14/28 % + 7 value columns), portrait (五, 六). PDF pages ${landPages.join(', ')} are landscape (MediaBox 842×595, no /Rotate).`;
  report('lo-landscape.pdf', lf, `; landscape pages ${range}`);
  writeTruth(pdfDir, truthFor(land.truth, 'lo-landscape.pdf', [landNote, `PDF: ${lf.pages} pages; ${span(lf)}.`], source(land.from, `${chain}; the DOCX cut into portrait/landscape/portrait sections`)));
  copyFileSync(join(work, 'docx', 'lo-landscape.docx'), join(docxDir, 'lo-landscape.docx'));
  const ld = checkDocx(join(docxDir, 'lo-landscape.docx'), land.truth);
  results.push(`lo-landscape.docx: ${ld.tables} tables`);
  writeTruth(docxDir, truthFor(land.truth, 'lo-landscape.docx', [landNote.replace(/ PDF pages.*/, ''), 'LibreOffice wrote the DOCX from HTML with @page landscape; the script then added two section-break paragraphs (w:sectPr in w:pPr) before 二 and before 五 and made the first and last sections portrait.'], source(land.from, 'HTML (@page landscape) → soffice docx; sections added by the script')));

  const rotated = join(pdfDir, 'lo-landscape-rotated.pdf');
  const r1 = join(tmp, 'rot1.pdf');
  const r2 = join(tmp, 'rot2.pdf');
  run('qpdf', [landPdf, `--rotate=-90:${range}`, r1]);
  run('qpdf', [r1, '--flatten-rotation', r2]);
  run('qpdf', [r2, `--rotate=+90:${range}`, rotated]);
  const rinfo = pageInfo(rotated);
  for (const n of landPages) {
    const p = rinfo[n - 1]!;
    if (!(p.width < p.height && p.rot === 90)) throw new Error(`rotated page ${n}: ${JSON.stringify(p)}`);
  }
  const rf = checkPdf(rotated, land.truth);
  report('lo-landscape-rotated.pdf', rf, `; pages ${range}: portrait MediaBox, /Rotate 90`);
  writeTruth(
    pdfDir,
    truthFor(
      land.truth,
      'lo-landscape-rotated.pdf',
      [
        `lo-landscape.pdf with its landscape pages ${landPages.join(', ')} stored the way some printers and scanners write them: MediaBox portrait (595×842), the landscape content drawn rotated by 90° inside it (a cm matrix added by qpdf), and /Rotate 90, so that viewers show the page upright as landscape. Made with qpdf: --rotate=-90, --flatten-rotation, --rotate=+90 on those pages. Text items in the page's own (unrotated) coordinates run vertically; apply /Rotate (pdfjs: getViewport) before reading rows.`,
        `PDF: ${rf.pages} pages; ${span(rf)}. The other pages are unchanged portrait pages.`,
      ],
      source('samples/pdf/lo-landscape.pdf', 'qpdf --rotate=-90 → --flatten-rotation → --rotate=+90'),
    ),
  );

  // ---- Mixed: the last page (五/六) replaced by its image
  const base = join(work, 'pdf', 'mixed-scan-base.pdf');
  const mixedTruth = made.find((m) => m.name === 'mixed-scan-base')!.truth;
  const bf = checkPdf(base, mixedTruth);
  const n = bf.pages;
  if (bf.tables.t4.end >= n) throw new Error('mixed-scan-base: Table 4 reaches the last page');
  run('pdftoppm', ['-r', '150', '-jpeg', '-jpegopt', 'quality=75', '-f', String(n), '-l', String(n), '-singlefile', base, join(tmp, 'scan')]);
  run('img2pdf', ['--pagesize', 'A4', '-o', join(tmp, 'scan.pdf'), join(tmp, 'scan.jpg')]);
  const mixed = join(pdfDir, 'mixed-scan-page.pdf');
  run('qpdf', [base, '--pages', base, `1-${n - 1}`, join(tmp, 'scan.pdf'), '1', '--', mixed]);
  const mf = checkPdf(mixed, mixedTruth);
  if (mf.textlessPages.join() !== String(n)) throw new Error(`mixed-scan-page: textless pages ${mf.textlessPages.join()} (want ${n})`);
  report('mixed-scan-page.pdf', mf, `; page ${n} image only`);
  writeTruth(
    pdfDir,
    truthFor(
      mixedTruth,
      'mixed-scan-page.pdf',
      [
        `A LibreOffice text PDF (section 五 starts a new page) whose last page ${n} (五、存在的主要问题及改进情况, 六、其他需要报告的事项, signature and date) was replaced by its image: pdftoppm -r 150 -jpeg (RGB, quality 75), wrapped by img2pdf as a full A4 page (one DCT image, no text layer, no fonts), joined with qpdf --pages. The signed last page of a report scanned after printing.`,
        `All tables are on text pages: ${span(mf)}; the cells are read as usual. NO_TEXT_LAYER must name page ${n}. Sections 五 and 六 exist only as pixels, so a text-only reader may also report SECTION_MISSING for them (allowed, not required).`,
      ],
      source('build() of make-html-samples.ts, seed name mixed-scan-page', `${chain}; last page rasterised (pdftoppm + img2pdf) and swapped in with qpdf`),
      { expectOtherProblems: ['NO_TEXT_LAYER'] },
    ),
  );

  // ---- Encrypted with an empty user password
  const clean = join(pdfDir, 'lo-clean-2021.pdf');
  const cleanTruth = made.find((m) => m.name === 'lo-clean-2021')!.truth;
  const enc = join(pdfDir, 'encrypted-empty-password.pdf');
  run('qpdf', ['--encrypt', '', 'govreport-owner', '256', '--', clean, enc]);
  const encInfo = run('qpdf', ['--show-encryption', enc]);
  if (!/R = 6/.test(encInfo) || !/^user password = $/im.test(encInfo)) throw new Error(`encryption: ${encInfo}`);
  const ef = checkPdf(enc, cleanTruth);
  report('encrypted-empty-password.pdf', ef, '; AES-256 (R6), empty user password');
  writeTruth(
    pdfDir,
    truthFor(
      cleanTruth,
      'encrypted-empty-password.pdf',
      [
        'lo-clean-2021.pdf encrypted with qpdf --encrypt "" govreport-owner 256: AES-256 (V5/R6), EMPTY user password, owner password govreport-owner, all permissions granted. Viewers open it without asking; a reader must try the empty password (pdfjs does this by default) and read it like lo-clean-2021.pdf. No problem is expected.',
        `PDF: ${ef.pages} pages; ${span(ef)}.`,
      ],
      source('samples/pdf/lo-clean-2021.pdf', 'qpdf --encrypt "" govreport-owner 256 --'),
    ),
  );

  // ---- Bad files: no truth (findSamples only picks files that have one)
  const size = statSync(clean).size;
  writeFileSync(join(badDir, 'truncated.pdf'), readFileSync(clean).subarray(0, Math.floor(size * 0.6)));
  const tr = runLoose('pdftotext', [join(badDir, 'truncated.pdf'), '-']);
  const truncatedText = tr.out.replace(/\s+/g, '').length;
  results.push(`unreadable/truncated.pdf: first 60 % of lo-clean-2021.pdf (${Math.floor(size * 0.6)} of ${size} bytes); pdftotext exit ${tr.status}, ${truncatedText} characters: ${tr.err.split('\n')[0] ?? ''}`);
  if (truncatedText > 0) console.warn('WARNING: pdftotext reads text from truncated.pdf; consider giving it a truth file');
  writeFileSync(join(badDir, 'not-a-pdf.pdf'), '这不是PDF文件。This is a plain text file with a .pdf extension.\n');
  writeFileSync(join(badDir, 'empty.pdf'), '');

  console.log(`\n${results.join('\n')}`);
  const total = [pdfDir, docxDir, badDir].flatMap((d) => readdirSync(d).map((f) => statSync(join(d, f)).size)).reduce((a, b) => a + b, 0);
  console.log(`total size of samples/pdf, samples/docx, tests/unreadable: ${(total / 1024 / 1024).toFixed(2)} MB`);
}

// ---------------------------------------------------------------------------
// Long overview tuning
// ---------------------------------------------------------------------------

/** The caption row whose 信息内容 row is on the next page, if Table 2 breaks there. */
function table2CaptionBreak(lines: Line[]): string | undefined {
  const caps = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^第二十条第（[一五六八]）项$/.test(squash(l.text)));
  for (const { l, i } of caps) {
    const next = lines.slice(i + 1).find((x) => x.text.trim() !== '');
    if (next && squash(next.text).startsWith('信息内容') && next.page === l.page + 1) return squash(l.text);
  }
  return undefined;
}

function tuneLongOverview(html: (a: number, b: number) => string, truth: Truth): { knob1: number; knob2: number; t2Break: string } {
  const step = 40;
  const tries = 48;
  const dir1 = join(tmp, 'tune1');
  htmlToPdf(Array.from({ length: tries }, (_, k) => ({ name: `k${k}`, html: html(k * step, 0), layout: standard })), dir1);
  let knob1 = -1;
  let t2Break = '';
  for (let k = 0; k < tries && knob1 < 0; k++) {
    const b = table2CaptionBreak(layoutLines(join(dir1, 'pdf', `k${k}.pdf`)));
    if (b && b !== '第二十条第（一）项') [knob1, t2Break] = [k * step, b];
  }
  if (knob1 < 0) throw new Error('no overview length breaks Table 2 between a caption and its header row');
  const dir2 = join(tmp, 'tune2');
  htmlToPdf(Array.from({ length: tries }, (_, k) => ({ name: `k${k}`, html: html(knob1, k * step), layout: standard })), dir2);
  for (let k = 0; k < tries; k++) {
    const pdf = join(dir2, 'pdf', `k${k}.pdf`);
    const f = checkPdf(pdf, truth);
    if (f.tables.t3.end > f.tables.t3.start && f.t3RowsOnFirstPage >= 1 && f.t3RowsOnFirstPage <= 3) return { knob1, knob2: k * step, t2Break };
  }
  throw new Error('no prose length after Table 2 puts Table 3 near a page bottom');
}

function longOverviewAssert(pdf: string, f: PdfFacts): void {
  if (!table2CaptionBreak(layoutLines(pdf))) throw new Error('lo-long-overview: Table 2 does not break after a caption');
  if (!(f.tables.t3.end > f.tables.t3.start && f.t3RowsOnFirstPage >= 1 && f.t3RowsOnFirstPage <= 3)) throw new Error(`lo-long-overview: Table 3 not split near a page bottom: ${JSON.stringify(f)}`);
}

main();

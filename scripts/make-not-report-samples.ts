/**
 * make-not-report-samples — documents that are NOT disclosure annual reports
 * but sit beside them on the same sites and use the same words: a department
 * budget, a disclosure guide, a disclosure catalogue, two notices about the
 * annual report, an unrelated news page, a page that only repeats a report's
 * title (breadcrumb, heading, attachment link, related links) and a CMS list
 * of reports. The texts are written for these samples (fictional 青石县 and
 * 云溪区; amounts invented); nothing is copied from a real page.
 *
 * Run: npm run samples:not-reports (needs LibreOffice Writer, `soffice`, and a
 * CJK font, as scripts/make-pdf-samples.sh says). Writes samples/not-reports/:
 * each HTML page, and for the kinds a PDF or Word file also comes as, the
 * HTML converted by LibreOffice (HTML → DOCX → PDF, the chain of
 * make-pdf-samples); the notice to submit the report also as plain text.
 * The HTML and text are deterministic; the PDF and DOCX bytes are not
 * (LibreOffice writes dates). samples/not-reports/README.md says what each
 * file is; tests/not-a-report.test.ts expects NOT_A_REPORT of every one.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Doc {
  name: string;
  html: string;
  /** Also written as these (made from the HTML by LibreOffice). */
  also: Array<'pdf' | 'docx' | 'txt'>;
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>\n<style>body{font-family:"Noto Serif CJK SC",serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 6px}</style></head>\n<body>\n${body}\n</body></html>\n`;

const rows = (cells: string[][], header = false) =>
  cells.map((r, i) => `<tr>${r.map((c) => (header && i === 0 ? `<th>${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n');

const paras = (lines: string[]) => lines.map((l) => (/^[一二三四五六七八九十]+、/.test(l) ? `<h2>${l}</h2>` : `<p>${l}</p>`)).join('\n');

const budget: Doc = {
  name: 'budget-2023',
  also: ['pdf'],
  html: page(
    '青石县农业农村局2023年部门预算',
    `<h1>青石县农业农村局2023年部门预算</h1>
<h2>第一部分 部门概况</h2>
${paras([
  '一、主要职能',
  '贯彻落实党和国家关于“三农”工作的方针政策和决策部署，统筹研究和组织实施全县农业农村发展规划，负责种植业、畜牧业、渔业、农业机械化等农业各产业的监督管理，指导农村社会事业发展和农村集体经济组织建设。',
  '二、部门预算单位构成',
  '纳入本部门2023年部门预算编制范围的单位共3家，包括：局机关本级、县农业技术推广中心、县动物疫病预防控制中心。',
])}
<h2>第二部分 2023年部门预算表</h2>
<p>表一 收支预算总表</p>
<p>单位：万元</p>
<table>
${rows(
  [
    ['收入', '', '支出', ''],
    ['项目', '预算数', '项目', '预算数'],
    ['一、一般公共预算拨款收入', '3,486.72', '一、农林水支出', '3,702.15'],
    ['二、政府性基金预算拨款收入', '210.00', '二、社会保障和就业支出', '186.40'],
    ['三、国有资本经营预算拨款收入', '0.00', '三、卫生健康支出', '58.93'],
    ['四、事业收入', '35.60', '四、住房保障支出', '97.24'],
    ['五、其他收入', '12.00', '', ''],
    ['本年收入合计', '3,744.32', '本年支出合计', '4,044.72'],
    ['上年结转结余', '300.40', '年末结转和结余', '0.00'],
    ['收入总计', '4,044.72', '支出总计', '4,044.72'],
  ],
  true,
)}
</table>
<p>表二 一般公共预算支出预算表（按功能分类科目）</p>
<p>单位：万元</p>
<table>
${rows(
  [
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ['213', '农林水支出', '3,348.56', '1,122.30', '2,226.26'],
    ['21301', '农业农村', '3,348.56', '1,122.30', '2,226.26'],
    ['2130101', '行政运行', '812.47', '812.47', '0.00'],
    ['2130104', '事业运行', '309.83', '309.83', '0.00'],
    ['2130122', '农业生产发展', '1,450.00', '0.00', '1,450.00'],
    ['2130153', '农田建设', '776.26', '0.00', '776.26'],
    ['', '合计', '3,486.72', '1,260.46', '2,226.26'],
  ],
  true,
)}
</table>
<p>表三 一般公共预算“三公”经费支出预算表</p>
<p>单位：万元</p>
<table>
${rows(
  [
    ['合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费'],
    ['18.50', '0.00', '14.20', '4.30'],
  ],
  true,
)}
</table>
<h2>第三部分 2023年部门预算情况说明</h2>
${paras([
  '一、收支预算总体情况说明',
  '2023年收入预算总计4,044.72万元，其中一般公共预算拨款收入3,486.72万元，政府性基金预算拨款收入210.00万元，事业收入35.60万元，其他收入12.00万元，上年结转结余300.40万元。支出预算总计4,044.72万元，比上年减少126.35万元，主要是农业生产发展项目支出减少。',
  '二、一般公共预算财政拨款支出预算情况说明',
  '2023年一般公共预算财政拨款支出3,486.72万元，其中基本支出1,260.46万元，项目支出2,226.26万元。',
  '三、“三公”经费预算情况说明',
  '2023年“三公”经费预算18.50万元，比上年减少2.10万元，主要是严格控制公务接待。',
  '四、其他重要事项的情况说明',
  '（一）机关运行经费：2023年本部门机关运行经费预算95.60万元。（二）政府采购情况：2023年本部门政府采购预算总额612.00万元。（三）国有资产占有使用情况：截至2022年12月31日，本部门共有车辆5辆。',
])}
<h2>第四部分 名词解释</h2>
<p>一般公共预算：对以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、维持国家机构正常运转等方面的收支预算。</p>`,
  ),
};

const guide: Doc = {
  name: 'guide-2022',
  also: ['pdf'],
  html: page(
    '云溪区人民政府办公室政府信息公开指南',
    `<h1>云溪区人民政府办公室政府信息公开指南</h1>
<p>（2022年修订）</p>
${paras([
  '为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），结合本机关实际，编制本指南。公民、法人或者其他组织需要获取本机关政府信息的，可以参阅本指南。',
  '一、主动公开',
  '（一）公开范围。本机关主动公开的政府信息包括：机构职能、规范性文件、发展规划、财政预算决算、重大建设项目、政策解读等《条例》第二十条、第二十一条规定的信息。',
  '（二）公开方式。本机关主动公开的政府信息，通过区政府门户网站“政府信息公开”专栏公开，并在区档案馆、区图书馆设置的政府信息查阅场所提供查阅。',
  '（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。法律、法规对政府信息公开的期限另有规定的，从其规定。',
  '二、依申请公开',
  '（一）受理机构。本机关政府信息公开工作机构为区政府办公室政务公开科，负责受理向本机关提出的政府信息公开申请。',
  '办公地址：云溪区府前大道88号区行政中心3号楼205室',
  '办公时间：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）',
  '邮政编码：365100　联系电话：0598-1234567　传真：0598-1234568',
  '（二）申请方式。申请人可以通过当面提交、信函申请、网上申请等方式提出申请。采用书面形式确有困难的，申请人可以口头提出，由受理机构代为填写《云溪区人民政府办公室政府信息公开申请表》。',
  '（三）申请的处理。本机关收到申请，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。',
  '（四）收费。本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，按照国务院办公厅《政府信息公开信息处理费管理办法》收取信息处理费。',
  '三、监督和救济',
  '公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向云溪区人民政府政务公开办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。',
  '监督电话：0598-1234569',
])}`,
  ),
};

const catalogueRows: string[][] = [
  ['序号', '索引号', '信息名称', '文号', '生成日期', '公开方式', '公开时限', '责任部门'],
  ['1', '11350425MB0123456X/2021-00011', '青石县教育局关于印发2021年义务教育招生入学工作方案的通知', '青教〔2021〕18号', '2021-04-12', '政府网站', '常年公开', '基础教育股'],
  ['2', '11350425MB0123456X/2021-00012', '2021年青石县普通高中招生计划', '', '2021-05-06', '政府网站、公告栏', '及时公开', '招生考试中心'],
  ['3', '11350425MB0123456X/2021-00015', '青石县教育局2021年部门预算', '', '2021-02-20', '政府网站', '常年公开', '计划财务股'],
  ['4', '11350425MB0123456X/2021-00019', '关于公布2021年县级骨干教师名单的通知', '青教〔2021〕33号', '2021-07-01', '政府网站', '及时公开', '人事股'],
  ['5', '11350425MB0123456X/2021-00023', '青石县学前教育发展提升行动计划（2021—2025年）', '青教〔2021〕41号', '2021-08-16', '政府网站', '常年公开', '基础教育股'],
  ['6', '11350425MB0123456X/2021-00027', '青石县教育局行政执法事项清单', '', '2021-09-03', '政府网站', '常年公开', '政策法规股'],
  ['7', '11350425MB0123456X/2021-00031', '青石县2021年秋季学期学生资助政策问答', '', '2021-09-10', '政府网站、学校公告栏', '及时公开', '学生资助管理中心'],
  ['8', '11350425MB0123456X/2021-00034', '青石县教育局2020年度政府信息公开工作年度报告', '', '2021-01-28', '政府网站', '常年公开', '办公室'],
];

const catalogue: Doc = {
  name: 'catalogue-2021',
  also: ['pdf'],
  html: page(
    '青石县教育局政府信息公开目录',
    `<h1>青石县教育局政府信息公开目录</h1>
<p>（2021年版）</p>
<p>本目录依据《中华人民共和国政府信息公开条例》编制，列出本机关主动公开的政府信息。目录中的信息可在县政府门户网站“政府信息公开”专栏查阅；目录按生成日期排列，每季度更新一次。</p>
<table>
${rows(catalogueRows, true)}
</table>
<p>编制单位：青石县教育局办公室　　更新时限：2021年12月31日</p>`,
  ),
};

const notice2019: Doc = {
  name: 'notice-compile-2019',
  also: ['pdf'],
  html: page(
    '关于做好2019年政府信息公开工作年度报告编制和发布工作的通知',
    `<p>青政办〔2020〕3号</p>
<h1>青石县人民政府办公室关于做好2019年政府信息公开工作年度报告编制和发布工作的通知</h1>
<p>各乡镇人民政府，县政府各部门、各直属机构，各有关单位：</p>
${paras([
  '根据《中华人民共和国政府信息公开条例》（国务院令第711号）和上级有关文件要求，为做好2019年政府信息公开工作年度报告（以下简称年度报告）的编制和发布工作，现将有关事项通知如下：',
  '一、编制要求',
  '各单位要严格按照修订后的《条例》第五十条的规定和国务院办公厅政府信息与政务公开办公室印发的年度报告格式编制年度报告。年度报告应当包括以下内容：（一）总体情况；（二）主动公开政府信息情况；（三）收到和处理政府信息公开申请情况；（四）政府信息公开行政复议、行政诉讼情况；（五）存在的主要问题及改进情况；（六）其他需要报告的事项。',
  '年度报告中的统计数据要准确，数据之间的逻辑关系要一致，统计表格不得改变格式、删减栏目。存在的主要问题及改进情况要实事求是，不得照搬往年内容。',
  '二、发布时间',
  '各单位应于2020年1月31日前在县政府门户网站本单位政府信息公开专栏“政府信息公开年报”栏目发布年度报告。',
  '三、报送要求',
  '请各单位于2020年1月20日前将经本单位主要负责人审定的年度报告电子版报送至县政务公开办公室，逾期未报送的，将在全县政务公开工作考核中予以扣分。',
  '四、工作要求',
  '各单位要高度重视年度报告编制发布工作，明确专人负责，认真核对统计数据，按时报送和发布。',
  '联系人：林某某　　联系电话：0598-7654321　　电子邮箱：qsxzwgk@example.gov.cn',
  '特此通知。',
])}
<p>青石县人民政府办公室</p>
<p>2020年1月6日</p>
<p>（此件主动公开）</p>`,
  ),
};

const notice2022: Doc = {
  name: 'notice-submit-2022',
  also: ['docx', 'txt'],
  html: page(
    '关于报送2022年度政府信息公开工作年度报告的通知',
    `<h1>关于报送2022年度政府信息公开工作年度报告的通知</h1>
<p>各街道办事处、区直各单位：</p>
${paras([
  '按照《云溪区2022年政务公开工作要点》安排，现就报送2022年度政府信息公开工作年度报告有关事项通知如下：',
  '一、请各单位对照政府信息公开工作年度报告格式，如实填报本单位2022年主动公开、依申请公开、行政复议和行政诉讼等情况，不得遗漏栏目。',
  '二、请于2023年1月15日前将年度报告（加盖单位公章的扫描件及可编辑的电子文档各一份）报送区政务公开办公室，同时在区政府门户网站本单位栏目发布。',
  '三、区政务公开办公室将对各单位年度报告进行审核，审核通过后于2023年1月31日前统一发布。',
  '联系人：陈某某，联系电话：0598-2345678。',
])}
<p>云溪区人民政府办公室</p>
<p>2023年1月4日</p>`,
  ),
};

const news: Doc = {
  name: 'unrelated-news',
  also: ['pdf'],
  html: page(
    '青石县召开2023年安全生产工作会议_工作动态_青石县人民政府',
    `<div class="nav"><a href="#">首页</a> <a href="#">政务公开</a> <a href="#">工作动态</a></div>
<h1>青石县召开2023年安全生产工作会议</h1>
<p>发布时间：2023-02-15　来源：县应急管理局</p>
<p>2月14日上午，青石县召开2023年安全生产工作会议，总结2022年全县安全生产工作，部署2023年重点任务。县政府副县长出席会议并讲话。</p>
<p>会议指出，2022年全县安全生产形势总体平稳，全年共开展安全检查1,260余次，排查整改隐患3,415处，生产安全事故起数和死亡人数实现“双下降”。</p>
<p>会议要求，各乡镇、各部门要压紧压实安全生产责任，深入开展重点行业领域专项整治，强化道路交通、建筑施工、危险化学品、森林防火等领域监管，坚决防范和遏制重特大事故发生。</p>
<p>会上，县安委会与各乡镇、各有关部门签订了2023年安全生产目标责任书。</p>`,
  ),
};

const linkList = (items: Array<[string, string]>) => `<ul class="list">\n${items.map(([t, d]) => `<li><a href="#">${t}</a><span>${d}</span></li>`).join('\n')}\n</ul>`;

const reportTitles: Array<[string, string]> = [
  ['青石县2021年政府信息公开工作年度报告', '2022-01-26'],
  ['青石县2020年政府信息公开工作年度报告', '2021-01-29'],
  ['青石县2019年政府信息公开工作年度报告', '2020-01-21'],
  ['青石县2018年政府信息公开工作年度报告', '2019-03-28'],
  ['青石县2017年政府信息公开工作年度报告', '2018-03-30'],
];

const repeated: Doc = {
  name: 'repeated-title',
  also: [],
  html: page(
    '青石县2020年政府信息公开工作年度报告_政府信息公开年报_青石县人民政府',
    `<div class="header"><a href="#">青石县人民政府</a> <a href="#">首页</a> <a href="#">政务公开</a> <a href="#">政府信息公开年报</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报 &gt; 青石县2020年政府信息公开工作年度报告</div>
<h1>青石县2020年政府信息公开工作年度报告</h1>
<p>发布时间：2021-01-29　浏览次数：1024　字号：大 中 小</p>
<p>附件：<a href="#">青石县2020年政府信息公开工作年度报告.pdf</a></p>
<div class="related"><h3>相关链接</h3>
${linkList(reportTitles.filter(([t]) => !t.includes('2020')))}
</div>
<div class="footer"><p>主办：青石县人民政府办公室　地址：青石县府前路1号</p></div>`,
  ),
};

const list: Doc = {
  name: 'report-list',
  also: [],
  html: page(
    '政府信息公开年报_青石县人民政府',
    `<div class="header"><a href="#">首页</a> <a href="#">政务公开</a> <a href="#">政府信息公开指南</a> <a href="#">政府信息公开目录</a> <a href="#">政府信息公开年报</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<h2>政府信息公开年报</h2>
${linkList(reportTitles)}
<p>共5条　第1页/共1页　首页 上一页 下一页 尾页</p>`,
  ),
};

const notReports: Doc[] = [budget, guide, catalogue, notice2019, notice2022, news, repeated, list];

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → exit ${r.status}\n${r.stderr}`);
}

/** The text a reader of the page sees, one block a line (for the plain-text copy). */
function plainText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<\/(?:p|h\d|li|tr|div)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&gt;/g, '>')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

function main(): void {
  const out = join(process.cwd(), 'samples', 'not-reports');
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'not-reports-'));
  try {
    const office = notReports.filter((d) => d.also.includes('pdf') || d.also.includes('docx'));
    for (const doc of notReports) writeFileSync(join(out, `${doc.name}.html`), doc.html);
    for (const doc of office) writeFileSync(join(work, `${doc.name}.html`), doc.html);
    for (const doc of notReports.filter((d) => d.also.includes('txt'))) writeFileSync(join(out, `${doc.name}.txt`), `${plainText(doc.html)}\n`);
    const soffice = (to: string, dir: string, files: string[]) =>
      run('soffice', [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', to, '--outdir', dir, ...files]);
    soffice('docx:MS Word 2007 XML', join(work, 'docx'), office.map((d) => join(work, `${d.name}.html`)));
    const pdfs = office.filter((d) => d.also.includes('pdf'));
    soffice('pdf', join(work, 'pdf'), pdfs.map((d) => join(work, 'docx', `${d.name}.docx`)));
    for (const doc of office) {
      for (const ext of doc.also.filter((e) => e !== 'txt')) {
        const file = join(work, ext, `${doc.name}.${ext}`);
        if (!existsSync(file)) throw new Error(`soffice did not write ${file}`);
        copyFileSync(file, join(out, `${doc.name}.${ext}`));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();

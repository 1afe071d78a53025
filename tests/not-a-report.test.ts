/**
 * Documents that are no disclosure annual report get NOT_A_REPORT and nothing
 * of a report; reports that look close (prose only, wrapped in a cover letter
 * that cites the notice, on a page full of links) do not.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertBytes } from '../src/pipeline.js';
import type { Report } from '../src/model/report.js';
import { report2017 } from './helpers/pre2019.js';

const ours = new URL('../samples/not-reports/', import.meta.url);
const shared = new URL('../../shared/samples/', import.meta.url);

const convert = (folder: URL, name: string) => convertBytes(readFileSync(new URL(name, folder)), name);

function expectRefused(report: Report): void {
  const codes = report.problems.map((p) => p.code);
  expect(codes).toContain('NOT_A_REPORT');
  expect(report.problems.find((p) => p.code === 'NOT_A_REPORT')?.severity).toBe('error');
  // Nothing of a report: no cell (let alone a value), no figure, no section, no report metadata to misfile it under.
  expect(Object.values(report.cells).filter((c) => c.value !== null)).toEqual([]);
  expect(report.cells).toEqual({});
  expect(report.pre2019).toBeUndefined();
  expect(report.sections).toEqual([]);
  expect(report.report).toMatchObject({ title: null, agency: null, year: null, formatVersion: 'unknown' });
  // NOT_A_REPORT says it all: not also a missing table, section or metadata.
  expect(codes.filter((c) => c === 'TABLE_MISSING' || c === 'SECTION_MISSING' || c === 'METADATA_MISSING' || c === 'FORMAT_UNKNOWN')).toEqual([]);
}

function expectReport(report: Report): void {
  expect(report.problems.map((p) => p.code)).not.toContain('NOT_A_REPORT');
}

describe('documents that are no annual report', () => {
  const files = readdirSync(ours).filter((f) => /\.(html|pdf|docx|txt)$/.test(f));

  it('has a sample of every kind, in HTML and in another format', () => {
    const kinds = new Set(files.map((f) => f.replace(/\..*$/, '')));
    expect([...kinds].sort()).toEqual(['budget-2023', 'catalogue-2021', 'guide-2022', 'notice-compile-2019', 'notice-submit-2022', 'repeated-title', 'report-list', 'unrelated-news']);
    expect(files.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`refuses ${file}`, async () => expectRefused(await convert(ours, file)), 60_000);
  }

  it.skipIf(!existsSync(new URL('not-reports/budget-final-accounts-2024.pdf', shared)))(
    'refuses the real final accounts (部门决算) of a district office, naming it a budget',
    async () => {
      const report = await convert(new URL('not-reports/', shared), 'budget-final-accounts-2024.pdf');
      expectRefused(report);
      expect(report.problems.find((p) => p.code === 'NOT_A_REPORT')?.message).toMatch(/budget or final accounts/);
    },
    60_000,
  );

  it('says which kind a notice about the report is, and why', async () => {
    const report = await convert(ours, 'notice-compile-2019.html');
    const message = report.problems.find((p) => p.code === 'NOT_A_REPORT')?.message ?? '';
    expect(message).toMatch(/a notice \(通知\)/);
    expect(message).toMatch(/its title/);
  });

  it('refuses a guide whose headings are numbered as a report\'s sections, for its title and vocabulary outweigh them', async () => {
    const guide = [
      '某某市交通运输局政府信息公开指南',
      '一、概述',
      '为方便公民、法人和其他组织获取本机关政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。',
      '二、主动公开',
      '本机关主动公开的政府信息通过市政府门户网站公开，自信息形成之日起20个工作日内予以公开。',
      '三、依申请公开',
      '受理机构：市交通运输局办公室。办公地址：某某市人民路10号。办公时间：工作日上午9:00—12:00。邮政编码：100000。',
      '申请方式：申请人可以当面提交、信函申请或网上申请，填写《政府信息公开申请表》。',
      '四、行政复议和行政诉讼',
      '申请人认为本机关侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。',
    ].join('\n');
    const report = await convertBytes(Buffer.from(guide), 'guide.txt');
    expectRefused(report);
    const message = report.problems.find((p) => p.code === 'NOT_A_REPORT')?.message ?? '';
    expect(message).toMatch(/disclosure guide/);
    expect(message).toMatch(/4 of the six section headings/);
  });

  it('says a page that only repeats a report title has no report body', async () => {
    const report = await convert(ours, 'repeated-title.html');
    expect(report.problems.find((p) => p.code === 'NOT_A_REPORT')?.message).toMatch(/only names a report/);
  });
});

describe('reports that look close to those', () => {
  const pre2019 = new URL('pre2019/', shared);
  const available = existsSync(pre2019);

  it.skipIf(!available)('keeps a prose-only report with no figure at all (pingtan-zjj-2012)', async () => {
    expectReport(await convert(pre2019, 'pingtan-zjj-2012.html'));
  });

  it.skipIf(!available)('keeps a report sent under a cover letter that cites the notice asking for it (pingtan-jjf-2017)', async () => {
    expectReport(await convert(pre2019, 'pingtan-jjf-2017.html'));
  });

  it.skipIf(!available)('keeps the prose report of zjj-2012 on a CMS page with menus and related links to budgets, guides and reports', async () => {
    const html = readFileSync(new URL('pingtan-zjj-2012.html', pre2019), 'utf8');
    const menu = '<div class="nav"><a>首页</a><a>部门预算决算</a><a>政府信息公开指南</a><a>政府信息公开目录</a><a>政府信息公开年报</a></div>';
    const related = `<ul class="related">${['平潭县质监局2011年政府信息公开年度工作报告 2012-03-02', '平潭县质监局2012年部门预算 2012-02-10', '关于报送2012年度政府信息公开工作年度报告的通知 2013-01-05']
      .map((t) => `<li><a>${t}</a></li>`)
      .join('')}</ul>`;
    const page = html.replace('<body>', `<body>${menu}`).replace('</body>', `${related}</body>`);
    expect(page).not.toBe(html);
    expectReport(await convertBytes(Buffer.from(page), 'zjj-2012-cms.html'));
  });

  it.skipIf(!existsSync(new URL('real/pingtan-2024.html', shared)))('keeps a 2024 report on a CMS page of 116 links, with its cells', async () => {
    const report = await convert(new URL('real/', shared), 'pingtan-2024.html');
    expectReport(report);
    expect(Object.values(report.cells).filter((c) => c.value !== null).length).toBeGreaterThan(100);
  });

  it('keeps a free-form 2017 report that describes its guide, catalogue and the notice it answers', async () => {
    const lines = [
      ...report2017.slice(0, 3),
      '本机关修订了《政府信息公开指南》和《政府信息公开目录》，明确受理机构为县政府办公室，办公地址为县行政中心，办公时间为工作日，申请方式包括当面申请、信函申请和网上申请。',
      '根据《关于做好2017年政府信息公开工作年度报告编制和发布工作的通知》要求，现将本年度报告报送如下。',
      ...report2017.slice(3),
    ];
    expectReport(await convertBytes(Buffer.from(lines.join('\n')), 'r.txt'));
  });
});

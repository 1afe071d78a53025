import { describe, expect, it } from 'vitest';
import { readHtml } from '../extractors/html/index.js';
import { buildReport } from '../src/pipeline.js';

const report = `
<h1>青山县人民政府2022年政府信息公开工作年度报告</h1>
<p><strong>一、总体情况</strong></p><p>本年度共收到申请3件。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>
<p><strong>六、其他需要报告的事项</strong></p><p>无。</p>`;

const cms = (content: string) => `<!doctype html><html><head><meta charset="utf-8">
<title>青山县人民政府2022年政府信息公开工作年度报告_年报_青山县人民政府网</title>
<script>var x = "一、总体情况";</script></head><body>
<div class="nav"><a href="/">首页</a> <a>政务公开</a> <a>四、政府信息公开行政复议</a></div>
<div class="crumb">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<table class="meta"><tr><td>索引号</td><td>001-2023-0001</td><td>发布机构</td><td>青山县人民政府办公室</td></tr>
<tr><td>成文日期</td><td>2023-01-20</td><td>发布日期</td><td>2023-01-21</td></tr></table>
<table class="layout"><tr><td><div class="article">${content}</div></td></tr></table>
<div class="footer">版权所有：青山县人民政府 网站标识码 0000000000 六、其他需要报告的事项</div>
<div style="display:none">五、存在的主要问题及改进情况 hidden</div>
</body></html>`;

describe('readHtml', () => {
  it('finds the report inside CMS chrome and ignores navigation, metadata box and footer', () => {
    const layout = readHtml(Buffer.from(cms(report)));
    const texts = layout.blocks.filter((b) => b.kind === 'text').map((b) => (b.kind === 'text' ? b.text : ''));
    expect(texts[0]).toBe('青山县人民政府2022年政府信息公开工作年度报告');
    expect(texts.some((t) => t.includes('版权所有') || t.includes('首页') || t.includes('hidden'))).toBe(false);
    const tables = layout.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const built = buildReport(layout, 'x.html', 'a'.repeat(64));
    expect(built.sections.find((s) => s.id === 'otherMatters')!.text).toBe('无。');
    expect(built.report).toMatchObject({ agency: '青山县人民政府', year: 2022, formatVersion: '2021' });
  });

  it('gives every table cell a DOM path', () => {
    const layout = readHtml(Buffer.from(cms(report)));
    const built = buildReport(layout, 'x.html', 'a'.repeat(64));
    const cell = built.cells['t2.rules.valid']!;
    expect(cell.value).toBe(0);
    expect(cell.source!.path).toMatch(/table:nth-of-type\(1\)>tbody:nth-of-type\(1\)>tr:nth-of-type\(3\)>td:nth-of-type\(4\)$/);
  });

  it('reads cell text split by <br> and spans inside labels', () => {
    const html = `<html><body><table>
      <tr><td colspan="4">第二十条第（一）项</td></tr>
      <tr><td>信息<br>内容</td><td>本年<span>制发</span><br/>件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>行政规范性<br>文件</td><td>１</td><td>2件</td><td>&nbsp;</td></tr></table></body></html>`;
    const built = buildReport(readHtml(Buffer.from(html)), 'x.html', 'a'.repeat(64));
    expect(built.cells['t2.normative.issued']!.value).toBe(1);
    expect(built.cells['t2.normative.repealed']!.value).toBe(2);
    expect(built.cells['t2.normative.valid']!.state).toBe('blank');
  });

  it('refuses binary content and empty pages', () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(readHtml(binary).problems.map((p) => p.code)).toEqual(['FILE_UNREADABLE']);
    expect(readHtml(Buffer.from('   \n')).problems.map((p) => p.code)).toEqual(['FILE_UNREADABLE']);
  });
});

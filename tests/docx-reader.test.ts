import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../extractors/docx/index.js';
import { chineseCounting } from '../extractors/docx/numbering.js';
import { repoRoot } from '../src/eval/truth.js';
import { toGrid } from '../src/layout/grid.js';
import type { LayoutDocument, TableBlock } from '../src/model/layout.js';
import { convertBytes } from '../src/pipeline.js';
import { docx, p, tbl, tc, tr } from './helpers/docx.js';

const tables = (layout: LayoutDocument) => layout.blocks.filter((b): b is TableBlock => b.kind === 'table');
const texts = (layout: LayoutDocument) => layout.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
/** The grid as text, span copies shown as ^ (row above) and < (cell to the left). */
function gridText(table: TableBlock): string[] {
  return toGrid(table).rows.map((row, r) =>
    row.map((c, col) => (!c ? '∅' : c.originRow < r ? '^' : c.originCol < col ? '<' : c.text)).join('|'),
  );
}

describe('DOCX tables keep their true grid', () => {
  it('w:gridSpan and w:vMerge restart/continue', async () => {
    const body = tbl(
      [
        tr([tc('A', '<w:vMerge w:val="restart"/>'), tc('B', '<w:gridSpan w:val="2"/>')]),
        tr([tc('', '<w:vMerge/>'), tc('1'), tc('2')]),
        tr([tc('', '<w:vMerge/>'), tc('3'), tc('4')]),
      ],
      3,
    );
    const [table] = tables(await readDocx(await docx(body)));
    expect(gridText(table!)).toEqual(['A|B|<', '^|1|2', '^|3|4']);
    expect(toGrid(table!).rows[2]![2]!.source).toEqual({ table: 0, row: 2, col: 2 });
  });

  it('w:gridBefore and legacy w:hMerge', async () => {
    const body = tbl([tr([tc('x'), tc('y'), tc('z')]), tr([tc('b'), tc('c')], '<w:gridBefore w:val="1"/>'), tr([tc('m', '<w:hMerge w:val="restart"/>'), tc('', '<w:hMerge w:val="continue"/>'), tc('n')])], 3);
    const [table] = tables(await readDocx(await docx(body)));
    expect(gridText(table!)).toEqual(['x|y|z', '|b|c', 'm|<|n']);
  });

  it('reads a table that holds tables as a layout container', async () => {
    const inner = tbl([tr([tc('行政许可'), tc('5')])], 2);
    const body = `<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>${p('一、总体情况')}${inner}${p('结尾')}</w:tc></w:tr></w:tbl>`;
    const layout = await readDocx(await docx(body));
    expect(layout.blocks.map((b) => (b.kind === 'text' ? b.text : 'TABLE'))).toEqual(['一、总体情况', 'TABLE', '结尾']);
    expect(gridText(tables(layout)[0]!)).toEqual(['行政许可|5']);
  });

  it('joins a table split in two by a page-break paragraph', async () => {
    const pageBreak = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
    const body = tbl([tr([tc('a'), tc('1')])], 2) + pageBreak + tbl([tr([tc('b'), tc('2')])], 2) + p('after');
    const layout = await readDocx(await docx(body));
    expect(tables(layout)).toHaveLength(1);
    expect(gridText(tables(layout)[0]!)).toEqual(['a|1', 'b|2']);
    expect(texts(layout)).toEqual(['after']);
  });

  it('keeps two different tables apart', async () => {
    const body = tbl([tr([tc('a'), tc('1')])], 2) + p('text') + tbl([tr([tc('b'), tc('2')])], 2);
    expect(tables(await readDocx(await docx(body)))).toHaveLength(2);
  });
});

describe('DOCX text as Word shows it', () => {
  it('generates Word numbering: 一、 and （一） from numbering.xml, restarting sub-levels', async () => {
    const numbering = `<w:numbering><w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const num = (lvl: number) => `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="7"/></w:numPr>`;
    const body = [p('总体情况', num(0)), p('主动公开', num(1)), p('依申请公开', num(1)), p('要点', num(2)), p('主动公开政府信息情况', num(0)), p('说明', num(1))].join('');
    const layout = await readDocx(await docx(body, { 'word/numbering.xml': numbering }));
    expect(texts(layout)).toEqual(['一、总体情况', '（一）主动公开', '（二）依申请公开', '1.要点', '二、主动公开政府信息情况', '（一）说明']);
  });

  it('counts in Chinese as Word does', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseCounting)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
  });

  it('reads tracked changes as accepted, drops field codes and comments, keeps field results and text boxes', async () => {
    const body = `<w:p><w:r><w:t>共</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:ins><w:r><w:t>12</w:t></w:r></w:ins>
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>件</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
      <w:commentRangeStart w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>
      <w:r><w:drawing><wp:inline xmlns:wp="x"><a:graphic xmlns:a="y"><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const layout = await readDocx(await docx(body));
    expect(texts(layout)).toEqual(['共12件', '框内文字']);
  });

  it('reads a heading style as a heading', async () => {
    const styles = '<w:styles><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style></w:styles>';
    const layout = await readDocx(await docx(p('一、总体情况', '<w:pStyle w:val="H1"/>') + p('正文'), { 'word/styles.xml': styles }));
    expect(layout.blocks.map((b) => (b.kind === 'text' ? b.role : ''))).toEqual(['heading', 'paragraph']);
  });
});

describe('DOCX bad input', () => {
  const codes = (r: { problems: Array<{ code: string }> }) => r.problems.map((x) => x.code);

  it('refuses a .docx that is not a zip', async () => {
    const report = await convertBytes(Buffer.from('PK this is not really a zip'), 'x.docx');
    expect(codes(report)).toEqual(['FILE_UNREADABLE']);
    expect(report.problems[0]!.message).toMatch(/not a readable zip/);
  });

  it('refuses a zip without word/document.xml', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    const report = await convertBytes(await zip.generateAsync({ type: 'uint8array' }), 'x.docx');
    expect(report.problems.map((x) => x.message)).toEqual(['Not a Word document: the archive has no word/document.xml']);
  });

  it('refuses damaged XML', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document><w:body><w:p>');
    const report = await convertBytes(await zip.generateAsync({ type: 'uint8array' }), 'x.docx');
    expect(codes(report)).toEqual(['FILE_UNREADABLE']);
  });

  it('reads a macro-enabled .docm without running anything, and says so', async () => {
    // A title and a sentence of the report's body: a title alone is no report (NOT_A_REPORT, not-a-report.test.ts).
    const bytes = await docx(p('某局2022年政府信息公开工作年度报告') + p('本年度主动公开政府信息12条。'), { 'word/vbaProject.bin': '' });
    const report = await convertBytes(bytes, 'x.docm');
    expect(codes(report)).toContain('CONTENT_IGNORED');
    expect(report.report.agency).toBe('某局');
  });

  it('skips a huge embedded image without unpacking it', async () => {
    const zip = await JSZip.loadAsync(await docx(p('某局2022年政府信息公开工作年度报告')));
    zip.file('word/media/image1.png', new Uint8Array(6 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const layout = await readDocx(bytes);
    expect(layout.problems.map((x) => x.message)).toEqual([expect.stringContaining('image1.png (6 MB)')]);
  });

  it('maps the generated DOCX samples with provenance table/row/col', async () => {
    const report = await convertBytes(readFileSync(join(repoRoot(), 'samples', 'docx', 'lo-clean-2021.docx')), 'lo-clean-2021.docx');
    const cell = report.cells['t3.granted.total']!;
    expect(cell.value).toBe(1258);
    expect(cell.source).toEqual({ table: expect.any(Number), row: expect.any(Number), col: 9 });
  });
});

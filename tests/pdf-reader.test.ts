/**
 * The PDF reader on the generated samples, one difficulty each (the golden
 * tests check every value; these check how the reader got there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../extractors/pdf/index.js';
import { pdfSettings } from '../extractors/pdf/settings.js';
import { cellText } from '../extractors/pdf/tables.js';
import { repoRoot } from '../src/eval/truth.js';
import { toGrid } from '../src/layout/grid.js';
import type { TableBlock } from '../src/model/layout.js';
import { convertedFile } from './helpers/converted.js';
import { labelKey } from '../src/text/normalize.js';

const sample = (name: string) => join(repoRoot(), 'samples', name);
const codes = (problems: Array<{ code: string }>) => problems.map((p) => p.code);
const cellsOf = (table: TableBlock) => toGrid(table).rows.flat().filter((c) => c !== undefined);

describe('PDF reader', () => {
  it('reads a ruled table cell by cell under its header (confidence 1)', async () => {
    const report = await convertedFile(sample('pdf/lo-clean-2021.pdf'));
    const t3 = Object.entries(report.cells).filter(([k]) => k.startsWith('t3.'));
    expect(t3).toHaveLength(175);
    expect(t3.every(([, c]) => c.state === 'number' && c.confidence === 1)).toBe(true);
  });

  it('reads a table without ruling lines from text alignment', async () => {
    const layout = await readPdf(readFileSync(sample('pdf/lo-unruled.pdf')));
    expect(layout.blocks.filter((b) => b.kind === 'table').length).toBeGreaterThanOrEqual(3);
    const report = await convertedFile(sample('pdf/lo-unruled.pdf'));
    const t3 = Object.values(report.cells).filter((c) => c.state !== 'absent');
    expect(t3.length).toBe(200);
    expect(codes(report.problems)).not.toContain('CELL_MISSING');
  });

  it('stitches a table continued on the next page into one, past the page break', async () => {
    const report = await convertedFile(sample('pdf/lo-long-overview.pdf'));
    const pages = new Set(Object.entries(report.cells).filter(([k]) => k.startsWith('t3.')).map(([, c]) => c.source!.page));
    expect(pages.size).toBeGreaterThanOrEqual(2);
    const layout = await readPdf(readFileSync(sample('pdf/lo-long-overview.pdf')));
    // Table 2 is broken between the caption 第二十条第（八）项 and its header row: still one table.
    const t2 = layout.blocks.filter((b): b is TableBlock => b.kind === 'table' && cellsOf(b).some((c) => c.text.includes('第二十条')));
    expect(t2).toHaveLength(1);
  });

  it('joins a row cut by a page break into one row, also where a cell beside it was cut by an earlier break too', async () => {
    // lo-clean-2021.pdf: Table 3 runs over pages 2–4; the row （六）2.申请人逾期… starts on page 3 and its
    // label ends on page 4, beside the 三、本年度办理结果 cell that began on page 2.
    const layout = await readPdf(readFileSync(sample('pdf/lo-clean-2021.pdf')));
    const t3 = layout.blocks.find((b): b is TableBlock => b.kind === 'table' && cellsOf(b).some((c) => c.text.includes('申请人情况')))!;
    const grid = toGrid(t3);
    const rows = grid.rows.filter((row) => row.some((c) => c && labelKey(c.text).startsWith('申请人逾期未按收费通知')));
    expect(rows).toHaveLength(1);
    const label = rows[0]!.find((c) => c && labelKey(c.text).startsWith('申请人逾期未按收费通知'))!;
    expect(labelKey(label.text)).toBe(labelKey('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'));
    const grouped = grid.rows.map((row) => row[0]).filter((c) => c && labelKey(c.text).startsWith('本年度办理结果'));
    expect(new Set(grouped).size).toBe(1);
    const report = await convertedFile(sample('pdf/lo-clean-2021.pdf'));
    expect(codes(report.problems)).not.toContain('TABLE_REPEATED');
  });

  it('joins a label written one character per line', async () => {
    const layout = await readPdf(readFileSync(sample('pdf/lo-narrow-columns.pdf')));
    const labels = layout.blocks.flatMap((b) => (b.kind === 'table' ? cellsOf(b).map((c) => labelKey(c.text)) : []));
    expect(labels).toContain('本年度办理结果');
  });

  it('reads a /Rotate 90 page with rotated content like the upright one', async () => {
    const upright = await convertedFile(sample('pdf/lo-landscape.pdf'));
    const rotated = await convertedFile(sample('pdf/lo-landscape-rotated.pdf'));
    const values = (r: typeof upright) => Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c.value]));
    expect(values(rotated)).toEqual(values(upright));
    expect(Object.values(rotated.cells).filter((c) => c.state === 'number').length).toBe(200);
  });

  it('names the pages without a text layer and converts the rest', async () => {
    const report = await convertedFile(sample('pdf/mixed-scan-page.pdf'));
    const noText = report.problems.find((p) => p.code === 'NO_TEXT_LAYER')!;
    expect(noText.message).toMatch(/^Page 5 /);
    expect(Object.values(report.cells).filter((c) => c.state === 'number').length).toBe(200);
  });

  it('opens a file encrypted with an empty user password', async () => {
    const report = await convertedFile(sample('pdf/encrypted-empty-password.pdf'));
    expect(codes(report.problems)).not.toContain('FILE_UNREADABLE');
    expect(Object.values(report.cells).filter((c) => c.state === 'number').length).toBe(200);
  });

  it.each(['truncated.pdf', 'not-a-pdf.pdf', 'empty.pdf'])('refuses %s with one clear problem', async (name) => {
    const report = await convertedFile(join(repoRoot(), 'tests', 'unreadable', name));
    expect(codes(report.problems)).toEqual(['FILE_UNREADABLE']);
    expect(report.cells).toEqual({});
  });

  it('keeps page numbers and running text out of sections and cells', async () => {
    const report = await convertedFile(join(repoRoot(), '..', 'shared', 'samples', 'real', 'huaian-2024.pdf'));
    const text = report.sections.map((s) => s.text).join('\n');
    expect(text).not.toMatch(/(^|\n)\s*-\s*\d+\s*-\s*(\n|$)/);
    expect(Object.values(report.cells).every((c) => !/-\s*\d+\s*-/.test(c.raw ?? ''))).toBe(true);
  });
});

describe('numbers wrapped by a narrow cell', () => {
  const run = (text: string, x0: number, y0: number, width: number) => ({ text, box: [x0, y0, x0 + width, y0 + 10] as [number, number, number, number], size: 10, page: 1, horizontal: true });

  it('reads digit lines that fill the cell as one number', () => {
    // A 30 pt cell: "5,43" fills it (4 characters of ~6 pt from x = 102), "3" went to the next line.
    expect(cellText([run('5,43', 102, 100, 24), run('3', 102, 112, 6)], pdfSettings, [100, 98, 130, 124])).toBe('5,433');
    expect(cellText([run('407', 102, 100, 18), run('2', 102, 112, 6)], pdfSettings, [100, 98, 122, 124])).toBe('4072');
  });

  it('keeps digit lines apart when the first stops short of the cell side (two values, not a wrap)', () => {
    expect(cellText([run('12', 102, 100, 12), run('34', 102, 112, 12)], pdfSettings, [100, 98, 160, 124])).toBe('12\n34');
    // Words wrap too, and stay lines.
    expect(cellText([run('（二）部分', 102, 100, 50), run('公开', 102, 112, 20)], pdfSettings, [100, 98, 154, 124])).toBe('（二）部分\n公开');
  });
});

describe('blank pages', () => {
  it('recognises blank pages in a text PDF: not read by OCR, not reported as scanned', async () => {
    const report = await convertedFile(sample('pdf/text-with-blank-pages.pdf'));
    expect(report.source.reader).toBe('pdf-text');
    expect(report.source.pageReads).toEqual(['text', 'blank', 'text', 'text', 'text', 'blank']);
    expect(codes(report.problems)).not.toContain('NO_TEXT_LAYER');
    expect(report.cells['t3.granted.natural']!.value).toBe(1234);
  });
});

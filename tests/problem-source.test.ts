/**
 * Every problem about cells or a table says where they are, in the terms of
 * its format: a page (PDF), a table/row/col (Word), an element path (HTML), a
 * line (text). Converted from real samples with problems of each kind.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertedFile } from './helpers/converted.js';
import { repoRoot } from '../src/eval/truth.js';

const root = repoRoot();
const cases: Array<[string, 'page' | 'row' | 'path' | 'line']> = [
  [join(root, 'samples', 'pdf', 'lo-inconsistent.pdf'), 'page'],
  [join(root, 'samples', 'docx', 'lo-inconsistent.docx'), 'row'],
  [join(root, 'samples', 'html', 'inconsistent-totals.html'), 'path'],
  [join(root, 'samples', 'html', 'hybrid-2023.html'), 'path'],
  [join(root, '..', 'shared', 'samples', 'text', 'baiyunsi-2021.txt'), 'line'],
];

describe('problem.source', () => {
  it.each(cases)('%s: problems about cells carry their %s', async (file, field) => {
    const report = await convertedFile(file);
    // TABLE_MISSING names the cells of a table that is not there: nowhere to point.
    const located = report.problems.filter((p) => p.cells && p.code !== 'TABLE_MISSING');
    expect(located.length).toBeGreaterThan(0);
    for (const p of located) expect(p.source?.[field], `${p.code}: ${p.message}`).toBeDefined();
  });

  it('points a failing rule at its first cell, the printed total', async () => {
    const report = await convertedFile(join(root, 'samples', 'pdf', 'lo-inconsistent.pdf'));
    const rule = report.problems.find((p) => p.code === 'T3_ROW_TOTAL')!;
    expect(rule.source).toEqual(report.cells[rule.cells![0]!]!.source);
    expect(rule.message).toMatch(/: 「总计」 printed \d+, but 「自然人」\+「商业企业」\+「科研机构」\+「社会公益组织」\+「法律服务机构」\+「其他」 = [\d+]+ = \d+ \(a difference of \d+\)$/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertBytes } from '../src/pipeline.js';
import { report2017 } from './helpers/pre2019.js';

const html = (lines: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${lines[0]}</title></head><body>${lines.map((l, i) => (i === 0 ? `<h1>${l}</h1>` : /^[一二三四五六]、/.test(l) ? `<h2>${l}</h2>` : `<p>${l}</p>`)).join('')}</body></html>`;

describe('reports from before 2019', () => {
  for (const [kind, bytes, name] of [
    ['text', Buffer.from(report2017.join('\n')), 'r.txt'],
    ['HTML', Buffer.from(html(report2017)), 'r.html'],
  ] as const) {
    it(`reads a ${kind} report of 2017 as pre2019, with the figures its sentences print`, async () => {
      const report = await convertBytes(bytes, name);
      expect(report.report.formatVersion).toBe('pre2019');
      expect(report.report.year).toBe(2017);
      expect(Object.keys(report.cells)).toHaveLength(0);
      const info = report.problems.find((p) => p.code === 'PRE2019_MODEL');
      expect(info?.severity).toBe('info');
      expect(report.problems.some((p) => p.code === 'SECTION_MISSING' || p.code === 'TABLE_MISSING' || p.code === 'NOT_A_REPORT')).toBe(false);
      const values = Object.fromEntries(Object.entries(report.pre2019 ?? {}).map(([k, c]) => [k, c.value]));
      expect(values).toEqual({
        'pre2019.activeDisclosed': 3456,
        'pre2019.applicationsReceived': 58,
        'pre2019.answered': 58,
        'pre2019.granted': 41,
        'pre2019.partiallyGranted': 6,
        'pre2019.denied': 3,
        'pre2019.reviews': 2,
        'pre2019.lawsuits': 1,
        'pre2019.fees': 0,
      });
      // Each figure keeps the sentence it stands in, and where that is.
      const active = report.pre2019!['pre2019.activeDisclosed']!;
      expect(active.raw).toContain('3,456条');
      expect(active.confidence).toBeLessThan(1);
      expect(kind === 'text' ? active.source?.line : active.source?.path).toBeTruthy();
      if (kind === 'text') expect(active.source?.line).toBe(5);
    });
  }

  it('finds the sections of a pre-2019 report by their headings', async () => {
    const report = await convertBytes(Buffer.from(report2017.join('\n')), 'r.txt');
    expect(report.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['overview', 'activeDisclosure']));
  });

  it('gives pingtan-2018 (a crawler dump on one line) as pre2019, and pingtan-2019 in the 2019 format', async () => {
    const folder = new URL('../../shared/samples/text/', import.meta.url);
    const r2018 = await convertBytes(readFileSync(new URL('pingtan-2018.txt', folder)), 'pingtan-2018.txt');
    expect(r2018.report.formatVersion).toBe('pre2019');
    expect(r2018.pre2019?.['pre2019.activeDisclosed']?.value).toBe(2069);
    const r2019 = await convertBytes(readFileSync(new URL('pingtan-2019.txt', folder)), 'pingtan-2019.txt');
    expect(r2019.report.formatVersion).toBe('2019');
  });
});

describe('files that are no report at all', () => {
  it('says NOT_A_REPORT, as an error, for a budget text', async () => {
    const text = ['某某县2021年部门预算公开说明', '一、部门基本情况', '本部门主要职责是……', '二、收支预算总体情况', '2021年收入预算1234.56万元，支出预算1234.56万元。'].join('\n');
    const report = await convertBytes(Buffer.from(text), 'budget.txt');
    const p = report.problems.find((x) => x.code === 'NOT_A_REPORT');
    expect(p?.severity).toBe('error');
  });

  it('does not say it of a real report', async () => {
    const report = await convertBytes(Buffer.from(report2017.join('\n')), 'r.txt');
    expect(report.problems.some((p) => p.code === 'NOT_A_REPORT')).toBe(false);
  });
});

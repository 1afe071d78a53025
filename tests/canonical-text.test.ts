/**
 * One normaliser for every text a reader hands on (src/layout/canonical.ts):
 * the devset's Chromium-printed PDFs carry Kangxi radicals and CJK Radicals
 * Supplement characters (⼀、总体情况, 云岭市⼈⺠政府) that must come out as the
 * ideographs; an invisible character inside a value cell of a page is no gap
 * in the number. Checked against the devset's truth files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devsetFolder } from '../src/eval/truth.js';
import { convertBytes } from '../src/pipeline.js';

const devset = devsetFolder();
const radicals = /[\u2e80-\u2fdf]/;

describe.skipIf(!devset)('canonical text from every reader', () => {
  const truthOf = (name: string) => JSON.parse(readFileSync(join(devset!, `${name}.truth.json`), 'utf8')) as { agency: string; cells: Record<string, number | null> };

  it.each(['d005', 'd008'])('%s.pdf (Chromium): sections, titles and agency in ideographs, so 人民 is found', async (name) => {
    const bytes = readFileSync(join(devset!, `${name}.pdf`));
    // pdf.js reads radicals from these text layers; none may leave the reader.
    const r = await convertBytes(bytes, `${name}.pdf`);
    expect(r.report.agency).toBe(truthOf(name).agency);
    expect(r.sections.length).toBeGreaterThan(0);
    expect(r.sections[0]!.title).toBe('一、总体情况');
    expect(r.sections.map((s) => s.text).join('')).toContain(truthOf(name).agency);
    expect(JSON.stringify(r)).not.toMatch(radicals);
  }, 60_000);

  it('d000.html with a zero-width space inside every number of two digits or more: the values of the truth', async () => {
    const html = readFileSync(join(devset!, 'd000.html'), 'utf8');
    let damaged = 0;
    const page = html.replace(/<td([^>]*)>(\d)(\d+)<\/td>/g, (_, attrs: string, first: string, rest: string) => {
      damaged++;
      return `<td${attrs}>${first}\u200b${rest}</td>`;
    });
    expect(damaged).toBeGreaterThanOrEqual(5);
    const r = await convertBytes(Buffer.from(page), 'd000.html');
    for (const [key, value] of Object.entries(truthOf('d000').cells)) expect(r.cells[key]?.value ?? null, key).toBe(value);
    expect(r.problems.map((p) => p.code)).not.toContain('CELL_UNREADABLE');
  });
});

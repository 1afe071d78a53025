/**
 * The DOCX reader's table grids against an independent reading: mammoth's
 * HTML (colspan/rowspan from w:gridSpan/w:vMerge) through the HTML reader.
 * On every Word sample without what mammoth does not model (w:gridBefore,
 * tables split by a page break), the two grids hold the same text in the
 * same places.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../extractors/docx/index.js';
import { readHtml } from '../extractors/html/index.js';
import { repoRoot } from '../src/eval/truth.js';
import { toGrid } from '../src/layout/grid.js';
import type { LayoutDocument, TableBlock } from '../src/model/layout.js';
import { labelKey } from '../src/text/normalize.js';

const folders = ['docx', 'docx-template'].map((f) => join(repoRoot(), 'samples', f));
const files = folders.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.docx') && f !== 'word-features.docx').map((f) => join(dir, f)));

const grids = (layout: LayoutDocument) =>
  layout.blocks
    .filter((b): b is TableBlock => b.kind === 'table')
    .map((t) => toGrid(t).rows.map((row) => row.map((c) => labelKey(c?.text ?? ''))));

describe('DOCX grids agree with mammoth', () => {
  it('has Word samples to compare', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [f.slice(repoRoot().length + 1), f]))('%s', async (_, file) => {
    const bytes = readFileSync(file);
    const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
    const ours = grids(await readDocx(bytes));
    const theirs = grids(readHtml(Buffer.from(`<html><body>${html}</body></html>`)));
    expect(ours.length).toBeGreaterThanOrEqual(3);
    expect(ours).toEqual(theirs);
  });
});

/** docs/output.md is generated: the committed page is the generator's output, and it covers every field and code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/eval/truth.js';
import { problemCodes } from '../src/model/problems.js';
import { cellSchema, provenanceSchema, reportSchema } from '../src/model/report.js';
import { outputDoc } from '../src/schema/output-doc.js';

const doc = outputDoc();

describe('docs/output.md', () => {
  it('is what the generator writes (run `npm run schema` after changing src/model/report.ts, problems or mappings)', () => {
    expect(readFileSync(join(repoRoot(), 'docs', 'output.md'), 'utf8')).toBe(doc);
  });

  it('documents every field of the report, a cell and a provenance, and every problem code', () => {
    const fields = [
      ...Object.keys(reportSchema.shape),
      ...Object.keys(reportSchema.shape.source.shape).map((f) => `source.${f}`),
      ...Object.keys(reportSchema.shape.report.shape).map((f) => `report.${f}`),
      ...Object.keys(cellSchema.shape),
      ...Object.keys(provenanceSchema.shape),
    ];
    for (const field of fields) expect(doc, field).toContain(`| \`${field}\` |`);
    for (const code of Object.keys(problemCodes)) expect(doc, code).toContain(`| \`${code}\` |`);
  });

  it('states where each index counts from', () => {
    expect(doc).toMatch(/`source\.page` counts from \*\*1\*\*/);
    expect(doc).toMatch(/`source\.table`, `source\.row` and `source\.col` count from \*\*0\*\*/);
    expect(doc).toMatch(/bottom-left/);
  });
});

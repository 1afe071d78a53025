import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../src/schema/json-schema.js';
import { convertBytes } from '../src/pipeline.js';
import { schemaErrors } from './helpers/schema.js';

describe('published JSON Schema', () => {
  it('is the one derived from the model (run `npm run schema` after changing src/model/report.ts)', () => {
    const committed = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(reportJsonSchema());
  });

  it('accepts a converted report and rejects a broken one', async () => {
    const report = await convertBytes(Buffer.from('<html><body><p>某局2022年政府信息公开工作年度报告</p></body></html>'), 'x.html');
    expect(schemaErrors(report)).toEqual([]);
    expect(schemaErrors({ ...report, cells: { 't4.review.total': { value: '3', state: 'number' } } })).not.toEqual([]);
    expect(schemaErrors({ ...report, problems: [{ code: 'NOT_A_CODE', severity: 'error', message: '' }] })).not.toEqual([]);
  });
});

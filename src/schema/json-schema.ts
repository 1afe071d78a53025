/** The output's JSON Schema, derived from the zod schema so the contract is written once. */
import { z } from 'zod';
import { reportSchema } from '../model/report.js';

export function reportJsonSchema(): Record<string, unknown> {
  return {
    title: 'govreport/1 report',
    description: 'One converted 政府信息公开工作年度报告: source, report metadata, sections, cells by key, problems.',
    ...z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }),
  };
}

/**
 * Reading one report JSON of an output folder for the export. Only the fields
 * the export copies are checked, each for the type its column needs; fields a
 * later version of the model adds are let through (model.md: "field names may
 * be added"), and the sections' text, which no table holds, is dropped.
 * A file that is not a report is a reason to skip it, never an exception.
 */
import { z } from 'zod';
import { parseJsonText } from '../batch/json-text.js';

export const reportSchemaId = 'govreport/1';

/** Whole numbers that fit the INTEGER columns (32-bit in DuckDB and Parquet). */
const int32 = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);

const provenance = z.object({
  page: int32.optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  table: int32.optional(),
  row: int32.optional(),
  col: int32.optional(),
  path: z.string().optional(),
  line: int32.optional(),
  char: int32.optional(),
});

const exportedCell = z.object({
  value: z.number().nullable(),
  raw: z.string().nullable(),
  state: z.string(),
  confidence: z.number().min(0).max(1),
  source: provenance.nullable(),
});

/**
 * A pre-2019 statistics table as the export copies it (the report's
 * `statistics` field; its full type is the model's): value columns with
 * their header and period, rows with nesting, unit, canonical key and one
 * cell per value column.
 */
const exportedStatisticsTable = z.object({
  title: z.string().nullable(),
  columns: z.array(z.object({ header: z.string(), period: z.string(), year: int32.nullable() })),
  rows: z.array(
    z.object({
      label: z.string(),
      level: int32,
      parent: int32.nullable(),
      unit: z.string().nullable(),
      key: z.string().nullable(),
      values: z.array(exportedCell),
      source: provenance.nullable().optional(),
    }),
  ),
  source: provenance.nullable().optional(),
});

/** Keys shaped as govreport writes them (t3.granted.total, pre2019.fees; a later format's t9.x.y too): 「__proto__」 is none. */
const cellKey = z.string().regex(/^[a-z][a-z0-9]*\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?$/, 'not a cell key govreport writes');

const exportedReportSchema = z.object({
  schema: z.literal(reportSchemaId),
  source: z.object({
    file: z.string(),
    sha256: z.string().nullable(),
    format: z.string(),
    reader: z.string(),
    pages: int32.optional(),
    duplicateOf: z.string().optional(),
  }),
  report: z.object({
    title: z.string().nullable(),
    agency: z.string().nullable(),
    year: int32.nullable(),
    formatVersion: z.string(),
  }),
  cells: z.record(cellKey, exportedCell),
  pre2019: z.record(cellKey, exportedCell).optional(),
  statistics: z.array(exportedStatisticsTable).optional(),
  problems: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      cells: z.array(z.string()).optional(),
      source: provenance.optional(),
    }),
  ),
});

export type ExportedReport = z.infer<typeof exportedReportSchema>;
export type ExportedCell = ExportedReport['cells'][string];
export type Provenance = z.infer<typeof provenance>;
export type ExportedStatisticsTable = z.infer<typeof exportedStatisticsTable>;

/** The pre-2019 statistics tables of a report, none when it has no `statistics` field: the one place the export reads them. */
export function statisticsOf(report: ExportedReport): ExportedStatisticsTable[] {
  return report.statistics ?? [];
}

export type ReadResult = { report: ExportedReport } | { skip: string };

/** The report in `text`, or why it is not one. */
export function parseReport(text: string): ReadResult {
  const parsed = parseJsonText(text);
  if ('failure' in parsed) return { skip: parsed.failure };
  const { json } = parsed;
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || schema !== reportSchemaId) {
    const found = typeof schema === 'string' ? `"schema": ${JSON.stringify(schema)}` : 'no "schema" field';
    return { skip: `not a ${reportSchemaId} report (${found})` };
  }
  // JSON.parse makes 「__proto__」 an own key, which a schema's object building would drop without a word.
  for (const block of ['cells', 'pre2019'] as const) {
    const cells = (json as Record<string, unknown>)[block];
    if (cells && typeof cells === 'object' && Object.hasOwn(cells, '__proto__')) {
      return { skip: `not a valid ${reportSchemaId} report: ${block}: 「__proto__」 is not a cell key govreport writes` };
    }
  }
  const report = exportedReportSchema.safeParse(json);
  if (!report.success) {
    const issue = report.error.issues[0]!;
    const more = report.error.issues.length > 1 ? ` (and ${report.error.issues.length - 1} more)` : '';
    return { skip: `not a valid ${reportSchemaId} report: ${issue.path.join('.') || '(top)'}: ${issue.message}${more}` };
  }
  return { report: report.data };
}

/**
 * The output contract (../shared/spec/model.md) as a zod schema. The TypeScript
 * types and the published JSON Schema (schema/report.schema.json) both derive
 * from it, so the contract is written once.
 */
import { z } from 'zod';
import { problemCodes } from './problems.js';

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const provenanceSchema = z
  .object({
    page: z.number().int().positive().optional(),
    bbox: bbox.optional(),
    table: z.number().int().nonnegative().optional(),
    row: z.number().int().nonnegative().optional(),
    col: z.number().int().nonnegative().optional(),
    path: z.string().optional(),
    // text files: 1-based line, and 1-based character column in it where the text starts
    line: z.number().int().positive().optional(),
    char: z.number().int().positive().optional(),
  })
  .strict();

export const cellStateSchema = z.enum(['number', 'blank', 'dash', 'unreadable', 'absent']);

export const cellSchema = z
  .object({
    value: z.number().nullable(),
    raw: z.string().nullable(),
    state: cellStateSchema,
    confidence: z.number().min(0).max(1),
    source: provenanceSchema.nullable(),
    // other readings OCR saw for a number it was not sure of, most supported first; the value is never one of them
    alternatives: z.array(z.string()).optional(),
  })
  .strict();

const codes = Object.keys(problemCodes) as [keyof typeof problemCodes, ...(keyof typeof problemCodes)[]];

export const problemSchema = z
  .object({
    code: z.enum(codes),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    cells: z.array(z.string()).optional(),
    source: provenanceSchema.optional(),
  })
  .strict();

export const formatVersionSchema = z.enum(['2021', '2019', 'pre2019', 'unknown']);

export const sectionIdSchema = z.enum([
  'overview',
  'activeDisclosure',
  'applications',
  'reviewLitigation',
  'issues',
  'otherMatters',
]);

export const reportSchema = z
  .object({
    schema: z.literal('govreport/1'),
    source: z
      .object({
        file: z.string(),
        // null only when the file could not be read at all
        sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
        format: z.enum(['pdf', 'docx', 'doc', 'html', 'txt', 'image', 'unknown']),
        reader: z.string(),
        pages: z.number().int().nonnegative().optional(),
        // how each page was read, in page order: text layer, OCR, blank (nothing to read) or none (no OCR here)
        pageReads: z.array(z.enum(['text', 'ocr', 'blank', 'none'])).optional(),
        encoding: z.string().optional(),
        // set on a file whose bytes equal a file already converted in the batch: its report is that file's
        duplicateOf: z.string().optional(),
      })
      .strict(),
    report: z
      .object({
        title: z.string().nullable(),
        agency: z.string().nullable(),
        year: z.number().int().nullable(),
        formatVersion: formatVersionSchema,
      })
      .strict(),
    sections: z.array(
      z
        .object({
          id: sectionIdSchema,
          title: z.string(),
          text: z.string(),
          source: provenanceSchema,
        })
        .strict(),
    ),
    cells: z.record(z.string(), cellSchema),
    // reports from before 2019 (formatVersion pre2019) only: the statistics their free-form text gives, keyed pre2019.* (README "Reports from before 2019")
    pre2019: z.record(z.string(), cellSchema).optional(),
    problems: z.array(problemSchema),
  })
  .strict();

export type Report = z.infer<typeof reportSchema>;
export type Cell = z.infer<typeof cellSchema>;
export type CellState = z.infer<typeof cellStateSchema>;
export type FormatVersion = z.infer<typeof formatVersionSchema>;
export type SectionId = z.infer<typeof sectionIdSchema>;
export type ReportSection = Report['sections'][number];

/**
 * The output contract (../shared/spec/model.md) as a zod schema. The TypeScript
 * types and the published JSON Schema (schema/report.schema.json) both derive
 * from it, so the contract is written once.
 */
import { z } from 'zod';
import { cellPlacements } from './layout.js';
import { problemCodes } from './problems.js';

const bbox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .describe(
    '[x0, y0, x1, y1] of the text. PDF: points in PDF user space, origin at the bottom-left of the unrotated page (a scanned page: the page as the PDF declares it). PNG/JPEG input: pixels of the image, origin at its top-left corner.',
  );

export const provenanceSchema = z
  .object({
    page: z.number().int().positive().optional().describe('Page number, counting from 1 (PDF, images).'),
    bbox: bbox.optional(),
    table: z.number().int().nonnegative().optional().describe("Index of the table among the document's tables, counting from 0."),
    row: z.number().int().nonnegative().optional().describe("Row of the cell's origin in the table grid, counting from 0."),
    col: z.number().int().nonnegative().optional().describe("Column of the cell's origin in the table grid, counting from 0."),
    path: z.string().optional().describe('CSS-like path of the element in the DOM (HTML).'),
    line: z.number().int().positive().optional().describe('Line of the file where the text starts, counting from 1 (text files).'),
    char: z.number().int().positive().optional().describe('Character column in that line where the text starts, counting from 1 (text files).'),
    placed: z
      .enum(cellPlacements)
      .optional()
      .describe(
        'How a PDF or scanned table cell was placed: "ruled" inside rules drawn whole, "repaired" inside rules pieced together from a broken scan, "inferred" beside a rule put back where the table shows one is missing, "aligned" by the alignment of text without rules.',
      ),
  })
  .strict()
  .describe('Where something was read in the source. Which fields are present depends on the reader.');

export const cellStateSchema = z
  .enum(['number', 'blank', 'dash', 'unreadable', 'absent'])
  .describe('number: value holds it; blank: empty cell; dash: -, —, / or 无; unreadable: text that is not a number; absent: the table or row was not found.');

export const cellSchema = z
  .object({
    value: z.number().nullable().describe('The number the source prints, or null when the cell holds no number. Never computed from other cells.'),
    raw: z.string().nullable().describe('The text as it stood in the source (pre2019: the sentence); null when nothing was found.'),
    state: cellStateSchema,
    confidence: z
      .number()
      .min(0)
      .max(1)
      .describe('How sure the reading is that value is what the source says: 1 read at its own place under its own header; lower when placed by order or read by OCR (README "Output").'),
    source: provenanceSchema.nullable().describe('Where the cell was read; null when it was not found.'),
    alternatives: z
      .array(z.string())
      .optional()
      .describe('OCR only: other readings of a number it was not sure of, most supported first; value is never one of them.'),
  })
  .strict()
  .describe('One cell of a standard table (or one pre-2019 figure).');

const codes = Object.keys(problemCodes) as [keyof typeof problemCodes, ...(keyof typeof problemCodes)[]];

/** A pre-2019 statistics table (统计表, 附表): README "Reports from before 2019". */
export const statisticsTableSchema = z
  .object({
    title: z.string().nullable().describe('The paragraph(s) that title the table, as printed (附表：, 附件1：…统计表); null when none.'),
    columns: z
      .array(
        z
          .object({
            header: z.string().describe('The value column\'s header as printed, whitespace-normalised (2011 年度, 历年累计, 年末统计).'),
            period: z.enum(['year', 'cumulative', 'unknown']).describe('year: the report year (年度, 年末统计, 数量); cumulative: 历年累计; unknown: a header that says neither.'),
            year: z
              .number()
              .int()
              .nullable()
              .describe('The year whose figures a year column holds: the report year, even where the header prints another (PRE2019_COLUMN_YEAR names both); null for cumulative and unknown columns.'),
          })
          .strict(),
      )
      .describe('The value columns, in order (not the indicator-name or unit columns).'),
    rows: z
      .array(
        z
          .object({
            label: z.string().describe('The row label as printed, numbering and 其中 included, whitespace-normalised.'),
            level: z.number().int().nonnegative().describe('Nesting: 0 top, 1 under a 其中, 2 under a 其中 inside a 其中 …'),
            parent: z.number().int().nonnegative().nullable().describe('Index in rows of the row this one nests under; null at the top.'),
            unit: z.string().nullable().describe('The unit as printed (条, 件, 元 …); null when the table has none.'),
            key: z.string().nullable().describe('The indicator the row is (mappings/pre2019-vocabulary.ts, e.g. pre2019.applicationsReceived); null when none matches (PRE2019_ROWS_UNMATCHED lists them).'),
            values: z.array(cellSchema).describe('One cell per value column, in the order of columns.'),
            source: provenanceSchema.describe('Where the row label was read.'),
          })
          .strict(),
      )
      .describe('Every row of the table, in order, none dropped.'),
    source: provenanceSchema.describe('Where the table (or the paragraph its cells were run together in) was read.'),
  })
  .strict()
  .describe('A statistics table of a report from before 2019, row by row as printed.');

export const problemSchema = z
  .object({
    code: z.enum(codes).describe('Stable code for programs; never changes meaning (list below).'),
    severity: z.enum(['error', 'warning', 'info']).describe('The severity the code is registered with.'),
    message: z.string().describe('For people: what was found and where.'),
    cells: z.array(z.string()).optional().describe('Cell keys the problem is about.'),
    source: provenanceSchema.optional().describe('Where in the source the problem is, when it concerns a place rather than cells.'),
  })
  .strict()
  .describe('Something found while reading or checking the report. Problems are data: a report with errors is still a complete answer.');

export const formatVersionSchema = z
  .enum(['2021', '2019', 'pre2019', 'unknown'])
  .describe('The national format the tables follow: 2021 (国办公开办函〔2021〕30号), 2019 (〔2019〕60号, 试行), pre2019 (free-form, no standard tables) or unknown.');

export const sectionIdSchema = z
  .enum(['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'issues', 'otherMatters'])
  .describe('Which of the six sections: 一 overview, 二 activeDisclosure, 三 applications, 四 reviewLitigation, 五 issues, 六 otherMatters.');

export const reportSchema = z
  .object({
    schema: z.literal('govreport/1').describe('The version of this contract.'),
    source: z
      .object({
        file: z.string().describe('The input file, as given (a folder given: the path under it).'),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .nullable()
          .describe("SHA-256 of the file's bytes; null only when the file could not be read at all."),
        format: z.enum(['pdf', 'docx', 'doc', 'html', 'txt', 'image', 'unknown']).describe('The format the content was recognised as (not the extension).'),
        reader: z.string().describe('The reader that produced the layout: html, pdf-text, pdf-ocr, image-ocr, docx, doc, text; none when no reader could open it.'),
        pages: z.number().int().nonnegative().optional().describe('Number of pages, where the format has pages.'),
        pageReads: z
          .array(z.enum(['text', 'ocr', 'blank', 'none']))
          .optional()
          .describe('PDF and images: how each page was read, in page order: its text layer, OCR, blank (nothing drawn, not sent to OCR) or none (no text layer and no OCR here).'),
        encoding: z.string().optional().describe('Character encoding the text was decoded with (HTML, text files).'),
        duplicateOf: z
          .string()
          .optional()
          .describe('Set on a file whose bytes equal a file already converted in the batch: this report is that file\'s, and this names it.'),
      })
      .strict()
      .describe('The input file and how it was read.'),
    report: z
      .object({
        title: z.string().nullable().describe("The report's title as printed; null when not found."),
        agency: z.string().nullable().describe('The reporting agency (机关); null when not read.'),
        year: z.number().int().nullable().describe('The year reported on (not the year of publication); null when not read.'),
        formatVersion: formatVersionSchema,
      })
      .strict()
      .describe("The report's metadata."),
    sections: z
      .array(
        z
          .object({
            id: sectionIdSchema,
            title: z.string().describe('The heading as printed.'),
            text: z.string().describe("The section's text."),
            source: provenanceSchema.describe('Where the heading was read.'),
          })
          .strict(),
      )
      .describe('The six sections found, in document order.'),
    cells: z
      .record(z.string(), cellSchema)
      .describe('Every cell key of the detected format (t2.*, t3.*, t4.*; schema/cells.csv lists them), present even when not found (state absent).'),
    // reports from before 2019 only: README "Reports from before 2019"
    pre2019: z
      .record(z.string(), cellSchema)
      .optional()
      .describe('Only when formatVersion is pre2019: the nine headline figures, keyed pre2019.*, from the statistics table (its report-year column) where it has them, else from a sentence (raw is then the sentence); a figure neither states is left out.'),
    statistics: z
      .array(statisticsTableSchema)
      .optional()
      .describe('Only when formatVersion is pre2019 and the report prints a statistics table: every such table, every row.'),
    problems: z.array(problemSchema).describe('Everything found while reading and checking, in the order found.'),
  })
  .strict()
  .describe('One converted 政府信息公开工作年度报告: source, report metadata, sections, cells by key, problems.');

export type Report = z.infer<typeof reportSchema>;
export type Cell = z.infer<typeof cellSchema>;
export type StatisticsTable = z.infer<typeof statisticsTableSchema>;
export type StatisticsRow = StatisticsTable['rows'][number];
export type StatisticsColumn = StatisticsTable['columns'][number];
export type CellState = z.infer<typeof cellStateSchema>;
export type FormatVersion = z.infer<typeof formatVersionSchema>;
export type SectionId = z.infer<typeof sectionIdSchema>;
export type ReportSection = Report['sections'][number];

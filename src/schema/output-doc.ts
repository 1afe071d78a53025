/**
 * docs/output.md, generated: every field of a report's JSON from the JSON
 * Schema the zod model derives (names, types, required or not, null or not,
 * enum values, descriptions), the problem codes from their registry, and the
 * cell keys from the cell dictionary. `npm run schema` writes it; a test
 * checks the committed file equals this output, so the page cannot drift.
 */
import { z } from 'zod';
import { cellDictionary, cellDictionaryColumns } from '../dictionary/cells.js';
import { problemCodes } from '../model/problems.js';
import { cellSchema, problemSchema, provenanceSchema } from '../model/report.js';
import { reportJsonSchema } from './json-schema.js';

interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  description?: string;
}

/** Shapes used in several places, documented once under their own heading. */
const namedShapes: Array<{ name: string; schema: JsonSchema }> = [
  { name: 'Provenance', schema: z.toJSONSchema(provenanceSchema) as JsonSchema },
  { name: 'Cell', schema: z.toJSONSchema(cellSchema) as JsonSchema },
  { name: 'Problem', schema: z.toJSONSchema(problemSchema) as JsonSchema },
];

/** A schema without what a use of it adds (its description there) or what standing alone adds ($schema). */
function shapeOf(schema: JsonSchema): string {
  const { description: _d, $schema: _s, ...rest } = schema as JsonSchema & { $schema?: string };
  return JSON.stringify(rest);
}

function namedShape(schema: JsonSchema): string | undefined {
  const shape = shapeOf(schema);
  return namedShapes.find((n) => shapeOf(n.schema) === shape)?.name;
}

/** JSON Schema writes 2^53−1 for "no limit": not worth printing. */
const unbounded = (n: number | undefined) => n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER;

function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((s) => s.type !== 'null');
    if (rest.length === 1 && rest.length < schema.anyOf.length) return { schema: { ...rest[0]!, description: schema.description }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

const code = (text: unknown) => `\`${String(text)}\``;

/** A type as a reader of the page wants it: `integer ≥ 1`, `"a" \| "b"`, `array of Cell`. */
function typeText(raw: JsonSchema): string {
  const { schema, nullable } = withoutNull(raw);
  const named = namedShape(schema);
  let text: string;
  if (named) text = `[${named}](#${named.toLowerCase()})`;
  else if (schema.const !== undefined) text = code(JSON.stringify(schema.const));
  else if (schema.enum) text = schema.enum.map((v) => code(JSON.stringify(v))).join(' | ');
  else if (schema.prefixItems) text = `[${schema.prefixItems.map((s) => typeText(s)).join(', ')}]`;
  else if (schema.type === 'array') text = `array of ${schema.items ? typeText(schema.items) : 'any'}`;
  else if (schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    text = `object: key → ${typeText(schema.additionalProperties)}`;
  } else {
    text = String(schema.type ?? 'any');
    const bounds: string[] = [];
    if (!unbounded(schema.minimum)) bounds.push(`≥ ${schema.minimum}`);
    // z.number().int().positive() says exclusiveMinimum 0: for a whole number that is ≥ 1.
    if (schema.exclusiveMinimum !== undefined) bounds.push(schema.type === 'integer' ? `≥ ${Math.floor(schema.exclusiveMinimum) + 1}` : `> ${schema.exclusiveMinimum}`);
    if (!unbounded(schema.maximum)) bounds.push(`≤ ${schema.maximum}`);
    if (schema.pattern) bounds.push(`matching ${code(schema.pattern)}`);
    if (bounds.length > 0) text += ` ${bounds.join(', ')}`;
  }
  return nullable ? `${text} or \`null\`` : text;
}

const cellText = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The rows of one object's fields, nested objects and arrays of objects inline with their paths. */
function fieldRows(schema: JsonSchema, prefix: string): string[] {
  const rows: string[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    const { schema: field } = withoutNull(raw);
    const presence = required.has(name) ? 'always' : 'optional';
    rows.push(`| ${code(path)} | ${cellText(typeText(raw))} | ${presence} | ${cellText(raw.description ?? field.description ?? '')} |`);
    if (namedShape(field)) continue;
    if (field.type === 'object' && field.properties) rows.push(...fieldRows(field, `${path}.`));
    if (field.type === 'array' && field.items?.properties && !namedShape(field.items)) rows.push(...fieldRows(field.items, `${path}[].`));
  }
  return rows;
}

function fieldTable(schema: JsonSchema, prefix = ''): string {
  return ['| field | type | present | description |', '|---|---|---|---|', ...fieldRows(schema, prefix)].join('\n');
}

const indexConventions = `## Index conventions

- \`source.page\` counts from **1** (the first page is 1).
- \`source.table\`, \`source.row\` and \`source.col\` count from **0**: \`table\` is the
  index of the table among the document's tables, \`row\`/\`col\` the cell's origin in
  that table's grid (a merged cell: its top-left grid position).
- \`source.line\` and \`source.char\` (text files) count from **1**: the line of the file,
  and the character column in it, where the cell's text starts.
- \`source.bbox\` is \`[x0, y0, x1, y1]\` with x0 ≤ x1 and y0 ≤ y1. For PDF input: PDF
  points (1/72 inch) in PDF user space, origin at the **bottom-left** of the unrotated
  page (y grows upwards); for a scanned PDF page, on the page as the PDF declares it.
  For PNG/JPEG input: pixels of the image, origin at its **top-left** corner (y grows
  downwards).
- \`source.path\` (HTML) is a CSS-like path (\`html>body>…>td:nth-of-type(2)\`); its
  \`nth-of-type\` counts from 1, as in CSS.
- In the exports the same numbers keep their origin: \`page\`, \`src_table\`, \`src_row\`,
  \`src_col\`, \`src_line\`, \`src_char\`, \`bbox_x0\`…\`bbox_y1\`.`;

function cellKeysSection(): string {
  const entries = cellDictionary();
  const versions = ['2021', '2019', 'pre2019'] as const;
  const tables = [...new Set(entries.map((e) => e.table))];
  const countRow = (version: (typeof versions)[number]) =>
    `| ${version} | ${tables.map((t) => entries.filter((e) => e.table === t && e.versions.includes(version)).length).join(' | ')} |`;
  return [
    '## Cell keys',
    '',
    'A cell key is `<table>.<row>.<column>` (`t3.newReceived.natural`); pre-2019 figures are',
    '`pre2019.<figure>`. The cell dictionary lists every key with its table, row and column',
    'labels as the official format prints them, an English gloss, its kind of value, the',
    'format versions that have it and the arithmetic rules it takes part in:',
    '[`schema/cells.csv`](../schema/cells.csv), [`schema/cells.json`](../schema/cells.json),',
    'the `cell_dictionary` table of the SQLite and Parquet exports (a CSV export writes it',
    'beside itself as `<name>.cell_dictionary.csv`), `govreport keys [--format 2019|2021|pre2019] [--json]`,',
    "and `cellDictionary()` of the library. It is built from the mappings (`mappings/`), so it",
    'lists the keys the mapper fills.',
    '',
    'Keys per format version and table:',
    '',
    `| version | ${tables.join(' | ')} |`,
    `|---|${tables.map(() => '---:|').join('')}`,
    ...versions.map(countRow),
    '',
    'Dictionary columns:',
    '',
    '| column | JSON field | meaning |',
    '|---|---|---|',
    ...cellDictionaryColumns.map((c) => `| ${code(c.name)} | ${code(c.field)}${c.list ? ' (list)' : ''} | ${cellText(c.describe)} |`),
    '',
    '`rules` name each rule as `code:where` (`T3_ROW_TOTAL:newReceived`): the problem code a',
    'failure of the rule is reported with, and the column, row or block it is checked for.',
  ].join('\n');
}

function problemCodesSection(): string {
  return [
    '## Problem codes',
    '',
    'From the registry in `src/model/problems.ts`. A rule whose operands are not all numbers is',
    'not assessed; the `CELL_BLANK` / `CELL_UNREADABLE` / `CELL_MISSING` problems say why.',
    '',
    '| code | severity | when |',
    '|---|---|---|',
    ...Object.entries(problemCodes).map(([name, c]) => `| ${code(name)} | ${c.severity} | ${cellText(c.when)} |`),
  ].join('\n');
}

export function outputDoc(): string {
  const report = reportJsonSchema() as JsonSchema;
  const parts = [
    '# Output: one report\'s JSON',
    '',
    '<!-- Generated by `npm run schema` (src/schema/output-doc.ts) from src/model/report.ts, src/model/problems.ts and the mappings. Do not edit: a test compares this file with the generator\'s output. -->',
    '',
    `${report.description ?? ''} One JSON document per input file; its JSON Schema is`,
    '[`schema/report.schema.json`](../schema/report.schema.json). "present" says whether a field is',
    'always there or may be left out; "or `null`" that it may be null.',
    '',
    indexConventions,
    '',
    '## Fields',
    '',
    fieldTable(report),
    ...namedShapes.flatMap(({ name, schema }) => ['', `### ${name}`, '', schema.description ?? '', '', fieldTable(schema)]),
    '',
    cellKeysSection(),
    '',
    problemCodesSection(),
    '',
  ];
  return parts.join('\n');
}

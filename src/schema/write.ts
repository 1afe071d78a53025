/**
 * Writes what is generated from the model and the mappings (npm run schema):
 * schema/report.schema.json, the cell dictionary schema/cells.{csv,json} and
 * docs/output.md and docs/crosswalk.md. Tests check each committed file equals its generator's output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cellDictionaryCsv, cellDictionaryJson } from '../dictionary/files.js';
import { reportJsonSchema } from './json-schema.js';
import { crosswalkDoc } from './crosswalk-doc.js';
import { outputDoc } from './output-doc.js';

const root = new URL('../../../', import.meta.url);
const files: Array<[string, string]> = [
  ['schema/report.schema.json', `${JSON.stringify(reportJsonSchema(), null, 2)}\n`],
  ['schema/cells.csv', cellDictionaryCsv()],
  ['schema/cells.json', cellDictionaryJson()],
  ['docs/output.md', outputDoc()],
  ['docs/crosswalk.md', crosswalkDoc()],
];
mkdirSync(new URL('docs/', root), { recursive: true });
for (const [path, text] of files) {
  const target = new URL(path, root);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}

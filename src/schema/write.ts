/** Writes schema/report.schema.json (npm run schema). A test checks the file is up to date. */
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from './json-schema.js';

const target = new URL('../../../schema/report.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);

import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { convertBytes } from '../src/pipeline.js';
it('x', async () => {
  for (const y of [2024, 2025]) {
    const r = await convertBytes(readFileSync(`../shared/samples/text/pingtan-${y}.txt`), `pingtan-${y}.txt`);
    console.log(y, JSON.stringify(r.report), r.sections.map((s) => s.id).join(','), r.problems.map((p) => p.code).join(' '));
  }
  const r = await convertBytes(readFileSync(`../shared/samples/text/baiyunsi-2021.txt`), `baiyunsi-2021.txt`);
  const truth = JSON.parse(readFileSync(`../shared/samples/text/baiyunsi-2021.truth.json`, 'utf8'));
  console.log(JSON.stringify(r.report), r.source);
  for (const [k, v] of Object.entries(truth.cells)) if (r.cells[k]?.value !== v) console.log('DIFF', k, v, JSON.stringify(r.cells[k]));
  console.log(r.problems.filter((p) => !p.code.startsWith('T3_')).map((p) => p.code + ' ' + p.message.slice(0, 200) + ' ' + (p.cells ?? []).join(',')).join('\n'));
});

/**
 * The cell dictionary: its shipped files are the builder's output, it lists
 * exactly the keys the pipeline fills, and the rules it names are the ones
 * that fire when a cell is changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as glosses from '../mappings/glosses.js';
import { pre2019Statistics } from '../mappings/pre2019.js';
import { table2Columns, table2Rows } from '../mappings/table2.js';
import { applicantColumns, resultRows } from '../mappings/table3.js';
import { reviewBlocks, reviewOutcomes } from '../mappings/table4.js';
import { checkArithmetic } from '../src/checks/arithmetic.js';
import { cellDictionary, cellDictionaryOf } from '../src/dictionary/cells.js';
import { cellDictionaryCsv, cellDictionaryJson } from '../src/dictionary/files.js';
import { repoRoot } from '../src/eval/truth.js';
import type { Cell } from '../src/model/report.js';
import { convertedFile } from './helpers/converted.js';
import { expectBuilt, govreport } from './helpers/cli.js';

const root = repoRoot();
const committed = (path: string) => readFileSync(join(root, path), 'utf8');

describe('cell dictionary', () => {
  it('is what schema/cells.csv and schema/cells.json hold (run `npm run schema` after changing mappings/)', () => {
    expect(committed('schema/cells.csv')).toBe(cellDictionaryCsv());
    expect(committed('schema/cells.json')).toBe(cellDictionaryJson());
  });

  it('lists exactly the keys the pipeline fills for a 2021 and a 2019 report', async () => {
    for (const [sample, version] of [
      ['samples/html/clean-2021-utf8.html', '2021'],
      ['samples/html/format-2019.html', '2019'],
    ] as const) {
      const report = await convertedFile(join(root, sample));
      expect(report.report.formatVersion).toBe(version);
      expect(cellDictionaryOf(version).map((e) => e.key)).toEqual(Object.keys(report.cells));
    }
  });

  it('has a gloss for every row, column and block of the mappings, and none for keys they lack', () => {
    const pairs: Array<[Record<string, string>, string[]]> = [
      [glosses.table2RowGlosses, table2Rows.map((r) => r.key)],
      [glosses.table2ColumnGlosses, table2Columns.map((c) => c.key)],
      [glosses.table3RowGlosses, resultRows.map((r) => r.key)],
      [glosses.table3ColumnGlosses, applicantColumns.map((c) => c.key)],
      [glosses.table4BlockGlosses, reviewBlocks.map((b) => b.key)],
      [glosses.table4OutcomeGlosses, reviewOutcomes.map((o) => o.key)],
      [glosses.pre2019Glosses, pre2019Statistics.map((s) => s.key)],
    ];
    for (const [gloss, keys] of pairs) expect(Object.keys(gloss).sort()).toEqual([...keys].sort());
    for (const entry of cellDictionary()) expect(entry.gloss).not.toMatch(/undefined/);
  });

  it('prints the labels of the version a key is read in, and says where an older one differs', () => {
    const byKey = new Map(cellDictionary().map((e) => [e.key, e]));
    expect(byKey.get('t2.normative.made')!.rowLabel).toBe(table2Rows.find((r) => r.key === 'normative')!.labelIn!['2019']);
    expect(byKey.get('t2.normative.issued')!.rowLabel).toBe(table2Rows.find((r) => r.key === 'normative')!.label);
    expect(byKey.get('t2.license.decisions')!.alsoPrintedAs).toContain('2019');
    expect(byKey.get('t2.fees.amount')).toMatchObject({ kind: 'money', unit: '万元', versions: ['2021'] });
    expect(byKey.get('t2.license.delta')).toMatchObject({ kind: 'signedCount', versions: ['2019'] });
    expect(byKey.get('pre2019.fees')).toMatchObject({ kind: 'money', unit: '元', versions: ['pre2019'] });
  });

  it('names, for a changed cell, the rules that then fail', async () => {
    const report = await convertedFile(join(root, 'samples/html/clean-2021-utf8.html'));
    expect(checkArithmetic(report.cells, '2021')).toEqual([]);
    const byKey = new Map(cellDictionary().map((e) => [e.key, e]));
    for (const key of ['t3.newReceived.natural', 't3.deniedThirdParty.total', 't3.resultTotal.total', 't3.carriedForward.research', 't4.review.upheld', 't2.rules.issued']) {
      const cell = report.cells[key]!;
      const changed: Record<string, Cell> = { ...report.cells, [key]: { ...cell, value: cell.value! + 1, state: 'number' } };
      const failing = checkArithmetic(changed, '2021').map((p) => p.code).sort();
      expect(byKey.get(key)!.rules.map((r) => r.split(':')[0]).sort(), key).toEqual(failing);
    }
  });

  it('is what `govreport keys` prints, per format and as JSON', async () => {
    expectBuilt();
    const all = await govreport('keys');
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(cellDictionary().map((e) => e.key));
    const json = await govreport('keys', '--format', '2019', '--json');
    expect(JSON.parse(json.stdout)).toEqual(cellDictionaryOf('2019'));
    const wrong = await govreport('keys', '--format', '2020');
    expect(wrong.code).toBe(2);
  });
});

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ledgerFileName } from '../src/batch/ledger.js';
import { repoRoot } from '../src/eval/truth.js';
import { problemCodes } from '../src/model/problems.js';
import { expectBuilt, govreport } from './helpers/cli.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every problem code with its severity', () => {
    for (const [code, { severity }] of Object.entries(problemCodes)) {
      expect(readme, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${severity} \\|`));
    }
  });

  it("installs in its quick start what the tests need, and says how long npm test takes", () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Command line'));
    const apt = quickStart.split('\n').find((l) => l.startsWith('apt-get update'))!;
    // OCR tests, browser tests, queue tests (tests/queue.test.ts starts a redis-server of its own).
    for (const pkg of ['tesseract-ocr-chi-sim', 'chromium', 'redis-server']) expect(apt.split(' '), pkg).toContain(pkg);
    expect(quickStart).toMatch(/takes \d+–\d+ minutes/);
  });

  it('lists every exit status of convert, Ctrl-C included', () => {
    const exits = readme.slice(readme.indexOf('- Exit status:'), readme.indexOf('**2. After a crash'));
    for (const code of ['0', '1', '2', '3', '130', '143']) expect(exits, code).toContain(`\`${code}\``);
  });

  it("gives a ledger query whose figures are the summary's, in its words", async () => {
    expectBuilt();
    const folder = mkdtempSync(join(tmpdir(), 'govreport-readme-'));
    copyFileSync(join(repoRoot(), 'samples', 'html', 'clean-2021-utf8.html'), join(folder, 'report.html'));
    copyFileSync(join(repoRoot(), 'tests', 'unreadable', 'empty.pdf'), join(folder, 'empty.pdf'));
    writeFileSync(join(folder, 'notes.txt'), '会议纪要\n\n今天讨论了食堂的菜单。\n');
    const out = join(folder, 'out');
    const result = await govreport('convert', folder, '-o', out, '--concurrency', '1');
    expect(result.code).toBe(0);
    const byOutcome = /by outcome: ([^;]*);/.exec(result.stdout)![1]!;
    const summary = Object.fromEntries(byOutcome.split(', ').map((part) => [part.replace(/ \d+$/, ''), Number(/\d+$/.exec(part)![0])]));
    expect(summary).toEqual({ report: 1, 'not a report': 1, unreadable: 1, 'given up': 0 });

    const query = /"(SELECT [^"]*FROM inputs[^"]*)"/.exec(readme)![1]!;
    const db = new Database(join(out, ledgerFileName), { readonly: true });
    try {
      const rows = db.prepare(query).raw().all() as [string, number, number][];
      const counted = Object.fromEntries(rows.map(([word, n]) => [word, n]));
      for (const [word, n] of Object.entries(summary)) expect(counted[word] ?? 0, word).toBe(n);
      expect(Object.keys(counted).every((word) => word in summary)).toBe(true);
    } finally {
      db.close();
    }
  });
});

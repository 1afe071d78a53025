import { describe, expect, it } from 'vitest';
import type { FolderState } from '../src/batch/ledger.js';
import { ProgressLine, count, folderSummaryLine, logPolicy, newTally, summaryLine } from '../src/batch/progress.js';
import type { Report } from '../src/model/report.js';
import { differenceText, versionLines } from '../src/batch/versions.js';

/** A log file: no terminal, every write kept. */
function logStream() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (s: string) => (lines.push(s), true) } };
}

describe('ProgressLine in a log', () => {
  const inputs = Array.from({ length: 100 }, (_, i) => ({ id: `f${i}.html`, kind: 'html' as const, bytes: 10_000 }));

  it('writes a line at once, with an ETA from the file kinds, then every few seconds or every few percent', () => {
    let now = 1_000_000;
    const { lines, stream } = logStream();
    const progress = new ProgressLine(inputs, 2, stream, () => now);
    progress.tick();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\S+Z 0\/100 files \(0 %\)  ETA ~\d+s \(from file kinds and sizes; none finished yet\)/);

    const tally = newTally();
    const finish = (i: number, seconds: number) => {
      tally.files++;
      tally.converted++;
      progress.update(tally, { input: { path: `f${i}.html` }, status: 'converted', seconds });
    };
    // Quicker than the policy allows: no line.
    now += 500;
    finish(0, 0.4);
    expect(lines).toHaveLength(1);
    // A long scan holds the workers: the timer's tick still writes when the interval is up.
    now += logPolicy.everyMs;
    progress.tick();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/ 1\/100 files \(1 %\)  ETA \d+s  /);
    // Five more percent of the files done, a second and more later: a line before the interval is up.
    now += logPolicy.atMostEveryMs;
    for (let i = 1; i <= 5; i++) finish(i, 0.4);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(' 6/100 files (6 %)');
    progress.done();
  });
});

describe('folderSummaryLine', () => {
  it('gives the whole folder: done before, done now, unfinished, the outcomes in the words of the ledger, skipped', () => {
    const outcomes = { report: 38, 'not a report': 1, unreadable: 2, 'given up': 1 };
    const state: FolderState = { inputs: 42, doneBefore: 37, doneNow: 5, outcomes, unfinished: 0, skipped: 3, errors: 20, warnings: 26, infos: 9 };
    expect(folderSummaryLine(state, 'out')).toBe(
      'Folder out: 42 inputs: 37 done before this run, 5 done now, 0 not finished; by outcome: report 38, not a report 1, unreadable 2, given up 1; ' +
        '3 files skipped (not a report format, or not followed); problems in all: 20 errors, 26 warnings, 9 info',
    );
  });
});

describe('summaryLine', () => {
  it('counts each report of the run under one outcome, in the words of the ledger: a conversion given up is not also unreadable', () => {
    const tally = newTally();
    const report = (code: string, message = '') => ({ problems: [{ code, severity: 'error', message }] }) as unknown as Report;
    count(tally, report('FILE_UNREADABLE', 'Conversion abandoned: no progress in 120 s of CPU time'), 'converted', true);
    count(tally, report('FILE_UNREADABLE', 'The file is empty'));
    count(tally, report('NOT_A_REPORT'));
    count(tally, report('T3_BALANCE'));
    expect(summaryLine(tally, 10, 'out')).toBe(
      '4 files in 10.0 s (0.4 files/s): 4 converted, 0 already done, 0 duplicates, 1 unreadable, 1 not a report, 1 given up; problems: 4 errors, 0 warnings, 0 info; JSON in out',
    );
  });
});

describe('versions', () => {
  const cell = (value: number | null, state: 'number' | 'blank' = 'number') => ({ value, raw: value === null ? '' : String(value), state });

  it('says the values agree, or names the cells that differ with both values', () => {
    expect(differenceText({ file: 'b.pdf', against: 'a.html', cells: 200, differences: [] })).toBe('the values agree (200 cells)');
    const differences = [
      { key: 't3.newReceived.natural', a: cell(12), b: cell(13) },
      { key: 't4.review.total', a: cell(null, 'blank'), b: cell(2) },
      { key: 't4.review.upheld', a: null, b: cell(1) },
      { key: 't4.review.other', a: cell(1), b: cell(0) },
      { key: 't4.review.pending', a: cell(1), b: cell(0) },
    ];
    expect(differenceText({ file: 'b.pdf', against: 'a.html', cells: 200, differences })).toBe(
      '5 of 200 cells differ: t3.newReceived.natural 12 → 13, t4.review.total blank → 2, t4.review.upheld absent → 1, t4.review.other 1 → 0, … and 1 more',
    );
  });

  it('lists three versions each against the first', () => {
    const lines = versionLines({
      agency: '青山县人民政府',
      year: 2023,
      versions: 3,
      files: ['a.html', 'b.pdf', 'c.docx'],
      outputs: [],
      comparisons: [
        { file: 'b.pdf', against: 'a.html', cells: 200, differences: [] },
        { file: 'c.docx', against: 'a.html', cells: 200, differences: [{ key: 't4.review.total', a: cell(3), b: cell(4) }] },
      ],
    });
    expect(lines).toEqual([
      '  青山县人民政府 2023: a.html, b.pdf, c.docx',
      '    a.html → b.pdf: the values agree (200 cells)',
      // The first file's value first, as the files are named: a.html prints 3, c.docx 4.
      '    a.html → c.docx: 1 of 200 cells differ: t4.review.total 3 → 4',
    ]);
  });
});

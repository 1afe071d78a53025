import { describe, expect, it } from 'vitest';
import { type CostKind, WorkEstimate, costKind, costPriors, priorCost, windowFiles } from '../src/batch/estimate.js';

const MB = 2 ** 20;

interface Job {
  id: string;
  kind: CostKind;
  bytes: number;
  /** What the file really costs a worker, in seconds. */
  actual: number;
}

const jobs = (n: number, kind: CostKind, bytes: number, actual: number, from = 0): Job[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${kind}${from + i}`, kind, bytes, actual }));

/**
 * Runs the jobs one after the other (one worker) on a made-up clock and
 * returns, before each job starts, the ETA shown and the true time left.
 */
function simulate(list: Job[]): Array<{ eta: number; left: number }> {
  const estimate = new WorkEstimate(list, 1);
  const out: Array<{ eta: number; left: number }> = [];
  let now = 0;
  list.forEach((job, i) => {
    out.push({ eta: estimate.etaSeconds(now), left: list.slice(i).reduce((s, j) => s + j.actual, 0) });
    estimate.started(job.id, now);
    now += job.actual;
    estimate.finished(job.id, job.actual);
  });
  expect(estimate.etaSeconds(now)).toBe(0);
  return out;
}

const within = (eta: number, left: number, share: number) => Math.abs(eta - left) <= share * left;

describe('costKind and priorCost', () => {
  it('predicts from the name and size: a scan-sized PDF costs far more than an HTML page', () => {
    expect(costKind('a/b.PDF')).toBe('pdf');
    expect(costKind('x.shtml')).toBe('html');
    expect(costKind('scan.jpeg')).toBe('image');
    expect(priorCost('pdf', 0.7 * MB)).toBeGreaterThan(50 * priorCost('html', 10_000));
    expect(priorCost('html', -1)).toBe(costPriors.html.base);
  });
});

describe('WorkEstimate', () => {
  it('gives an ETA before anything has finished, from the kinds and sizes alone', () => {
    const list = [...jobs(4, 'html', 0, 0), ...jobs(2, 'pdf', MB, 0)];
    const estimate = new WorkEstimate(list, 2);
    expect(estimate.learned).toBe(false);
    expect(estimate.etaSeconds(0)).toBeCloseTo((4 * costPriors.html.base + 2 * (costPriors.pdf.base + costPriors.pdf.perMB)) / 2, 6);
  });

  it('weighs the files left by their kind: HTML done fast says little about the scans still to come', () => {
    // 30 HTML pages at 0.2 s, then 10 scanned PDFs at 45 s: a files/s rate after the HTML would promise seconds.
    const list = [...jobs(30, 'html', 10_000, 0.2), ...jobs(10, 'pdf', 0.8 * MB, 45)];
    const seen = simulate(list);
    const afterHtml = seen[30]!;
    expect(afterHtml.left).toBe(450);
    const filesPerSecond = 30 / (30 * 0.2);
    const byFileCount = 10 / filesPerSecond;
    expect(byFileCount).toBeLessThan(0.01 * afterHtml.left);
    // The PDF prior is a mix of text PDFs and scans, so it is low for scans, but of the right order.
    expect(afterHtml.eta).toBeGreaterThan(0.25 * afterHtml.left);
    expect(afterHtml.eta).toBeLessThan(afterHtml.left);
    // After three scans the PDFs' own ratio takes over.
    expect(within(seen[33]!.eta, seen[33]!.left, 0.35), `${seen[33]!.eta} vs ${seen[33]!.left}`).toBe(true);
  });

  it('learns a kind that costs more than its prior, and follows the batch at 25, 50 and 75 %', () => {
    // 40 scanned PDFs at 60 s each: twice and more what the PDF prior says.
    const list = jobs(40, 'pdf', 0.6 * MB, 60);
    const seen = simulate(list);
    expect(seen[0]!.eta).toBeLessThan(0.5 * seen[0]!.left); // the prior alone is far off
    for (const at of [10, 20, 30]) expect(within(seen[at]!.eta, seen[at]!.left, 0.1), `at ${at}/40: ${seen[at]!.eta} vs ${seen[at]!.left}`).toBe(true);
  });

  it('is a moving rate: text PDFs first, then scans, and the ETA catches up within a window', () => {
    const list = [...jobs(20, 'pdf', 0.6 * MB, 3), ...jobs(30, 'pdf', 0.6 * MB, 50, 20)];
    const seen = simulate(list);
    expect(seen[20]!.eta).toBeLessThan(0.2 * seen[20]!.left); // nothing yet says scans come
    const caughtUp = 20 + windowFiles;
    expect(within(seen[caughtUp]!.eta, seen[caughtUp]!.left, 0.15), `${seen[caughtUp]!.eta} vs ${seen[caughtUp]!.left}`).toBe(true);
  });

  it('lends a kind not seen yet the ratio of the kinds seen', () => {
    const list = [...jobs(10, 'html', 10_000, 3 * priorCost('html', 10_000)), ...jobs(1, 'docx', 10_000, 0)];
    const estimate = new WorkEstimate(list, 1);
    for (const j of list.slice(0, 10)) estimate.finished(j.id, j.actual);
    expect(estimate.ratio('docx')).toBeGreaterThan(2);
    expect(estimate.etaSeconds(0)).toBeCloseTo(priorCost('docx', 10_000) * estimate.ratio('docx'), 6);
  });

  it('splits the work among the workers, but never promises less than the longest file under way needs', () => {
    const list = jobs(4, 'pdf', MB, 0);
    const two = new WorkEstimate(list, 2);
    const one = new WorkEstimate(list, 1);
    expect(two.etaSeconds(0)).toBeCloseTo(one.etaSeconds(0) / 2, 6);

    const last = new WorkEstimate(jobs(1, 'pdf', MB, 0), 4);
    const prior = priorCost('pdf', MB);
    last.started('pdf0', 0);
    expect(last.etaSeconds(10)).toBeCloseTo(prior - 10, 6);
    // Running three times as long as predicted: at least half as long again, not "0 s".
    expect(last.etaSeconds(3 * prior)).toBeCloseTo(1.5 * prior, 6);
  });

  it('drops inputs already done at no cost, and teaches nothing with them', () => {
    const list = [...jobs(3, 'pdf', MB, 0), ...jobs(1, 'html', 0, 0)];
    const estimate = new WorkEstimate(list, 1);
    for (const j of list.slice(0, 3)) estimate.passed(j.id);
    expect(estimate.learned).toBe(false);
    expect(estimate.etaSeconds(0)).toBeCloseTo(costPriors.html.base, 6);
  });
});

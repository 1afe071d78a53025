/**
 * How long the rest of a batch will take, from what is known of each input
 * before it runs (its kind and size) and what the inputs already finished
 * cost. A file count is a poor measure of work: an OCR'd scan costs a minute
 * of a worker, an HTML page a tenth of a second, so the remaining work is
 * the sum of each remaining input's predicted cost.
 *
 * Each input starts with a prior cost from its kind and size (`costPriors`).
 * As inputs finish, each kind learns how far off its priors are: the ratio
 * actual/prior over its last `windowFiles` files (a moving rate, so a batch
 * whose second half is scans catches up). A PDF's text layer is unknown until
 * it is read, so its prior is a mix of text and scanned PDFs, and the ratio
 * of the PDFs read so far says which the batch holds. A kind not seen yet
 * borrows the ratio of all kinds.
 *
 * No clock inside: every call says what time it is, so a test can feed a
 * made-up sequence of starts and finishes and check the estimate.
 */
import { extname } from 'node:path';

export type CostKind = 'html' | 'text' | 'docx' | 'doc' | 'pdf' | 'image';

/**
 * Seconds of one worker per file: `base` plus `perMB` for each megabyte.
 * Measured on the devset (2 workers, 2 cores): HTML and text 0.1–1 s; Word
 * files under 1 s; a PDF with a text layer 1–5 s, a scanned one 25–60 s
 * (20–40 s per OCR page), at similar sizes (0.6–0.9 MB): the PDF prior is
 * their mix, and the learned ratio finds the batch's own.
 */
export const costPriors: Record<CostKind, { base: number; perMB: number }> = {
  html: { base: 0.3, perMB: 1 },
  text: { base: 0.2, perMB: 1 },
  docx: { base: 0.6, perMB: 1 },
  doc: { base: 0.6, perMB: 2 },
  pdf: { base: 2, perMB: 25 },
  image: { base: 20, perMB: 10 },
};

/** Finished files of a kind that its ratio is taken over: enough to smooth one odd file, few enough to follow a change. */
export const windowFiles = 20;

const kindByExtension: Record<string, CostKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.shtml': 'html',
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.docx': 'docx',
  '.docm': 'docx',
  '.doc': 'doc',
  '.wps': 'doc',
  '.pdf': 'pdf',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
};

/** The kind an input's cost is predicted by, from its name (its content is not read before it runs). */
export function costKind(path: string): CostKind {
  return kindByExtension[extname(path).toLowerCase()] ?? 'html';
}

/** A file's prior cost in worker-seconds; a size that is unknown counts as none. */
export function priorCost(kind: CostKind, bytes: number): number {
  const p = costPriors[kind];
  return p.base + p.perMB * (Math.max(0, bytes) / 2 ** 20);
}

export interface PlannedInput {
  id: string;
  kind: CostKind;
  bytes: number;
}

interface Observation {
  prior: number;
  actual: number;
}

/** What is still to run, and how far off the priors have been so far. */
export class WorkEstimate {
  private readonly priors = new Map<string, { kind: CostKind; prior: number }>();
  /** Inputs not started yet, as the sum of their priors per kind (a million inputs are not walked on every update). */
  private readonly waiting = new Map<CostKind, { prior: number; files: number }>();
  private readonly waitingIds = new Set<string>();
  /** Inputs under way, with when each started. */
  private readonly running = new Map<string, number>();
  private readonly seen = new Map<CostKind | 'all', Observation[]>();
  /** The mean prior of each kind's inputs, and of all: the weight of the pseudo-observation in ratio(). */
  private readonly typical = new Map<CostKind | 'all', number>();

  constructor(
    inputs: readonly PlannedInput[],
    private readonly concurrency: number,
  ) {
    let all = 0;
    for (const input of inputs) {
      const prior = priorCost(input.kind, input.bytes);
      this.priors.set(input.id, { kind: input.kind, prior });
      this.waitingIds.add(input.id);
      const w = this.waiting.get(input.kind) ?? { prior: 0, files: 0 };
      this.waiting.set(input.kind, { prior: w.prior + prior, files: w.files + 1 });
      all += prior;
    }
    for (const [kind, w] of this.waiting) this.typical.set(kind, w.prior / w.files);
    this.typical.set('all', inputs.length > 0 ? all / inputs.length : 1);
  }

  /** Takes an input off the waiting sums. */
  private unwait(id: string): void {
    if (!this.waitingIds.delete(id)) return;
    const { kind, prior } = this.priors.get(id)!;
    const w = this.waiting.get(kind)!;
    this.waiting.set(kind, { prior: w.prior - prior, files: w.files - 1 });
  }

  started(id: string, at: number): void {
    if (!this.waitingIds.has(id)) return;
    this.unwait(id);
    this.running.set(id, at);
  }

  /** An input converted, in `seconds` of a worker: its kind learns from it. */
  finished(id: string, seconds: number): void {
    const planned = this.priors.get(id);
    if (!planned || !(this.running.has(id) || this.waitingIds.has(id))) return;
    this.unwait(id);
    this.running.delete(id);
    const observation = { prior: planned.prior, actual: Math.max(0, seconds) };
    for (const key of [planned.kind, 'all'] as const) {
      const list = this.seen.get(key) ?? [];
      list.push(observation);
      if (list.length > windowFiles) list.shift();
      this.seen.set(key, list);
    }
  }

  /** An input that cost next to nothing (already done, a duplicate): gone from the work, and no lesson about its kind. */
  passed(id: string): void {
    this.unwait(id);
    this.running.delete(id);
  }

  /**
   * How far off the priors of `kind` are: actual/prior over its last files.
   * One typical file of the kind at the ratio of all kinds (at 1 for all)
   * stands in as a pseudo-observation, so that the first file finished moves
   * the ratio without deciding it alone.
   */
  ratio(kind: CostKind | 'all'): number {
    const own = this.seen.get(kind) ?? [];
    const general = kind === 'all' ? 1 : this.ratio('all');
    const weight = this.typical.get(kind) ?? this.typical.get('all')!;
    const actual = own.reduce((s, o) => s + o.actual, 0);
    const prior = own.reduce((s, o) => s + o.prior, 0);
    return (actual + general * weight) / (prior + weight);
  }

  /** Worker-seconds an input under way for `elapsed` seconds still needs: what its prediction leaves, or at least half as long again. */
  private remainingOf(id: string, startedAt: number, at: number): number {
    const { kind, prior } = this.priors.get(id)!;
    const elapsed = Math.max(0, at - startedAt);
    return Math.max(prior * this.ratio(kind) - elapsed, elapsed / 2);
  }

  /** Seconds until every input is finished, seen from `at`; 0 when none is left. */
  etaSeconds(at: number): number {
    const files = this.waitingIds.size + this.running.size;
    if (files === 0) return 0;
    let total = 0;
    for (const [kind, w] of this.waiting) total += w.prior * this.ratio(kind);
    let longest = 0;
    for (const [id, startedAt] of this.running) {
      const r = this.remainingOf(id, startedAt, at);
      total += r;
      longest = Math.max(longest, r);
    }
    // The workers share the work; the batch cannot end before the longest input under way does.
    return Math.max(total / Math.min(this.concurrency, files), longest);
  }

  /** Whether any input has finished yet: until then the ETA rests on the priors alone. */
  get learned(): boolean {
    return (this.seen.get('all')?.length ?? 0) > 0;
  }
}

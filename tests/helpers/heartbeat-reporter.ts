/**
 * A vitest reporter beside the default one (vitest.config.ts): while test
 * files run, it says every 30 s how far the run is and what is still running,
 * so that a test converting a whole batch for minutes (the fuzz corpus, the
 * OCR samples) does not look like a hang. The default reporter prints each
 * file when it ends and the final counts that CI reads.
 */
import type { Reporter, TestCase, TestModule, TestSpecification } from 'vitest/node';

export interface HeartbeatOptions {
  write?: (text: string) => void;
  now?: () => number;
  everyMs?: number;
  /** Starts the repeating timer; tests pass their own and call the beat themselves. */
  every?: (beat: () => void, ms: number) => { stop(): void };
}

const realTimer = (beat: () => void, ms: number) => {
  const timer = setInterval(beat, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};

function minutes(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export default class HeartbeatReporter implements Reporter {
  private readonly write: (text: string) => void;
  private readonly now: () => number;
  private readonly everyMs: number;
  private readonly every: NonNullable<HeartbeatOptions['every']>;
  private started = 0;
  private total = 0;
  private finished = 0;
  /** Files running: since when, and the test under way in each. */
  private readonly running = new Map<string, { since: number; test?: { name: string; since: number } }>();
  private timer: { stop(): void } | undefined;

  constructor(options: HeartbeatOptions = {}) {
    this.write = options.write ?? ((text) => process.stdout.write(text));
    this.now = options.now ?? Date.now;
    this.everyMs = options.everyMs ?? 30_000;
    this.every = options.every ?? realTimer;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.started = this.now();
    this.total = specifications.length;
    this.finished = 0;
    this.timer = this.every(() => this.beat(), this.everyMs);
  }

  onTestModuleStart(module: TestModule): void {
    this.running.set(module.relativeModuleId, { since: this.now() });
  }

  onTestCaseReady(test: TestCase): void {
    const file = this.running.get(test.module.relativeModuleId);
    if (file) file.test = { name: test.name, since: this.now() };
  }

  onTestModuleEnd(module: TestModule): void {
    this.running.delete(module.relativeModuleId);
    this.finished++;
  }

  onTestRunEnd(): void {
    this.timer?.stop();
    this.timer = undefined;
  }

  /** One line: time so far, files done, and each file still running with its test under way. */
  beat(): void {
    if (this.running.size === 0) return;
    const now = this.now();
    const files = [...this.running].map(([file, { since, test }]) => `${file} (${minutes(now - since)}${test ? `; ${test.name}: ${minutes(now - test.since)}` : ''})`);
    this.write(`  … ${minutes(now - this.started)} in, ${this.finished} of ${this.total} test files done; still running: ${files.join(', ')}\n`);
  }
}

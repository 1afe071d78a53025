import { describe, expect, it } from 'vitest';
import type { TestCase, TestModule, TestSpecification } from 'vitest/node';
import config from '../vitest.config.js';
import HeartbeatReporter from './helpers/heartbeat-reporter.js';

const module = (id: string) => ({ relativeModuleId: id }) as TestModule;

describe('npm test says what is still running', () => {
  it('is one of the reporters of the suite, beside the default one that prints the final counts', () => {
    expect(config.test?.reporters).toEqual(['default', './tests/helpers/heartbeat-reporter.ts']);
  });

  it('prints, at each beat, the time so far, the files done and each file still running with its test under way', () => {
    let now = 0;
    const lines: string[] = [];
    let beat = () => {};
    let stopped = false;
    const reporter = new HeartbeatReporter({
      write: (text) => lines.push(text),
      now: () => now,
      every: (b) => ((beat = b), { stop: () => (stopped = true) }),
    });
    reporter.onTestRunStart([{}, {}, {}] as unknown as TestSpecification[]);
    reporter.onTestModuleStart(module('tests/number.test.ts'));
    reporter.onTestModuleStart(module('tests/fuzz.test.ts'));
    now = 5_000;
    reporter.onTestModuleEnd(module('tests/number.test.ts'));
    reporter.onTestCaseReady({ name: 'gets a valid JSON for every mutant', module: module('tests/fuzz.test.ts') } as unknown as TestCase);
    now = 185_000;
    beat();
    expect(lines).toEqual(['  … 3m05s in, 1 of 3 test files done; still running: tests/fuzz.test.ts (3m05s; gets a valid JSON for every mutant: 3m00s)\n']);
    reporter.onTestModuleEnd(module('tests/fuzz.test.ts'));
    beat();
    expect(lines).toHaveLength(1); // nothing running: nothing to say
    reporter.onTestRunEnd();
    expect(stopped).toBe(true);
  });
});

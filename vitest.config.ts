import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/helpers/sequencer.js';

/**
 * Tiers (README "Tests"): `vitest run --project unit` (or integration, ocr) runs one.
 * A new test file is a unit test unless listed here: integration tests run the
 * compiled CLI, worker processes, Redis or chromium; OCR tests read scans with tesseract.
 */
const integration = [
  'tests/batch.test.ts',
  'tests/busy-machine.test.ts',
  'tests/cell-dictionary.test.ts',
  'tests/cli.test.ts',
  'tests/compare-hostile.test.ts',
  'tests/compare-page.test.ts',
  'tests/compare-series-page.test.ts',
  'tests/cpu-clock.test.ts',
  'tests/crosswalk.test.ts',
  'tests/engine-failure.test.ts',
  'tests/export.test.ts',
  'tests/export-dictionary.test.ts',
  'tests/export-pre2019.test.ts',
  'tests/fuzz.test.ts',
  'tests/hardening.test.ts',
  'tests/image-budget.test.ts',
  'tests/inputs.test.ts',
  'tests/library-api.test.ts',
  'tests/pool.test.ts',
  'tests/queue.test.ts',
  'tests/readme.test.ts',
  'tests/text-reader.test.ts',
];
/** Representative scans in `npm test`; every scan with GOVREPORT_TEST_TIER=full (npm run test:ocr-full; tests/helpers/tiers.ts). */
const ocr = ['tests/ocr.test.ts', 'tests/ocr-variants.test.ts', 'tests/ocr-wrap.test.ts', 'tests/pre2019-formats.test.ts'];

export default defineConfig({
  test: {
    // A guard against a hang, never a bar: a test that passes on an idle machine must pass next to a CPU hog
    // (the CLI tests spawn the compiled bin and convert whole batches: at a load average of 35 on 2 cores, one test
    // of wrong CLI usage took over 5 minutes, and the library's beforeAll, packing and installing, over 2).
    testTimeout: 900_000,
    hookTimeout: 600_000,
    // Two files at a time, each in a process of its own: the machine CI runs on has 2 cores, and
    // vitest's default (cores - 1) ran one file at a time while the CLI tests mostly wait on their children.
    pool: 'forks',
    maxWorkers: 2,
    // The longest files start first (a fresh machine has no durations in vitest's cache).
    sequence: { sequencer: LongestFirst },
    // This run's folder of converted samples (tests/helpers/converted.ts).
    globalSetup: ['./tests/helpers/global-setup.ts'],
    // The heartbeat says every 30 s what is still running.
    reporters: ['default', './tests/helpers/heartbeat-reporter.ts'],
    // Each project lists its own files (the root lists none: a list there would be added to every project's).
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...integration, ...ocr] } },
      { extends: true, test: { name: 'integration', include: integration } },
      { extends: true, test: { name: 'ocr', include: ocr } },
    ],
  },
});

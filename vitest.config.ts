import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests spawn the compiled bin and convert whole batches.
    testTimeout: 60_000,
    // The whole suite takes 10-16 minutes, some files minutes each: the heartbeat says what is still running every 30 s.
    reporters: ['default', './tests/helpers/heartbeat-reporter.ts'],
  },
});

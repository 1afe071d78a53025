import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests spawn the compiled bin and convert whole batches.
    testTimeout: 60_000,
  },
});

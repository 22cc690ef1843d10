import { defineConfig } from 'vitest/config';

/**
 * Server tests that measure the event loop (`*.alone.test.ts`): they run after every other
 * project has finished, one file at a time, so other test processes do not take the cores
 * they measure.
 */
export default defineConfig({
  test: {
    name: 'server-alone',
    include: ['test/**/*.alone.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    sequence: { groupOrder: 1 },
  },
});

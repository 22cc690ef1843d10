import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/protocol',
      'packages/server',
      'packages/web',
      'e2e',
      'packages/server/vitest.alone.config.ts',
    ],
    reporters: ['default', './vitest.summary.ts'],
  },
});

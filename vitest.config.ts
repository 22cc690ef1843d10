import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/protocol', 'packages/server', 'packages/web', 'e2e'],
    reporters: ['default', './vitest.summary.ts'],
  },
});

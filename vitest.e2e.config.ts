// The designer's browser end-to-end suite (`npm run test:e2e`): Debian's Chromium driven by
// playwright-core against an in-process `flowdesk designer`. One fork, one file at a time:
// the suite drives a real browser and CI machines have 2 cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 240_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});

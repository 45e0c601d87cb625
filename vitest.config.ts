import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and browser tests start real hubs and Chromium; two cores cannot take many at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});

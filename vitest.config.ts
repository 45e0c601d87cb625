import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous limits: they only bound a test that hangs. A test asserts behaviour, never speed, and
    // must hold on two cores shared with a second `npm test` (or more), where a hub's start, a
    // browser page or a poll can take many times its quiet duration.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // Integration and browser tests start real hubs and Chromium; two cores cannot take many at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});

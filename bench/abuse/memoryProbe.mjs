// Bench only: loaded into the abuse bench's hub with `--expose-gc --import <this file>`, never by
// `npm start`. On SIGUSR2 the hub runs a full garbage collection and prints one line with what it
// then holds, so the bench compares memory that is really kept, not garbage not yet collected.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  process.stdout.write(`[hub-memory] ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
});

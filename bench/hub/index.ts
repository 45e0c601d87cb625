import { cpus, totalmem } from 'node:os';
import { callLatency } from './latency.ts';
import { replayStartup } from './replay.ts';
import { rawFdatasyncRate, ticketThroughput, withTempDir } from './throughput.ts';

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/**
 * The hub's figures, each beside a reference measured in the same run on the same machine.
 * Returns markdown table rows; `quick` shortens the runs for a smoke test.
 */
export async function hubBench(log: (line: string) => void = console.log, quick = false): Promise<string[]> {
  const rows: string[] = [];
  const row = (what: string, figure: string, reference: string, goal: string) => {
    const line = `| ${what} | ${figure} | ${reference} | ${goal} |`;
    rows.push(line);
    log(line);
  };
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  log('| what | figure | reference (same run) | goal |');
  log('| --- | --- | --- | --- |');

  const lat = await callLatency({ ms: quick ? 4000 : 15_000 });
  row(
    'call answered → each display has TicketCalled (100 windows calling, 20 displays, 300 phones, 20 tickets/s)',
    `p50 ${f(lat.answered.p50)} ms, p99 ${f(lat.answered.p99)} ms, max ${f(lat.answered.max)} ms; ${f(lat.answered.aheadPct, 0)}% of deliveries arrive before the answer (${lat.samples} deliveries of ${lat.calls} calls)`,
    `bare socket.io round trip: p50 ${f(lat.ref.p50, 2)} ms, p99 ${f(lat.ref.p99, 2)} ms, max ${f(lat.ref.max, 2)} ms`,
    `p99 < 25 ms: ${lat.answered.p99 < 25 ? 'met' : 'NOT met'}`,
  );
  row(
    'the whole path: call request sent → each display has TicketCalled (HTTP, decide, fsync, broadcast)',
    `p50 ${f(lat.p50)} ms, p99 ${f(lat.p99)} ms, max ${f(lat.max)} ms`,
    'same run as above',
    `p99 < 25 ms: ${lat.p99 < 25 ? 'met' : 'NOT met'} (stricter than the goal)`,
  );

  const sync = withTempDir((d) => rawFdatasyncRate(d, quick ? 500 : 2000));
  const grouped = await ticketThroughput({ groupCommit: true, ms: quick ? 1000 : 3000 });
  const single = await ticketThroughput({ groupCommit: false, ms: quick ? 1000 : 3000 });
  row(
    'durable ticket issue (HTTP 201, fsynced before the answer, 64 clients)',
    `${f(grouped.perSec, 0)} tickets/s`,
    `raw fdatasync ${f(sync, 0)}/s; without group commit ${f(single.perSec, 0)} tickets/s`,
    `≥ 2,000/s: ${grouped.perSec >= 2000 ? 'met' : 'NOT met'}`,
  );

  for (const target of quick ? [20_000] : [20_000, 100_000]) {
    const r = await replayStartup(target);
    row(
      `start-up on a day of ${r.events.toLocaleString('en')} events (${r.tickets.toLocaleString('en')} tickets)`,
      `replay in process ${f(r.inProcessMs, 0)} ms; whole process to ready ${f(r.processStartMs, 0)} ms`,
      `JSON.parse of the same lines ${f(r.parseOnlyMs, 0)} ms; bare node+tsx start ${f(r.bareNodeMs, 0)} ms`,
      target === 20_000 ? `< 1 s: ${r.processStartMs < 1000 ? 'met' : 'NOT met'}` : '',
    );
    if (target === 20_000) {
      row('hub memory: busy day loaded, 320 screens connected and synced', `${f(r.rssMb, 0)} MB RSS`, `after the latency run: ${f(lat.rssMb, 0)} MB`, '');
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void hubBench(console.log, process.argv.includes('--quick'));
}

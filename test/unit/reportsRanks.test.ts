import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { Tally } from '../../shared/reports/figures.ts';
import { ascendingOrder, NO_GROUP, ServedTickets } from '../../shared/reports/ranks.ts';
import { nearestRank } from '../../shared/reports/stats.ts';
import { parseJournal } from '../../server/journal.ts';
import { forEachJournalEvent } from '../../server/reports/journalLines.ts';

/** A small seeded generator: the same values on every run, different ones per seed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('percentiles of every group from one sort of the period', () => {
  it.each([1, 2, 3])('equal each group sorted on its own (seed %i: ties, negatives, no window, no service time)', (seed) => {
    const rnd = lcg(seed);
    const groups = [5, 9, 24];
    const served = new ServedTickets(5000, groups.length);
    const dims = groups.map((n) => Array.from({ length: n }, () => new Tally()));
    const total = new Tally();
    const own = groups.map((n) => Array.from({ length: n }, () => ({ waits: [] as number[], services: [] as number[] })));
    const all = { waits: [] as number[], services: [] as number[] };
    for (let i = 0; i < 5000; i++) {
      // Coarse values make ties; a few negative waits (a clock set back) must still sort.
      const wait = rnd(300) * 1000 - (rnd(50) === 0 ? 5000 : 0);
      const service = rnd(10) === 0 ? null : rnd(1_000_000);
      const g = groups.map((n) => (rnd(7) === 0 ? NO_GROUP : rnd(n)));
      served.push(wait, service, g);
      total.serve(wait, service, false);
      all.waits.push(wait);
      if (service !== null) all.services.push(service);
      g.forEach((k, d) => {
        if (k === NO_GROUP) return;
        dims[d]![k]!.serve(wait, service, false);
        own[d]![k]!.waits.push(wait);
        if (service !== null) own[d]![k]!.services.push(service);
      });
    }
    served.rank(dims, total);
    const expected = (o: { waits: number[]; services: number[] }) => {
      const w = [...o.waits].sort((a, b) => a - b);
      const s = [...o.services].sort((a, b) => a - b);
      return { waitP50Ms: nearestRank(w, 50), waitP90Ms: nearestRank(w, 90), waitMaxMs: w.at(-1) ?? null, serviceP90Ms: nearestRank(s, 90) };
    };
    dims.forEach((tallies, d) => tallies.forEach((t, k) => expect(t).toMatchObject(expected(own[d]![k]!))));
    expect(total).toMatchObject(expected(all));
  });

  it('gives the nearest-rank figures worked out by hand (the smallest value with at least p% at or below it)', () => {
    // Group 0: waits 1..10 s → P50 is the 5th (5 s), P90 the 9th (9 s), max 10 s; services every
    // other ticket 2, 4 … 10 min → P90 of 5 values is the 5th (10 min).
    // Group 1: waits 7, 7, 3 s → P50 the 2nd (7 s), P90 the 3rd (7 s); no service time at all.
    const served = new ServedTickets(16, 1);
    const groups = [[new Tally(), new Tally()]];
    const total = new Tally();
    const push = (waitS: number, serviceMin: number | null, g: number) => {
      served.push(waitS * 1000, serviceMin === null ? null : serviceMin * 60_000, [g]);
      groups[0]![g]!.serve(waitS * 1000, serviceMin === null ? null : serviceMin * 60_000, false);
      total.serve(waitS * 1000, serviceMin === null ? null : serviceMin * 60_000, false);
    };
    for (const w of [10, 3, 8, 1, 6, 5, 2, 9, 4, 7]) push(w, w % 2 === 0 ? w : null, 0);
    for (const w of [7, 3, 7]) push(w, null, 1);
    served.rank(groups, total);
    expect(groups[0]![0]).toMatchObject({ waitP50Ms: 5000, waitP90Ms: 9000, waitMaxMs: 10_000, serviceP90Ms: 600_000 });
    expect(groups[0]![1]).toMatchObject({ waitP50Ms: 7000, waitP90Ms: 7000, waitMaxMs: 7000, serviceP90Ms: null });
    // All 13 waits: 1,2,3,3,4,5,6,7,7,7,8,9,10 → P50 the 7th (6 s), P90 the 12th (9 s).
    expect(total).toMatchObject({ waitP50Ms: 6000, waitP90Ms: 9000, waitMaxMs: 10_000, serviceP90Ms: 600_000 });
  });

  it('sorts indexes by value across the whole int32 range', () => {
    const values = Int32Array.from([5, -2147483647, 2147483647, 0, -1, 5, 70000, -70000]);
    const order = ascendingOrder(values, values.length, false);
    expect([...order].map((i) => values[i])).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('a journal read a line at a time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallhub-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = '2026-11-23T08:00:00.000+08:00';
  const recall = (seq: number): HallEvent => ({ seq, type: 'TicketRecalled', at, data: { ticketId: `t${seq}`, number: 'A001', serviceId: 'A', windowId: 'W1', staffId: 'S01', windowNumber: 1 } });

  it('gives the same events as the journal reader, across chunk boundaries and through a line longer than a chunk', () => {
    const events: HallEvent[] = [];
    for (let seq = 1; seq <= 30_000; seq++) events.push(recall(seq));
    // 200,000 ids make one line of about 2 MB, twice the reader's chunk.
    const ids = Array.from({ length: 200_000 }, (_, i) => `2026-11-23-${i}`);
    events.push({ seq: 30_001, type: 'DayClosed', at, data: { businessDay: '2026-11-23', abandonedTicketIds: ids } });
    events.push(recall(30_002));
    const path = join(dir, 'long.jsonl');
    writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const got: HallEvent[] = [];
    forEachJournalEvent(path, (e) => got.push(e));
    expect(got).toEqual(parseJournal(readFileSync(path, 'utf8'), path));
    expect(got.length).toBe(30_002);
  });

  it('refuses a damaged line and a gap in the sequence, naming the line', () => {
    const damaged = join(dir, 'damaged.jsonl');
    writeFileSync(damaged, `${JSON.stringify(recall(1))}\n{"seq":2,"type":\n${JSON.stringify(recall(3))}\n`);
    expect(() => forEachJournalEvent(damaged, () => {})).toThrow(/damaged.jsonl:2: damaged journal line/);
    const gap = join(dir, 'gap.jsonl');
    writeFileSync(gap, `${JSON.stringify(recall(1))}\n${JSON.stringify(recall(3))}\n`);
    expect(() => forEachJournalEvent(gap, () => {})).toThrow(/seq 3 follows 1/);
  });
});

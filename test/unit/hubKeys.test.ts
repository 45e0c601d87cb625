import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import { Hub, type StoredAnswer } from '../../server/hub.ts';
import type { EventStore } from '../../server/journal.ts';
import { manualClock } from '../../server/clock.ts';
import { at, issue, signIn, specHall } from '../support/spec.ts';

/** The journal in memory: one array per day, appends that are "durable" at once. */
class MemoryJournal implements EventStore {
  day: string | null = null;
  events: HallEvent[] = [];
  lastSeq = 0;
  private byDay = new Map<string, HallEvent[]>();
  async append(events: HallEvent[]) {
    this.events.push(...events);
    this.lastSeq = events.at(-1)?.seq ?? this.lastSeq;
  }
  async rotate(day: string) {
    if (this.day) this.byDay.set(this.day, this.events);
    this.day = day;
    this.events = [];
  }
  days() {
    return [...this.byDay.keys(), ...(this.day ? [this.day] : [])];
  }
  readDay(day: string) {
    return day === this.day ? this.events : (this.byDay.get(day) ?? []);
  }
  async close() {}
}

/**
 * Idempotency-Key answers are kept for the business day they were given in (a retry of
 * yesterday's call-next must not replay yesterday's answer, and the map must not grow for ever).
 */
describe('answers kept for an Idempotency-Key', () => {
  const answer = (events: HallEvent[]): StoredAnswer => ({ status: 200, body: { seq: events.at(-1)!.seq } });

  it('given a keyed action today, when it is asked again today, then the first answer comes back', async () => {
    const clock = manualClock(at('09:00'));
    const hub = new Hub({ config: specHall, journal: new MemoryJournal(), clock });
    await hub.execute((t) => ({ ...signIn('W1', 'S01', 'A', t) }), { idem: { key: 'S01 W1 sign-in k1', answer } });
    expect(hub.recall('S01 W1 sign-in k1')).toEqual({ status: 200, body: { seq: 1 } });
    await hub.rememberDurably('S01 W1 call-next k2', { status: 404, body: { error: { code: 'QUEUE_EMPTY' } } });
    clock.set(at('17:00'));
    expect(hub.recall('S01 W1 call-next k2')).toMatchObject({ status: 404 });
  });

  it('given keyed answers of yesterday, when the next business day starts, then none of them is recalled', async () => {
    const clock = manualClock(at('09:00'));
    const hub = new Hub({ config: specHall, journal: new MemoryJournal(), clock });
    await hub.execute((t) => ({ ...signIn('W1', 'S01', 'A', t) }), { idem: { key: 'S01 W1 sign-in k1', answer } });
    await hub.rememberDurably('S01 W1 call-next k2', { status: 404, body: {} });
    clock.set(at('08:00', '2026-11-24'));
    await hub.execute((t) => issue('', 'A', t), { newTicket: true });
    expect(hub.journal.day).toBe('2026-11-24');
    expect(hub.recall('S01 W1 sign-in k1')).toBeUndefined();
    expect(hub.recall('S01 W1 call-next k2')).toBeUndefined();
  });

  it('given a day change with nobody acting, when the midnight tick closes the day, then the keys are gone too', async () => {
    const clock = manualClock(at('09:00'));
    const hub = new Hub({ config: specHall, journal: new MemoryJournal(), clock });
    await hub.execute((t) => ({ ...signIn('W1', 'S01', 'A', t) }), { idem: { key: 'k1', answer } });
    clock.set(at('00:00:05', '2026-11-24'));
    await hub.tick();
    expect(hub.journal.day).toBe('2026-11-24');
    expect(hub.recall('k1')).toBeUndefined();
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../shared/commands.ts';
import type { HallConfig } from '../../shared/config.ts';
import { hallConfigSchema } from '../../shared/config.ts';
import { decide } from '../../shared/decide.ts';
import type { HallEvent } from '../../shared/events.ts';
import { evolve, initialState } from '../../shared/state.ts';
import { localTimeToMs, toIso } from '../../shared/time.ts';
import { demoHall } from '../../server/demoHall.ts';

export { prng } from '../../tools/sim/random.ts';
import { prng } from '../../tools/sim/random.ts';

export function demoConfig(): HallConfig {
  const f = hallConfigSchema.parse(demoHall);
  return { ...f, staff: f.staff.map(({ pin: _p, ...s }) => s) };
}

/**
 * A busy day decided by the real core: `tickets` tickets over the demo hall's windows, each
 * issued, called (sometimes recalled), started, finished and often rated. Returns the events.
 */
export function busyDay(tickets: number, day = '2026-11-23', seed = 7, config = demoConfig()): HallEvent[] {
  const rnd = prng(seed);
  const tz = config.hall.timezone;
  const state = initialState(config);
  const events: HallEvent[] = [];
  let t = localTimeToMs(day, '08:00', tz);
  // Arrivals spread over ten hours whatever the count, so the day never runs past midnight.
  const avgStepMs = Math.min(5000, (10 * 3_600_000) / tickets);
  const run = (c: Command) => {
    try {
      for (const b of decide(c, state, config)) {
        const e = { ...b, seq: state.seq + 1, at: toIso(c.at, tz) } as HallEvent;
        evolve(state, e);
        events.push(e);
      }
      return true;
    } catch {
      return false;
    }
  };
  config.windows.forEach((w, i) => run({ type: 'SignIn', at: t, windowId: w.id, staffId: config.staff[i]!.id, post: 'A' }));
  // Services that some window serves, weighted so the prefixes' daily 999 limit is not reached.
  const services = config.services.filter((s) => !s.dailyCap).map((s) => s.id);
  let issued = 0;
  while (issued < tickets) {
    t += Math.floor(avgStepMs * 0.2 + rnd() * avgStepMs * 1.6);
    if (run({ type: 'IssueTicket', at: t, ticketId: `${day.replaceAll('-', '')}-${issued}`, serviceId: services[issued % services.length]!, priority: rnd() < 0.05 })) issued++;
    for (const w of config.windows) {
      const win = state.windows.get(w.id)!;
      const cur = win.currentTicketId ? state.tickets.get(win.currentTicketId) : undefined;
      const base = { at: t, windowId: w.id, staffId: win.staffId! };
      if (!cur) run({ type: 'CallNext', ...base });
      else if (cur.status === 'called') {
        if (rnd() < 0.3 && cur.calls < 3) run({ type: 'Recall', ...base });
        else if (rnd() < 0.03) run({ type: 'MarkNoShow', ...base });
        else run({ type: 'StartService', ...base });
      } else if (rnd() < 0.4) {
        run({ type: 'FinishService', ...base, outcome: rnd() < 0.9 ? 'done' : 'one-time-notice' });
        if (rnd() < 0.9) run({ type: 'RateTicket', at: t, ticketId: cur.id, score: rnd() < 0.9 ? 5 : 3 });
        if (rnd() < 0.1) {
          run({ type: 'Pause', ...base, reason: 'break', note: '', expectedBackAt: null });
          run({ type: 'Resume', ...base });
        }
      }
    }
  }
  return events;
}

export function writeDay(dataDir: string, day: string, events: HallEvent[]) {
  const dir = join(dataDir, 'journal');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${day}.jsonl`), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

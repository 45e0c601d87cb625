import type { HallEvent, HallEventBody } from '../../shared/events.ts';
import { localTimeToMs, toIso, addDays } from '../../shared/time.ts';
import { prng } from '../../tools/sim/random.ts';

const TZ = 'Asia/Shanghai';


/**
 * A business day of the demo hall's events, made up from a seed: sign-ins, tickets of services
 * A, B, C and E, calls after waits of whole and odd seconds (many equal values, so nearest ranks
 * fall on ties), service, no-shows, transfers, recalls; the last tickets still waiting. With
 * `close` the day ends with its DayClosed just after midnight, as the hub journals it.
 */
export function syntheticDay(day: string, tickets: number, seed: number, opts: { close?: boolean; gapMs?: number } = {}): HallEvent[] {
  const rnd = prng(seed);
  const out: { ms: number; body: HallEventBody }[] = [];
  const at = (hhmm: string) => localTimeToMs(day, hhmm, TZ);
  const windows = [
    { id: 'W1', n: 1, staff: 'S01', name: '张敏', services: ['A', 'E'] },
    { id: 'W3', n: 3, staff: 'S03', name: '王芳', services: ['B', 'E'] },
    { id: 'W4', n: 4, staff: 'S04', name: '刘洋', services: ['C', 'B'] },
  ];
  for (const w of windows) {
    out.push({ ms: at('08:00') + Math.floor(rnd() * 600_000), body: { type: 'StaffSignedIn', data: { windowId: w.id, staffId: w.staff, windowNumber: w.n, staffName: w.name, post: 'A', takeoverFrom: null } } });
  }
  const services = ['A', 'B', 'C', 'E'];
  const waiting: string[] = [];
  let t = at('08:30');
  for (let i = 0; i < tickets; i++) {
    t += Math.floor(rnd() * (opts.gapMs ?? 90_000));
    const serviceId = services[Math.floor(rnd() * services.length)]!;
    const id = `${day.replaceAll('-', '')}-${seed}t${i}`;
    const number = `${serviceId}${String(i + 1).padStart(3, '0')}`;
    const w = windows.find((x) => x.services.includes(serviceId)) ?? windows[0]!;
    const of = { ticketId: id, number, serviceId };
    const atWin = { windowId: w.id, staffId: w.staff };
    out.push({ ms: t, body: { type: 'TicketIssued', data: { ...of, priority: rnd() < 0.1, businessDay: day } } });
    // The last few are never called: still waiting when the day ends.
    if (i >= tickets - 3) {
      waiting.push(id);
      continue;
    }
    // Waits in whole minutes half of the time: ties, where a rank off by one would show.
    const wait = rnd() < 0.5 ? Math.floor(rnd() * 40) * 60_000 : Math.floor(rnd() * 2_400_000);
    const called = t + wait;
    out.push({ ms: called, body: { type: 'TicketCalled', data: { ...of, ...atWin, windowNumber: w.n, post: 'A' } } });
    const fate = rnd();
    if (fate < 0.08) {
      out.push({ ms: called + 60_000, body: { type: 'TicketRecalled', data: { ...of, ...atWin, windowNumber: w.n } } });
      out.push({ ms: called + 120_000, body: { type: 'TicketNoShow', data: { ...of, ...atWin } } });
      continue;
    }
    const start = called + Math.floor(rnd() * 90_000);
    out.push({ ms: start, body: { type: 'ServiceStarted', data: { ...of, ...atWin } } });
    let svc = serviceId;
    let finishAt = start + Math.floor(rnd() * 1_500_000);
    if (fate < 0.15) {
      svc = serviceId === 'E' ? 'A' : 'E';
      out.push({ ms: start + 30_000, body: { type: 'TicketTransferred', data: { ...of, ...atWin, toServiceId: svc, reason: '' } } });
      const w2 = windows.find((x) => x.services.includes(svc))!;
      out.push({ ms: start + 90_000, body: { type: 'TicketCalled', data: { ...of, serviceId: svc, windowId: w2.id, staffId: w2.staff, windowNumber: w2.n, post: 'A' } } });
      out.push({ ms: start + 120_000, body: { type: 'ServiceStarted', data: { ...of, serviceId: svc, windowId: w2.id, staffId: w2.staff } } });
      finishAt = start + 120_000 + Math.floor(rnd() * 900_000);
      out.push({ ms: finishAt, body: { type: 'ServiceFinished', data: { ...of, serviceId: svc, windowId: w2.id, staffId: w2.staff, outcome: 'done' } } });
      continue;
    }
    // Now and then a forgotten finish: a service of hours, which the reports flag as suspect.
    if (fate > 0.985) finishAt = start + 3 * 3_600_000;
    out.push({ ms: finishAt, body: { type: 'ServiceFinished', data: { ...of, ...atWin, outcome: rnd() < 0.9 ? 'done' : 'one-time-notice' } } });
    if (rnd() < 0.3) out.push({ ms: finishAt + 20_000, body: { type: 'TicketRated', data: { ticketId: id, number, score: 1 + Math.floor(rnd() * 5), ...atWin } } });
  }
  out.sort((a, b) => a.ms - b.ms);
  const end = localTimeToMs(addDays(day, 1), '00:00', TZ);
  const events: HallEvent[] = out.filter((x) => x.ms < end - 1000).map((x, i) => ({ ...x.body, seq: i + 1, at: toIso(x.ms, TZ) }) as HallEvent);
  if (opts.close ?? true) {
    events.push({ type: 'DayClosed', seq: events.length + 1, at: toIso(end + 500, TZ), data: { businessDay: day, abandonedTicketIds: waiting } } as HallEvent);
  }
  return events;
}

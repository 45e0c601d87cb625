import type { HallConfig, WindowConfig } from '../../shared/config.ts';
import { addDays, localTimeToMs } from '../../shared/time.ts';
import { Agenda } from './agenda.ts';
import { arrivalTimes } from './arrivals.ts';
import type { SimDriver } from './driver.ts';
import { between, lognormal, weighted, type Rnd } from './random.ts';

/**
 * One business day of a hall, played through a driver: visitors arrive on the day's profile,
 * windows open at 08:00, call, serve (lognormal around each service's target), now and then
 * see a no-show, transfer a visitor, pause for a break with their B post or a floater covering,
 * close for lunch, and after 17:30 serve whoever still waits until 18:00.
 */
export interface DayOptions {
  tickets: number;
  rnd: Rnd;
  /** Relative share of arrivals per service id; services not listed weigh 1. */
  mix?: Record<string, number>;
}

export interface DayResult {
  ticketIds: string[];
  refused: number;
}

const S = 1000;
const MIN = 60 * S;

interface Win {
  cfg: WindowConfig;
  owner: string;
  staff: string | null;
  state: 'closed' | 'idle' | 'busy' | 'paused';
  pending: boolean;
  leaving: 'lunch' | 'evening' | 'handback' | null;
  pauses: number;
  cover: boolean;
}

export async function simulateDay(driver: SimDriver, hall: HallConfig, day: string, opts: DayOptions): Promise<DayResult> {
  const { rnd } = opts;
  const tz = hall.hall.timezone;
  const T = (hhmm: string) => localTimeToMs(day, hhmm, tz);
  const agenda = new Agenda();
  const result: DayResult = { ticketIds: [], refused: 0 };
  const targets = new Map(hall.services.map((s) => [s.id, s]));
  const posted = new Set(hall.windows.map((w) => w.postA).filter(Boolean));
  const floaters = hall.staff.filter((s) => s.role === 'staff' && !posted.has(s.id)).map((s) => s.id);
  const spare = [...floaters];
  const wins: Win[] = hall.windows.flatMap((cfg) => {
    const owner = cfg.postA ?? spare.shift();
    return owner ? [{ cfg, owner, staff: null, state: 'closed', pending: false, leaving: null, pauses: 0, cover: false } as Win] : [];
  });
  const atWork = new Set<string>();
  const lunch = T('12:00');
  const lastCall = T('17:30');
  const hardStop = T('18:00');

  const signIn = async (w: Win, staff: string, post: 'A' | 'B') => {
    const r = await driver.act(staff, w.cfg.id, 'sign-in', { post });
    if (!r.ok) return;
    Object.assign(w, { staff, state: 'idle', cover: staff !== w.owner });
    atWork.add(staff);
    soon(w, between(rnd, 5, 40) * S);
  };
  const signOut = async (w: Win) => {
    if (!w.staff) return;
    await driver.act(w.staff, w.cfg.id, 'sign-out');
    atWork.delete(w.staff);
    Object.assign(w, { staff: null, state: 'closed', cover: false });
  };
  const soon = (w: Win, ms: number) => {
    if (w.pending) return;
    w.pending = true;
    agenda.after(ms, () => tryCall(w));
  };
  const wake = (serviceId: string) => {
    for (const w of wins) if (w.state === 'idle' && w.cfg.serviceIds.includes(serviceId)) soon(w, between(rnd, 3, 40) * S);
  };

  const leave = async (w: Win) => {
    const why = w.leaving;
    w.leaving = null;
    if (why === 'handback') {
      await signOut(w);
      if (agenda.now < lunch || agenda.now >= T('14:30')) await signIn(w, w.owner, 'A');
      return;
    }
    await signOut(w);
    atWork.delete(w.owner);
    if (why === 'lunch') agenda.at(T('14:25') + between(rnd, 0, 10) * MIN, () => signIn(w, w.owner, 'A'));
  };

  const tryCall = async (w: Win) => {
    w.pending = false;
    if (w.state !== 'idle' || !w.staff) return;
    if (w.leaving) return leave(w);
    const r = await driver.act(w.staff, w.cfg.id, 'call-next');
    if (!r.ok) {
      if (agenda.now >= lastCall) {
        w.leaving = 'evening';
        return leave(w);
      }
      // Arrivals wake idle windows; the look every few minutes covers a wake that found nobody.
      return soon(w, between(rnd, 3, 6) * MIN);
    }
    w.state = 'busy';
    serve(w, r.body.ticket.id as string, r.body.ticket.serviceId as string);
  };

  const serve = (w: Win, ticketId: string, serviceId: string) => {
    const staff = w.staff!;
    if (rnd() < 0.04) {
      agenda.after(between(rnd, 45, 75) * S, async () => void (await driver.act(staff, w.cfg.id, 'recall')));
      agenda.after(between(rnd, 140, 200) * S, async () => {
        await driver.act(staff, w.cfg.id, 'no-show');
        done(w);
      });
      return;
    }
    const startIn = between(rnd, 15, 75) * S;
    const target = (targets.get(serviceId)?.targetServiceMin ?? 10) * MIN;
    // A staffer now and then forgets to press "finish" until hours later: the reports flag it.
    const length = rnd() < 0.003 ? between(rnd, 130, 170) * MIN : Math.max(30 * S, lognormal(rnd, target * 0.85, 0.45));
    agenda.after(startIn, async () => void (await driver.act(staff, w.cfg.id, 'start')));
    const others = hall.services.filter((s) => s.id !== serviceId);
    if (others.length && rnd() < 0.03) {
      const to = others[Math.floor(rnd() * others.length)]!.id;
      agenda.after(startIn + Math.min(length / 3, 3 * MIN), async () => {
        await driver.act(staff, w.cfg.id, 'transfer', { serviceId: to });
        wake(to);
        done(w);
      });
      return;
    }
    agenda.after(startIn + length, async () => {
      const outcome = weighted(rnd, [['done', 90], ['one-time-notice', 7], ['not-accepted', 3]] as const);
      await driver.act(staff, w.cfg.id, 'finish', { outcome });
      if (rnd() < 0.6) {
        const score = weighted(rnd, [[5, 62], [4, 24], [3, 9], [2, 3], [1, 2]] as const);
        agenda.after(between(rnd, 10, 60) * S, async () => void (await driver.rate(ticketId, score)));
      }
      done(w);
    });
  };

  const done = (w: Win) => {
    w.state = 'idle';
    const now = agenda.now;
    if (now >= hardStop) w.leaving ??= 'evening';
    if (w.leaving) return void agenda.after(between(rnd, 5, 30) * S, () => leave(w));
    const breakTime = (now > T('09:00') && now < T('11:30')) || (now > T('15:00') && now < T('17:00'));
    if (!w.cover && w.pauses < 2 && breakTime && rnd() < 0.02) return void pause(w);
    soon(w, between(rnd, 5, 30) * S);
  };

  const pause = async (w: Win) => {
    const away = between(rnd, 8, 25) * MIN;
    const back = agenda.now + away;
    const reason = weighted(rnd, [['break', 5], ['errand', 3], ['meeting', 2]] as const);
    const r = await driver.act(w.staff!, w.cfg.id, 'pause', { reason, note: '', expectedBackAt: new Date(back).toISOString() });
    if (!r.ok) return soon(w, 10 * S);
    w.state = 'paused';
    w.pauses += 1;
    const coverBy = [w.cfg.postB, ...floaters].find((s) => s && s !== w.owner && !atWork.has(s));
    if (coverBy && rnd() < 0.6) {
      atWork.add(coverBy);
      agenda.after(between(rnd, 1, 3) * MIN, () => (w.state === 'paused' ? signIn(w, coverBy, 'B') : void atWork.delete(coverBy)));
    }
    agenda.at(back, async () => {
      if (w.state === 'closed' || w.leaving) return;
      if (w.cover) {
        w.leaving = 'handback';
        if (w.state === 'idle') await leave(w);
      } else if (w.state === 'paused') {
        await driver.act(w.staff!, w.cfg.id, 'resume');
        w.state = 'idle';
        soon(w, between(rnd, 5, 20) * S);
      }
    });
  };

  for (const w of wins) agenda.at(T('07:55') + between(rnd, 0, 10) * MIN, () => signIn(w, w.owner, 'A'));
  for (const w of wins) {
    agenda.at(lunch + between(rnd, 0, 4) * MIN, async () => {
      if (w.state === 'closed') return;
      w.leaving = 'lunch';
      if (w.state === 'idle' || w.state === 'paused') await leave(w);
    });
  }
  const mix = hall.services.map((s) => [s.id, opts.mix?.[s.id] ?? 1] as const);
  for (const at of arrivalTimes(rnd, day, tz, opts.tickets)) {
    agenda.at(at, async () => {
      const serviceId = weighted(rnd, mix);
      const priority = targets.get(serviceId)?.allowPriority !== false && rnd() < 0.05;
      const t = await driver.issue(serviceId, priority);
      if (!t) return void (result.refused += 1);
      result.ticketIds.push(t.id);
      wake(serviceId);
    });
  }
  await agenda.run((at) => driver.until(at));
  await driver.endDay(day, localTimeToMs(addDays(day, 1), '00:00', tz));
  return result;
}

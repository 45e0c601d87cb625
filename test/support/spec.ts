import { expect } from 'vitest';
import type { Command } from '../../shared/commands.ts';
import { hallConfigSchema, type HallConfig, type HallConfigInput } from '../../shared/config.ts';
import { decide } from '../../shared/decide.ts';
import { DomainError } from '../../shared/errors.ts';
import { EVENT_TYPES, type HallEvent, type HallEventBody, type Outcome, type PauseReason, type Post } from '../../shared/events.ts';
import { evolve, initialState, type HallState } from '../../shared/state.ts';
import { localTimeToMs, toIso } from '../../shared/time.ts';

/**
 * Given / when / then for the hall's decider, after emmett's DeciderSpecification:
 *   spec().given(history).when(command).then(events) or .thenThrows(code).
 * History items are commands (decided and folded, as the hub does) or event bodies (folded as
 * they are); each gets a gap-free seq and an `at` from the fake clock.
 */

export const TZ = 'Asia/Shanghai';
export const DAY = '2026-11-23';

/** A local wall time ("HH:MM" or "HH:MM:SS") on the spec day (or `day`), in ms. */
export function at(hhmmss: string, day = DAY): number {
  const [hh, mm, ss = '0'] = hhmmss.split(':');
  return localTimeToMs(day, `${hh}:${mm}`, TZ) + Number(ss) * 1000;
}

/** A small hall: A and B share windows 1 and 2 in opposite preference; C is capped; D has no green channel and a cut-off. */
export const specHallInput: HallConfigInput = {
  hall: { name: '测试镇便民服务中心', timezone: TZ, hours: [['08:00', '12:00'], ['14:30', '17:30']], priorityMaxConsecutive: 2 },
  services: [
    { id: 'A', name: '社保', prefix: 'A' },
    { id: 'B', name: '医保', prefix: 'B' },
    { id: 'C', name: '不动产', prefix: 'C', dailyCap: 3 },
    { id: 'D', name: '税务', prefix: 'D', allowPriority: false, issueUntil: '16:00' },
  ],
  windows: [
    { id: 'W1', number: 1, name: '综合窗口1', serviceIds: ['A', 'B'], postA: 'S01', postB: 'S02' },
    { id: 'W2', number: 2, name: '综合窗口2', serviceIds: ['B', 'A'], postA: 'S03', postB: 'S04' },
    { id: 'W3', number: 3, name: '不动产窗口', serviceIds: ['C'], postA: 'S05' },
    { id: 'W4', number: 4, name: '税务窗口', serviceIds: ['D', 'C'], postA: 'S06' },
  ],
  staff: [
    { id: 'S01', name: '张三', pin: '100001', role: 'staff' },
    { id: 'S02', name: '李四', pin: '100002', role: 'staff' },
    { id: 'S03', name: '王五', pin: '100003', role: 'staff' },
    { id: 'S04', name: '赵六', pin: '100004', role: 'staff' },
    { id: 'S05', name: '孙七', pin: '100005', role: 'staff' },
    { id: 'S06', name: '周八', pin: '100006', role: 'staff' },
    { id: 'M01', name: '王主任', pin: '900001', role: 'manager' },
  ],
};

export function hallConfig(input: HallConfigInput = specHallInput): HallConfig {
  const f = hallConfigSchema.parse(input);
  return { ...f, staff: f.staff.map(({ pin: _pin, ...s }) => s) };
}
export const specHall: HallConfig = hallConfig();

/** An event body with an optional instant; without one it happens a second after the last. */
export type GivenEvent = HallEventBody & { at?: number };
export type Given = Command | GivenEvent;

const eventTypes = new Set<string>(EVENT_TYPES);
const isEvent = (g: Given): g is GivenEvent => eventTypes.has(g.type);

/** Folds history into a state as the hub would, keeping the stamped events for inspection. */
export class Replay {
  readonly state: HallState;
  readonly events: HallEvent[] = [];
  private clock = at('08:00');

  constructor(readonly config: HallConfig = specHall) {
    this.state = initialState(config);
  }

  /** Stamps bodies with seq and `at`, folds them, and returns them. */
  fold(bodies: HallEventBody[], ms: number): HallEvent[] {
    this.clock = ms;
    const iso = toIso(ms, this.config.hall.timezone);
    const stamped = bodies.map((b, i) => ({ ...b, seq: this.state.seq + 1 + i, at: iso }) as HallEvent);
    for (const e of stamped) {
      evolve(this.state, e);
      this.events.push(e);
    }
    return stamped;
  }

  /** Decides a command on the current state and folds what it causes. Throws a DomainError as decide does. */
  run(command: Command): HallEvent[] {
    return this.fold(decide(command, this.state, this.config), command.at);
  }

  apply(...history: Given[]): this {
    for (const g of history) {
      if (isEvent(g)) {
        const { at: ms, ...body } = g;
        this.fold([body as HallEventBody], ms ?? this.clock + 1000);
      } else {
        this.run(g);
      }
    }
    return this;
  }
}

export function spec(config: HallConfig = specHall) {
  return {
    given(...history: Given[]) {
      const replay = new Replay(config).apply(...history);
      return {
        state: replay.state,
        when(command: Command) {
          return {
            /** The command causes exactly these events, in order; returns the state after them. */
            then(expected: HallEventBody[]): HallState {
              const actual = decide(command, replay.state, config);
              expect(actual).toEqual(expected);
              replay.fold(actual, command.at);
              return replay.state;
            },
            /** The command is refused with this code, and the state is left as it was. */
            thenThrows(code: string): DomainError {
              const seq = replay.state.seq;
              let caught: unknown;
              try {
                decide(command, replay.state, config);
              } catch (err) {
                caught = err;
              }
              expect(caught, `expected ${command.type} to be refused with ${code}`).toBeInstanceOf(DomainError);
              const err = caught as DomainError;
              expect(err.code).toBe(code);
              expect(err.zh.length).toBeGreaterThan(0);
              expect(err.en.length).toBeGreaterThan(0);
              expect(replay.state.seq).toBe(seq);
              return err;
            },
          };
        },
      };
    },
  };
}

/** Command builders: the instant comes last and defaults to 09:00 on the spec day. */
const w = (windowId: string, staffId: string) => ({ windowId, staffId });
export const issue = (ticketId: string, serviceId: string, ms = at('09:00'), priority = false): Command =>
  ({ type: 'IssueTicket', at: ms, ticketId, serviceId, priority });
export const signIn = (windowId: string, staffId: string, post: Post = 'A', ms = at('09:00'), handover?: boolean): Command =>
  ({ type: 'SignIn', at: ms, ...w(windowId, staffId), post, ...(handover === undefined ? {} : { handover }) });
export const signOut = (windowId: string, staffId: string, ms = at('09:00')): Command => ({ type: 'SignOut', at: ms, ...w(windowId, staffId) });
export const callNext = (windowId: string, staffId: string, ms = at('09:00')): Command => ({ type: 'CallNext', at: ms, ...w(windowId, staffId) });
export const recall = (windowId: string, staffId: string, ms = at('09:00')): Command => ({ type: 'Recall', at: ms, ...w(windowId, staffId) });
export const start = (windowId: string, staffId: string, ms = at('09:00')): Command => ({ type: 'StartService', at: ms, ...w(windowId, staffId) });
export const finish = (windowId: string, staffId: string, outcome: Outcome = 'done', ms = at('09:00')): Command =>
  ({ type: 'FinishService', at: ms, ...w(windowId, staffId), outcome });
export const noShow = (windowId: string, staffId: string, ms = at('09:00')): Command => ({ type: 'MarkNoShow', at: ms, ...w(windowId, staffId) });
export const transfer = (windowId: string, staffId: string, serviceId: string, reason = '', ms = at('09:00')): Command =>
  ({ type: 'Transfer', at: ms, ...w(windowId, staffId), serviceId, reason });
export const pause = (windowId: string, staffId: string, reason: PauseReason = 'break', note = '', expectedBackAt: string | null = null, ms = at('09:00')): Command =>
  ({ type: 'Pause', at: ms, ...w(windowId, staffId), reason, note, expectedBackAt });
export const resume = (windowId: string, staffId: string, ms = at('09:00')): Command => ({ type: 'Resume', at: ms, ...w(windowId, staffId) });
export const rate = (ticketId: string, score: number, ms = at('09:00')): Command => ({ type: 'RateTicket', at: ms, ticketId, score });
export const closeDay = (businessDay: string, ms: number): Command => ({ type: 'CloseDay', at: ms, businessDay });

/** The `data` of an issued ticket, for expected events. */
export const ref = (ticketId: string, number: string, serviceId: string) => ({ ticketId, number, serviceId });

/** The TicketCalled an expected call produces. */
export const called = (t: ReturnType<typeof ref>, windowId: string, staffId: string, windowNumber: number, post: Post = 'A'): HallEventBody =>
  ({ type: 'TicketCalled', data: { ...t, windowId, staffId, windowNumber, post } });

/** Calls and finishes tickets at a window until its queue is empty; the numbers in call order. */
export function drain(replay: Replay, windowId: string, staffId: string, ms = at('10:00')): string[] {
  const numbers: string[] = [];
  for (let i = 0; i < 1000; i++) {
    let calledNow: HallEvent[];
    try {
      calledNow = replay.run(callNext(windowId, staffId, ms + i * 2000));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'QUEUE_EMPTY') return numbers;
      throw err;
    }
    const e = calledNow[0];
    if (e?.type !== 'TicketCalled') throw new Error(`expected TicketCalled, got ${e?.type}`);
    numbers.push(e.data.number);
    replay.run(finish(windowId, staffId, 'done', ms + i * 2000 + 1000));
  }
  throw new Error('queue never emptied');
}

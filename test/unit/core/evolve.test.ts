import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type HallEventBody } from '../../../shared/events.ts';
import { LOBBY_EVENT_TYPES } from '../../../shared/lobbyEvents.ts';
import { evolve, initialState } from '../../../shared/state.ts';
import { at, DAY, Replay, ref, specHall, type GivenEvent } from '../../support/spec.ts';

// evolve folds journaled events as they are, without judging them: given events, then state.
const A001 = ref('a1', 'A001', 'A');
const atW1 = { windowId: 'W1', staffId: 'S01' };
const iso = (hhmm: string) => `${DAY}T${hhmm}:00.000+08:00`;

const ev = {
  issued: (priority = false, ms = at('08:00')): GivenEvent => ({ type: 'TicketIssued', data: { ...A001, priority, businessDay: DAY }, at: ms }),
  signedIn: (ms = at('08:30')): GivenEvent => ({
    type: 'StaffSignedIn', data: { ...atW1, windowNumber: 1, staffName: '张三', post: 'B', takeoverFrom: null }, at: ms,
  }),
  called: (ms = at('09:00')): GivenEvent => ({ type: 'TicketCalled', data: { ...A001, ...atW1, windowNumber: 1, post: 'B' }, at: ms }),
  started: (ms = at('09:02')): GivenEvent => ({ type: 'ServiceStarted', data: { ...A001, ...atW1 }, at: ms }),
  finished: (ms = at('09:10')): GivenEvent => ({ type: 'ServiceFinished', data: { ...A001, ...atW1, outcome: 'not-accepted' }, at: ms }),
};
const given = (...events: GivenEvent[]) => new Replay().apply(...events).state;

describe('evolve, event by event', () => {
  it('TicketIssued: a waiting ticket with its issue time, counted for its service', () => {
    const s = given(ev.issued(true));
    expect(s.tickets.get('a1')).toEqual({
      id: 'a1', number: 'A001', serviceId: 'A', issuedServiceId: 'A', priority: true, businessDay: DAY, status: 'waiting',
      issuedAt: iso('08:00'), issuedMs: at('08:00'), calledAt: null, lastCalledAt: null, startedAt: null, finishedAt: null,
      windowId: null, staffId: null, post: null, outcome: null, rating: null, calls: 0, transfers: [],
      pinnedWindowId: null, appointmentId: null, slotStartMs: null, keyHash: null, issuedBy: null,
    });
    expect([...s.waiting]).toEqual(['a1']);
    expect(s.issuedPerService.get('A')).toBe(1);
    expect(s.businessDay).toBe(DAY);
    expect(s.seq).toBe(1);
    expect(s.lastAt).toBe(iso('08:00'));
  });

  it('TicketIssued of a new business day starts that day afresh', () => {
    const s = given(ev.issued(), {
      type: 'TicketIssued', data: { ticketId: 'n1', number: 'A001', serviceId: 'A', priority: false, businessDay: '2026-11-24' }, at: at('08:00', '2026-11-24'),
    });
    expect([...s.tickets.keys()]).toEqual(['n1']);
    expect(s.issuedPerService.get('A')).toBe(1);
    expect(s.businessDay).toBe('2026-11-24');
  });

  it('StaffSignedIn: the window opens with its staffer and post', () => {
    const s = given(ev.signedIn());
    expect(s.windows.get('W1')).toEqual({
      id: 'W1', number: 1, state: 'open', staffId: 'S01', staffName: '张三', post: 'B', since: iso('08:30'),
      currentTicketId: null, pause: null, priorityStreak: 0,
    });
    expect(s.staffWindow.get('S01')).toBe('W1');
  });

  it('TicketCalled: the ticket is called at the window, leaves the queue, and the priority streak counts', () => {
    const s = given(ev.issued(true), ev.signedIn(), ev.called());
    expect(s.tickets.get('a1')).toMatchObject({
      status: 'called', calledAt: iso('09:00'), lastCalledAt: iso('09:00'), windowId: 'W1', staffId: 'S01', post: 'B', calls: 1,
    });
    expect(s.waiting.size).toBe(0);
    expect(s.windows.get('W1')).toMatchObject({ currentTicketId: 'a1', priorityStreak: 1 });
    expect(given(ev.issued(false), ev.signedIn(), ev.called()).windows.get('W1')?.priorityStreak).toBe(0);
  });

  it('TicketRecalled: another call, the first call time kept', () => {
    const s = given(ev.issued(), ev.signedIn(), ev.called(), { type: 'TicketRecalled', data: { ...A001, ...atW1, windowNumber: 1 }, at: at('09:01') });
    expect(s.tickets.get('a1')).toMatchObject({ status: 'called', calledAt: iso('09:00'), lastCalledAt: iso('09:01'), calls: 2 });
  });

  it('ServiceStarted and ServiceFinished: serving, then done with its outcome, and the window is free', () => {
    const serving = given(ev.issued(), ev.signedIn(), ev.called(), ev.started());
    expect(serving.tickets.get('a1')).toMatchObject({ status: 'serving', startedAt: iso('09:02') });
    const done = given(ev.issued(), ev.signedIn(), ev.called(), ev.started(), ev.finished());
    expect(done.tickets.get('a1')).toMatchObject({ status: 'done', outcome: 'not-accepted', finishedAt: iso('09:10'), startedAt: iso('09:02') });
    expect(done.windows.get('W1')?.currentTicketId).toBeNull();
  });

  it('TicketNoShow: the ticket ends unserved and the window is free', () => {
    const s = given(ev.issued(), ev.signedIn(), ev.called(), { type: 'TicketNoShow', data: { ...A001, ...atW1 }, at: at('09:05') });
    expect(s.tickets.get('a1')).toMatchObject({ status: 'no-show', finishedAt: null });
    expect(s.windows.get('W1')?.currentTicketId).toBeNull();
  });

  it('TicketTransferred: waiting again in the new service, with the move recorded', () => {
    const s = given(ev.issued(), ev.signedIn(), ev.called(), ev.started(), {
      type: 'TicketTransferred', data: { ...A001, ...atW1, toServiceId: 'B', reason: '走错窗口' }, at: at('09:04'),
    });
    expect(s.tickets.get('a1')).toMatchObject({
      status: 'waiting', serviceId: 'B', issuedServiceId: 'A', issuedMs: at('08:00'), startedAt: null, calledAt: iso('09:00'),
      transfers: [{ fromServiceId: 'A', toServiceId: 'B', at: iso('09:04'), windowId: 'W1', staffId: 'S01', reason: '走错窗口' }],
    });
    expect(s.waiting.has('a1')).toBe(true);
    expect(s.windows.get('W1')?.currentTicketId).toBeNull();
  });

  it('TicketRequeued: waiting again at its place, its first call kept', () => {
    const s = given(ev.issued(), ev.signedIn(), ev.called(), { type: 'TicketRequeued', data: { ...A001, ...atW1 }, at: at('09:01') });
    expect(s.tickets.get('a1')).toMatchObject({ status: 'waiting', calledAt: iso('09:00'), issuedMs: at('08:00') });
    expect(s.waiting.has('a1')).toBe(true);
    expect(s.windows.get('W1')?.currentTicketId).toBeNull();
  });

  it('TicketRated: the score is kept on the ticket', () => {
    const s = given(ev.issued(), ev.signedIn(), ev.called(), ev.finished(), {
      type: 'TicketRated', data: { ticketId: 'a1', number: 'A001', score: 2, ...atW1 }, at: at('09:11'),
    });
    expect(s.tickets.get('a1')?.rating).toBe(2);
  });

  it('WindowPaused and WindowResumed: the notice is shown, then cleared', () => {
    const paused = given(ev.signedIn(), {
      type: 'WindowPaused', data: { ...atW1, reason: 'leave', note: '病假，李四顶岗', expectedBackAt: null }, at: at('10:00'),
    });
    expect(paused.windows.get('W1')).toMatchObject({
      state: 'paused', pause: { reason: 'leave', note: '病假，李四顶岗', expectedBackAt: null, since: iso('10:00') },
    });
    const resumed = given(ev.signedIn(), { type: 'WindowPaused', data: { ...atW1, reason: 'break', note: '', expectedBackAt: null }, at: at('10:00') },
      { type: 'WindowResumed', data: atW1, at: at('10:15') });
    expect(resumed.windows.get('W1')).toMatchObject({ state: 'open', pause: null, staffId: 'S01' });
  });

  it('StaffSignedOut: the window closes and the staffer is free', () => {
    const s = given(ev.signedIn(), { type: 'StaffSignedOut', data: { ...atW1, reason: 'sign-out' }, at: at('12:00') });
    expect(s.windows.get('W1')).toMatchObject({ state: 'closed', staffId: null, staffName: null, post: null, since: null });
    expect(s.staffWindow.size).toBe(0);
  });

  it('DayClosed: the listed tickets are abandoned, windows closed, the queue emptied', () => {
    const s = given(ev.issued(), ev.signedIn(), ev.called(), {
      type: 'TicketIssued', data: { ...ref('a2', 'A002', 'A'), priority: false, businessDay: DAY }, at: at('09:30'),
    }, { type: 'DayClosed', data: { businessDay: DAY, abandonedTicketIds: ['a1', 'a2'] }, at: at('00:00', '2026-11-24') });
    expect(s.tickets.get('a1')?.status).toBe('abandoned');
    expect(s.tickets.get('a2')?.status).toBe('abandoned');
    expect(s.waiting.size).toBe(0);
    expect(s.windows.get('W1')).toMatchObject({ state: 'closed', currentTicketId: null });
    expect(s.businessDay).toBeNull();
  });

  it('covers every event type there is', () => {
    const covered: HallEventBody['type'][] = [
      'TicketIssued', 'TicketCalled', 'TicketRecalled', 'ServiceStarted', 'ServiceFinished', 'TicketNoShow', 'TicketTransferred',
      'TicketRequeued', 'TicketRated', 'StaffSignedIn', 'StaffSignedOut', 'WindowPaused', 'WindowResumed', 'DayClosed',
      // The lobby's and appointments' events have their own specs: test/unit/core/lobbyEvolve.test.ts.
      ...LOBBY_EVENT_TYPES,
      // Voiding a flood: test/unit/core/voidTickets.test.ts.
      'TicketsVoided',
      // A reprint's fresh key: test/unit/core/ticketKeyReissue.test.ts.
      'TicketKeyReissued',
    ];
    expect([...EVENT_TYPES].sort()).toEqual([...covered].sort());
  });
});

describe('evolve on old journals', () => {
  it('replays a window that is no longer in the config', () => {
    const s = given({ type: 'StaffSignedIn', data: { windowId: 'W99', staffId: 'S01', windowNumber: 99, staffName: '张三', post: 'A', takeoverFrom: null }, at: at('08:00') });
    expect(s.windows.get('W99')).toMatchObject({ number: 99, state: 'open', staffId: 'S01' });
  });

  it('refuses an event about a ticket it never saw, rather than inventing one', () => {
    const s = initialState(specHall);
    expect(() => evolve(s, { seq: 1, at: iso('09:00'), type: 'ServiceStarted', data: { ...A001, ...atW1 } })).toThrow(/unknown ticket a1/);
  });
});

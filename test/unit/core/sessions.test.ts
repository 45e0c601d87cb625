import { describe, expect, it } from 'vitest';
import type { HallEventBody, Post } from '../../../shared/events.ts';
import {
  at, callNext, called, finish, issue, noShow, pause, recall, ref, resume, signIn, signOut, spec, start, transfer,
} from '../../support/spec.ts';

const signedIn = (windowId: string, windowNumber: number, staffId: string, staffName: string, post: Post, takeoverFrom: string | null = null): HallEventBody =>
  ({ type: 'StaffSignedIn', data: { windowId, staffId, windowNumber, staffName, post, takeoverFrom } });
const signedOut = (windowId: string, staffId: string, reason: 'sign-out' | 'taken-over' | 'day-closed'): HallEventBody =>
  ({ type: 'StaffSignedOut', data: { windowId, staffId, reason } });

const s01AtW1 = signIn('W1', 'S01', 'A', at('08:00'));
const w1Paused = [s01AtW1, pause('W1', 'S01', 'meeting', '三楼会议室', '2026-11-23T09:30:00.000+08:00', at('09:00'))];

describe('signing in', () => {
  it('opens a closed window in post A or post B', () => {
    const s = spec().given().when(signIn('W1', 'S01', 'A', at('08:00'))).then([signedIn('W1', 1, 'S01', '张三', 'A')]);
    expect(s.windows.get('W1')).toMatchObject({ state: 'open', staffId: 'S01', post: 'A', since: '2026-11-23T08:00:00.000+08:00' });
    expect(s.staffWindow.get('S01')).toBe('W1');
    spec().given().when(signIn('W1', 'S02', 'B', at('08:00'))).then([signedIn('W1', 1, 'S02', '李四', 'B')]);
  });

  it('again where one already is changes nothing', () => {
    spec().given(s01AtW1).when(signIn('W1', 'S01', 'A', at('08:05'))).then([]);
    spec().given(...w1Paused).when(signIn('W1', 'S01', 'A', at('09:05'))).then([]);
  });

  it('at a window another staffer holds open: WINDOW_TAKEN', () => {
    spec().given(s01AtW1).when(signIn('W1', 'S03', 'B', at('08:05'))).thenThrows('WINDOW_TAKEN');
    // The window's own B post too, unless they ask for a handover.
    spec().given(s01AtW1).when(signIn('W1', 'S02', 'B', at('08:05'))).thenThrows('WINDOW_TAKEN');
  });

  it('while holding another window: STAFF_AT_OTHER_WINDOW', () => {
    spec().given(s01AtW1).when(signIn('W2', 'S01', 'B', at('08:05'))).thenThrows('STAFF_AT_OTHER_WINDOW');
    spec().given(...w1Paused).when(signIn('W2', 'S01', 'B', at('09:05'))).thenThrows('STAFF_AT_OTHER_WINDOW');
  });

  it('elsewhere is allowed after signing out', () => {
    spec().given(s01AtW1, signOut('W1', 'S01', at('08:30'))).when(signIn('W2', 'S01', 'B', at('08:31')))
      .then([signedIn('W2', 2, 'S01', '张三', 'B')]);
  });

  it('of an unknown staffer or at an unknown window is refused', () => {
    spec().given().when(signIn('W1', 'X99')).thenThrows('UNKNOWN_STAFF');
    spec().given().when(signIn('W9', 'S01')).thenThrows('UNKNOWN_WINDOW');
  });

  it('records the post on every call made from it', () => {
    spec().given(issue('a1', 'A', at('08:00')), signIn('W1', 'S02', 'B', at('08:01'))).when(callNext('W1', 'S02', at('08:02')))
      .then([called(ref('a1', 'A001', 'A'), 'W1', 'S02', 1, 'B')]);
  });
});

describe('cover of a paused window', () => {
  it('the newcomer takes the window over and the pause ends', () => {
    const s = spec().given(...w1Paused).when(signIn('W1', 'S02', 'B', at('09:10'))).then([
      signedOut('W1', 'S01', 'taken-over'),
      signedIn('W1', 1, 'S02', '李四', 'B', 'S01'),
    ]);
    expect(s.windows.get('W1')).toMatchObject({ state: 'open', staffId: 'S02', post: 'B', pause: null });
    expect(s.staffWindow.has('S01')).toBe(false);
    expect(s.staffWindow.get('S02')).toBe('W1');
  });

  it('after which the one who paused can no longer act there', () => {
    spec().given(...w1Paused, signIn('W1', 'S02', 'B', at('09:10'))).when(resume('W1', 'S01', at('09:20'))).thenThrows('NOT_SIGNED_IN');
  });
});

describe('handover of an open window by its other post', () => {
  it('signs the holder out and the other post in, in one step', () => {
    spec().given(s01AtW1).when(signIn('W1', 'S02', 'B', at('12:00'), true)).then([
      signedOut('W1', 'S01', 'taken-over'),
      signedIn('W1', 1, 'S02', '李四', 'B', 'S01'),
    ]);
  });

  it('is refused to staff who hold neither post of the window', () => {
    spec().given(s01AtW1).when(signIn('W1', 'S03', 'B', at('12:00'), true)).thenThrows('WINDOW_TAKEN');
  });

  it('waits until the ticket in hand is finished', () => {
    spec().given(issue('a1', 'A', at('08:00')), s01AtW1, callNext('W1', 'S01', at('11:59')))
      .when(signIn('W1', 'S02', 'B', at('12:00'), true)).thenThrows('TICKET_IN_HAND');
  });
});

describe('pausing and resuming', () => {
  it('pauses with a reason, a whereabouts note and an expected return', () => {
    const s = spec().given(s01AtW1).when(pause('W1', 'S01', 'meeting', '三楼会议室', '2026-11-23T09:30:00.000+08:00', at('09:00'))).then([
      { type: 'WindowPaused', data: { windowId: 'W1', staffId: 'S01', reason: 'meeting', note: '三楼会议室', expectedBackAt: '2026-11-23T09:30:00.000+08:00' } },
    ]);
    expect(s.windows.get('W1')).toMatchObject({
      state: 'paused', staffId: 'S01',
      pause: { reason: 'meeting', note: '三楼会议室', expectedBackAt: '2026-11-23T09:30:00.000+08:00', since: '2026-11-23T09:00:00.000+08:00' },
    });
  });

  it('is refused while a ticket is in hand: TICKET_IN_HAND', () => {
    spec().given(issue('a1', 'A', at('08:00')), s01AtW1, callNext('W1', 'S01', at('08:30')))
      .when(pause('W1', 'S01', 'break', '', null, at('08:31'))).thenThrows('TICKET_IN_HAND');
  });

  it('resumes a paused window', () => {
    const s = spec().given(...w1Paused).when(resume('W1', 'S01', at('09:25')))
      .then([{ type: 'WindowResumed', data: { windowId: 'W1', staffId: 'S01' } }]);
    expect(s.windows.get('W1')).toMatchObject({ state: 'open', pause: null, staffId: 'S01' });
  });

  it('resume of a window that is not paused: NOT_PAUSED', () => {
    spec().given(s01AtW1).when(resume('W1', 'S01', at('09:00'))).thenThrows('NOT_PAUSED');
  });

  it('calling or pausing again while paused: WINDOW_PAUSED', () => {
    spec().given(issue('a1', 'A', at('08:00')), ...w1Paused).when(callNext('W1', 'S01', at('09:05'))).thenThrows('WINDOW_PAUSED');
    spec().given(...w1Paused).when(pause('W1', 'S01', 'break', '', null, at('09:05'))).thenThrows('WINDOW_PAUSED');
  });
});

describe('acting at a window one is not signed in to: NOT_SIGNED_IN', () => {
  const commands = [
    callNext('W1', 'S03', at('09:00')), recall('W1', 'S03', at('09:00')), start('W1', 'S03', at('09:00')),
    finish('W1', 'S03', 'done', at('09:00')), noShow('W1', 'S03', at('09:00')), transfer('W1', 'S03', 'B', '', at('09:00')),
    pause('W1', 'S03', 'break', '', null, at('09:00')), resume('W1', 'S03', at('09:00')), signOut('W1', 'S03', at('09:00')),
  ];
  for (const c of commands) {
    it(`${c.type} at a window held by someone else or by nobody`, () => {
      spec().given(issue('a1', 'A', at('08:00')), s01AtW1, callNext('W1', 'S01', at('08:30'))).when(c).thenThrows('NOT_SIGNED_IN');
      spec().given(issue('a1', 'A', at('08:00'))).when(c).thenThrows('NOT_SIGNED_IN');
    });
  }
});

describe('signing out', () => {
  it('closes the window', () => {
    const s = spec().given(s01AtW1).when(signOut('W1', 'S01', at('12:00'))).then([signedOut('W1', 'S01', 'sign-out')]);
    expect(s.windows.get('W1')).toMatchObject({ state: 'closed', staffId: null, post: null, pause: null });
    expect(s.staffWindow.size).toBe(0);
  });

  it('puts a called ticket back at its place in the queue, to be called next again', () => {
    const given = spec().given(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), s01AtW1, callNext('W1', 'S01', at('08:30')),
    );
    const s = given.when(signOut('W1', 'S01', at('08:31'))).then([
      { type: 'TicketRequeued', data: { ...ref('a1', 'A001', 'A'), windowId: 'W1', staffId: 'S01' } },
      signedOut('W1', 'S01', 'sign-out'),
    ]);
    expect(s.tickets.get('a1')).toMatchObject({ status: 'waiting' });
    expect(s.waiting.has('a1')).toBe(true);
    spec().given(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), s01AtW1, callNext('W1', 'S01', at('08:30')),
      signOut('W1', 'S01', at('08:31')), signIn('W2', 'S03', 'A', at('08:32')),
    ).when(callNext('W2', 'S03', at('08:33'))).then([called(ref('a1', 'A001', 'A'), 'W2', 'S03', 2)]);
  });

  it('is refused while a ticket is being served: TICKET_IN_SERVICE', () => {
    spec().given(issue('a1', 'A', at('08:00')), s01AtW1, callNext('W1', 'S01', at('08:30')), start('W1', 'S01', at('08:31')))
      .when(signOut('W1', 'S01', at('08:32'))).thenThrows('TICKET_IN_SERVICE');
  });

  it('is allowed while paused, and the pause ends with the session', () => {
    const s = spec().given(...w1Paused).when(signOut('W1', 'S01', at('09:05'))).then([signedOut('W1', 'S01', 'sign-out')]);
    expect(s.windows.get('W1')).toMatchObject({ state: 'closed', pause: null });
  });
});

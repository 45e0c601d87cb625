import { describe, expect, it } from 'vitest';
import { aheadInTurn, aheadOf, estimateWaitMin, waitingCount } from '../../../shared/queuePolicy.ts';
import {
  at, callNext, called, drain, hallConfig, issue, ref, Replay, signIn, spec, specHallInput, start, transfer,
} from '../../support/spec.ts';

// Spec hall: W1 serves [A, B], W2 serves [B, A], W3 serves [C], W4 serves [D, C];
// at most 2 priority calls in a row per window.

describe('which ticket a window calls next', () => {
  it('takes the window\u2019s first-preference service even when another service waited longer', () => {
    spec()
      .given(issue('b1', 'B', at('08:00')), issue('a1', 'A', at('08:10')), signIn('W1', 'S01'))
      .when(callNext('W1', 'S01', at('09:00')))
      .then([called(ref('a1', 'A001', 'A'), 'W1', 'S01', 1)]);
    spec()
      .given(issue('b1', 'B', at('08:00')), issue('a1', 'A', at('08:10')), signIn('W2', 'S03'))
      .when(callNext('W2', 'S03', at('09:00')))
      .then([called(ref('b1', 'B001', 'B'), 'W2', 'S03', 2)]);
  });

  it('falls back to its next service when nobody waits for the first', () => {
    spec()
      .given(issue('b1', 'B', at('08:00')), signIn('W1', 'S01'))
      .when(callNext('W1', 'S01', at('09:00')))
      .then([called(ref('b1', 'B001', 'B'), 'W1', 'S01', 1)]);
  });

  it('is first come, first served within a service', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')), issue('a3', 'A', at('08:02')), signIn('W1', 'S01'),
    );
    expect(drain(r, 'W1', 'S01')).toEqual(['A001', 'A002', 'A003']);
  });

  it('never gives a window a ticket of a service it does not serve', () => {
    spec()
      .given(issue('a1', 'A', at('08:00')), issue('b1', 'B', at('08:01')), issue('d1', 'D', at('08:02')), signIn('W3', 'S05'))
      .when(callNext('W3', 'S05', at('09:00')))
      .thenThrows('QUEUE_EMPTY');
    const r = new Replay().apply(issue('a1', 'A', at('08:00')), issue('c1', 'C', at('08:01')), issue('d1', 'D', at('08:02')), signIn('W4', 'S06'));
    expect(drain(r, 'W4', 'S06')).toEqual(['D001', 'C001']);
    expect(r.state.tickets.get('a1')?.status).toBe('waiting');
  });

  it('answers QUEUE_EMPTY when nobody waits at all', () => {
    spec().given(signIn('W1', 'S01')).when(callNext('W1', 'S01')).thenThrows('QUEUE_EMPTY');
  });
});

describe('the green channel (priority tickets)', () => {
  it('calls a priority ticket before regular tickets that came earlier', () => {
    spec()
      .given(issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:05'), true), signIn('W1', 'S01'))
      .when(callNext('W1', 'S01', at('09:00')))
      .then([called(ref('a2', 'A002', 'A'), 'W1', 'S01', 1)]);
  });

  it('goes first across the window\u2019s services, and among priority tickets keeps preference then time', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('b1', 'B', at('08:01'), true), issue('b2', 'B', at('08:02'), true),
      issue('a2', 'A', at('08:03'), true), signIn('W1', 'S01'),
    );
    expect(drain(r, 'W1', 'S01')).toEqual(['A002', 'B001', 'A001', 'B002']);
  });

  it('lets a regular ticket through after the configured number of priority calls in a row', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')),
      issue('p1', 'A', at('08:02'), true), issue('p2', 'A', at('08:03'), true), issue('p3', 'A', at('08:04'), true),
      issue('p4', 'A', at('08:05'), true), issue('p5', 'A', at('08:06'), true), signIn('W1', 'S01'),
    );
    // Cap 2: P P R P P R P.
    expect(drain(r, 'W1', 'S01')).toEqual(['A003', 'A004', 'A001', 'A005', 'A006', 'A002', 'A007']);
  });

  it('follows the hall\u2019s cap, whatever it is set to', () => {
    const config = hallConfig({ ...specHallInput, hall: { ...specHallInput.hall, priorityMaxConsecutive: 1 } });
    const r = new Replay(config).apply(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')),
      issue('p1', 'A', at('08:02'), true), issue('p2', 'A', at('08:03'), true), signIn('W1', 'S01'),
    );
    expect(drain(r, 'W1', 'S01')).toEqual(['A003', 'A001', 'A004', 'A002']);
  });

  it('still calls priority tickets past the cap when no regular ticket waits', () => {
    const r = new Replay().apply(
      issue('p1', 'A', at('08:00'), true), issue('p2', 'A', at('08:01'), true), issue('p3', 'B', at('08:02'), true), signIn('W1', 'S01'),
    );
    expect(drain(r, 'W1', 'S01')).toEqual(['A001', 'A002', 'B001']);
    expect(r.state.windows.get('W1')?.priorityStreak).toBe(3);
  });

  it('counts the streak per window: another window\u2019s priority calls do not hold this one back', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('p1', 'A', at('08:01'), true), issue('p2', 'A', at('08:02'), true),
      issue('p3', 'A', at('08:03'), true), signIn('W1', 'S01'), signIn('W2', 'S03'),
      callNext('W2', 'S03', at('09:00')), callNext('W1', 'S01', at('09:01')),
    );
    expect(r.state.windows.get('W2')?.priorityStreak).toBe(1);
    expect(r.state.windows.get('W1')?.priorityStreak).toBe(1);
  });
});

describe('a transferred ticket', () => {
  it('keeps its original issue time and goes ahead of later tickets of its new service', () => {
    spec()
      .given(
        issue('a1', 'A', at('08:00')), issue('b1', 'B', at('08:10')), issue('b2', 'B', at('08:20')),
        signIn('W1', 'S01'), callNext('W1', 'S01', at('08:30')), start('W1', 'S01', at('08:31')),
        transfer('W1', 'S01', 'B', '应办医保', at('08:40')), signIn('W2', 'S03'),
      )
      .when(callNext('W2', 'S03', at('08:45')))
      .then([called(ref('a1', 'A001', 'B'), 'W2', 'S03', 2)]);
  });

  it('waits behind tickets of its new service that were issued before it', () => {
    const r = new Replay().apply(
      issue('b1', 'B', at('08:00')), issue('a1', 'A', at('08:10')), issue('b2', 'B', at('08:20')),
      signIn('W1', 'S01'), callNext('W1', 'S01', at('08:30')), transfer('W1', 'S01', 'B', '', at('08:31')), signIn('W2', 'S03'),
    );
    expect(drain(r, 'W2', 'S03')).toEqual(['B001', 'A001', 'B002']);
  });
});

describe('queue figures for visitors', () => {
  it('counts who is ahead: earlier regular tickets of the same service and every priority ticket', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('b1', 'B', at('08:01')), issue('p1', 'A', at('08:02'), true),
      issue('a2', 'A', at('08:03')), issue('p2', 'A', at('08:04'), true),
    );
    const t = (id: string) => r.state.tickets.get(id)!;
    expect(aheadOf(r.state, t('a1'))).toBe(2);
    expect(aheadOf(r.state, t('a2'))).toBe(3);
    expect(aheadOf(r.state, t('p1'))).toBe(0);
    expect(aheadOf(r.state, t('p2'))).toBe(1);
    expect(aheadOf(r.state, t('b1'))).toBe(0);
    expect(waitingCount(r.state, 'A')).toBe(4);
    expect(waitingCount(r.state, 'B')).toBe(1);
  });

  it('counts, for a green-channel ticket, the regular tickets the no-starving rule calls in between', () => {
    const r = new Replay().apply(
      issue('a1', 'A', at('08:00')), issue('a2', 'A', at('08:01')),
      ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map((id, i) => issue(id, 'A', at(`08:1${i}`), true)),
    );
    const t = (id: string) => r.state.tickets.get(id)!;
    // Three priority calls in a row at most: p4 waits behind p1–p3 and one regular ticket.
    expect(aheadInTurn(r.state, t('p1'), 3)).toBe(0);
    expect(aheadInTurn(r.state, t('p3'), 3)).toBe(2);
    expect(aheadInTurn(r.state, t('p4'), 3)).toBe(4);
    // p7 is behind six priority tickets and both regular ones (only two wait).
    expect(aheadInTurn(r.state, t('p7'), 3)).toBe(8);
    // Regular tickets are unchanged: every priority ticket and the earlier regular ones.
    expect(aheadInTurn(r.state, t('a2'), 3)).toBe(aheadOf(r.state, t('a2')));
    expect(aheadInTurn(r.state, t('a2'), 3)).toBe(8);
  });

  it('estimates the wait by sharing the people ahead among open windows, never dividing by zero', () => {
    expect(estimateWaitMin(0, 10, 2)).toBe(0);
    expect(estimateWaitMin(3, 10, 2)).toBe(15);
    expect(estimateWaitMin(4, 10, 3)).toBe(14);
    expect(estimateWaitMin(2, 10, 0)).toBe(20);
  });

  it('counts the visitors in service: nobody at a busy window is told 0 minutes, priority tickets included', () => {
    // The only window is busy: the first in line (a green-channel ticket, 0 ahead) waits about half a service.
    expect(estimateWaitMin(0, 10, 1, 1)).toBe(5);
    // Two open windows, one busy, one free: the first in line goes at once, the second waits.
    expect(estimateWaitMin(0, 10, 2, 1)).toBe(0);
    expect(estimateWaitMin(1, 10, 2, 1)).toBe(8);
    // Both busy, three waiting ahead.
    expect(estimateWaitMin(3, 10, 2, 2)).toBe(20);
    // Free windows and nobody ahead of them: no wait.
    expect(estimateWaitMin(1, 10, 3, 0)).toBe(0);
  });
});

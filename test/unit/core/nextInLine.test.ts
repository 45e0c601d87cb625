import { describe, expect, it } from 'vitest';
import { nextInLine, waitingFor } from '../../../shared/nextInLine.ts';
import { at, callNext, drain, finish, issue, Replay, signIn, specHall } from '../../support/spec.ts';

// Spec hall: W1 serves [A, B], W2 serves [B, A], W3 serves [C]; at most 2 priority calls in a row.

function preview(r: Replay, windowId: string, limit = 20): string[] {
  const w = r.state.windows.get(windowId)!;
  const cfg = specHall.windows.find((x) => x.id === windowId)!;
  return nextInLine(r.state, w, cfg.serviceIds, specHall.hall.priorityMaxConsecutive, limit).map((t) => t.number);
}

describe('the queue a counter sees: what this window would call next, in order', () => {
  const mixedDay = () =>
    new Replay().apply(
      issue('b1', 'B', at('08:00')), issue('a1', 'A', at('08:01')), issue('a2', 'A', at('08:02')),
      issue('p1', 'B', at('08:03'), true), issue('p2', 'A', at('08:04'), true), issue('p3', 'A', at('08:05'), true),
      issue('c1', 'C', at('08:06')), issue('a3', 'A', at('08:07')),
      signIn('W1', 'S01'), signIn('W2', 'S03'),
    );

  // Expected orders are worked out by hand from the rules (README: preference of services, priority
  // first, a regular ticket after two priority calls in a row), not from pickNext, which both the
  // preview and the real calls use: a broken policy must not agree with itself here.
  it('is exactly the order in which the window then calls them', () => {
    const r = mixedDay();
    const shown = preview(r, 'W1');
    // Priority A003, A004; then the cap makes A001 due; then priority B002; then A, then B.
    expect(shown).toEqual(['A003', 'A004', 'A001', 'B002', 'A002', 'A005', 'B001']);
    expect(drain(r, 'W1', 'S01')).toEqual(shown);
  });

  it('follows each window\u2019s own preference of services', () => {
    const r = mixedDay();
    const w2 = preview(r, 'W2');
    // W2 prefers B: priority B002 before priority A003, then the cap makes B001 due before A004.
    expect(w2).toEqual(['B002', 'A003', 'B001', 'A004', 'A001', 'A002', 'A005']);
    expect(drain(r, 'W2', 'S03')).toEqual(w2);
  });

  it('carries the window\u2019s current run of priority calls, so a regular ticket is due after the cap', () => {
    // W1 has just called a priority ticket (p1 or p2): one more priority call, then a regular one.
    const r = mixedDay().apply(callNext('W1', 'S01', at('09:00')), finish('W1', 'S01', 'done', at('09:01')));
    expect(r.state.windows.get('W1')?.priorityStreak).toBe(1);
    const shown = preview(r, 'W1');
    expect(shown).toEqual(['A004', 'A001', 'B002', 'A002', 'A005', 'B001']);
    expect(drain(r, 'W1', 'S01', at('09:10'))).toEqual(shown);
  });

  it('changes nothing in the hall and stops at the limit', () => {
    const r = mixedDay();
    const before = [...r.state.waiting];
    expect(preview(r, 'W1', 3)).toHaveLength(3);
    expect([...r.state.waiting]).toEqual(before);
    expect(r.state.windows.get('W1')?.priorityStreak).toBe(0);
  });

  it('counts only the tickets of the window\u2019s services', () => {
    const r = mixedDay();
    expect(waitingFor(r.state, ['A', 'B'])).toBe(7);
    expect(waitingFor(r.state, ['C'])).toBe(1);
    expect(preview(r, 'W3')).toEqual(['C001']);
  });
});

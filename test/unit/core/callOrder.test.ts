import { describe, expect, it } from 'vitest';
import { nextInLine, waitingFor } from '../../../shared/nextInLine.ts';
import { aheadOf } from '../../../shared/queuePolicy.ts';
import { at, callNext, drain, finish, issue, Replay, signIn } from '../../support/spec.ts';
import { book, checkIn, lobbyHall, move, prioritise, slotIso } from '../../support/lobbySpec.ts';

// Call order within a service, for a window: priority (with the consecutive cap, 2 in the lobby
// hall) → checked-in bookings whose slot has started (by slot start, then check-in time) →
// everyone else by issue time. W1 serves [A, B], W2 [B, A].

const numbers = (r: Replay, windowId: string, ms: number) =>
  nextInLine(r.state, r.state.windows.get(windowId)!, lobbyHall.windows.find((w) => w.id === windowId)!.serviceIds, lobbyHall.hall.priorityMaxConsecutive, 20, ms).map((t) => t.number);

function hall() {
  return new Replay(lobbyHall).apply(
    book('ap9', '900000', slotIso('09:00'), '13800000009', at('07:00')),
    book('ap10', '100000', slotIso('10:00'), '13800000010', at('07:00')),
    book('ap95', '950000', slotIso('09:30'), '13800000095', at('07:00')),
    issue('w1', 'A', at('08:00')),
    issue('w2', 'A', at('08:10')),
    checkIn('900000', 'b9', at('08:35')), // A003, slot 09:00, came early
    issue('w3', 'A', at('08:40')),
    signIn('W1', 'S01', 'A', at('08:00')),
  );
}

describe('the call order with bookings', () => {
  it('a booking checked in early waits as an ordinary ticket until its slot starts', () => {
    const r = hall();
    expect(numbers(r, 'W1', at('08:59'))).toEqual(['A001', 'A002', 'A003', 'A004']);
    expect(aheadOf(r.state, r.state.tickets.get('b9')!, at('08:59'))).toBe(2);
  });

  it('from its slot\'s start it goes ahead of every walk-in', () => {
    const r = hall();
    expect(numbers(r, 'W1', at('09:00'))).toEqual(['A003', 'A001', 'A002', 'A004']);
    expect(aheadOf(r.state, r.state.tickets.get('b9')!, at('09:00'))).toBe(0);
    expect(aheadOf(r.state, r.state.tickets.get('w1')!, at('09:00'))).toBe(1);
    expect(r.run(callNext('W1', 'S01', at('09:00')))[0]!.data).toMatchObject({ number: 'A003' });
  });

  it('due bookings go by slot start, then check-in time', () => {
    const r = hall().apply(
      checkIn('100000', 'b10', at('09:40')), // slot 10:00, A005
      checkIn('950000', 'b95', at('09:44')), // slot 09:30 (late but within 15 min), A006
    );
    expect(numbers(r, 'W1', at('10:00'))).toEqual(['A003', 'A006', 'A005', 'A001', 'A002', 'A004']);
    expect(numbers(r, 'W1', at('09:45'))).toEqual(['A003', 'A006', 'A001', 'A002', 'A004', 'A005']);
  });

  it('priority tickets still go first, with their cap', () => {
    const r = hall().apply(issue('p1', 'A', at('08:50'), true), issue('p2', 'A', at('08:51'), true), issue('p3', 'A', at('08:52'), true));
    expect(drain(r, 'W1', 'S01', at('09:00'))).toEqual(['A005', 'A006', 'A003', 'A007', 'A001', 'A002', 'A004']);
  });

  it('the window\'s order of preference comes before a booking of its second service', () => {
    // W2 prefers B: a waiting B ticket goes before A's due booking.
    const r = hall().apply(issue('b1', 'B', at('08:55')), signIn('W2', 'S03', 'A', at('08:55')));
    expect(numbers(r, 'W2', at('09:05'))).toEqual(['B001', 'A003', 'A001', 'A002', 'A004']);
  });
});

describe('the call order with the lobby\'s departures', () => {
  it('a pinned ticket is in its window\'s order and no other window\'s', () => {
    const r = hall().apply(move('w2', null, 'W2', '熟客', at('08:50')), signIn('W2', 'S03', 'A', at('08:50')));
    expect(numbers(r, 'W1', at('08:55'))).toEqual(['A001', 'A003', 'A004']);
    expect(numbers(r, 'W2', at('08:55'))).toEqual(['A001', 'A002', 'A003', 'A004']);
    // The pinned ticket's own place counts only what its window could call before it.
    expect(aheadOf(r.state, r.state.tickets.get('w2')!, at('08:55'))).toBe(1);
  });

  it('a ticket moved into a service keeps its issue time there; a prioritised one goes first', () => {
    const r = hall().apply(issue('b1', 'B', at('08:05')), move('b1', 'A', null, '办错业务', at('08:50')), prioritise('w3', '轮椅', at('08:51')));
    expect(numbers(r, 'W1', at('08:55'))).toEqual(['A004', 'A001', 'B001', 'A002', 'A003']);
  });

  it('two windows never get the same pinned ticket', () => {
    const r = hall().apply(move('w1', null, 'W1', '指定', at('08:50')), signIn('W2', 'S03', 'A', at('08:50')));
    const first = r.run(callNext('W2', 'S03', at('08:56')))[0]!;
    expect(first.data).toMatchObject({ number: 'A002' });
    r.run(finish('W2', 'S03', 'done', at('08:57')));
    expect(numbers(r, 'W2', at('08:58'))).not.toContain('A001');
    expect(r.run(callNext('W1', 'S01', at('08:58')))[0]!.data).toMatchObject({ number: 'A001' });
  });
});

it('a window\'s waiting count leaves out tickets pinned to other windows', () => {
  const r = hall().apply(move('w2', null, 'W2', '熟客', at('08:50')));
  expect(waitingFor(r.state, ['A', 'B'], 'W1')).toBe(3);
  expect(waitingFor(r.state, ['B', 'A'], 'W2')).toBe(4);
  expect(waitingFor(r.state, ['A', 'B'])).toBe(4);
});

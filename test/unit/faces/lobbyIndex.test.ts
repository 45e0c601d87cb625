import { describe, expect, it } from 'vitest';
import { extendChoices, laterClock, reasonText } from '../../../lobby/reasons.ts';
import { TicketIndex, type IndexEvent } from '../../../lobby/ticketIndex.ts';

let minute = 0;
const at = () => `2026-11-23T09:${String(minute++).padStart(2, '0')}:00.000+08:00`;
const issued = (id: string, number: string, serviceId: string, extra: Record<string, unknown> = {}): IndexEvent =>
  ({ type: 'TicketIssued', at: at(), data: { ticketId: id, number, serviceId, priority: false, ...extra } });
const ev = (type: string, data: Record<string, unknown>): IndexEvent => ({ type, at: at(), data });

function given(...events: IndexEvent[]): TicketIndex {
  const ix = new TicketIndex();
  for (const e of events) ix.apply(e);
  return ix;
}

describe('the lobby finds a ticket by the number the visitor shows', () => {
  it('given A001 and A012 issued, when the lobby types "a12" or " A012 ", then it finds A012, and nothing for a number not issued', () => {
    const ix = given(issued('t1', 'A001', 'A'), issued('t2', 'A012', 'A'));
    expect(ix.find('a12')?.id).toBe('t2');
    expect(ix.find(' A012 ')?.id).toBe('t2');
    expect(ix.find('A1')?.id).toBe('t1');
    expect(ix.find('B012')).toBeNull();
    expect(ix.find('A013')).toBeNull();
    expect(ix.find('??')).toBeNull();
  });

  it('given a day closed, then yesterday\'s numbers are not found', () => {
    const ix = given(issued('t1', 'A001', 'A'), ev('DayClosed', { businessDay: '2026-11-23' }));
    expect(ix.find('A001')).toBeNull();
  });
});

describe('the lobby lists who waits in a service', () => {
  it('given tickets called, moved, transferred, cancelled and requeued, then the list holds exactly those waiting there, in issue order', () => {
    const ix = given(
      issued('t1', 'A001', 'A'), issued('t2', 'A002', 'A'), issued('t3', 'A003', 'A'), issued('t4', 'A004', 'A'), issued('t5', 'B001', 'B'),
      ev('TicketCalled', { ticketId: 't1', windowId: 'W1' }),
      ev('TicketMoved', { ticketId: 't2', toServiceId: 'B', toWindowId: null, reason: 'x' }),
      ev('TicketCancelled', { ticketId: 't3', reason: 'left' }),
      ev('TicketTransferred', { ticketId: 't5', toServiceId: 'A' }),
    );
    expect(ix.waitingIn('A').map((t) => t.number)).toEqual(['A004', 'B001']);
    expect(ix.waitingIn('B').map((t) => t.number)).toEqual(['A002']);
    expect(ix.get('t2')?.moved).toBe(true);
    expect(ix.get('t3')?.status).toBe('cancelled');
    ix.apply(ev('TicketRequeued', { ticketId: 't1' }));
    expect(ix.waitingIn('A').map((t) => t.number)).toEqual(['A001', 'A004', 'B001']);
  });

  it('marks a pin, a green-channel ticket and a booked one; a pin without a new service is not a move', () => {
    const ix = given(
      issued('t1', 'A001', 'A'), issued('t2', 'A002', 'A', { slotStart: '2026-11-23T10:00:00.000+08:00' }),
      ev('TicketMoved', { ticketId: 't1', toServiceId: 'A', toWindowId: 'W2', reason: 'r' }),
      ev('TicketPrioritised', { ticketId: 't1', reason: 'elderly' }),
    );
    expect(ix.get('t1')).toMatchObject({ pinnedWindowId: 'W2', priority: true, moved: false });
    expect(ix.get('t2')?.slotStart).toBe('2026-11-23T10:00:00.000+08:00');
  });

  it('starts over from a snapshot, keeping only what is still in play as found', () => {
    const ix = given(issued('t1', 'A001', 'A'));
    ix.reset([{ id: 't9', number: 'C007', serviceId: 'C', status: 'waiting', priority: true, issuedAt: '2026-11-23T08:00:00.000+08:00' }]);
    expect(ix.find('A001')).toBeNull();
    expect(ix.find('c7')).toMatchObject({ id: 't9', priority: true, status: 'waiting' });
  });
});

describe('reasons and extension times', () => {
  it('sends the preset and what was typed, either alone, and nothing when both are empty', () => {
    expect(reasonText('老年人', '')).toBe('老年人');
    expect(reasonText(null, '  腿脚不便  ')).toBe('腿脚不便');
    expect(reasonText('老年人', '腿脚 不便')).toBe('老年人：腿脚 不便');
    expect(reasonText(null, '   ')).toBeNull();
  });

  it('offers extensions after the later of now and the cut-off, on quarter hours, never past midnight', () => {
    expect(extendChoices('15:02', '16:30')).toEqual(['17:00', '17:30', '18:00']);
    expect(extendChoices('16:40', '16:30')).toEqual(['17:15', '17:45', '18:15']);
    expect(extendChoices('23:20', null)).toEqual(['23:59']);
    expect(laterClock('23:50', 30)).toBe('23:59');
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_PER_DAY } from '../../../shared/decide.ts';
import type { HallEventBody } from '../../../shared/events.ts';
import { at, closeDay, DAY, hallConfig, issue, spec, specHallInput } from '../../support/spec.ts';

const issued = (ticketId: string, number: string, serviceId: string, businessDay = DAY, priority = false): HallEventBody => ({
  type: 'TicketIssued',
  data: { ticketId, number, serviceId, priority, businessDay },
});

describe('ticket numbers', () => {
  it('are the service prefix and three digits, starting at 001', () => {
    spec().given().when(issue('t1', 'A', at('08:00'))).then([issued('t1', 'A001', 'A')]);
  });

  it('count up per service, each service on its own', () => {
    spec()
      .given(issue('t1', 'A', at('08:00')), issue('t2', 'A', at('08:01')), issue('t3', 'B', at('08:02')))
      .when(issue('t4', 'A', at('08:03')))
      .then([issued('t4', 'A003', 'A')]);
    spec()
      .given(issue('t1', 'A', at('08:00')), issue('t2', 'A', at('08:01')))
      .when(issue('t3', 'B', at('08:02')))
      .then([issued('t3', 'B001', 'B')]);
  });

  it('count priority tickets in the same sequence as regular ones', () => {
    spec()
      .given(issue('t1', 'A', at('08:00')))
      .when(issue('t2', 'A', at('08:01'), true))
      .then([issued('t2', 'A002', 'A', DAY, true)]);
  });

  it('restart at 001 on the next local business day, even without a close', () => {
    spec()
      .given(issue('t1', 'A', at('23:58')), issue('t2', 'A', at('23:59')))
      .when(issue('t3', 'A', at('00:01', '2026-11-24')))
      .then([issued('t3', 'A001', 'A', '2026-11-24')]);
  });

  it('restart after the day is closed', () => {
    spec()
      .given(issue('t1', 'A', at('10:00')), issue('t2', 'A', at('11:00')), closeDay(DAY, at('00:00', '2026-11-24')))
      .when(issue('t3', 'A', at('08:00', '2026-11-24')))
      .then([issued('t3', 'A001', 'A', '2026-11-24')]);
  });

  it('follow the hall\u2019s local date, not UTC: 16:30Z on the 23rd is already the 24th in Shanghai', () => {
    const utcEvening = Date.parse('2026-11-23T16:30:00Z');
    expect(new Date(utcEvening).toISOString().slice(0, 10)).toBe('2026-11-23');
    spec()
      .given(issue('t1', 'A', Date.parse('2026-11-23T15:59:00Z')))
      .when(issue('t2', 'A', utcEvening))
      .then([issued('t2', 'A001', 'A', '2026-11-24')]);
  });

  it('stay in one business day from local midnight to local midnight even across the UTC date change', () => {
    // 07:59 local is 23:59Z of the previous UTC day; 08:01 local is the next UTC day.
    spec()
      .given(issue('t1', 'A', at('07:59')))
      .when(issue('t2', 'A', at('08:01')))
      .then([issued('t2', 'A002', 'A')]);
  });
});

describe('issuing is refused', () => {
  it('for an unknown service', () => {
    spec().given().when(issue('t1', 'Z')).thenThrows('UNKNOWN_SERVICE');
  });

  it('for a priority ticket where the service offers no green channel', () => {
    spec().given().when(issue('t1', 'D', at('09:00'), true)).thenThrows('PRIORITY_NOT_OFFERED');
    spec().given().when(issue('t1', 'D', at('09:00'), false)).then([issued('t1', 'D001', 'D')]);
  });

  it('once the daily cap is reached, and only for that service', () => {
    const full = spec().given(issue('t1', 'C', at('08:00')), issue('t2', 'C', at('08:01')), issue('t3', 'C', at('08:02')));
    full.when(issue('t4', 'C', at('08:03'))).thenThrows('SERVICE_FULL');
    full.when(issue('t4', 'A', at('08:03'))).then([issued('t4', 'A001', 'A')]);
  });

  it('at the cap, but the next day the service numbers again', () => {
    spec()
      .given(issue('t1', 'C', at('08:00')), issue('t2', 'C', at('08:01')), issue('t3', 'C', at('08:02')))
      .when(issue('t4', 'C', at('08:00', '2026-11-24')))
      .then([issued('t4', 'C001', 'C', '2026-11-24')]);
  });

  it('from the cut-off time on, and not a minute before', () => {
    spec().given().when(issue('t1', 'D', at('15:59:59'))).then([issued('t1', 'D001', 'D')]);
    spec().given().when(issue('t1', 'D', at('16:00'))).thenThrows('SERVICE_CUT_OFF');
    spec().given().when(issue('t1', 'D', at('17:00'))).thenThrows('SERVICE_CUT_OFF');
    // Services without a cut-off issue all day.
    spec().given().when(issue('t1', 'A', at('17:00'))).then([issued('t1', 'A001', 'A')]);
  });

  it('go on with four digits past 999 for a service with no daily cap: A1000, A1001', () => {
    const history: (HallEventBody & { at: number })[] = [];
    for (let i = 1; i <= 999; i++) {
      history.push({ ...issued(`t${i}`, `A${String(i).padStart(3, '0')}`, 'A'), at: at('08:00') + i * 1000 });
    }
    const day = spec().given(...history);
    expect(day.state.issuedPerService.get('A')).toBe(999);
    day.when(issue('t1000', 'A', at('17:00'))).then([issued('t1000', 'A1000', 'A')]);
    day.when(issue('t1001', 'A', at('17:01'))).then([issued('t1001', 'A1001', 'A')]);
    day.when(issue('b1', 'B', at('17:02'))).then([issued('b1', 'B001', 'B')]);
  });

  it(`stop at ${MAX_PER_DAY}, the last four-digit number, even without a cap`, () => {
    const history: (HallEventBody & { at: number })[] = [];
    for (let i = 1; i < MAX_PER_DAY; i++) history.push({ ...issued(`t${i}`, `A${String(i).padStart(3, '0')}`, 'A'), at: at('08:00') + i });
    const day = spec().given(...history);
    day.when(issue('last', 'A', at('17:00'))).then([issued('last', 'A9999', 'A')]);
    const err = day.when(issue('over', 'A', at('17:01'))).thenThrows('SERVICE_FULL');
    expect(err.zh).toBe('社保今日号源已满（9999 个）');
  });

  it('the 999th ticket is still issued with three digits, A999', () => {
    const history: (HallEventBody & { at: number })[] = [];
    for (let i = 1; i <= 998; i++) history.push({ ...issued(`t${i}`, `A${String(i).padStart(3, '0')}`, 'A'), at: at('08:00') + i * 1000 });
    spec().given(...history).when(issue('t999', 'A', at('17:00'))).then([issued('t999', 'A999', 'A')]);
  });

  it('by a cap the hall configures per service, read from the config rather than built in', () => {
    const config = hallConfig({ ...specHallInput, services: specHallInput.services.map((s) => (s.id === 'A' ? { ...s, dailyCap: 1 } : s)) });
    const err = spec(config).given(issue('t1', 'A', at('08:00'))).when(issue('t2', 'A', at('08:01'))).thenThrows('SERVICE_FULL');
    expect(err.zh).toBe('社保今日号源已满（1 个）');
    expect(err.en).toBe('社保 has issued all 1 tickets for today');
  });
});

import { describe, expect, it } from 'vitest';
import { localTimeToMs } from '../../shared/time.ts';
import { DATE, Day, item, score, staffOf, TZ } from './scoringSupport.ts';

const at = (hhmm: string) => localTimeToMs(DATE, hhmm, TZ);

/** "早退" is leaving before the half-day's end: it cannot be known until that end has come. */
describe('early leave is charged only after the half-day has ended', () => {
  // S01 signs out of W1 at 10:00; the morning runs 08:00–12:00.
  const day = () => new Day().signIn('07:58', 'S01', 'W1').signOut('10:00', 'S01', 'W1').fullDay('S02', 'W2');

  it('at 10:30, signed out since 10:00: no early leave yet (they may come back)', () => {
    expect(item(staffOf(score(day(), { until: at('10:30') }), 'S01'), 'early-leave')).toBeUndefined();
  });

  it('back at 10:40 and on till noon: never early', () => {
    const back = day().signIn('10:40', 'S01', 'W1').signOut('12:01', 'S01', 'W1');
    expect(item(staffOf(score(back, { until: at('12:30') }), 'S01'), 'early-leave')).toBeUndefined();
  });

  it('once the morning has ended without their return: early leave, 120 minutes', () => {
    const s = staffOf(score(day(), { until: at('12:00') }), 'S01');
    expect(item(s, 'early-leave')).toMatchObject({ count: 1 });
    expect(item(s, 'early-leave')!.evidence[0]).toMatchObject({ minutes: 120 });
  });
});

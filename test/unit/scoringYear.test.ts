import { describe, expect, it } from 'vitest';
import { scoreDay } from '../../shared/scoring/dailyScore.ts';
import { activeRecords, recordsOn } from '../../shared/scoring/records.ts';
import { bestOf, rollup } from '../../shared/scoring/rollup.ts';
import { defaultRubric } from '../../shared/scoring/rubrics.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import { endOfLocalDay } from '../../shared/time.ts';
import { hall, scoringYear, STAFF, TZ } from '../support/scoringYear.ts';

// What a roll-up of many days yields; how long a full 250-day year takes is measured by
// `npm run bench timing`, not asserted here. Twenty days cover every generated pattern (the late
// arrival and silent-pause rotations repeat within 23 and 11 days).
const DAYS = 20;
describe('scoring a year for the roll-ups', () => {
  it('twenty business days of 40 staff roll up to every day, every service and the generated charges', () => {
    const records = activeRecords([]);
    const days = scoringYear(DAYS).map(([d, events]) =>
      scoreDay({ date: d, config: hall, events, schedule: DEFAULT_SCHEDULE, records: recordsOn(records, d), rubric: defaultRubric, until: endOfLocalDay(d, TZ) }));
    const year = rollup(days);
    expect(year.staff).toHaveLength(STAFF);
    expect(year.staff.every((r) => r.days === DAYS)).toBe(true);
    // Everyone served 20 a day; the generated late arrivals and silent pauses show up as charges.
    expect(year.staff.reduce((a, r) => a + r.served, 0)).toBe(DAYS * STAFF * 20);
    expect(year.staff.some((r) => (r.items.late?.count ?? 0) > 0)).toBe(true);
    expect(year.staff.some((r) => (r.items['leave-post']?.count ?? 0) > 0)).toBe(true);
    expect(bestOf(year.staff)).toHaveLength(3);
  });
});

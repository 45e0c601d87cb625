import { describe, expect, it } from 'vitest';
import type { DayScore } from '../../shared/scoring/dailyScore.ts';
import { bestOf, cloneSums, finishRollup, rollup, sumDays } from '../../shared/scoring/rollup.ts';

/** A day on which each listed staffer was on duty with this score and these services. */
function day(date: string, staff: [id: string, score: number, served: number][]): DayScore {
  return {
    date, rubricId: 'standard', workingDay: true, windows: [],
    staff: staff.map(([staffId, score, served]) => ({
      staffId, name: staffId, onDuty: true, score, parts: { discipline: score }, items: [], served, ratings: 0, satisfied: 0,
      satisfactionPct: null, coverMinutes: 0, disqualified: false,
    })),
  } as unknown as DayScore;
}

describe('the quarter\'s ranking', () => {
  // S01 holds an A post all quarter (60 days, late on six of them); S07 covered on 3 days and was perfect.
  const days = Array.from({ length: 60 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, '0')}`, [
    ['S01', i % 10 === 0 ? 99 : 100, 11], ...(i < 3 ? [['S07', 100, 16] as [string, number, number]] : []),
  ]));

  it('ranks by the rubric\'s total over the days each person was liable, not by the average daily score', () => {
    const r = rollup(days);
    expect(r.staff.map((x) => x.id)).toEqual(['S01', 'S07']);
    expect(r.staff[0]).toMatchObject({ id: 'S01', days: 60, total: 5994, average: 99.9, served: 660 });
    expect(r.staff[1]).toMatchObject({ id: 'S07', days: 3, total: 300, average: 100, served: 48 });
    expect(bestOf(r.staff, 1).map((x) => x.id)).toEqual(['S01']);
  });

  it('keeps both figures: the average is there to read, the total decides', () => {
    const r = rollup([day('2026-10-01', [['S01', 90, 5], ['S02', 95, 5]]), day('2026-10-02', [['S01', 90, 5]])]);
    expect(r.staff.map((x) => [x.id, x.total, x.average])).toEqual([['S01', 180, 90], ['S02', 95, 95]]);
  });
});

describe('sums kept for the days that no longer change', () => {
  // Scores with tenths, so that a different order of additions would show in the last bits.
  const days = Array.from({ length: 40 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, '0')}`, [
    ['S01', 99.7 - (i % 3) * 0.1, 7 + (i % 4)], ['S02', 100.3 - (i % 7) * 0.3, 5], ...(i % 5 === 0 ? [['S07', 98.9, 2] as [string, number, number]] : []),
  ]));

  it('given the first days summed and kept, when the last days are added to a copy, then the rows are the roll-up of all the days, exactly', () => {
    const kept = sumDays(days.slice(0, 37));
    const all = finishRollup(sumDays(days.slice(37), cloneSums(kept)));
    expect(JSON.stringify(all)).toBe(JSON.stringify(rollup(days)));
  });

  it('leaves the kept sums as they were, however often the open days are added to copies of them', () => {
    const kept = sumDays(days.slice(0, 37));
    const before = JSON.stringify([...kept.staff]);
    for (let n = 0; n < 3; n++) finishRollup(sumDays(days.slice(37), cloneSums(kept)));
    expect(JSON.stringify([...kept.staff])).toBe(before);
    expect(finishRollup(kept)).toEqual(rollup(days.slice(0, 37)));
  });
});

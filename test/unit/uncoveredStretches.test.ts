import { describe, expect, it } from 'vitest';
import { uncoveredStretches } from '../../manager/today/stretches.ts';
import type { Interval, WindowScore } from '../../manager/types.ts';

const t = (hhmm: string) => `2026-11-23T${hhmm}:00.000+08:00`;
const iv = (from: string, to: string, kind: Interval['kind'], staffId: string | null, extra: Partial<Interval> = {}): Interval => ({
  from: t(from), to: t(to), kind, staffId, minutes: (Date.parse(t(to)) - Date.parse(t(from))) / 60_000, ...extra,
});
const win = (windowId: string, intervals: Interval[], uncoveredSince: string | null = null) =>
  ({ windowId, intervals, uncoveredSince } as unknown as WindowScore);

describe('the today board\'s uncovered stretches', () => {
  it('keeps a stretch after someone covers, naming who was on duty before it', () => {
    const list = uncoveredStretches([win('W3', [iv('08:00', '09:12', 'A', 'S03'), iv('09:12', '09:37', 'empty', null), iv('09:37', '10:30', 'B', 'S04')])]);
    expect(list).toEqual([expect.objectContaining({ windowId: 'W3', from: t('09:12'), to: t('09:37'), minutes: 25, before: 'S03', cause: 'left', ongoing: false })]);
  });

  it('a pause that runs into an empty window is one stretch, credited to whoever paused', () => {
    const list = uncoveredStretches([win('W1', [
      iv('08:00', '09:00', 'A', 'S01'), iv('09:00', '09:30', 'paused', 'S01', { reason: 'meeting', note: '局务会' }), iv('09:30', '10:30', 'empty', null),
    ], t('09:00'))]);
    expect(list).toEqual([expect.objectContaining({ from: t('09:00'), to: t('10:30'), minutes: 90, before: 'S01', cause: 'paused', reason: 'meeting', note: '局务会', ongoing: true })]);
  });

  it('a window nobody opened is listed from opening, with nobody before it; stretches come oldest first', () => {
    const list = uncoveredStretches([
      win('W5', [iv('08:00', '10:00', 'A', 'S05'), iv('10:00', '10:30', 'empty', null)], t('10:00')),
      win('W2', [iv('08:00', '10:30', 'empty', null)], t('08:00')),
    ]);
    expect(list.map((s) => [s.windowId, s.before, s.cause, s.ongoing])).toEqual([['W2', null, 'never', true], ['W5', 'S05', 'left', true]]);
  });

  it('a fully staffed window has none', () => {
    expect(uncoveredStretches([win('W1', [iv('08:00', '12:00', 'A', 'S01')])])).toEqual([]);
  });
});

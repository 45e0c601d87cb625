import { describe, expect, it } from 'vitest';
import { defaultRubric, virtuesRubric, type Rubric } from '../../shared/scoring/rubrics.ts';
import { DATE, Day, item, record, score, staffOf } from './scoringSupport.ts';

type Row = [code: string, part: string, points: number, source: 'derived' | 'manual'];

/** RULES §6 / seed 004:566-604, line by line: what each item costs, where, and who records it. */
const RULES_6: Row[] = [
  // 工作纪律 30
  ['late', 'discipline', -1, 'derived'], ['early-leave', 'discipline', -1, 'derived'], ['leave-post', 'discipline', -1, 'derived'],
  ['absent-uncovered', 'discipline', -2, 'derived'], ['leave-covered', 'discipline', 0, 'derived'], ['leave-uncovered', 'discipline', -2, 'derived'],
  ['online-misconduct', 'discipline', -2, 'manual'], ['appearance', 'discipline', -1, 'manual'], ['untidy', 'discipline', -1, 'manual'],
  ['power-off', 'discipline', -1, 'manual'], ['missed-training', 'discipline', -1, 'manual'],
  // 服务质量 20
  ['attitude', 'quality', -5, 'manual'], ['complaint', 'quality', -5, 'manual'], ['online-reply', 'quality', -2, 'manual'],
  ['exposed', 'quality', -20, 'manual'], ['praise', 'quality', 5, 'manual'],
  // 业务管理 40
  ['not-received', 'business', -2, 'manual'], ['fake-completion', 'business', -2, 'manual'], ['extra-requirements', 'business', -2, 'manual'],
  ['return-handling', 'business', -2, 'manual'], ['repeat-trip', 'business', -3, 'manual'], ['joint-case', 'business', -2, 'manual'],
  ['joint-review-rule', 'business', -1, 'manual'], ['overdue', 'business', -2, 'manual'], ['unrecorded', 'business', -2, 'manual'],
  ['banned-software', 'business', -2, 'manual'], ['network-misuse', 'business', -2, 'manual'], ['network-fault', 'business', -2, 'manual'],
  // 服务对象评议 10, 加分, 取消评优
  ['satisfaction', 'evaluation', 0, 'derived'], ['special-help', 'bonus', 2, 'manual'], ['activity-honour', 'bonus', 2, 'manual'],
  ['honour', 'bonus', 2, 'manual'], ['criticised', 'bonus', 0, 'manual'], ['integrity', 'bonus', 0, 'manual'], ['disqualified', 'bonus', 0, 'manual'],
];

/** 德能勤绩廉, seed 004:166-206. */
const VIRTUES: Row[] = [
  ['study-absent', 'de', -2, 'manual'], ['study-late', 'de', -1, 'manual'], ['attitude', 'de', -5, 'manual'], ['forbidden-words', 'de', -1, 'manual'],
  ['appearance', 'de', -1, 'manual'], ['online-misconduct', 'de', -5, 'manual'],
  ['unfamiliar', 'neng', -3, 'manual'], ['wrong-answer', 'neng', -3, 'manual'], ['computer-error', 'neng', -3, 'manual'],
  ['late-reports', 'neng', -3, 'manual'], ['records-lost', 'neng', -3, 'manual'],
  ['late', 'qin', -2, 'derived'], ['early-leave', 'qin', -2, 'derived'], ['leave-uncovered', 'qin', -5, 'derived'], ['absent-uncovered', 'qin', -5, 'derived'],
  ['meeting-late', 'qin', -1, 'manual'], ['private-guests', 'qin', -1, 'manual'], ['leave-post', 'qin', -2, 'derived'],
  ['hygiene', 'qin', -1, 'manual'], ['appliances', 'qin', -1, 'manual'],
  ['fees', 'ji', -10, 'manual'], ['overdue', 'ji', -10, 'manual'], ['integrity', 'lian', -10, 'manual'],
];

/** What the hub computes itself; a rubric may mark nothing else as derived. */
const DERIVED_BY_THE_HUB = ['late', 'early-leave', 'leave-post', 'absent-uncovered', 'leave-covered', 'leave-uncovered', 'window-uncovered', 'satisfaction', 'complaint-overdue'];

function matches(rubric: Rubric, rows: Row[]) {
  for (const [code, part, points, source] of rows) {
    expect(rubric.items.find((i) => i.code === code), code).toMatchObject({ code, part, points, source });
  }
}

describe('the default rubric is RULES §6 item by item', () => {
  it('has the four parts of 100 points and a bonus part', () => {
    expect(defaultRubric.parts.map((p) => [p.id, p.base, p.max])).toEqual([
      ['discipline', 30, 30], ['quality', 20, 20], ['business', 40, 40], ['evaluation', 0, 10], ['bonus', 0, 10],
    ]);
  });
  it('prices every item as the seed does', () => matches(defaultRubric, RULES_6));
  it('satisfaction: 100% → 10, ≥ 90% → 9, ≥ 80% → 7, else 5', () => {
    expect(defaultRubric.satisfaction).toEqual({ part: 'evaluation', table: [{ minPct: 100, points: 10 }, { minPct: 90, points: 9 }, { minPct: 80, points: 7 }, { minPct: 0, points: 5 }] });
  });
  it('honours are 2, 3 or 5 by level; a verified complaint, exposure, criticism and corruption disqualify', () => {
    expect(defaultRubric.items.find((i) => i.code === 'honour')?.range).toEqual([2, 5]);
    const disq = defaultRubric.items.filter((i) => i.disqualifies).map((i) => i.code).sort();
    expect(disq).toEqual(['complaint', 'criticised', 'disqualified', 'exposed', 'integrity']);
  });
});

describe('the 德能勤绩廉 preset is seed 004:166-206 item by item', () => {
  it('has five parts of 20 and a bonus that reaches the largest honour (30)', () => {
    expect(virtuesRubric.parts.map((p) => [p.id, p.base, p.max])).toEqual([['de', 20, 20], ['neng', 20, 20], ['qin', 20, 20], ['ji', 20, 20], ['lian', 20, 20], ['bonus', 0, 30]]);
  });
  it('prices every item as the seed does', () => matches(virtuesRubric, VIRTUES));
  it('bonus ranges follow the seed: praise 3/5, titles 5–30, suggestions 1–5', () => {
    const range = (code: string) => virtuesRubric.items.find((i) => i.code === code)?.range;
    expect([range('praise'), range('honour'), range('suggestion')]).toEqual([[3, 5], [5, 30], [1, 5]]);
  });
});

describe('every rubric', () => {
  it.each([defaultRubric, virtuesRubric])('$id: derived items are only those the hub computes; every item sits in a part; codes are unique', (r) => {
    for (const i of r.items) {
      if (i.source === 'derived') expect(DERIVED_BY_THE_HUB, i.code).toContain(i.code);
      expect(r.parts.map((p) => p.id), i.code).toContain(i.part);
      expect(i.label.zh && i.label.en, i.code).toBeTruthy();
    }
    expect(new Set(r.items.map((i) => i.code)).size).toBe(r.items.length);
  });
});

describe('manual items score by the active rubric', () => {
  const day = () => new Day().fullDay('S01', 'W1').fullDay('S02', 'W2');
  it('a 德能勤绩廉 corruption finding costs 10 from 廉 and disqualifies', () => {
    const s = staffOf(score(day(), { rubric: virtuesRubric, records: [record('score', { date: DATE, staffId: 'S01', windowId: null, item: 'integrity', count: 1, points: null, note: '' })] }), 'S01');
    expect(item(s, 'integrity')).toMatchObject({ count: 1, points: -10 });
    expect(s.parts.lian).toBe(10);
    expect(s.disqualified).toBe(true);
  });
  it('a provincial title of merit adds 15 under 德能勤绩廉', () => {
    const s = staffOf(score(day(), { rubric: virtuesRubric, records: [record('score', { date: DATE, staffId: 'S01', windowId: null, item: 'honour', count: 1, points: 15, note: '省级先进个人' })] }), 'S01');
    expect(s.parts.bonus).toBe(15);
    expect(s.score).toBe(115);
  });
  it('media exposure costs 20 from service quality and disqualifies under the default rubric', () => {
    const s = staffOf(score(day(), { records: [record('score', { date: DATE, staffId: 'S01', windowId: null, item: 'exposed', count: 1, points: null, note: '暗访' })] }), 'S01');
    expect(s).toMatchObject({ disqualified: true, score: 80 });
    expect(s.parts.quality).toBe(0);
  });
});

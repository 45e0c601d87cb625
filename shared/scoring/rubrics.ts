import type { Text } from './types.ts';

/**
 * A rubric is data: parts with a base and a maximum (every part floors at 0), items with signed
 * points, and which items the hub derives from queue events and which a manager enters.
 */
export interface RubricPart {
  id: string;
  label: Text;
  /** Points a part starts from: its maximum for deduction parts, 0 for earned parts. */
  base: number;
  max: number;
}

export type ManualCategory = 'complaint' | 'praise' | 'inspection' | 'bonus' | 'disqualification';

export interface RubricItem {
  code: string;
  label: Text;
  part: string;
  /** Signed points per count; deductions are negative. */
  points: number;
  source: 'derived' | 'manual';
  /** Where a manual item is entered in the manager app. */
  category?: ManualCategory;
  /** Items whose points the manager chooses within a range (honours by level). */
  range?: [number, number];
  /** Awards are withheld from whoever has this item in the period. */
  disqualifies?: boolean;
}

export interface Rubric {
  id: string;
  label: Text;
  parts: RubricPart[];
  items: RubricItem[];
  /** Points of the `satisfaction` item by satisfaction rate: the first row whose minPct is reached. */
  satisfaction: { part: string; table: { minPct: number; points: number }[] };
}

const t = (zh: string, en: string): Text => ({ zh, en });

/** RULES §6, from the township centre's 考评细则 (seed 004:560-610). */
export const defaultRubric: Rubric = {
  id: 'standard',
  label: t('窗口工作人员考评细则（百分制）', 'Window staff rubric (100 points)'),
  parts: [
    { id: 'discipline', label: t('工作纪律', 'Discipline'), base: 30, max: 30 },
    { id: 'quality', label: t('服务质量', 'Service quality'), base: 20, max: 20 },
    { id: 'business', label: t('业务管理', 'Business'), base: 40, max: 40 },
    { id: 'evaluation', label: t('服务对象评议', 'Visitor evaluation'), base: 0, max: 10 },
    { id: 'bonus', label: t('加分', 'Bonus'), base: 0, max: 10 },
  ],
  items: [
    { code: 'late', label: t('迟到', 'Late'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'early-leave', label: t('早退', 'Left early'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'leave-post', label: t('无故离岗', 'Left the post'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'absent-uncovered', label: t('缺勤（半天）', 'Absent (half day)'), part: 'discipline', points: -2, source: 'derived' },
    { code: 'leave-uncovered', label: t('请假无人顶岗（每天）', 'Leave without cover (a day)'), part: 'discipline', points: -2, source: 'derived' },
    { code: 'leave-covered', label: t('请假有人顶岗', 'Leave with cover'), part: 'discipline', points: 0, source: 'derived' },
    { code: 'window-uncovered', label: t('窗口空岗', 'Window left empty'), part: 'discipline', points: -1, source: 'derived' },
    { code: 'online-misconduct', label: t('上班炒股、聊天、玩游戏等', 'Games, chat or shopping at work'), part: 'discipline', points: -2, source: 'manual', category: 'inspection' },
    { code: 'appearance', label: t('未佩证、吃东西、串岗聊天', 'No badge, eating, chatting'), part: 'discipline', points: -1, source: 'manual', category: 'inspection' },
    { code: 'attitude', label: t('服务态度不好或发生争吵', 'Bad attitude or quarrel'), part: 'quality', points: -5, source: 'manual', category: 'inspection' },
    { code: 'complaint', label: t('投诉经查实', 'Verified complaint'), part: 'quality', points: -5, source: 'manual', category: 'complaint', disqualifies: true },
    { code: 'praise', label: t('书面表扬', 'Written praise'), part: 'quality', points: 5, source: 'manual', category: 'praise' },
    { code: 'overdue', label: t('办件超承诺时限（每件每天）', 'Item over its promised time (per day)'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'fake-completion', label: t('弄虚作假点击办结', 'Faked completion'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'repeat-trip', label: t('未一次性告知致往返跑', 'Repeat trip: no one-time notice'), part: 'business', points: -3, source: 'manual', category: 'inspection' },
    { code: 'unrecorded', label: t('办件未及时登记', 'Item not recorded'), part: 'business', points: -2, source: 'manual', category: 'inspection' },
    { code: 'satisfaction', label: t('满意率', 'Satisfaction rate'), part: 'evaluation', points: 0, source: 'derived' },
    { code: 'special-help', label: t('特事特办排忧解难', 'Special help'), part: 'bonus', points: 2, source: 'manual', category: 'bonus' },
    { code: 'honour', label: t('受表彰（县2/市3/省5）', 'Honour (county 2, city 3, province 5)'), part: 'bonus', points: 2, source: 'manual', category: 'bonus', range: [2, 5] },
    { code: 'disqualified', label: t('取消评先评优资格', 'Disqualified from awards'), part: 'bonus', points: 0, source: 'manual', category: 'disqualification', disqualifies: true },
  ],
  satisfaction: {
    part: 'evaluation',
    table: [
      { minPct: 100, points: 10 },
      { minPct: 90, points: 9 },
      { minPct: 80, points: 7 },
      { minPct: 0, points: 5 },
    ],
  },
};

/** 德能勤绩廉, 20 points each (seed 004:166-190); satisfaction deducts from 绩. */
export const virtuesRubric: Rubric = {
  id: 'virtues',
  label: t('德能勤绩廉考核（各 20 分）', 'Virtue, ability, diligence, results, integrity (20 each)'),
  parts: [
    { id: 'de', label: t('德', 'Virtue'), base: 20, max: 20 },
    { id: 'neng', label: t('能', 'Ability'), base: 20, max: 20 },
    { id: 'qin', label: t('勤', 'Diligence'), base: 20, max: 20 },
    { id: 'ji', label: t('绩', 'Results'), base: 20, max: 20 },
    { id: 'lian', label: t('廉', 'Integrity'), base: 20, max: 20 },
    { id: 'bonus', label: t('加分', 'Bonus'), base: 0, max: 10 },
  ],
  items: [
    { code: 'late', label: t('迟到', 'Late'), part: 'qin', points: -2, source: 'derived' },
    { code: 'early-leave', label: t('早退', 'Left early'), part: 'qin', points: -2, source: 'derived' },
    { code: 'leave-post', label: t('工作期间做私人事情', 'Away on private business'), part: 'qin', points: -2, source: 'derived' },
    { code: 'absent-uncovered', label: t('旷工半天', 'Absent half a day'), part: 'qin', points: -5, source: 'derived' },
    { code: 'leave-uncovered', label: t('不按规定程序请假', 'Leave not arranged as required'), part: 'qin', points: -5, source: 'derived' },
    { code: 'leave-covered', label: t('请假有人顶岗', 'Leave with cover'), part: 'qin', points: 0, source: 'derived' },
    { code: 'window-uncovered', label: t('窗口空岗', 'Window left empty'), part: 'qin', points: -1, source: 'derived' },
    { code: 'attitude', label: t('与服务对象发生争执', 'Quarrel with a visitor'), part: 'de', points: -5, source: 'manual', category: 'inspection' },
    { code: 'forbidden-words', label: t('使用禁止用语', 'Forbidden words'), part: 'de', points: -1, source: 'manual', category: 'inspection' },
    { code: 'online-misconduct', label: t('上班玩游戏、网上聊天', 'Games or chat at work'), part: 'de', points: -5, source: 'manual', category: 'inspection' },
    { code: 'appearance', label: t('未佩证上岗、着装不整', 'No badge or improper dress'), part: 'de', points: -1, source: 'manual', category: 'inspection' },
    { code: 'complaint', label: t('投诉经查实', 'Verified complaint'), part: 'de', points: -5, source: 'manual', category: 'complaint', disqualifies: true },
    { code: 'unfamiliar', label: t('业务不熟悉', 'Unfamiliar with the procedure'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    { code: 'wrong-answer', label: t('解答错误造成投诉', 'Wrong answer causing a complaint'), part: 'neng', points: -3, source: 'manual', category: 'inspection' },
    { code: 'overdue', label: t('超过承诺时限', 'Over the promised time'), part: 'ji', points: -10, source: 'manual', category: 'inspection' },
    { code: 'satisfaction', label: t('满意率', 'Satisfaction rate'), part: 'ji', points: 0, source: 'derived' },
    { code: 'integrity', label: t('吃拿卡要等不廉洁行为', 'Corruption'), part: 'lian', points: -20, source: 'manual', category: 'inspection', disqualifies: true },
    { code: 'praise', label: t('书面表扬', 'Written praise'), part: 'bonus', points: 5, source: 'manual', category: 'praise' },
    { code: 'honour', label: t('受表彰（县2/市3/省5）', 'Honour (county 2, city 3, province 5)'), part: 'bonus', points: 2, source: 'manual', category: 'bonus', range: [2, 5] },
    { code: 'disqualified', label: t('取消评先评优资格', 'Disqualified from awards'), part: 'bonus', points: 0, source: 'manual', category: 'disqualification', disqualifies: true },
  ],
  satisfaction: {
    part: 'ji',
    table: [
      { minPct: 100, points: 0 },
      { minPct: 90, points: -1 },
      { minPct: 80, points: -3 },
      { minPct: 0, points: -5 },
    ],
  },
};

export const RUBRICS: readonly Rubric[] = [defaultRubric, virtuesRubric];

export function rubricById(id: string): Rubric | undefined {
  return RUBRICS.find((r) => r.id === id);
}

/** Satisfaction points from a rate; no ratings at all earns the table's top row. */
export function satisfactionPoints(rubric: Rubric, pct: number | null): number {
  const table = rubric.satisfaction.table;
  if (pct === null) return table[0]?.points ?? 0;
  for (const row of table) if (pct >= row.minPct) return row.points;
  return table.at(-1)?.points ?? 0;
}

import type { DayScore } from '../../shared/scoring/dailyScore.ts';
import type { PeriodResult } from './service.ts';
import { toCsv } from '../csv.ts';

const itemText = (items: { code: string; count: number; points: number }[]) =>
  items.filter((i) => i.code !== 'satisfaction' && i.count > 0).map((i) => `${i.code}×${i.count}(${i.points})`).join('; ');

export function dayCsv(d: DayScore, partIds: string[]): string {
  const rows: (string | number | null | boolean)[][] = [
    ['日期 date', '类别 kind', '编号 id', '姓名 name', '得分 score', ...partIds, '办结 served', '评价 ratings', '满意率 satisfaction %', '顶岗分钟 cover min', '空岗分钟 uncovered min', '暂停分钟 pause min', '扣加分项 items'],
  ];
  for (const s of d.staff) {
    rows.push([d.date, 'staff', s.staffId, s.name, s.score, ...partIds.map((p) => s.parts[p] ?? null), s.served, s.ratings, s.satisfactionPct === null ? null : Math.round(s.satisfactionPct * 10) / 10, s.coverMinutes, null, null, itemText(s.items)]);
  }
  for (const w of d.windows) {
    rows.push([d.date, 'window', w.windowId, '', w.score, ...partIds.map((p) => w.parts[p] ?? null), w.served, w.ratings, w.satisfactionPct === null ? null : Math.round(w.satisfactionPct * 10) / 10, w.coverMinutes, w.uncoveredMinutes, w.pauseMinutes, itemText(w.items)]);
  }
  return toCsv(rows);
}

export function periodCsv(r: PeriodResult, partIds: string[], names: Map<string, string>): string {
  const rows: (string | number | null | boolean)[][] = [
    ['周期 period', '类别 kind', '名次 rank', '编号 id', '姓名 name', '天数 days', '平均分 average', '总分 total', ...partIds, '办结 served', '满意率 satisfaction %', '取消评优 disqualified'],
  ];
  const add = (kind: string, list: typeof r.staff) =>
    list.forEach((x, i) => rows.push([r.of, kind, i + 1, x.id, names.get(x.id) ?? '', x.days, x.average, x.total, ...partIds.map((p) => x.parts[p] ?? null), x.served, x.satisfactionPct, x.disqualified]));
  add('staff', r.staff);
  add('window', r.windows);
  return toCsv(rows);
}

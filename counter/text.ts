import { getLang } from '../ui/i18n.ts';

/**
 * The counter desk's own sentences, Chinese first. Kept beside the desk rather than in the shared
 * table: only the counter says them, and the wording follows what a staffer at the desk needs.
 */
const zh = {
  idleWaiting: '手上无号 · 本窗口 {n} 人等候，按“叫号”（F1）叫下一位',
  idleNobody: '手上无号 · 当前无人等候',
  ticketService: '业务',
  issued: '取号',
  waitedSoFar: '已等 {n} 分钟',
  waited: '等候 {n} 分钟',
  servingFor: '已办理 {n} 分钟',
  calls: '已呼叫 {n} 次，最近 {t}',
  transferredFrom: '由 {w} 号窗口 {who} 转来（{from} → {to}）',
  transferredNoReason: '未填写转移原因',
  recalled: '已重呼 {n}（{t}，第 {k} 次），已发送到叫号屏和广播',
  noShowArm: '过号',
  noShowConfirm: '再按一次确认过号 {n}',
  noShowArmed: '{s} 秒内再按一次“过号”（或 F5）确认；不按则不过号',
  noShowDone: '{n} 已过号',
  pausedSince: '原因：{reason}',
  pausedFor: '已暂停 {n} 分钟（{t} 起）',
  pausedNote: '留言：{note}',
  pausedNoNote: '未留言',
  pausedBack: '预计 {t} 返回',
  pausedOverdue: '预计 {t} 返回，已超时 {n} 分钟',
  postOf: '{post} · {name}',
  postNobody: '{post} · 未设',
  youArePost: '（您的岗位）',
  substituteHint: '您在各窗口都不是 A 岗或 B 岗：选择一个岗位，即以代岗身份顶替按钮上写明的人（顶岗）',
  myTodayHint: '今日办结（含一次性告知、不予受理）',
} as const;

const en: Record<keyof typeof zh, string> = {
  idleWaiting: 'No number in hand · {n} waiting for this window: press Call (F1) for the next',
  idleNobody: 'No number in hand · nobody waiting',
  ticketService: 'Service',
  issued: 'Taken at',
  waitedSoFar: 'waited {n} min so far',
  waited: 'waited {n} min',
  servingFor: 'being served for {n} min',
  calls: 'called {n} times, last at {t}',
  transferredFrom: 'Sent from window {w} by {who} ({from} → {to})',
  transferredNoReason: 'no reason given',
  recalled: 'Recalled {n} ({t}, call {k}): sent to the hall display and the announcer',
  noShowArm: 'No-show',
  noShowConfirm: 'Press again: {n} did not come',
  noShowArmed: 'Press No-show (or F5) again within {s} s to confirm; otherwise nothing happens',
  noShowDone: '{n} marked as no-show',
  pausedSince: 'Reason: {reason}',
  pausedFor: 'paused for {n} min (since {t})',
  pausedNote: 'Note: {note}',
  pausedNoNote: 'no note left',
  pausedBack: 'back at {t}',
  pausedOverdue: 'expected back at {t}, {n} min overdue',
  postOf: '{post} · {name}',
  postNobody: '{post} · not set',
  youArePost: ' (yours)',
  substituteHint: 'You hold no A or B post at any window: choosing a post means covering as a substitute for the person named on it',
  myTodayHint: 'finished today (including one-time notices and refusals)',
};

export type CounterTextKey = keyof typeof zh;

export function ct(key: CounterTextKey, params: Record<string, string | number> = {}): string {
  const text = getLang() === 'en' ? en[key] : zh[key];
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
}

/** Whole minutes between two instants, never negative. */
export function wholeMinutes(fromIso: string, toMs: number): number {
  return Math.max(0, Math.floor((toMs - Date.parse(fromIso)) / 60_000));
}

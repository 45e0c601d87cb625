/**
 * The manager app's tabs. Each tab is a custom element loaded on first open, so the login screen
 * stays small; other areas add their tab by appending an entry here.
 */
export interface ManagerTab {
  id: string;
  label: { zh: string; en: string };
  /** The custom element the tab renders; defined by the module `load` imports. */
  tag: string;
  load: () => Promise<unknown>;
}

export const tabs: ManagerTab[] = [
  { id: 'today', label: { zh: '今日大厅', en: 'Today' }, tag: 'today-board', load: () => import('./today/today-board.ts') },
  { id: 'scores', label: { zh: '每日考评', en: 'Daily scores' }, tag: 'score-cards', load: () => import('./scores/score-cards.ts') },
  { id: 'rollup', label: { zh: '月季年汇总', en: 'Roll-ups' }, tag: 'score-rollup', load: () => import('./scores/score-rollup.ts') },
  { id: 'entries', label: { zh: '奖惩与投诉', en: 'Entries' }, tag: 'manual-entries', load: () => import('./entries/manual-entries.ts') },
  { id: 'schedule', label: { zh: '排班与请假', en: 'Schedule & leave' }, tag: 'schedule-leave', load: () => import('./schedule/schedule-leave.ts') },
  { id: 'waits', label: { zh: '等候时长', en: 'Wait times' }, tag: 'waits-report', load: () => import('./waits/waits-report.ts') },
  { id: 'devices', label: { zh: '设备与安全', en: 'Devices & security' }, tag: 'device-admin', load: () => import('./devices/device-admin.ts') },
];

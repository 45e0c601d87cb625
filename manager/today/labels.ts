import type { WindowView } from '../../ui/types.ts';
import { L } from '../text.ts';

/** Pause reasons as the manager reads them (the same words as the scores' evidence). */
export const REASON: Record<string, [string, string]> = {
  break: ['休息', 'Break'], meeting: ['开会', 'Meeting'], errand: ['外出办事', 'Errand'], leave: ['请假', 'Leave'], other: ['其他', 'Other'],
};

/**
 * In which post the staffer sits: A岗, B岗 or 代岗 (a substitute). Anyone but the A post is
 * covering, and cover has one name everywhere: 顶岗.
 */
export function postOf(w: Pick<WindowView, 'staffId' | 'postA' | 'postB'>): string {
  if (!w.staffId) return '—';
  if (w.staffId === w.postA) return L('A岗', 'A post');
  if (w.staffId === w.postB) return L('B岗（顶岗）', 'B post (covering)');
  return L('代岗（顶岗）', 'Substitute (covering)');
}

import type { PauseReason } from '../events.ts';
import type { ComplaintChannel, ComplaintKind, Text } from './types.ts';

/**
 * Words that appear inside evidence and on the manager's pages, in both languages. Evidence is
 * read by a hall director in Chinese and by others in English: no English code may leak into a
 * Chinese sentence (and the other way round).
 */
export const PAUSE_REASON: Record<PauseReason, Text> = {
  break: { zh: '休息', en: 'break' },
  meeting: { zh: '开会', en: 'meeting' },
  errand: { zh: '外出办事', en: 'errand' },
  leave: { zh: '请假', en: 'leave' },
  other: { zh: '其他', en: 'other' },
};

export const COMPLAINT_CHANNEL: Record<ComplaintChannel, Text> = {
  oral: { zh: '口头', en: 'oral' },
  phone: { zh: '电话', en: 'phone' },
  written: { zh: '书面', en: 'written' },
  pad: { zh: '评价器差评', en: 'rating pad' },
};

export const COMPLAINT_KIND: Record<ComplaintKind, Text> = {
  ordinary: { zh: '一般', en: 'ordinary' },
  complex: { zh: '复杂', en: 'complex' },
};

/** A pause reason in one language; an unknown reason (from an older journal) is shown as it is. */
export function reasonText(reason: string, lang: 'zh' | 'en'): string {
  return (PAUSE_REASON as Record<string, Text | undefined>)[reason]?.[lang] ?? reason;
}

import { api } from '../ui/api.ts';
import { getLang } from '../ui/i18n.ts';
import type { Rubric, ScoringAdmin } from './types.ts';

let pending: Promise<ScoringAdmin> | null = null;

/** Scoring settings and rubrics, fetched once per change (the schedule tab refreshes it). */
export function scoringAdmin(refresh = false): Promise<ScoringAdmin> {
  if (refresh || !pending) pending = api<ScoringAdmin>('GET', '/api/admin/scoring');
  pending.catch(() => (pending = null));
  return pending;
}

export function activeRubric(a: ScoringAdmin): Rubric | undefined {
  return a.rubrics.find((r) => r.id === a.rubricId);
}

export function itemLabel(r: Rubric | undefined, code: string): string {
  const it = r?.items.find((i) => i.code === code);
  return it ? (getLang() === 'en' ? it.label.en : it.label.zh) : code;
}

export function partLabel(r: Rubric | undefined, id: string): string {
  const p = r?.parts.find((x) => x.id === id);
  return p ? (getLang() === 'en' ? p.label.en : p.label.zh) : id;
}

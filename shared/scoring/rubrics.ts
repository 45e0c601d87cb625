import { standardRubric } from './standardRubric.ts';
import type { Text } from './types.ts';
import { virtuesRubric } from './virtuesRubric.ts';

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

/** RULES §6 (seed 004:566-604); see standardRubric.ts. */
export const defaultRubric: Rubric = standardRubric;
export { virtuesRubric };

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

import { html } from 'lit';
import { api } from '../ui/api.ts';
import type { HallInfo } from '../ui/types.ts';
import { L } from './text.ts';
import type { ScoringAdmin } from './types.ts';

/** The hall's staff and windows by name: forms pick from lists, tables say names, not ids. */
export interface People {
  staff: { id: string; name: string; role: string }[];
  windows: { id: string; number: number; name: string }[];
}

let hall: Promise<HallInfo> | null = null;

/** The hall's public description (windows, services with their English names), fetched once. */
export function hallInfo(): Promise<HallInfo> {
  hall ??= api<HallInfo>('GET', '/api/hall');
  hall.catch(() => (hall = null));
  return hall;
}

export async function people(admin: ScoringAdmin): Promise<People> {
  const h = await hallInfo();
  return { staff: admin.staff, windows: h.windows.map((w) => ({ id: w.id, number: w.number, name: w.name })) };
}

/** "王芳（S03）", or the id when the staffer is no longer in the hall's file. */
export function staffLabel(p: People | null, id: string | null | undefined): string {
  if (!id) return '';
  const s = p?.staff.find((x) => x.id === id);
  return s ? L(`${s.name}（${id}）`, `${s.name} (${id})`) : id;
}

/** "3 号窗口 民政救助窗口" / "Window 3 民政救助窗口". */
export function windowLabel(p: People | null, id: string | null | undefined): string {
  if (!id) return '';
  const w = p?.windows.find((x) => x.id === id);
  return w ? L(`${w.number} 号窗口`, `Window ${w.number}`) : id;
}

/** A staff picker; `empty` adds a first choice for "nobody" with that label. */
export function staffSelect(p: People | null, name: string, opts: { empty?: string; required?: boolean; staffOnly?: boolean } = {}) {
  const list = (p?.staff ?? []).filter((s) => !opts.staffOnly || s.role === 'staff');
  return html`<select name=${name} ?required=${!!opts.required}>
    ${opts.empty !== undefined ? html`<option value="">${opts.empty}</option>` : html`<option value="" disabled selected hidden>${L('请选择', 'Choose')}</option>`}
    ${list.map((s) => html`<option value=${s.id}>${s.name}（${s.id}）</option>`)}
  </select>`;
}

export function windowSelect(p: People | null, name: string, empty: string) {
  return html`<select name=${name}><option value="">${empty}</option>
    ${(p?.windows ?? []).map((w) => html`<option value=${w.id}>${L(`${w.number} 号窗口`, `Window ${w.number}`)} · ${w.name}</option>`)}</select>`;
}

/**
 * Resets a form after a save but keeps its dates: the next entry is usually for the same day, and
 * a blank required date made the next save fail.
 */
export function resetKeepingDates(form: HTMLFormElement): void {
  const dates = [...form.querySelectorAll<HTMLInputElement>('input[type=date]')].map((i) => [i, i.value] as const);
  form.reset();
  for (const [input, value] of dates) input.value = value;
}

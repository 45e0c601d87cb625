import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { t, type StringKey } from '../ui/i18n.ts';
import { localParts, weekday } from './bookingRules.ts';
import type { Slot } from './types.ts';

/**
 * Day chips and the slots of the chosen day with what is still free, for one service. Used by the
 * visitor's booking page and by staff booking for a caller. Fires `pick` with the slot.
 */
@customElement('slot-picker')
export class SlotPicker extends HallElement {
  static styles = css`
    :host { display: block; }
    h3 { font-size: 1em; margin: 14px 0 8px; color: var(--muted, #3d4f66); }
    .days { display: flex; gap: 8px; overflow-x: auto; padding-bottom: 4px; scrollbar-width: none; }
    .day { flex: none; min-width: 64px; min-height: 56px; border-radius: 12px; border: 1px solid #9fb3cc; background: #fff;
      font: inherit; color: #0b2545; display: flex; flex-direction: column; align-items: center; justify-content: center; cursor: pointer; }
    .day small { font-size: 0.8em; color: #5b6b80; }
    .day[aria-pressed='true'] { background: #1f6feb; border-color: #1f6feb; color: #fff; }
    .day[aria-pressed='true'] small { color: #dbe7f7; }
    .slots { display: grid; grid-template-columns: repeat(var(--slot-cols, 2), 1fr); gap: 8px; }
    .slot { min-height: 52px; border-radius: 12px; border: 1px solid #9fb3cc; background: #fff; font: inherit; color: #0b2545;
      display: flex; justify-content: space-between; align-items: center; padding: 0 12px; cursor: pointer; }
    .slot b { font-variant-numeric: tabular-nums; }
    .slot .free { color: #1e8449; font-weight: 700; }
    .slot[disabled] { background: #eef1f5; color: #8a97a8; cursor: not-allowed; }
    .slot[disabled] .free { color: #8a97a8; font-weight: 400; }
    .slot[aria-pressed='true'] { background: #1f6feb; border-color: #1f6feb; color: #fff; }
    .slot[aria-pressed='true'] .free { color: #fff; }
    .none, .err { padding: 12px; border-radius: 10px; background: #eef1f5; color: #3d4f66; }
    .err { background: #fdecea; color: #c0392b; }
  `;

  @property() serviceId = '';
  /** Days offered (the hall's today first). */
  @property({ attribute: false }) days: string[] = [];
  @property() today = '';
  /** The slot start chosen so far (highlighted). */
  @property() chosen: string | null = null;
  @state() private _day: string | null = null;
  @state() private _slots: Slot[] | null = null;
  @state() private _error: string | null = null;
  private _asked = 0;

  protected willUpdate(changed: Map<string, unknown>): void {
    // The parent hands a fresh array on every render: only other days mean fetching again.
    const daysChanged = changed.has('days') && (changed.get('days') as string[] | undefined)?.join() !== this.days.join();
    if ((daysChanged || changed.has('serviceId')) && this.days.length) {
      if (!this._day || !this.days.includes(this._day) || changed.has('serviceId')) this._day = this.days[0] ?? null;
      void this.reload();
    }
  }

  /** Fetches the chosen day's slots again (after a refusal, e.g. SLOT_FULL). */
  async reload(): Promise<void> {
    const day = this._day;
    if (!day || !this.serviceId) return;
    const mine = ++this._asked;
    this._slots = null;
    this._error = null;
    try {
      const slots = await api<Slot[]>('GET', `/api/appointments/slots?serviceId=${encodeURIComponent(this.serviceId)}&date=${day}`, undefined, { token: null });
      if (mine === this._asked) this._slots = slots;
    } catch (e) {
      if (mine === this._asked) this._error = e instanceof ApiError ? e.message : String(e);
    }
  }

  private pickDay(day: string): void {
    this._day = day;
    void this.reload();
  }

  private dayLabel(day: string): { top: string; sub: string } {
    const [, m, d] = day.split('-');
    const top = day === this.today ? t('bookToday') : t(`weekday${weekday(day)}` as StringKey);
    return { top, sub: `${Number(m)}/${Number(d)}` };
  }

  render() {
    return html`
      <h3>${t('bookPickDay')}</h3>
      <div class="days" role="group" aria-label=${t('bookPickDay')}>
        ${this.days.map((d) => {
          const l = this.dayLabel(d);
          return html`<button class="day" data-day=${d} aria-pressed=${this._day === d} @click=${() => this.pickDay(d)}>${l.top}<small>${l.sub}</small></button>`;
        })}
      </div>
      <h3>${t('bookPickSlot')}</h3>
      ${this._error
        ? html`<div class="err" role="alert">${this._error}</div>`
        : !this._slots
          ? html`<div class="none">${t('connecting')}</div>`
          : !this._slots.some((s) => s.free > 0)
            ? html`${this._slots.length ? this.renderSlots(this._slots) : nothing}<div class="none" data-testid="no-slots">${t('bookNoSlots')}</div>`
            : this.renderSlots(this._slots)}
    `;
  }

  private renderSlots(slots: Slot[]) {
    return html`<div class="slots">
      ${slots.map((s) => html`<button class="slot" data-slot=${localParts(s.start).time} ?disabled=${s.free <= 0}
        aria-pressed=${this.chosen === s.start}
        @click=${() => this.dispatchEvent(new CustomEvent<Slot>('pick', { detail: s, bubbles: true, composed: true }))}>
        <b>${localParts(s.start).time}–${localParts(s.end).time}</b>
        <span class="free">${s.free > 0 ? t('bookFree', { n: s.free }) : t('bookFull')}</span></button>`)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slot-picker': SlotPicker;
  }
}

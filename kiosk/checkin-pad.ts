import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../ui/api.ts';
import { HallElement } from '../ui/hall-element.ts';
import { t, type StringKey } from '../ui/i18n.ts';
import type { ServiceView, TicketView } from '../ui/types.ts';
import { checkInProblem } from './codeCollector.ts';

/** A check-in's answer: a ticket as `POST /api/tickets` gives it, for a booking. */
export type CheckedInTicket = TicketView & { appointmentId?: string; slotStart?: string | null; slotEnd?: string | null; key?: string };

/**
 * 预约取号 at the kiosk: a large keypad for the booking's 6-digit code (a scanner typing the code
 * and Enter fills it too, see codeCollector.ts). Fires `ticket` with the ticket, `cancel` to go back.
 */
@customElement('checkin-pad')
export class CheckinPad extends HallElement {
  // Sized so title, code, a refusal, the keypad and both buttons fit one portrait (1080×1920) or
  // landscape kiosk screen without scrolling; on a wide screen the keypad sits beside the code.
  static styles = css`
    :host { display: grid; grid-template-areas: 'side' 'keys' 'actions'; justify-items: center; gap: 1.2vh; max-width: 1400px; margin: 0 auto; color: #fff; }
    .side { grid-area: side; display: flex; flex-direction: column; align-items: center; gap: 1.2vh; width: 100%; }
    .actions { grid-area: actions; display: flex; flex-direction: column; align-items: center; gap: 1.2vh; width: 100%; }
    h2 { font-size: 5vh; margin: 0.5vh 0 0; }
    .hint { font-size: 2.4vh; color: #dbe7f7; text-align: center; }
    .code { display: flex; gap: min(1.2vw, 1.2vh); margin: 0.5vh 0; }
    .cell { width: min(9vh, 12vw); height: min(11vh, 15vw); border-radius: 1.5vh; background: #fff; color: #0b2545; font-size: min(7vh, 9vw); font-weight: 800;
      display: flex; align-items: center; justify-content: center; font-variant-numeric: tabular-nums; }
    .cell.next { outline: 0.5vh solid #ffd600; outline-offset: -0.5vh; }
    .keys { grid-area: keys; display: grid; grid-template-columns: repeat(3, 1fr); gap: 1vh 1.4vw; width: min(100%, 64vh); }
    .keys button { min-height: 7.6vh; font: inherit; font-size: 4.4vh; font-weight: 800; border: 0; border-radius: 1.6vh; background: #fff; color: #0b2545; cursor: pointer; }
    .keys button.fn { font-size: 2.8vh; background: #dbe7f7; }
    .keys button:active { transform: scale(0.97); }
    .go { width: min(100%, 64vh); min-height: 8vh; font: inherit; font-size: 4vh; font-weight: 800; border: 0; border-radius: 2vh; background: #ffd600; color: #0b2545; cursor: pointer; }
    .go[disabled] { opacity: 0.45; }
    .problem { width: min(100%, 90vh); box-sizing: border-box; padding: 1.4vh 2vw; border-radius: 1.5vh; background: #c0392b; display: flex; flex-direction: column; gap: 0.6vh; }
    .problem b { font-size: 3.6vh; }
    .problem span { font-size: 2.4vh; line-height: 1.4; }
    .back { font: inherit; font-size: 2.8vh; background: transparent; color: #dbe7f7; border: 1px solid #dbe7f7; border-radius: 1.5vh; padding: 1vh 3vw; cursor: pointer; }
    @media (min-aspect-ratio: 4/3) {
      :host { grid-template-areas: 'side keys' 'actions keys'; grid-template-columns: 1fr 1fr; grid-template-rows: auto 1fr; align-items: start; column-gap: 4vw; margin-top: 3vh; }
      /* The screen's height is short here: the keypad takes it, with keys as big as a finger wants. */
      .keys { width: min(100%, 100vh); gap: 1.6vh 1.2vw; }
      .keys button { min-height: 14vh; font-size: 6vh; }
      .keys button.fn { font-size: 3.6vh; }
      .go { min-height: 12vh; }
    }
  `;

  /** A code already read (from the scanner): checked in at once. */
  @property() initialCode = '';
  @property() kioskId: string | null = null;
  /** The paired kiosk's token; without one the hub limits check-ins per address. */
  @property() deviceToken: string | null = null;
  @state() private _code = '';
  @state() private _busy = false;
  @state() private _problem: { title: string; hint: string; message: string } | null = null;

  protected firstUpdated(): void {
    if (/^\d{6}$/.test(this.initialCode)) {
      this._code = this.initialCode;
      void this.submit();
    }
  }

  /** The kiosk hands over a code its scanner read while this pad is open. */
  scanned(code: string): void {
    this._code = code;
    void this.submit();
  }

  private press(d: string): void {
    this._problem = null;
    if (this._code.length < 6) this._code += d;
  }

  async submit(): Promise<void> {
    if (this._busy || !/^\d{6}$/.test(this._code)) return;
    this._busy = true;
    this._problem = null;
    try {
      const ticket = await api<CheckedInTicket>('POST', '/api/appointments/check-in', {
        code: this._code, ...(this.kioskId ? { kioskId: this.kioskId } : {}),
      }, { token: this.deviceToken });
      if (ticket.slotStart && !ticket.slotEnd) ticket.slotEnd = await slotEndOf(ticket.serviceId, ticket.slotStart);
      this.dispatchEvent(new CustomEvent<CheckedInTicket>('ticket', { detail: ticket, bubbles: true, composed: true }));
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
      const p = checkInProblem(err.status, err.code);
      this._problem = p
        ? { title: t(`err_${p}` as StringKey), hint: t(`err_hint_${p}` as StringKey), message: err.message }
        : { title: err.message, hint: '', message: '' };
      this._code = '';
    } finally {
      this._busy = false;
    }
  }

  render() {
    const cells = Array.from({ length: 6 }, (_, i) => this._code[i] ?? '');
    const p = this._problem;
    return html`
      <div class="side">
        <h2>${t('checkIn')}</h2>
        <div class="hint">${t('checkInHint')}</div>
        <div class="code" aria-label=${t('checkInCode')} data-testid="checkin-code">
          ${cells.map((c, i) => html`<span class="cell ${i === this._code.length ? 'next' : ''}">${c}</span>`)}
        </div>
        ${p
          ? html`<div class="problem" role="alert" data-testid="checkin-problem"><b>${p.title}</b>
              ${/\d/.test(p.message) ? html`<span>${p.message}</span>` : nothing}
              ${p.hint ? html`<span>${p.hint}</span>` : nothing}</div>`
          : nothing}
      </div>
      <div class="keys">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => html`<button data-key=${d} @click=${() => this.press(d)}>${d}</button>`)}
        <button class="fn" data-key="clear" @click=${() => ((this._code = ''), (this._problem = null))}>${t('checkInClear')}</button>
        <button data-key="0" @click=${() => this.press('0')}>0</button>
        <button class="fn" data-key="del" @click=${() => (this._code = this._code.slice(0, -1))}>${t('checkInDel')}</button>
      </div>
      <div class="actions">
        <button class="go" data-action="check-in" ?disabled=${this._busy || this._code.length !== 6} @click=${() => this.submit()}>${t('checkInGo')}</button>
        <button class="back" @click=${() => this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }))}>← ${t('back')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'checkin-pad': CheckinPad;
  }
}

/** The slot's end, from the service's slot length (the check-in answer gives the start only). */
async function slotEndOf(serviceId: string, start: string): Promise<string | null> {
  try {
    const services = await api<(ServiceView & { appointments?: { slotMin: number } | null })[]>('GET', '/api/services', undefined, { token: null });
    const min = services.find((s) => s.id === serviceId)?.appointments?.slotMin;
    return min ? new Date(Date.parse(start) + min * 60_000).toISOString() : null;
  } catch {
    return null;
  }
}

/** The ticket's 预约 mark and its slot, for the kiosk's ticket card (nothing for a walk-in ticket). */
export function appointmentMark(tk: TicketView, timeZone: string) {
  const a = tk as CheckedInTicket & { appointment?: { start?: string; end?: string } };
  if (!a.appointmentId) return nothing;
  const start = a.slotStart ?? a.appointment?.start ?? null;
  const end = a.slotEnd ?? a.appointment?.end ?? null;
  const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
  return html`<span class="priority" style="background:#8e44ad" data-testid="ticket-appointment">${t('appointment')}${start
    ? ` · ${end ? t('appointmentSlot', { s: hhmm(start), e: hhmm(end) }) : hhmm(start)}` : ''}</span>`;
}

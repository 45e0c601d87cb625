import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { t } from '../ui/i18n.ts';
import type { TicketView } from '../ui/types.ts';
import './checkin-pad.ts';
import type { CheckedInTicket, CheckinPad } from './checkin-pad.ts';
import { CodeCollector } from './codeCollector.ts';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * The kiosk's 预约取号: whether the keypad is open, and the scanner listening on every screen (a
 * booking's QR scanned on the home screen opens the keypad with the code and checks in at once).
 * Kept out of the kiosk's own element so its home screen can change without this.
 */
export class CheckinController implements ReactiveController {
  open = false;
  private code = '';
  private readonly collector = new CodeCollector();
  private readonly onKey = (e: KeyboardEvent) => {
    // Typing into a field of the page (none on the kiosk today) is not a scan.
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    const code = this.collector.key(e.key, performance.now());
    if (!code) return;
    const pad = this.host.renderRoot.querySelector<CheckinPad>('checkin-pad');
    if (this.open && pad) return pad.scanned(code);
    this.code = code;
    this.open = true;
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: Host,
    private readonly onTicket: (ticket: TicketView) => void,
    private readonly deviceToken: () => string | null = () => null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
  }

  show = () => {
    this.code = '';
    this.open = true;
    this.host.requestUpdate();
  };

  hide = () => {
    this.open = false;
    this.code = '';
    this.host.requestUpdate();
  };

  /** The 预约取号 button, in the kiosk's header: on every screen, and it costs the services no room. */
  button() {
    return html`<button class="checkin" data-action="open-check-in" aria-pressed=${this.open} @click=${this.show}
      style="flex:none;font:inherit;font-size:2.4vh;line-height:1.2;font-weight:700;padding:0.5vh 2vw;border:0;border-radius:1.4vh;background:#8e44ad;color:#fff;white-space:nowrap;cursor:pointer"
      >${t('checkIn')}</button>`;
  }

  render(kioskId: string | null) {
    return html`<checkin-pad .initialCode=${this.code} .kioskId=${kioskId} .deviceToken=${this.deviceToken()}
      @ticket=${(e: CustomEvent<CheckedInTicket>) => {
        this.hide();
        this.onTicket(e.detail);
      }}
      @cancel=${this.hide}></checkin-pad>`;
  }
}

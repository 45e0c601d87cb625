/**
 * What the simulated hall does, whoever carries it out: a hub over HTTP (the real API, so the
 * simulator exercises everything a kiosk and a counter would), or the core alone writing
 * journals (fast enough for a year of a busy hall).
 */
export type WindowAction = 'sign-in' | 'sign-out' | 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume';

export interface Answer {
  ok: boolean;
  status: number;
  body: any;
}

export interface SimDriver {
  /** Moves the hub's clock to `ms` (a clock the simulator owns) or waits until the hub's clock gets there. */
  until(ms: number): Promise<void>;
  /** Takes a ticket; null when the hall refuses (cut-off time, daily cap). */
  issue(serviceId: string, priority: boolean): Promise<{ id: string; number: string } | null>;
  act(staffId: string, windowId: string, action: WindowAction, body?: Record<string, unknown>): Promise<Answer>;
  rate(ticketId: string, score: number): Promise<boolean>;
  /** Ends a business day once its last visitor left: the hub does this itself at midnight. */
  endDay(day: string, nextMidnightMs: number): Promise<void>;
}

/** Drives a hub over HTTP. `pins` are the staff's PINs (the demo hall's unless given). */
export class HttpDriver implements SimDriver {
  private tokens = new Map<string, string>();
  /** Unexpected refusals, by action and code: a healthy run has none. */
  readonly surprises = new Map<string, number>();

  constructor(
    private readonly url: string,
    private readonly pins: Record<string, string>,
    readonly until: (ms: number) => Promise<void>,
    private readonly closeDay: (nextMidnightMs: number) => Promise<void> = async () => {},
  ) {}

  private async call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const res = await fetch(this.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { ok: res.ok, status: res.status, body: parsed };
  }

  private async token(staffId: string, fresh = false): Promise<string> {
    const known = this.tokens.get(staffId);
    if (known && !fresh) return known;
    const r = await this.call('POST', '/api/auth/login', { staffId, pin: this.pins[staffId] });
    if (!r.ok) throw new Error(`login ${staffId} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.tokens.set(staffId, r.body.token);
    return r.body.token;
  }

  async issue(serviceId: string, priority: boolean) {
    const r = await this.call('POST', '/api/tickets', { serviceId, priority });
    if (r.status === 201) return { id: r.body.id as string, number: r.body.number as string };
    if (r.status !== 409) this.surprise('issue', r);
    return null;
  }

  async act(staffId: string, windowId: string, action: WindowAction, body: Record<string, unknown> = {}): Promise<Answer> {
    let r = await this.call('POST', `/api/windows/${windowId}/${action}`, body, await this.token(staffId));
    // Tokens run on the hub's clock, which the simulator moves by days: log in again when one lapses.
    if (r.status === 401) r = await this.call('POST', `/api/windows/${windowId}/${action}`, body, await this.token(staffId, true));
    if (!r.ok && !(action === 'call-next' && r.status === 404)) this.surprise(action, r);
    return r;
  }

  async rate(ticketId: string, score: number) {
    const r = await this.call('POST', `/api/tickets/${ticketId}/rating`, { score });
    if (!r.ok) this.surprise('rating', r);
    return r.ok;
  }

  endDay(_day: string, nextMidnightMs: number) {
    return this.closeDay(nextMidnightMs);
  }

  private surprise(what: string, r: Answer) {
    const key = `${what} ${r.status} ${r.body?.error?.code ?? ''}`;
    this.surprises.set(key, (this.surprises.get(key) ?? 0) + 1);
  }
}

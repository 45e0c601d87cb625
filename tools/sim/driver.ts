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

/**
 * Drives a hub over HTTP. `pins` are the staff's PINs (the demo hall's unless given). It acts as a
 * paired kiosk (a manager among `pins` pairs it on first use: an unpaired client may take only a
 * few tickets an hour) and rates as the visitor does, with the key each ticket was issued with.
 */
export class HttpDriver implements SimDriver {
  private tokens = new Map<string, string>();
  private kiosk: Promise<string> | null = null;
  private readonly keys = new Map<string, string>();
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

  /**
   * Pairs the kiosk and logs every staffer in before the day starts: against a hub whose clock runs
   * thousands of times faster, a PIN check at the first sign-in would cost the staffer hours.
   */
  async prepare(): Promise<void> {
    await this.kioskToken();
    for (const staffId of Object.keys(this.pins)) await this.token(staffId).catch(() => undefined);
  }

  /** The simulator's kiosk token: the first staff number among `pins` that may pair devices pairs it. */
  private kioskToken(): Promise<string> {
    this.kiosk ??= (async () => {
      for (const staffId of Object.keys(this.pins)) {
        const login = await this.call('POST', '/api/auth/login', { staffId, pin: this.pins[staffId] });
        if (!login.ok || login.body?.staff?.role !== 'manager') continue;
        // A pairing code lasts 15 minutes of hub time: a few real milliseconds on a training clock
        // running thousands of times faster, so a lapsed code is simply asked for again.
        let last: Answer | null = null;
        for (let attempt = 0; attempt < 5; attempt++) {
          const created = await this.call('POST', '/api/devices', { kind: 'kiosk', name: '模拟取号机' }, login.body.token);
          if (created.status !== 201) throw new Error(`pairing the simulator's kiosk: ${created.status} ${JSON.stringify(created.body)}`);
          last = await this.call('POST', '/api/devices/pair', { pairingCode: created.body.pairingCode });
          if (last.ok) return last.body.deviceToken as string;
        }
        throw new Error(`pairing the simulator's kiosk: ${last?.status} ${JSON.stringify(last?.body)}`);
      }
      throw new Error('the simulator needs a manager login among the staff PINs to pair its kiosk');
    })();
    return this.kiosk;
  }

  async issue(serviceId: string, priority: boolean) {
    const r = await this.call('POST', '/api/tickets', { serviceId, priority }, await this.kioskToken());
    if (r.status === 201) {
      if (typeof r.body.key === 'string') this.keys.set(r.body.id, r.body.key);
      return { id: r.body.id as string, number: r.body.number as string };
    }
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
    const r = await this.call('POST', `/api/tickets/${ticketId}/rating`, { score, key: this.keys.get(ticketId) });
    this.keys.delete(ticketId);
    if (!r.ok) this.surprise('rating', r);
    return r.ok;
  }

  endDay(_day: string, nextMidnightMs: number) {
    // A ticket can be rated only on its own day: the day's keys are of no more use.
    this.keys.clear();
    return this.closeDay(nextMidnightMs);
  }

  private surprise(what: string, r: Answer) {
    const key = `${what} ${r.status} ${r.body?.error?.code ?? ''}`;
    this.surprises.set(key, (this.surprises.get(key) ?? 0) + 1);
  }
}

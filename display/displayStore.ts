import { api } from '../ui/api.ts';
import type { HallConnection, Snapshot } from '../ui/hallConnection.ts';
import { debounce } from '../ui/hall-element.ts';
import { hubNow, noteHubTime, syncHubClock } from '../ui/hubClock.ts';
import type { HallEvent, HallInfo, ServiceView, WindowView } from '../ui/types.ts';
import type { Announcer } from './announcer.ts';

export interface CallItem {
  seq: number;
  number: string;
  windowNumber: number;
  at: string;
  recall: boolean;
}

/** Calls missed while offline that are older than this are shown but not spoken. */
const MAX_SPOKEN_AGE_MS = 2 * 60_000;

/**
 * What the wall and window screens show: the hall, services, windows (re-fetched after events and
 * after every sync, so nothing stale survives a drop) and the calls, kept from the event stream.
 */
export class DisplayStore {
  hall: HallInfo | null = null;
  services: ServiceView[] = [];
  windows: WindowView[] = [];
  calls: CallItem[] = [];
  private readonly listeners = new Set<() => void>();
  /** Calls replayed by a sync wait here until the hub's clock says how old they are. */
  private replayed: CallItem[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly refetchSoon = debounce(() => void this.refetch(), 150);

  constructor(
    private readonly conn: HallConnection,
    private readonly announcer: Announcer | null,
  ) {
    conn.onEvent((e, live) => this.onEvent(e, live));
    conn.onReset((s) => this.onReset(s));
    conn.onSynced(() => {
      this.refetchSoon();
      const batch = this.replayed;
      this.replayed = [];
      this.chain = this.chain.then(() => this.settleReplayed(batch)).catch(() => undefined);
    });
    void this.refetch();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  /** Numbers the fetches: an answer overtaken by a later fetch's answer is dropped, never shown. */
  private fetchNo = 0;
  private shownNo = 0;

  private async refetch(): Promise<void> {
    const mine = ++this.fetchNo;
    try {
      const [hall, services, windows] = await Promise.all([
        this.hall ? Promise.resolve(this.hall) : api<HallInfo>('GET', '/api/hall', undefined, { token: null }),
        api<ServiceView[]>('GET', '/api/services', undefined, { token: null }),
        api<WindowView[]>('GET', '/api/windows', undefined, { token: null }),
      ]);
      if (mine < this.shownNo) return;
      this.shownNo = mine;
      Object.assign(this, { hall, services, windows });
      this.changed();
    } catch {
      /* offline: the next sync re-fetches */
    }
  }

  private onEvent(e: HallEvent, live: boolean): void {
    if (e.type === 'TicketCalled' || e.type === 'TicketRecalled') {
      const call: CallItem = { seq: e.seq, number: e.data.number, windowNumber: e.data.windowNumber, at: e.at, recall: e.type === 'TicketRecalled' };
      this.calls = [call, ...this.calls.filter((c) => c.seq !== e.seq)].slice(0, 30);
      if (live) {
        noteHubTime(e.at);
        // Keep order behind calls of a sync still being settled.
        this.chain = this.chain.then(() => void this.announcer?.announce(call.seq, call.number, call.windowNumber));
      } else this.replayed.push(call);
    }
    if (e.type === 'DayClosed') this.calls = [];
    this.refetchSoon();
    this.changed();
  }

  private async settleReplayed(batch: CallItem[]): Promise<void> {
    if (!this.announcer) return;
    try {
      const day = await syncHubClock();
      if (day) this.announcer.setDay(day, this.conn.lastSeq);
    } catch {
      /* keep the last known offset */
    }
    const now = hubNow();
    for (const c of batch) {
      if (now - Date.parse(c.at) <= MAX_SPOKEN_AGE_MS) this.announcer.announce(c.seq, c.number, c.windowNumber);
      else this.announcer.skip(c.seq);
    }
  }

  private onReset(s: Snapshot): void {
    this.replayed = [];
    const tickets = (s.tickets ?? []) as { number: string; windowId: string | null; lastCalledAt: string | null }[];
    const numberOf = new Map(((s.windows ?? []) as WindowView[]).map((w) => [w.id, w.number]));
    this.calls = tickets
      .filter((t) => t.lastCalledAt && t.windowId && numberOf.has(t.windowId))
      .sort((a, b) => (a.lastCalledAt! < b.lastCalledAt! ? 1 : -1))
      .slice(0, 30)
      .map((t, i) => ({ seq: -i, number: t.number, windowNumber: numberOf.get(t.windowId!)!, at: t.lastCalledAt!, recall: false }));
    this.refetchSoon();
    this.changed();
  }
}

import { io, type Socket } from 'socket.io-client';
import type { HallEvent } from './types.ts';

/**
 * One live link to the hub for every page. On each (re)connect it asks for what it missed
 * (`hall:sync` with the last seq it applied) and applies those events in order, or starts over
 * from a snapshot when the hub no longer has them (a restart on a new day, a new data dir). Live
 * events that arrive out of turn are dropped (already seen) or trigger a resync (a gap).
 */
export type ConnStatus = 'connecting' | 'online' | 'offline';

export type Snapshot = Record<string, unknown> & { businessDay?: string };
type SyncAnswer = { seq: number; events: HallEvent[] } | { seq: number; snapshot: Snapshot } | { error: { code: string; message: string } };

/** `live` is false for events replayed by a sync (missed while away or before the page loaded). */
export type EventListener = (e: HallEvent, live: boolean) => void;

export interface HallConnection {
  readonly status: ConnStatus;
  readonly lastSeq: number;
  onEvent(fn: EventListener): () => void;
  /** The hub answered a sync with a snapshot: everything known so far is void. */
  onReset(fn: (snapshot: Snapshot) => void): () => void;
  /** After every completed sync: pages re-fetch what they show so nothing stale stays. */
  onSynced(fn: () => void): () => void;
  onStatus(fn: (s: ConnStatus) => void): () => void;
  /** Other socket messages the hub sends (e.g. `printer:status`). */
  onMessage<T>(name: string, fn: (msg: T) => void): () => void;
  close(): void;
}

export interface ConnectOptions {
  token?: string | null;
  /** Start from this seq instead of 0 (0 replays the whole open day). */
  fromSeq?: number;
  url?: string;
}

export function connectHall(opts: ConnectOptions = {}): HallConnection {
  const events = new Set<EventListener>();
  const resets = new Set<(s: Snapshot) => void>();
  const synced = new Set<() => void>();
  const statuses = new Set<(s: ConnStatus) => void>();
  let status: ConnStatus = 'connecting';
  let lastSeq = opts.fromSeq ?? 0;
  let syncing = false;
  let resyncWanted = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  /** Bumped on every disconnect: an answer to a sync sent on an older link is ignored. */
  let link = 0;

  const socket: Socket = io(opts.url ?? '/', {
    transports: ['websocket'],
    auth: opts.token ? { token: opts.token } : undefined,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });

  const setStatus = (s: ConnStatus) => {
    if (s === status) return;
    status = s;
    for (const fn of statuses) fn(s);
  };
  const apply = (e: HallEvent, live: boolean) => {
    lastSeq = e.seq;
    for (const fn of events) {
      try {
        fn(e, live);
      } catch (err) {
        console.error('hall event listener failed', err);
      }
    }
  };

  const sync = () => {
    if (syncing) {
      resyncWanted = true;
      return;
    }
    syncing = true;
    clearTimeout(retry);
    const mine = link;
    socket.timeout(8000).emit('hall:sync', { lastSeq }, (err: Error | null, answer: SyncAnswer) => {
      if (mine !== link) return;
      syncing = false;
      if (err || !answer || 'error' in answer) {
        // No answer in time (or a refusal): try again while the socket stays up.
        if (socket.connected) retry = setTimeout(sync, 1000);
        return;
      }
      if ('snapshot' in answer) {
        lastSeq = answer.seq;
        for (const fn of resets) fn(answer.snapshot);
      } else {
        // lastSeq moves only with events applied: were the answer's seq ahead, the next live event shows the gap.
        for (const e of answer.events) if (e.seq > lastSeq) apply(e, false);
      }
      setStatus('online');
      for (const fn of synced) fn();
      if (resyncWanted) {
        resyncWanted = false;
        sync();
      }
    });
  };

  socket.on('connect', () => {
    setStatus('connecting');
    sync();
  });
  socket.on('disconnect', (reason) => {
    link++;
    syncing = false;
    resyncWanted = false;
    clearTimeout(retry);
    setStatus('offline');
    // socket.io leaves a server-side disconnect (a hub restart, a kicked socket) to us: come back.
    if (reason === 'io server disconnect' && !closed) setTimeout(() => !closed && socket.connect(), 500);
  });
  socket.on('connect_error', () => setStatus('offline'));
  socket.on('hall:event', (e: HallEvent) => {
    // While a sync is under way its answer covers these events, or the resync after it will.
    if (syncing) return void (resyncWanted = true);
    if (e.seq <= lastSeq) return;
    if (e.seq > lastSeq + 1) return sync();
    apply(e, true);
  });

  const sub = <T>(set: Set<T>, fn: T) => {
    set.add(fn);
    return () => void set.delete(fn);
  };
  const conn: HallConnection = {
    get status() {
      return status;
    },
    get lastSeq() {
      return lastSeq;
    },
    onEvent: (fn) => sub(events, fn),
    onReset: (fn) => sub(resets, fn),
    onSynced: (fn) => sub(synced, fn),
    onStatus: (fn) => sub(statuses, fn),
    onMessage(name, fn) {
      const handler = (msg: unknown) => fn(msg as Parameters<typeof fn>[0]);
      socket.on(name, handler);
      return () => void socket.off(name, handler);
    },
    close() {
      closed = true;
      clearTimeout(retry);
      socket.close();
      setStatus('offline');
    },
  };
  // Tests and support staff read the link's state from the console.
  (window as unknown as { hallConnection?: HallConnection }).hallConnection = conn;
  return conn;
}

import type { Server as HttpServer } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import type { Socket } from 'socket.io';
import { tokenBucket } from './limits.ts';

/**
 * What one client may cost the hub over socket.io: how much may wait to be sent to it, how often
 * it may ask for a resync, and how many connections one address may hold. Screens and counters
 * stay far under every bound; a stalled or hostile client meets them and is cut off or told to
 * wait, and a real screen resyncs on its own when it reconnects.
 */
export interface SocketLimits {
  /** Bytes queued for one socket (the hub's write buffers, not the kernel's) before it is dropped. */
  maxQueuedBytes: number;
  /** Syncs a socket may send at once, then one per `syncRefillMs`. */
  syncBurst: number;
  syncRefillMs: number;
  /** Messages (events of any name) one socket may send within `messageWindowMs`; past it the socket is dropped. */
  maxMessages: number;
  messageWindowMs: number;
  /** Open TCP connections (HTTP and websockets) per client address. */
  maxPerAddress: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  // A busy day's snapshot or a 2000-event catch-up is well under 1 MB; twice that is a client
  // that has stopped reading, not a slow one.
  maxQueuedBytes: 2 * 1024 * 1024,
  syncBurst: 5,
  syncRefillMs: 1000,
  // A page sends a sync when it connects and when it sees a gap, one at a time: a few a minute.
  // A thousand in ten seconds is a script, and answering each (if only to refuse it) is what costs.
  maxMessages: 1000,
  messageWindowMs: 10_000,
  maxPerAddress: 200,
};

/** The engine.io connection's parts this module reads (not in socket.io's public types). */
interface EngineConn {
  writeBuffer: { data?: unknown }[];
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
  on(ev: 'packetCreate', fn: (p: { data?: unknown }) => void): void;
  on(ev: 'flush' | 'close', fn: () => void): void;
  close(discard?: boolean): void;
}

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? data.length * 2 : data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : 64;

/**
 * Watches what waits to be written to one connection: engine.io's packet queue (filled while the
 * transport is busy) plus the websocket's own buffer (what the kernel did not take). Past the bound
 * the connection is cut at once; a polite close would queue behind the very data that is stuck.
 */
export function boundQueue(socket: Socket, maxBytes: number, onDrop: (queued: number) => void): void {
  const conn = socket.conn as unknown as EngineConn;
  let pending = 0;
  let dropped = false;
  conn.on('flush', () => (pending = 0));
  conn.on('packetCreate', (p) => {
    if (dropped) return;
    pending += sizeOf(p.data);
    const queued = pending + (conn.transport?.socket?.bufferedAmount ?? 0);
    if (queued <= maxBytes) return;
    dropped = true;
    onDrop(queued);
    conn.writeBuffer = [];
    cut(conn);
  });
}

/** Closes a connection at once: a websocket is terminated, since a hostile client never answers the closing handshake. */
function cut(conn: EngineConn): void {
  const ws = conn.transport?.socket;
  if (conn.transport?.name === 'websocket' && typeof ws?.terminate === 'function') ws.terminate();
  else conn.close(true);
}

/**
 * Cuts a socket that sends more than `max` messages within a window: one that floods the hub with
 * syncs without waiting for their answers (or with anything else) costs the hub's thread a parse
 * per message, and no screen, counter or phone ever comes near the bound.
 */
export function boundMessages(socket: Socket, limits: Pick<SocketLimits, 'maxMessages' | 'messageWindowMs'>, onDrop: (count: number) => void, now: () => number = Date.now): void {
  const conn = socket.conn as unknown as EngineConn & { on(ev: 'packet', fn: (p: { type: string }) => void): void };
  let windowStart = now();
  let count = 0;
  let dropped = false;
  conn.on('packet', (p) => {
    if (p.type !== 'message' || dropped) return;
    const t = now();
    if (t - windowStart >= limits.messageWindowMs) {
      windowStart = t;
      count = 0;
    }
    if (++count <= limits.maxMessages) return;
    dropped = true;
    onDrop(count);
    conn.writeBuffer = [];
    cut(conn);
  });
}

/**
 * Answers held until their time: a sync refused for the rate is answered only once the socket may
 * sync again, so a client that asks again as soon as it is refused (a page's loop gone wrong, a
 * script) asks about once per refill, not thousands of times a second. One timer per socket.
 */
export function heldAnswers(): { hold(answer: () => void, ms: number): void; drop(): void } {
  let waiting: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    hold(answer, ms) {
      waiting.push(answer);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const due = waiting;
        waiting = [];
        for (const a of due) a();
      }, ms);
    },
    drop() {
      if (timer) clearTimeout(timer);
      timer = null;
      waiting = [];
    },
  };
}

/** A token bucket per socket: `take` is true when a sync may be answered now. */
export function syncLimiter(limits: Pick<SocketLimits, 'syncBurst' | 'syncRefillMs'>, now: () => number = Date.now) {
  return tokenBucket(limits.syncBurst, limits.syncRefillMs, now);
}

/**
 * At most `max` open TCP connections per client address (page loads, API calls, websockets all
 * count): past it a new connection is closed at once, so one client holding connections open
 * cannot use up the hub's file handles and lock out the kiosks, screens and counters.
 */
export function capConnections(
  http: HttpServer,
  max: number,
  onRefuse?: (addr: string) => void,
  /** Refused at accept, before Node makes a socket of it (see `refuseAtAccept`), given how many that address holds open. */
  refuseEarly?: (addr: string, open: number) => boolean,
): void {
  const open = new Map<string, number>();
  if (refuseEarly) refuseAtAccept(http, (addr) => refuseEarly(addr, open.get(addr) ?? 0));
  http.on('connection', (sock: NetSocket) => {
    const addr = sock.remoteAddress ?? 'unknown';
    const n = open.get(addr) ?? 0;
    if (n >= max) {
      onRefuse?.(addr);
      sock.destroy();
      return;
    }
    open.set(addr, n + 1);
    sock.once('close', () => {
      const left = (open.get(addr) ?? 1) - 1;
      if (left > 0) open.set(addr, left);
      else open.delete(addr);
    });
  });
}

/** The listening handle's parts `refuseAtAccept` uses (Node's own, not in its public types). */
interface ListenHandle {
  onconnection?: (this: ListenHandle, err: number, client?: { getpeername(out: { address?: string }): number; close(): void }) => void;
}

/**
 * Closes a new connection straight from the listening handle when `refuse(address)` says so,
 * before Node makes a socket, an HTTP parser and their listeners for it: about an eighth of what
 * a connection answered even with a bare 429 costs the hub's thread (measured on the same machine:
 * ~45 µs closed here, ~175 µs destroyed in a 'connection' listener, ~370 µs answered). A phone
 * that opens connections in bursts of 64 would otherwise hold the thread 25–30 ms per burst. Where the handle does not have
 * the expected shape (another Node), nothing is refused here and the usual paths apply.
 */
export function refuseAtAccept(http: HttpServer, refuse: (addr: string) => boolean): void {
  http.on('listening', () => {
    const handle = (http as unknown as { _handle?: ListenHandle })._handle;
    const accept = handle?.onconnection;
    if (!handle || typeof accept !== 'function') return;
    handle.onconnection = function (err, client) {
      if (!err && client) {
        const peer: { address?: string } = {};
        client.getpeername(peer);
        if (peer.address && refuse(peer.address)) {
          client.close();
          return;
        }
      }
      accept.call(this, err, client);
    };
  });
}

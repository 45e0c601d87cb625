import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { HallEvent } from '../shared/events.ts';
import type { Hub } from './hub.ts';
import { syncMessage } from './http/schemas.ts';
import { snapshotView } from './views.ts';
import { eventFor, type Audience } from './eventViews.ts';
import { boundMessages, boundQueue, capConnections, DEFAULT_SOCKET_LIMITS, heldAnswers, syncLimiter, type SocketLimits } from './socketGuards.ts';

const AUDIENCES: readonly Audience[] = ['public', 'staff', 'manager'];

/** The socket contract, shared in shape with the pages' connection helper. */
export interface ServerToClient {
  'hall:event': (e: HallEvent) => void;
  /** A kiosk printer's state changed (see server/printing). */
  'printer:status': (s: { kioskId: string; ok: boolean; pendingJobs: number; message: string }) => void;
}
export type SyncAnswer =
  | { seq: number; events: HallEvent[] }
  | { seq: number; snapshot: ReturnType<typeof snapshotView> }
  | { error: { code: string; message: string; retryAfterMs?: number } };
export interface ClientToServer {
  'hall:sync': (msg: { lastSeq: number }, ack: (a: SyncAnswer) => void) => void;
}

/**
 * Broadcasts every durable event to every socket, in seq order, and answers `hall:sync` with what
 * a screen missed. Malformed messages get an error answer, never a disconnect.
 */
export function attachRealtime(
  http: HttpServer,
  hub: Hub,
  limitsGiven: Partial<SocketLimits> = {},
  /** Who a socket's `auth.token` makes it: public unless it is a valid staff token (see eventViews.ts). */
  audience: (token: unknown) => Audience = () => 'public',
  /** New connections refused at accept, given the address and how many it holds open (see capConnections). */
  refuseEarly?: (addr: string, open: number) => boolean,
): Server<ClientToServer, ServerToClient> {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...limitsGiven };
  capConnections(http, limits.maxPerAddress, (addr) => hub.log(`connection from ${addr} refused: ${limits.maxPerAddress} already open`), refuseEarly);
  const snapshots = snapshotCache(hub);
  const io = new Server<ClientToServer, ServerToClient>(http, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    cors: { origin: false },
  });

  // One room per audience: each event is cut to what that audience may see, encoded once per room.
  hub.onEvents((events) => {
    // A staff socket whose token ended (signed out everywhere, PIN or role changed, expired) is
    // moved to the public room before anything else is sent, not at its next sync.
    for (const room of ['staff', 'manager'] as const) {
      for (const id of [...(io.sockets.adapter.rooms.get(room) ?? [])]) (io.sockets.sockets.get(id)?.data as { recheck?: () => void } | undefined)?.recheck?.();
    }
    for (const e of events) for (const a of AUDIENCES) io.to(a).emit('hall:event', eventFor(a, e));
  });

  io.on('connection', (socket: Socket<ClientToServer, ServerToClient>) => {
    // Tokenless sockets get the public view of every event; a staff page's `auth: { token }` adds
    // what staff may read. The token is looked at again on every sync and before every broadcast.
    let seen: Audience = audience(socket.handshake.auth?.token);
    void socket.join(seen);
    const recheck = () => {
      const now = audience(socket.handshake.auth?.token);
      if (now !== seen) {
        void socket.leave(seen);
        void socket.join(now);
        seen = now;
      }
      return now;
    };
    socket.data = { recheck };
    boundQueue(socket, limits.maxQueuedBytes, (queued) => hub.log(`socket ${socket.id} dropped: ${queued} bytes waiting to be sent (it stopped reading)`));
    boundMessages(socket, limits, (n) => hub.log(`socket ${socket.id} dropped: ${n} messages within ${limits.messageWindowMs} ms`));
    const syncs = syncLimiter(limits);
    const held = heldAnswers();
    socket.on('disconnect', () => held.drop());
    socket.on('hall:sync', (msg, ack) => {
      if (typeof ack !== 'function') return;
      // Malformed messages are answered at once and cost no sync: they cost the hub no snapshot.
      const parsed = syncMessage.safeParse(msg);
      if (!parsed.success) return ack({ error: { code: 'BAD_REQUEST', message: 'hall:sync expects { lastSeq: integer >= 0 }' } });
      if (!syncs.take()) {
        // Answered when the socket may sync again: the page's connection helper then tries again
        // (a second later); a client that asks again at each answer asks once a refill, not at will.
        const wait = syncs.waitMs();
        return held.hold(() => ack({ error: { code: 'TOO_MANY_REQUESTS', message: `too many hall:sync requests; try again in ${wait} ms`, retryAfterMs: wait } }), wait);
      }
      const events = hub.eventsAfter(parsed.data.lastSeq);
      const as = recheck();
      if (events) return ack({ seq: hub.journal.lastSeq, events: events.map((e) => eventFor(as, e)) });
      void hub.settled().then(() => ack(snapshots()));
    });
    // Anything else a client sends is ignored; socket.io drops unknown events on its own.
  });
  return io;
}

/**
 * One snapshot per seq: screens reconnecting together (after a Wi-Fi drop) and a client asking
 * again and again all get the object built once, until the next event or a second has passed
 * (a manager's edit of the hall changes names and targets without an event).
 */
function snapshotCache(hub: Hub) {
  let kept: { seq: number; config: unknown; made: number; answer: { seq: number; snapshot: ReturnType<typeof snapshotView> } } | null = null;
  return () => {
    const now = Date.now();
    if (kept && kept.seq === hub.state.seq && kept.config === hub.config && now - kept.made < 1000) return kept.answer;
    const answer = { seq: hub.state.seq, snapshot: snapshotView(hub.state, hub.config) };
    kept = { seq: hub.state.seq, config: hub.config, made: now, answer };
    return answer;
  };
}

import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { HallEvent } from '../shared/events.ts';
import type { Hub } from './hub.ts';
import { syncMessage } from './http/schemas.ts';
import { snapshotView } from './views.ts';

/** The socket contract, shared in shape with the pages' connection helper. */
export interface ServerToClient {
  'hall:event': (e: HallEvent) => void;
  /** A kiosk printer's state changed (see server/printing). */
  'printer:status': (s: { kioskId: string; ok: boolean; pendingJobs: number; message: string }) => void;
}
export type SyncAnswer =
  | { seq: number; events: HallEvent[] }
  | { seq: number; snapshot: ReturnType<typeof snapshotView> }
  | { error: { code: string; message: string } };
export interface ClientToServer {
  'hall:sync': (msg: { lastSeq: number }, ack: (a: SyncAnswer) => void) => void;
}

/**
 * Broadcasts every durable event to every socket, in seq order, and answers `hall:sync` with what
 * a screen missed. Malformed messages get an error answer, never a disconnect.
 */
export function attachRealtime(http: HttpServer, hub: Hub): Server<ClientToServer, ServerToClient> {
  const io = new Server<ClientToServer, ServerToClient>(http, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    cors: { origin: false },
  });

  hub.onEvents((events) => {
    for (const e of events) io.emit('hall:event', e);
  });

  io.on('connection', (socket: Socket<ClientToServer, ServerToClient>) => {
    // Everything broadcast is public by rule (numbers, windows, who is on duty), so a staff page's
    // `auth: { token }` is accepted but changes nothing; personal data only goes out over REST.
    socket.on('hall:sync', (msg, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = syncMessage.safeParse(msg);
      if (!parsed.success) return ack({ error: { code: 'BAD_REQUEST', message: 'hall:sync expects { lastSeq: integer >= 0 }' } });
      const events = hub.eventsAfter(parsed.data.lastSeq);
      if (events) return ack({ seq: hub.journal.lastSeq, events });
      void hub.settled().then(() => ack({ seq: hub.state.seq, snapshot: snapshotView(hub.state, hub.config) }));
    });
    // Anything else a client sends is ignored; socket.io drops unknown events on its own.
  });
  return io;
}

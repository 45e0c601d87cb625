import { createAdapter } from '@socket.io/postgres-adapter';
import type { Server as HttpServer } from 'node:http';
import type pg from 'pg';
import { Server as IoServer } from 'socket.io';
import { viewerOf, type CentralTokens } from './auth.ts';
import { hallRows, type HallRow } from './halls.ts';

export const ONLINE_MS = 60_000;

/**
 * Namespace /central: a socket with `auth: { token }` joins one room per hall it may see and gets
 * `central:hall` with that hall's row of GET /api/central/halls whenever it changes. Rooms go
 * through PostgreSQL (LISTEN/NOTIFY, the socket.io postgres adapter), so a hall ingested by one
 * centre process reaches sockets of every process on the same database.
 */
export function attachLive(http: HttpServer, pool: pg.Pool, tokens: CentralTokens, log: (m: string) => void) {
  const io = new IoServer(http, { serveClient: false, cors: { origin: false } });
  io.adapter(createAdapter(pool, { errorHandler: (e) => log(`live adapter: ${e.message}`) }));
  const nsp = io.of('/central');
  nsp.use((socket, next) => {
    viewerOf(pool, tokens, (socket.handshake.auth as { token?: unknown })?.token)
      .then((v) => {
        if (!v) return next(new Error('UNAUTHORIZED'));
        socket.data.viewer = v;
        next();
      })
      .catch(() => next(new Error('UNAVAILABLE')));
  });
  nsp.on('connection', async (socket) => {
    const v = socket.data.viewer as Awaited<ReturnType<typeof viewerOf>>;
    const rows = await hallRows(pool, v!).catch(() => [] as HallRow[]);
    for (const r of rows) await socket.join(`hall:${r.hallId}`);
    socket.emit('central:halls', rows);
  });

  // `online` turns false without any event: each process looks once every 10 s and tells its own
  // sockets (local, so two processes do not both send it).
  const wasOnline = new Map<string, boolean>();
  const sweep = setInterval(() => {
    pool.query<{ hall_id: string; online: boolean }>(`select hall_id, coalesce(last_seen_at > now() - interval '${ONLINE_MS / 1000} seconds', false) as online from hall_status`)
      .then(async (r) => {
        const changed = r.rows.filter((x) => wasOnline.has(x.hall_id) && wasOnline.get(x.hall_id) !== x.online).map((x) => x.hall_id);
        for (const x of r.rows) wasOnline.set(x.hall_id, x.online);
        if (!changed.length) return;
        for (const row of await hallRows(pool, null, changed)) nsp.local.to(`hall:${row.hallId}`).emit('central:hall', row);
      })
      .catch(() => {});
  }, 10_000);
  sweep.unref();

  return {
    io,
    /** Sends a hall's row to every socket of every process that may see it. */
    push(row: HallRow) {
      nsp.to(`hall:${row.hallId}`).emit('central:hall', row);
    },
    close: () => {
      clearInterval(sweep);
      return new Promise<void>((r) => io.close(() => r()));
    },
  };
}

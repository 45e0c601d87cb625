import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors.ts';
import { errorHandler } from '../../server/http/errors.ts';
import { CentralTokens } from './auth.ts';
import { openDatabase, type Database } from './db.ts';
import { FoldCache } from './ingest.ts';
import { attachLive } from './live.ts';
import { demoNetwork, importNetwork, parseNetwork } from './network.ts';
import { centralRoutes } from './routes.ts';

export interface CentralOptions {
  /** postgres://… of a server; without it an embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Port of the embedded PostgreSQL. */
  pgPort?: number;
  /** A network file to import when the database holds no network yet; the demo network otherwise. */
  network?: unknown;
  /** Built pages (dist/) to serve /central from, if any. */
  webDir?: string;
  log?: (m: string) => void;
}

export interface RunningCentral {
  http: HttpServer;
  db: Database;
  /** True when this start created the demo network. */
  createdDemo: boolean;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createCentral(opts: CentralOptions): Promise<RunningCentral> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const net = parseNetwork(opts.network ?? demoNetwork);
  const db = await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir, port: opts.pgPort, log });
  try {
    const created = await importNetwork(db.pool, net);
    const key = (await db.pool.query<{ value: string }>("select value from central_settings where key = 'token_key'")).rows[0]?.value;
    if (!key) throw new Error('the centre database has a network but no token key');
    const tokens = new CentralTokens(Buffer.from(key, 'hex'));
    const cache = new FoldCache();

    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.set('trust proxy', 'loopback');
    app.use((_req, res, next) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      next();
    });
    app.get('/api/health', (_req, res) => res.json({ ok: true, role: 'central' }));
    const http = createServer(app);
    const live = attachLive(http, db.pool, tokens, log);
    app.use(centralRoutes({ pool: db.pool, tokens, cache, push: live.push, log }));
    if (opts.webDir) {
      const page = join(opts.webDir, 'central', 'index.html');
      app.use(express.static(opts.webDir, { index: false, redirect: false, dotfiles: 'deny' }));
      app.get(['/central', '/central/*rest'], (_req, res, next) => (existsSync(page) ? res.sendFile(page) : next()));
      app.get('/', (_req, res) => res.redirect('/central'));
    }
    app.use((_req, _res, next) => next(new DomainError('not-found', 'NOT_FOUND', '没有这个页面', 'No such page')));
    app.use(errorHandler(log));

    return {
      http, db, createdDemo: created && opts.network === undefined,
      listen(port, host) {
        return new Promise((resolve, reject) => {
          http.once('error', reject);
          http.listen(port, host, () => {
            http.off('error', reject);
            const a = http.address();
            resolve(typeof a === 'object' && a ? a.port : port);
          });
        });
      },
      async close() {
        await live.close();
        if (http.listening) await new Promise<void>((r) => http.close(() => r()));
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
}

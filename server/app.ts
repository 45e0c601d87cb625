import express, { type Express } from 'express';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import type { Server as IoServer } from 'socket.io';
import { hallConfigSchema, describeIssues, type HallConfig, type HallConfigFile } from '../shared/config.ts';
import { DomainError } from '../shared/errors.ts';
import { Tokens } from './auth.ts';
import { createClock, type Clock } from './clock.ts';
import { demoHall } from './demoHall.ts';
import { errorHandler } from './http/errors.ts';
import { publicRoutes } from './http/publicRoutes.ts';
import { appointmentRoutes } from './http/appointmentRoutes.ts';
import { lobbyRoutes } from './http/lobbyRoutes.ts';
import { startOutbox, type CentralLink } from './outbox.ts';
import { scoringFor } from './scoring/index.ts';
import { deviceRoutes } from './http/deviceRoutes.ts';
import { voidRoutes } from './http/voidRoutes.ts';
import { loginRoutes, refuseLoginEarly } from './http/loginRoutes.ts';
import { SECURITY_HEADERS } from './http/securityHeaders.ts';
import { GuessThrottle, plainAddress } from './limits.ts';
import { PinHasher } from './pinWorker.ts';
import { StaffSessions, tokenStillValid } from './sessions.ts';
import { createTrust, type Trust } from './trust.ts';
import { audienceOf } from './eventViews.ts';
import { managerRoutes } from './http/managerRoutes.ts';
import { staffRoutes } from './http/staffRoutes.ts';
import { AnswerLog } from './answerLog.ts';
import { AppointmentIndex } from './appointmentIndex.ts';
import { Hub } from './hub.ts';
import { acquireLock, FileJournal, type OpenFile } from './journal.ts';
import { attachPrinting, type Printing } from './printing/index.ts';
import { keyedReprintRoutes } from './http/reprintRoutes.ts';
import { attachRealtime } from './realtime.ts';
import type { SocketLimits } from './socketGuards.ts';
import { ConfigStore } from './store.ts';

export interface HubOptions {
  dataDir: string;
  /** A hall config to import when the data dir holds no hall yet; the demo hall otherwise. */
  config?: unknown;
  clock?: Clock;
  newTicketId?: (day: string) => string;
  /** Directory of built pages to serve, if any. */
  webDir?: string;
  log?: (msg: string) => void;
  /** Opens journal files; fault tests pass one whose writes fail. */
  openJournalFile?: OpenFile;
  /**
   * Import `config` even over an existing hall (QUEUE_CONFIG_UPDATE=1): the IT person edits the
   * hall's file and restarts. Events already journaled stay as they are.
   */
  updateConfig?: boolean;
  /** Share one fsync among concurrent appends (default on; off only for benchmarks). */
  groupCommit?: boolean;
  /** The network's centre to forward the journal to (QUEUE_CENTRAL_URL, QUEUE_HALL_ID, QUEUE_HALL_KEY). */
  central?: CentralLink;
  /** Per-socket and per-address bounds (see server/socketGuards.ts); tests make them small. */
  socketLimits?: Partial<SocketLimits>;
}

export interface RunningHub {
  hub: Hub;
  app: Express;
  http: HttpServer;
  io: IoServer;
  store: ConfigStore;
  printing: Printing;
  /** Paired devices, ticket quotas and the pairing throttle. */
  trust: Trust;
  /** Staff sessions: sign-out-everywhere generations. */
  sessions: StaffSessions;
  /** True when the demo hall was created on this start. */
  createdDemo: boolean;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export class ConfigError extends Error {}

/** The composition root: everything is built here from options and passed in. */
export async function createHub(opts: HubOptions): Promise<RunningHub> {
  const log = opts.log ?? ((m: string) => console.log(m));
  mkdirSync(opts.dataDir, { recursive: true });
  const release = acquireLock(opts.dataDir);
  try {
    const store = await ConfigStore.open(opts.dataDir);
    let createdDemo = false;
    if (!store.config || (opts.updateConfig && opts.config !== undefined)) {
      const raw = opts.config ?? demoHall;
      createdDemo = opts.config === undefined;
      const parsed = hallConfigSchema.safeParse(raw);
      if (!parsed.success) throw new ConfigError(`hall config rejected: ${describeIssues(parsed.error)}`);
      const before = store.config;
      const changedPins = await store.importConfig(parsed.data as HallConfigFile);
      if (before) log(`hall config updated: ${describeUpdate(before, store.config!, changedPins)}`);
    }
    const config = store.config!;
    const journal = await FileJournal.open(join(opts.dataDir, 'journal'), opts.openJournalFile, { groupCommit: opts.groupCommit });
    for (const r of journal.repairs) log(`journal repaired: ${r}`);
    const clock = opts.clock ?? createClock();
    const answers = new AnswerLog(join(opts.dataDir, 'answers'));
    const appointments = await AppointmentIndex.open(join(opts.dataDir, 'appointments'), journal, log);
    const hub = new Hub({ config, journal, clock, newTicketId: opts.newTicketId, log, answers, carried: (seq) => appointments.before(seq) });
    hub.onEvents((events) => appointments.record(events));
    const sessions = StaffSessions.open(opts.dataDir);
    const tokens = new Tokens(store.tokenKey, tokenStillValid(() => store.config, (id) => store.pinHash(id), sessions));
    const throttle = new GuessThrottle(5, 20);
    const hasher = new PinHasher();
    const trust = createTrust(opts.dataDir, () => hub.config, (t) => tokens.verify(t, clock.now()));

    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.use(securityHeaders);
    app.use(express.json({ limit: '32kb', strict: false }));
    app.use(loginRoutes({ hub, store, tokens, throttle, hasher, sessions }));
    app.use(deviceRoutes(hub, tokens, trust));
    app.use(voidRoutes(hub, tokens));
    app.use(publicRoutes(hub, trust));
    app.use(staffRoutes(hub, tokens));
    // One scoring store for the managers' routes and the outbox, which sends its settings and records to the centre.
    const scoring = scoringFor(hub, opts.dataDir);
    app.use(managerRoutes(hub, tokens, opts.dataDir, trust, scoring));
    app.use(lobbyRoutes(hub, tokens));
    app.use(appointmentRoutes(hub, tokens, trust));
    const printing = attachPrinting(hub, { dataDir: opts.dataDir, log });
    app.use(keyedReprintRoutes(hub, tokens, printing.queues));
    app.use(printing.router);
    app.use('/api', (_req, _res, next) => next(new DomainError('not-found', 'NOT_FOUND', '没有这个接口', 'No such endpoint')));
    if (opts.webDir && existsSync(opts.webDir)) mountPages(app, opts.webDir);
    app.use((_req, _res, next) => next(new DomainError('not-found', 'NOT_FOUND', '没有这个页面', 'No such page')));
    app.use(errorHandler(log));

    // Logins that are refused whatever they say are answered before Express (see refuseLoginEarly).
    const refuseLogin = refuseLoginEarly({ hub, throttle, hasher });
    const http = createServer((req, res) => {
      if (!refuseLogin(req, res)) app(req, res);
    });
    const io = attachRealtime(
      http, hub, opts.socketLimits, (t) => audienceOf(typeof t === 'string' ? tokens.verify(t, clock.now())?.role : null),
      // An address locked out of every staff number (20 wrong PINs) that already holds a browser's
      // worth of connections is sending logins in bursts: its further connections are closed at
      // accept. What it has open is served as before, and no other address is touched.
      (addr, open) => open >= LOCKED_OUT_CONNECTIONS && throttle.lockedFor(plainAddress(addr), '*', clock.now()) > 0,
    );
    printing.start(io, http);
    // Closes the day at the hall's midnight even when nobody acts.
    const timer = setInterval(() => void hub.tick().catch((e: Error) => log(`day close failed: ${e.message}`)), 1000);
    timer.unref();
    // A close that cannot be saved (disk full) does not stop the start: reads are served, writes
    // answer STORAGE_FAILED, and the timer above tries the close again every second.
    await hub.tick().catch((e: Error) => log(`hall hub: the day close could not be saved yet (${e.message}); writes are refused until it can be`));
    const outbox = opts.central ? startOutbox({ ...opts.central, hub, dataDir: opts.dataDir, log, scoring: () => scoring().then((s) => s.store) }) : null;

    return {
      hub, app, http, io, store, printing, createdDemo, trust, sessions,
      listen(port, host) {
        return new Promise((resolve, reject) => {
          http.once('error', reject);
          http.listen(port, host, () => {
            http.off('error', reject);
            const addr = http.address();
            resolve(typeof addr === 'object' && addr ? addr.port : port);
          });
        });
      },
      async close() {
        clearInterval(timer);
        await outbox?.close();
        await printing.close();
        await new Promise<void>((r) => io.close(() => r()));
        if (http.listening) await new Promise<void>((r) => http.close(() => r()));
        await journal.close();
        await appointments.close();
        await hasher.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** One line for the start-up log: what an update added, removed and re-keyed. */
function describeUpdate(before: HallConfig, after: HallConfig, changedPins: string[]): string {
  const diff = (what: string, a: { id: string }[], b: { id: string }[]) => {
    const was = new Set(a.map((x) => x.id));
    const now = new Set(b.map((x) => x.id));
    const added = [...now].filter((x) => !was.has(x));
    const removed = [...was].filter((x) => !now.has(x));
    return [added.length ? `${what} added ${added.join(',')}` : '', removed.length ? `${what} removed ${removed.join(',')}` : ''].filter(Boolean);
  };
  const parts = [
    ...diff('services', before.services, after.services),
    ...diff('windows', before.windows, after.windows),
    ...diff('staff', before.staff, after.staff),
    changedPins.length ? `new PINs for ${changedPins.join(',')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no ids added or removed, no PIN changed';
}

/** Connections an address locked out of every staff number may hold; a browser uses up to 6 per host. */
const LOCKED_OUT_CONNECTIONS = 8;

const securityHeaders: express.RequestHandler = (_req, res, next) => {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  next();
};

/** Each page is a Vite entry (kiosk/index.html …); unknown sub-paths fall back to the page. */
function mountPages(app: Express, webDir: string) {
  app.use(express.static(webDir, { index: false, redirect: false, dotfiles: 'deny', fallthrough: true }));
  const pages: [string, string][] = [
    ['/kiosk', 'kiosk'], ['/display', 'display'], ['/counter', 'counter'], ['/rate', 'pad'], ['/t', 'phone'], ['/manager', 'manager'],
    ['/lobby', 'lobby'], ['/book', 'book'],
  ];
  for (const [prefix, dir] of pages) {
    const file = join(webDir, dir, 'index.html');
    app.get([prefix, `${prefix}/*rest`], (_req, res, next) => (existsSync(file) ? res.sendFile(file) : next()));
  }
  app.get('/', (_req, res) => res.redirect('/display'));
}

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurableSync } from './durableFile.ts';
import type { Hub } from './hub.ts';
import { JournalReader } from './outboxJournal.ts';
import { CentralClient } from './centralClient.ts';
import { HallMetaSource } from './outboxMeta.ts';
import { ScoringStore } from './scoring/store.ts';

export interface CentralLink {
  /** The centre's base URL (QUEUE_CENTRAL_URL). */
  url: string;
  hallId: string;
  key: string;
}

export interface OutboxOptions extends CentralLink {
  hub: Hub;
  dataDir: string;
  log?: (m: string) => void;
  batchSize?: number;
  /** An empty batch when nothing else was sent for this long: the centre sees the hall alive. */
  heartbeatMs?: number;
  /** Longest wait between retries while the centre cannot be reached. */
  maxBackoffMs?: number;
  /** Scoring's store (settings, manual records) as the hub's routes hold it, for the hall's metadata. */
  scoring?: () => Promise<ScoringStore>;
  /** How long a wake gathers further events before reading and sending (OUTBOX_GATHER_MS; 0 sends at once). */
  gatherMs?: number;
}

interface Cursor {
  journalId: string;
  ackedSeq: number;
}

const STATE_FILE = 'central-outbox.json';

/** Events per batch: the most the centre takes in one (its contract: at most 5,000). */
export const OUTBOX_BATCH = 5000;
/**
 * A batch's body is cut before this many characters of JSON: at most 3 bytes a character in
 * UTF-8, so under 7.5 MB, inside the centre's 8 MB however long the events' texts are.
 */
export const OUTBOX_MAX_CHARS = 2_500_000;
/** Events serialised between two turns of the event loop: a batch never holds up an answer. */
const EVENTS_PER_TURN = 500;
/**
 * After new events wake the outbox it waits this long for more before reading and sending, so a
 * busy hall costs the hub's one thread a journal read, a serialisation and a request every
 * gathering period instead of every few events. A backlog (a full batch) still goes back to back.
 */
export const OUTBOX_GATHER_MS = 200;
const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Forwards the journal to the network's centre: a durable cursor (journal id and the last seq
 * the centre acknowledged, in the data dir), batches in seq order, retries with backoff, and a
 * heartbeat. It only reads what is already on disk and runs beside the hub: a visitor's or
 * staffer's answer never waits for it, and with the centre away for days it simply falls behind
 * and catches up, oldest first, when the link returns. A new data dir is a new journal id.
 */
export class Outbox {
  private cursor: Cursor;
  private readonly reader: JournalReader;
  private readonly meta: HallMetaSource;
  private readonly log: (m: string) => void;
  private readonly batchSize: number;
  private readonly heartbeatMs: number;
  private readonly maxBackoffMs: number;
  private readonly gatherMs: number;
  private closed = false;
  private wakeUp: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private off: (() => void) | null = null;
  private lastSentAt = 0;
  private lastSavedSeq = -1;
  private saving: Promise<void> = Promise.resolve();
  private centreMetaHash: string | null | undefined = undefined;
  private sentMetaHash: string | null = null;
  private metaCheckedAt = 0;
  private abort: AbortController | null = null;
  private readonly client = new CentralClient();
  connected = false;
  lastError: string | null = null;

  constructor(private readonly opts: OutboxOptions) {
    this.log = opts.log ?? (() => {});
    // As many as the centre takes, so a backlog costs few round trips and few transactions; the
    // body is serialised a few hundred events per turn of the event loop (see send).
    this.batchSize = opts.batchSize ?? OUTBOX_BATCH;
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.gatherMs = opts.gatherMs ?? OUTBOX_GATHER_MS;
    this.cursor = loadCursor(opts.dataDir);
    this.reader = new JournalReader(opts.hub.journal, join(opts.dataDir, 'journal'));
    // The hub's own scoring store when it is shared (see createHub); else one opened on this data dir.
    let own: Promise<ScoringStore> | null = null;
    this.meta = new HallMetaSource(opts.hub, opts.scoring ?? (() => (own ??= ScoringStore.open(opts.dataDir))));
  }

  get ackedSeq() {
    return this.cursor.ackedSeq;
  }
  get journalId() {
    return this.cursor.journalId;
  }

  status() {
    return { connected: this.connected, ackedSeq: this.cursor.ackedSeq, journalId: this.cursor.journalId, hallId: this.opts.hallId };
  }

  start(): void {
    // Only a nudge: the listener runs before the answer is sent, so it does nothing else.
    this.off = this.opts.hub.onEvents(() => this.wakeUp?.());
    this.running = this.loop();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.off?.();
    this.abort?.abort();
    this.wakeUp?.();
    await this.running;
    await this.saving;
    this.client.close();
  }

  private async loop(): Promise<void> {
    let backoff = 0;
    while (!this.closed) {
      try {
        const read = this.opts.hub.journal.lastSeq;
        const events = await this.reader.after(this.cursor.ackedSeq, this.batchSize);
        const beat = Date.now() - this.lastSentAt >= this.heartbeatMs;
        if (events.length || beat) {
          await this.send(events);
          await this.syncMeta();
          backoff = 0;
          // Events already durable at the read that this batch did not carry (a backlog: a full
          // batch, one cut by its size or at the end of a day's file, or a centre that wants older
          // events again) go at once, as before.
          if (events.length && this.cursor.ackedSeq < read) continue;
        }
        // Events journaled while the batch was read or on its way woke nobody: no idling for them.
        if (!this.newSince(read)) await this.idle(this.heartbeatMs - (Date.now() - this.lastSentAt));
        // Woken by new events: let more of them gather before one read and one request for them all
        // (only close cuts this short).
        if (!this.closed && this.gatherMs > 0 && this.newSince(read)) await this.idle(this.gatherMs, false);
      } catch (e) {
        if (this.closed) break;
        if (this.connected || this.lastError !== (e as Error).message) this.log(`central: ${(e as Error).message}; retrying`);
        this.connected = false;
        this.lastError = (e as Error).message;
        backoff = Math.min(this.maxBackoffMs, backoff ? backoff * 2 : 500);
        // Jitter, so a county's hubs do not all come back in the same second.
        await this.idle(backoff * (0.75 + Math.random() * 0.5), false);
      }
    }
  }

  /** Events made durable since the journal's last seq was `read` (and so not in that read). */
  private newSince(read: number): boolean {
    return this.opts.hub.journal.lastSeq > read;
  }

  /** Waits for new events (when `wake`), the time given, or close. */
  private idle(ms: number, wake = true): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = wake ? done : () => (this.closed ? done() : undefined);
    }).finally(() => (this.wakeUp = null));
  }

  private async post(method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ status: number; body: any }> {
    // A batch of events comes already serialised (see batchBody).
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    // Closed while the batch was read or serialised: nothing more goes out (the next start sends it).
    if (this.closed) throw new Error('outbox closed');
    this.abort = new AbortController();
    const timer = setTimeout(() => this.abort?.abort(), 30_000);
    try {
      const res = await this.client.send(`${this.opts.url.replace(/\/+$/, '')}${path}`, method, payload,
        { 'content-type': 'application/json', authorization: `Bearer ${this.opts.key}` }, this.abort.signal);
      const text = res.text;
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: judged by status */
      }
      return { status: res.status, body: parsed };
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(all: unknown[]): Promise<void> {
    const hub = this.opts.hub;
    const { body, events } = await batchBody({ journalId: this.cursor.journalId, now: hub.clockIso(), businessDay: hub.today() }, all);
    const r = await this.post('POST', `/api/central/halls/${encodeURIComponent(this.opts.hallId)}/events`, body);
    if (r.status === 200 && typeof r.body?.ackedSeq === 'number') {
      this.accept(r.body.ackedSeq);
      this.centreMetaHash = r.body.metaHash ?? null;
    } else if (r.status === 409 && typeof r.body?.ackedSeq === 'number') {
      // The centre has less than we thought (its database restored from a backup): resend from there.
      this.log(`central: centre holds this journal up to seq ${r.body.ackedSeq}; resending from there`);
      this.accept(r.body.ackedSeq);
    } else if (r.status === 413 && events.length > 1) {
      throw new Error('batch too large for the centre');
    } else {
      throw new Error(`centre answered ${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`);
    }
    if (!this.connected) this.log(`central: connected to ${this.opts.url}, acknowledged up to seq ${this.cursor.ackedSeq}`);
    this.connected = true;
    this.lastError = null;
    this.lastSentAt = Date.now();
  }

  private accept(ackedSeq: number) {
    if (ackedSeq > this.opts.hub.journal.lastSeq) {
      this.log(`central: the centre holds seq ${ackedSeq} of journal ${this.cursor.journalId} but this journal ends at ${this.opts.hub.journal.lastSeq} (data dir restored from an older backup?)`);
    }
    this.cursor.ackedSeq = ackedSeq;
    this.save();
  }

  /**
   * The cursor is saved without fsync, at most one write at a time: if a power cut loses the last
   * save, the centre skips what it already holds, so resending is harmless.
   */
  private save() {
    if (this.cursor.ackedSeq === this.lastSavedSeq) return;
    this.saving = this.saving.then(async () => {
      if (this.cursor.ackedSeq === this.lastSavedSeq) return;
      const seq = this.cursor.ackedSeq;
      const path = join(this.opts.dataDir, STATE_FILE);
      try {
        await writeFile(`${path}.tmp`, JSON.stringify({ ...this.cursor, ackedSeq: seq }));
        await rename(`${path}.tmp`, path);
        this.lastSavedSeq = seq;
      } catch (e) {
        this.log(`central: cursor not saved: ${(e as Error).message}`);
      }
    });
  }

  /** Sends the hall's config, schedule, rubric and scoring records when the centre's copy differs. */
  private async syncMeta(): Promise<void> {
    if (this.centreMetaHash === undefined) return;
    // Looking at the scoring files on every batch of a busy backlog is waste: every 5 s at most,
    // unless the centre's copy is known to differ from what was sent. A look reads only what changed.
    const due = Date.now() - this.metaCheckedAt >= 5_000 || this.centreMetaHash !== this.sentMetaHash;
    if (!due) return;
    this.metaCheckedAt = Date.now();
    const { body, hash } = await this.meta.current();
    if (hash === this.centreMetaHash) return;
    const r = await this.post('PUT', `/api/central/halls/${encodeURIComponent(this.opts.hallId)}/meta`, body);
    if (r.status !== 200) throw new Error(`centre refused the hall's metadata: ${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`);
    this.sentMetaHash = hash;
    this.centreMetaHash = r.body?.metaHash ?? hash;
  }
}

/**
 * The body of POST …/events: `head`'s fields and as many of `all` as fit in OUTBOX_MAX_CHARS (at
 * least one), serialised a few hundred per turn of the event loop. The rest goes in the next batch.
 */
export async function batchBody(head: Record<string, unknown>, all: readonly unknown[]): Promise<{ body: string; events: unknown[] }> {
  const start = JSON.stringify(head).slice(0, -1);
  const parts: string[] = [];
  let chars = start.length + 20;
  for (const e of all) {
    const s = JSON.stringify(e);
    if (parts.length && chars + s.length + 1 > OUTBOX_MAX_CHARS) break;
    parts.push(s);
    chars += s.length + 1;
    if (parts.length % EVENTS_PER_TURN === 0) await turn();
  }
  return { body: `${start}${start.length > 1 ? ',' : ''}"events":[${parts.join(',')}]}`, events: all.slice(0, parts.length) as unknown[] };
}

/** The journal id and cursor of this data dir; a data dir without one starts a new journal. */
function loadCursor(dataDir: string): Cursor {
  const path = join(dataDir, STATE_FILE);
  if (existsSync(path)) {
    try {
      const c = JSON.parse(readFileSync(path, 'utf8')) as Cursor;
      if (typeof c.journalId === 'string' && Number.isInteger(c.ackedSeq)) return c;
    } catch {
      /* a torn write of the cursor: the id is kept in the .id file below */
    }
  }
  // The journal id itself is written once, durably, apart from the cursor that changes often.
  const idPath = join(dataDir, 'central-journal-id');
  let journalId: string;
  if (existsSync(idPath)) journalId = readFileSync(idPath, 'utf8').trim();
  else {
    journalId = randomUUID();
    writeFileDurableSync(idPath, journalId);
  }
  return { journalId, ackedSeq: 0 };
}

/** Each joined hub's outbox, for GET /api/health (a hub that stands alone has none). */
export const outboxOf = new WeakMap<Hub, Outbox>();

export function startOutbox(opts: OutboxOptions): Outbox {
  const o = new Outbox(opts);
  outboxOf.set(opts.hub, o);
  o.start();
  return o;
}

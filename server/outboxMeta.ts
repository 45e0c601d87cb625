import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRubric } from '../shared/scoring/rubrics.ts';
import { DEFAULT_SCHEDULE } from '../shared/scoring/types.ts';
import type { Hub } from './hub.ts';

/** What the centre needs to name and score the hall's records: no PINs, no tokens' key. */
export interface HallMeta {
  config: unknown;
  schedule: unknown;
  rubricId: string;
  records: unknown[];
}

const NEWLINE = 0x0a;

/** A file's identity and size: a new inode or a shorter file means it was replaced, not appended to. */
async function look(path: string): Promise<{ ino: number; size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(path);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * The hall's metadata for the centre, kept between looks: the scoring settings re-read only when
 * their file changed, the records file (append-only) read from where the last look stopped, and
 * the serialised body and its hash made again only when something changed. A look at an unchanged
 * hall is two stats, however many records a year has piled up.
 */
export class HallMetaSource {
  private settingsSeen = '';
  private schedule: unknown = DEFAULT_SCHEDULE;
  private rubricId: string = defaultRubric.id;
  private readonly records: unknown[] = [];
  private recordsIno = -1;
  private recordsRead = 0;
  /** Bytes of a last line not yet ended by its newline (a record being written). */
  private partial: Buffer = Buffer.alloc(0);
  private config: unknown = null;
  private built: { meta: HallMeta; body: string; hash: string } | null = null;

  constructor(
    private readonly hub: Hub,
    private readonly dataDir: string,
  ) {}

  /** The metadata, its JSON body and the body's sha256 (the centre's metaHash). */
  async current(): Promise<{ meta: HallMeta; body: string; hash: string }> {
    const settingsChanged = await this.readSettings();
    const recordsChanged = await this.readRecords();
    if (this.built && !settingsChanged && !recordsChanged && this.config === this.hub.config) return this.built;
    const c = this.hub.config;
    this.config = c;
    const meta: HallMeta = {
      config: {
        hall: c.hall, services: c.services, windows: c.windows,
        staff: c.staff.map((s) => ({ id: s.id, name: s.name, role: s.role })),
        kiosks: c.kiosks.map((k) => ({ id: k.id, name: k.name })),
      },
      schedule: this.schedule, rubricId: this.rubricId, records: this.records.slice(),
    };
    const body = JSON.stringify(meta);
    this.built = { meta, body, hash: createHash('sha256').update(body).digest('hex') };
    return this.built;
  }

  private async readSettings(): Promise<boolean> {
    const path = join(this.dataDir, 'scoring.json');
    const s = await look(path);
    const seen = s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'none';
    if (seen === this.settingsSeen) return false;
    this.settingsSeen = seen;
    let schedule: unknown = DEFAULT_SCHEDULE;
    let rubricId = defaultRubric.id;
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as { schedule?: unknown; rubricId?: string };
      if (parsed.schedule) schedule = parsed.schedule;
      if (parsed.rubricId) rubricId = parsed.rubricId;
    } catch {
      /* no scoring settings yet: the defaults, as the hub's scoring uses */
    }
    this.schedule = schedule;
    this.rubricId = rubricId;
    return true;
  }

  private async readRecords(): Promise<boolean> {
    const path = join(this.dataDir, 'scoring-records.jsonl');
    const s = await look(path);
    let changed = false;
    if (!s || s.ino !== this.recordsIno || s.size < this.recordsRead) {
      // Replaced, cut or gone (a restored data dir): read again from the start.
      changed = this.records.length > 0 || this.partial.length > 0;
      this.records.length = 0;
      this.recordsRead = 0;
      this.partial = Buffer.alloc(0);
      this.recordsIno = s?.ino ?? -1;
    }
    if (!s || s.size === this.recordsRead) return changed;
    const fh = await open(path, 'r');
    let fresh: Buffer;
    try {
      fresh = Buffer.alloc(s.size - this.recordsRead);
      const { bytesRead } = await fh.read(fresh, 0, fresh.length, this.recordsRead);
      fresh = fresh.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
    this.recordsRead += fresh.length;
    const bytes = this.partial.length ? Buffer.concat([this.partial, fresh]) : fresh;
    const end = bytes.lastIndexOf(NEWLINE);
    // Only whole lines: a record's bytes split at a character or still being written wait for the rest.
    this.partial = Buffer.from(bytes.subarray(end + 1));
    if (end < 0) return changed;
    for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.records.push(JSON.parse(line));
        changed = true;
      } catch {
        /* a damaged line: the others still count, as in the hub's scoring */
      }
    }
    return changed;
  }
}

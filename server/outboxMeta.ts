import { createHash } from 'node:crypto';
import type { Hub } from './hub.ts';
import type { ScoringStore } from './scoring/store.ts';

/** What the centre needs to name and score the hall's records: no PINs, no tokens' key. */
export interface HallMeta {
  config: unknown;
  schedule: unknown;
  rubricId: string;
  records: unknown[];
}

/**
 * The hall's metadata for the centre, from what the hub already holds: its config without PINs,
 * and scoring's own store (settings and manual records, in memory since the hub opened it; the
 * same store the managers' routes write through). The body and its hash are made again only when
 * the config or the store's version (bumped by every setting and every record) changed.
 */
export class HallMetaSource {
  private built: { config: unknown; version: string; meta: HallMeta; body: string; hash: string } | null = null;

  constructor(
    private readonly hub: Hub,
    private readonly scoring: () => Promise<ScoringStore>,
  ) {}

  /** The metadata, its JSON body and the body's sha256 (the centre's metaHash). */
  async current(): Promise<{ meta: HallMeta; body: string; hash: string }> {
    const store = await this.scoring();
    const c = this.hub.config;
    if (this.built?.config === c && this.built.version === store.version) return this.built;
    const meta: HallMeta = {
      config: {
        hall: c.hall, services: c.services, windows: c.windows,
        staff: c.staff.map((s) => ({ id: s.id, name: s.name, role: s.role })),
        kiosks: c.kiosks.map((k) => ({ id: k.id, name: k.name })),
      },
      schedule: store.settings.schedule, rubricId: store.settings.rubricId, records: store.records.slice(),
    };
    const body = JSON.stringify(meta);
    this.built = { config: c, version: store.version, meta, body, hash: createHash('sha256').update(body).digest('hex') };
    return this.built;
  }
}

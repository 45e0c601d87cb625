import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import type { Hub } from '../../server/hub.ts';
import { HallMetaSource } from '../../server/outboxMeta.ts';
import { ScoringStore } from '../../server/scoring/store.ts';
import { defaultRubric } from '../../shared/scoring/rubrics.ts';
import { DEFAULT_SCHEDULE, type ScoringRecord } from '../../shared/scoring/types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const hub = { config: demoHall } as unknown as Hub;
const record = (id: string, note = 'x') => ({ id, kind: 'leave', staffId: 'S01', note }) as unknown as ScoringRecord;
const line = (r: unknown) => `${JSON.stringify(r)}\n`;

function dataDir() {
  const d = mkdtempSync(join(tmpdir(), 'outbox-meta-'));
  dirs.push(d);
  return d;
}

/** The metadata source over a scoring store opened on `dir`, as the hub's routes hold it. */
async function sourceOn(dir: string) {
  const store = await ScoringStore.open(dir);
  return { store, source: new HallMetaSource(hub, async () => store) };
}

describe("the hall's metadata for the centre", () => {
  it('given no scoring files, then the defaults and no records, without PINs, hashed as the centre hashes the body', async () => {
    const { meta, body, hash } = await (await sourceOn(dataDir())).source.current();
    expect(meta).toMatchObject({ schedule: DEFAULT_SCHEDULE, rubricId: defaultRubric.id, records: [] });
    expect(body).not.toContain('pin');
    expect(JSON.parse(body)).toEqual(meta);
    expect(hash).toBe(createHash('sha256').update(JSON.stringify(JSON.parse(body))).digest('hex'));
  });

  it('given records and settings, when nothing changed since the last look, then the same body comes back without being made again', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'scoring-records.jsonl'), line(record('r1')) + line(record('r2')));
    writeFileSync(join(dir, 'scoring.json'), JSON.stringify({ rubricId: 'r-custom', schedule: { weekly: true }, version: 1, history: [] }));
    const { source } = await sourceOn(dir);
    const first = await source.current();
    expect(first.meta).toMatchObject({ rubricId: 'r-custom', schedule: { weekly: true }, records: [record('r1'), record('r2')] });
    expect(await source.current()).toBe(first);
  });

  it('when a record is entered through the store, then the next look carries it, with a new hash', async () => {
    const { store, source } = await sourceOn(dataDir());
    const before = await source.current();
    await store.append(record('r2', '第二条'));
    const next = await source.current();
    expect(next.meta.records).toEqual([record('r2', '第二条')]);
    expect(next.hash).not.toBe(before.hash);
    expect(next.hash).toBe(createHash('sha256').update(next.body).digest('hex'));
  });

  it('when the settings change through the store, then the next look carries them', async () => {
    const { store, source } = await sourceOn(dataDir());
    await source.current();
    await store.setRubric('r-new', 'M01', '2026-11-23T09:00:00.000+08:00');
    expect((await source.current()).meta).toMatchObject({ rubricId: 'r-new', schedule: DEFAULT_SCHEDULE, records: [] });
  });
});

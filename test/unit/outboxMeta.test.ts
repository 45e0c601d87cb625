import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import type { Hub } from '../../server/hub.ts';
import { HallMetaSource } from '../../server/outboxMeta.ts';
import { defaultRubric } from '../../shared/scoring/rubrics.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const hub = { config: demoHall } as unknown as Hub;
const record = (id: string, note = 'x') => ({ id, kind: 'leave', staffId: 'S01', note });
const line = (r: unknown) => `${JSON.stringify(r)}\n`;

function dataDir() {
  const d = mkdtempSync(join(tmpdir(), 'outbox-meta-'));
  dirs.push(d);
  return d;
}

describe("the hall's metadata for the centre", () => {
  it('given no scoring files, then the defaults and no records, without PINs, hashed as the centre hashes the body', async () => {
    const { meta, body, hash } = await new HallMetaSource(hub, dataDir()).current();
    expect(meta).toMatchObject({ schedule: DEFAULT_SCHEDULE, rubricId: defaultRubric.id, records: [] });
    expect(body).not.toContain('pin');
    expect(JSON.parse(body)).toEqual(meta);
    expect(hash).toBe(createHash('sha256').update(JSON.stringify(JSON.parse(body))).digest('hex'));
  });

  it('given records and settings, when nothing changed since the last look, then the same body comes back without being made again', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'scoring-records.jsonl'), line(record('r1')) + line(record('r2')));
    writeFileSync(join(dir, 'scoring.json'), JSON.stringify({ rubricId: 'r-custom', schedule: { weekly: true } }));
    const source = new HallMetaSource(hub, dir);
    const first = await source.current();
    expect(first.meta).toMatchObject({ rubricId: 'r-custom', schedule: { weekly: true }, records: [record('r1'), record('r2')] });
    expect(await source.current()).toBe(first);
  });

  it('when records are appended, then only the new bytes are read: earlier lines are not parsed again', async () => {
    const dir = dataDir();
    const file = join(dir, 'scoring-records.jsonl');
    writeFileSync(file, line(record('r1', 'aaaa')));
    const source = new HallMetaSource(hub, dir);
    expect((await source.current()).meta.records).toEqual([record('r1', 'aaaa')]);
    // The first line changed in place (same length) would show if the file were read from its start.
    writeFileSync(file, readFileSync(file, 'utf8').replace('aaaa', 'bbbb'));
    appendFileSync(file, line(record('r2', '第二条')));
    const next = await source.current();
    expect(next.meta.records).toEqual([record('r1', 'aaaa'), record('r2', '第二条')]);
    expect(next.hash).toBe(createHash('sha256').update(next.body).digest('hex'));
  });

  it('given a record still being written (no newline yet, split inside a character), then it counts only once whole', async () => {
    const dir = dataDir();
    const file = join(dir, 'scoring-records.jsonl');
    const whole = Buffer.from(line(record('r1', '请假一天')));
    writeFileSync(file, whole.subarray(0, whole.length - 8));
    const source = new HallMetaSource(hub, dir);
    expect((await source.current()).meta.records).toEqual([]);
    appendFileSync(file, whole.subarray(whole.length - 8));
    expect((await source.current()).meta.records).toEqual([record('r1', '请假一天')]);
  });

  it('when the records file is replaced by a shorter one or the settings change, then they are read again', async () => {
    const dir = dataDir();
    const file = join(dir, 'scoring-records.jsonl');
    writeFileSync(file, line(record('r1')) + line(record('r2')));
    const source = new HallMetaSource(hub, dir);
    await source.current();
    writeFileSync(file, line(record('r9')));
    writeFileSync(join(dir, 'scoring.json'), JSON.stringify({ rubricId: 'r-new' }));
    expect((await source.current()).meta).toMatchObject({ rubricId: 'r-new', schedule: DEFAULT_SCHEDULE, records: [record('r9')] });
  });
});

import { open, type FileHandle } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * The durability promise, seen from inside: a power cut after an answer must not lose what was
 * answered. A SIGKILL keeps the page cache, so kill tests cannot see a missing fdatasync; this
 * test hands the journal instrumented file handles (the `openJournalFile` seam) and watches every
 * fsync of a directory, logging every open, write, datasync and directory sync in order. After each
 * answer it checks that every byte of the day file had been covered by a completed datasync, and
 * that a new day file's directory entry was synced before that file's first answer.
 *
 * Each datasync is held back a little before it runs: if the hub answered without waiting for
 * it, the answer would arrive while the bytes were still unsynced, whatever the machine's speed.
 */
const { log } = vi.hoisted(() => ({ log: [] as string[] }));
// Every fsync of a directory, however the product reaches it (a held directory handle or
// durableFile's syncDir), is logged by the directory's inode.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const fsyncSync = (fd: number) => {
    actual.fsyncSync(fd);
    try {
      const st = actual.fstatSync(fd);
      if (st.isDirectory()) log.push(`dir ${st.ino}`);
    } catch {
      /* not ours to judge */
    }
  };
  return { ...actual, fsyncSync, default: { ...actual, fsyncSync } };
});

/** Bytes of each day file known to be on disk: advanced only when a datasync has completed. */
const synced = new Map<string, number>();
const written = new Map<string, number>();

async function instrumentedOpen(path: string, flags: 'a'): Promise<FileHandle> {
  const fh = await open(path, flags);
  const name = basename(path);
  log.push(`open ${name}`);
  written.set(name, (await fh.stat()).size);
  synced.set(name, written.get(name)!);
  return new Proxy(fh, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return async (...args: Parameters<FileHandle['write']>) => {
          const r = await (target.write as (...a: unknown[]) => Promise<{ bytesWritten: number }>)(...args);
          written.set(name, written.get(name)! + r.bytesWritten);
          log.push(`write ${name}`);
          return r;
        };
      }
      if (prop === 'datasync' || prop === 'sync') {
        return async () => {
          const upTo = written.get(name)!;
          await new Promise((r) => setTimeout(r, 30));
          await target[prop]();
          synced.set(name, Math.max(synced.get(name)!, upTo));
          log.push(`sync ${name}`);
        };
      }
      if (prop === 'truncate') {
        return async (len?: number) => {
          await target.truncate(len);
          written.set(name, len ?? 0);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('every answer is on disk before it leaves', () => {
  let h: TestHub;
  let journalDir = '';
  beforeAll(async () => {
    h = await startHub({ start: '2026-11-23T08:30:00+08:00', openJournalFile: instrumentedOpen });
    journalDir = join(h.dataDir, 'journal');
  });
  afterAll(() => h?.close());

  /** After an answer: the day file holds the answered events and all of it was synced first. */
  const durable = (day: string, what: string) => {
    const name = `${day}.jsonl`;
    const size = statSync(join(journalDir, name)).size;
    expect(size, `${what}: the day file has the events`).toBeGreaterThan(0);
    expect(synced.get(name) ?? 0, `${what}: answered with ${size - (synced.get(name) ?? 0)} bytes not yet synced`).toBe(size);
  };

  it('tickets and every window action, one at a time, each synced before its answer', async () => {
    const day = '2026-11-23';
    const token = await h.login('S01');
    const steps: [string, () => Promise<{ status: number }>][] = [
      ['sign-in', () => h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, token)],
      ['ticket', () => h.api('POST', '/api/tickets', { serviceId: 'A' })],
      ['ticket', () => h.api('POST', '/api/tickets', { serviceId: 'A' })],
      ['call-next', () => h.api('POST', '/api/windows/W1/call-next', undefined, token)],
      ['recall', () => h.api('POST', '/api/windows/W1/recall', undefined, token)],
      ['start', () => h.api('POST', '/api/windows/W1/start', undefined, token)],
      ['finish', () => h.api('POST', '/api/windows/W1/finish', { outcome: 'done' }, token)],
      ['call-next', () => h.api('POST', '/api/windows/W1/call-next', undefined, token)],
      ['no-show', () => h.api('POST', '/api/windows/W1/no-show', undefined, token)],
      ['pause', () => h.api('POST', '/api/windows/W1/pause', { reason: 'meeting', note: '开会' }, token)],
      ['resume', () => h.api('POST', '/api/windows/W1/resume', undefined, token)],
      ['sign-out', () => h.api('POST', '/api/windows/W1/sign-out', undefined, token)],
    ];
    for (const [what, step] of steps) {
      const before = log.filter((l) => l.startsWith('sync')).length;
      const r = await step();
      expect(r.status, what).toBeLessThan(300);
      durable(day, what);
      expect(log.filter((l) => l.startsWith('sync')).length, `${what}: a datasync ran for it`).toBeGreaterThan(before);
    }
  });

  it('tickets answered at once are each synced before their answer (group commit)', async () => {
    const day = '2026-11-23';
    const answers = await Promise.all(Array.from({ length: 12 }, async () => {
      const r = await h.api('POST', '/api/tickets', { serviceId: 'B' });
      // Checked as each answer arrives, not after all of them.
      const name = `${day}.jsonl`;
      const text = readFileSync(join(journalDir, name), 'utf8');
      const end = text.indexOf(r.body.id);
      expect(end, 'the ticket is in the journal').toBeGreaterThan(0);
      const lineEnd = Buffer.byteLength(text.slice(0, text.indexOf('\n', end) + 1));
      expect(synced.get(name)!, `${r.body.number} answered before its line was synced`).toBeGreaterThanOrEqual(lineEnd);
      return r.status;
    }));
    expect(answers.every((s) => s === 201)).toBe(true);
  });

  it('a new day file: its directory entry is synced before the first answer from it', async () => {
    h.clock.set(Date.parse('2026-11-24T08:10:00+08:00'));
    const mark = log.length;
    const r = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(r.status).toBe(201);
    expect(r.body.number).toBe('A001');
    const after = log.slice(mark);
    const opened = after.indexOf('open 2026-11-24.jsonl');
    expect(opened, `the new day file was opened: ${after.join(', ')}`).toBeGreaterThanOrEqual(0);
    const dirSync = `dir ${statSync(journalDir).ino}`;
    expect(after.indexOf(dirSync, opened), `directory synced after the file was created: ${after.join(', ')}`).toBeGreaterThan(opened);
    expect(after.indexOf(dirSync, opened), 'and before its first line was synced').toBeLessThan(after.indexOf('sync 2026-11-24.jsonl'));
    durable('2026-11-24', 'first ticket of the day');
  });
});

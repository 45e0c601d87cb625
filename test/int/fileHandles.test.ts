import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withRaisedFileLimit } from '../../scripts/fileLimit.mjs';
import { demoHall } from '../../server/demoHall.ts';
import type { OpenFile } from '../../server/journal.ts';
import { startHub } from '../support/hub.ts';

const hall = { ...demoHall, hall: { ...demoHall.hall, publicTicketsPerHour: 1000 } };

const root = join(import.meta.dirname, '../..');

function run(cmd: string, args: string[]) {
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  return { child, out: () => out, exited };
}

const softLimit = (limits: string) => Number(/Max open files\s+(\d+)/.exec(limits)?.[1]);

describe('file handles', () => {
  it('npm start raises the soft open-files limit to the hard one', async () => {
    const [cmd, args] = withRaisedFileLimit(process.execPath, ['-e', "process.stdout.write(require('fs').readFileSync('/proc/self/limits','utf8'))"]);
    // Started from a shell whose soft limit is low, as many systems start services.
    const r = run('/bin/sh', ['-c', 'ulimit -Sn 256; exec "$0" "$@"', cmd, ...args]);
    await r.exited;
    const hard = Number(/Max open files\s+\d+\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1]);
    expect(softLimit(r.out())).toBe(hard > 256 ? hard : 256);
  });

  it('out of handles, a new day\'s first ticket is still journaled: the journal gives up the spare handle it kept from the start', async () => {
    // Every other open in the process fails as it would with the handles used up by sockets.
    let refusedOpens = 0;
    const exhausted: OpenFile = async () => {
      refusedOpens++;
      throw Object.assign(new Error('EMFILE: too many open files, open'), { code: 'EMFILE' });
    };
    const h = await startHub({ config: hall, openJournalFile: exhausted });
    try {
      const r = await h.api('POST', '/api/tickets', { serviceId: 'A' });
      expect(refusedOpens).toBe(1);
      expect(r.status).toBe(201);
      const again = await h.api('POST', '/api/tickets', { serviceId: 'A' });
      expect(again.body.number).toBe('A002');
      const lines = readFileSync(join(h.dataDir, 'journal', '2026-11-23.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.filter((e) => e.type === 'TicketIssued').map((e) => e.data.number)).toEqual(['A001', 'A002']);
    } finally {
      await h.close();
    }
  });
});

import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { call } from '../hub/http.ts';
import { clientAddress, loginFrom } from './loginFrom.ts';

/**
 * One abuse of the hub, run in a process of its own as it would come from another device: the
 * bench's probe then times the hub's answers, not this load's own requests and the parsing of
 * their answers in the probe's event loop. Started with the job as JSON in argv[2]; prints
 * `{"ready":true}` once the abuse is under way, stops when its stdin ends and prints its tally.
 */
export type AttackJob =
  | { kind: 'sync'; url: string }
  | { kind: 'logins'; url: string; from: 'one' | 'many' }
  | { kind: 'reports'; url: string; manager: string; from: string; to: string };

export interface AttackTally {
  [k: string]: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let going = true;

/** Three sockets asking for a whole snapshot over and over. */
async function sync(url: string, tally: AttackTally): Promise<() => Promise<void>> {
  tally.snapshots = 0;
  tally.refused = 0;
  const sockets: Socket[] = [];
  const loops: Promise<void>[] = [];
  for (let i = 0; i < 3; i++) {
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    await new Promise<void>((r) => s.once('connect', () => r()));
    loops.push((async () => {
      while (going && s.connected) {
        const a = (await s.emitWithAck('hall:sync', { lastSeq: 999_999_999 })) as { error?: unknown };
        if (a.error) tally.refused!++;
        else tally.snapshots!++;
      }
    })());
  }
  return async () => {
    await Promise.all(loops);
    for (const s of sockets) s.disconnect();
  };
}

/** Waves of 64 logins with made-up staff numbers, 250 ms apart, from one address or each from its own. */
function logins(url: string, from: 'one' | 'many', tally: AttackTally): () => Promise<void> {
  Object.assign(tally, { sent: 0, wrong: 0, locked: 0, busy: 0, closed: 0, other: 0 });
  const address = from === 'one' ? () => '127.0.9.9' : clientAddress;
  const loop = (async () => {
    while (going) {
      const base = tally.sent!;
      // A connection the hub closes at accept (an address locked out, holding enough open) is no answer.
      const answers = await Promise.all(Array.from({ length: 64 }, (_, i) =>
        loginFrom(url, address(base + i), `X${base + i}`, String(100000 + ((base + i) % 900000))).catch(() => ({ status: 0, code: 'CLOSED' })),
      ));
      tally.sent! += 64;
      for (const a of answers) {
        if (a.status === 401) tally.wrong!++;
        else if (a.code === 'TOO_MANY_ATTEMPTS') tally.locked!++;
        else if (a.code === 'BUSY') tally.busy!++;
        else if (a.code === 'CLOSED') tally.closed!++;
        else tally.other!++;
      }
      await sleep(250);
    }
  })();
  return () => loop;
}

/** The heaviest reports, over and over: the wait report over every journal day and a year's score roll-up. */
function reports(job: Extract<AttackJob, { kind: 'reports' }>, tally: AttackTally): () => Promise<void> {
  tally.pairs = 0;
  const loop = (async () => {
    while (going) {
      const only = process.env.ABUSE_REPORTS;
      const [w, r] = await Promise.all([
        only === 'rollup' ? { status: 200 } : call(job.url, 'GET', `/api/reports/waits?from=${job.from}&to=${job.to}`, undefined, job.manager),
        only === 'waits' ? { status: 200 } : call(job.url, 'GET', '/api/reports/scores/rollup?period=year&of=2026', undefined, job.manager),
      ]);
      if (w.status !== 200 || r.status !== 200) throw new Error(`reports answered ${w.status} and ${r.status}`);
      tally.pairs!++;
    }
  })();
  return () => loop;
}

async function main() {
  const job = JSON.parse(process.argv[2]!) as AttackJob;
  const tally: AttackTally = {};
  const stopped = new Promise<void>((r) => createInterface({ input: process.stdin }).once('close', () => r()));
  const finish = job.kind === 'sync' ? await sync(job.url, tally) : job.kind === 'logins' ? logins(job.url, job.from, tally) : reports(job, tally);
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await stopped;
  going = false;
  await finish();
  process.stdout.write(`${JSON.stringify({ tally })}\n`);
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`attacker: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../support/busyDay.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

/** Generated hostile requests; `HALLHUB_FUZZ_N` raises the count for a longer run. */
const N = Number(process.env.HALLHUB_FUZZ_N ?? 10_000);
const ALLOWED = new Set([200, 201, 202, 204, 302, 400, 401, 403, 404, 409, 413, 429]);

const rnd = prng(99);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const paths = [
  '/api/health', '/api/services', '/api/windows', '/api/hall', '/api/tickets', '/api/tickets/{id}', '/api/tickets/{id}/rating',
  '/api/auth/login', '/api/auth/me', '/api/windows/{w}/{action}', '/api/reports/waits?from={d}&to={d}', '/api/reports/scores?date={d}',
  '/api/kiosks/{k}/printer', '/api/kiosks/{k}/reprint', '/kiosk', '/display/window/{w}', '/t/{id}', '/assets/{x}',
  '/kiosk/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/..%5c..%5chall.json', '/display/%00', '/api/%ff%fe',
];
const actions = ['sign-in', 'sign-out', 'call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'pause', 'resume', '__proto__', 'constructor'];
const ids = ['W1', 'W99', 'A', '', '..', '__proto__', 'constructor', '20261123-00', 'x'.repeat(300), '%00', '%e4%b8%ad', '%27%3B%20DROP%20TABLE'];

function randomJson(depth = 0): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.3) return pick([null, true, false, 0, -1, 1e308, 'A', '', '中文', '\u0000', 'x'.repeat(Math.floor(rnd() * 200)), 3.14, 'W1', 'S01']);
  if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 5) }, () => randomJson(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < 1 + rnd() * 4; i++) o[pick(['serviceId', 'priority', 'post', 'outcome', 'score', 'reason', 'note', 'expectedBackAt', 'staffId', 'pin', 'lastSeq', 'ticketId', '__proto__', 'constructor', 'prototype', 'toString'])] = randomJson(depth + 1);
  return o;
}

function randomBody(): Buffer | undefined {
  switch (Math.floor(rnd() * 8)) {
    case 0: return undefined;
    case 1: return Buffer.from(JSON.stringify(randomJson()));
    case 2: return Buffer.from('{"serviceId":"A","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
    case 3: return Buffer.from('['.repeat(2000 + Math.floor(rnd() * 20000)));
    case 4: return Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d]); // invalid UTF-8
    case 5: return Buffer.alloc(20_000 + Math.floor(rnd() * 60_000), 0x61);
    case 6: return Buffer.from(JSON.stringify({ serviceId: 'A', priority: rnd() < 0.5, score: Math.floor(rnd() * 7), post: pick(['A', 'B', 'C']) }));
    default: return Buffer.from(String(JSON.stringify(randomJson())).slice(0, Math.floor(rnd() * 30)));
  }
}

function send(url: URL, method: string, path: string, body: Buffer | undefined, headers: Record<string, string>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe(`fuzz: ${N} generated hostile requests and socket messages`, () => {
  let h: TestHub;
  let staff: string;
  let manager: string;
  beforeAll(async () => {
    const web = tempDir();
    mkdirSync(join(web, 'kiosk'), { recursive: true });
    writeFileSync(join(web, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
    h = await startHub({ webDir: web });
    staff = await h.login('S01');
    manager = await h.login('M01');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, staff);
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers every request with an allowed status and a JSON error, and keeps serving', { timeout: 300_000 }, async () => {
    const url = new URL(h.url);
    const bad: string[] = [];
    const counts = new Map<number, number>();
    let done = 0;
    const worker = async () => {
      while (done < N) {
        done++;
        const path = pick(paths)
          .replace('{id}', pick(ids)).replace('{w}', pick(ids)).replace('{action}', pick(actions)).replace('{k}', pick(['K1', 'K9', '..']))
          .replace(/\{d\}/g, pick(['2026-11-23', '2026-13-45', 'x', ''])).replace('{x}', pick(['a.js', '../../server/app.ts', '%2e%2e%2fhall.json']));
        const headers: Record<string, string> = {};
        const ct = rnd();
        if (ct < 0.7) headers['content-type'] = 'application/json';
        else if (ct < 0.8) headers['content-type'] = 'application/json; charset=utf-16';
        else if (ct < 0.9) headers['content-type'] = 'text/plain';
        const who = rnd();
        if (who < 0.3) headers.authorization = `Bearer ${staff}`;
        else if (who < 0.4) headers.authorization = `Bearer ${manager}`;
        else if (who < 0.5) headers.authorization = pick(['Bearer ', 'Bearer x.y', 'Basic abc', `Bearer ${staff.slice(0, -3)}abc`]);
        if (rnd() < 0.1) headers['idempotency-key'] = pick(['k', 'x'.repeat(300), '中']).replace('中', 'zh');
        const method = pick(['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH']);
        const body = method === 'GET' ? undefined : randomBody();
        const r = await send(url, method, path, body, headers);
        counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        const isApiError = r.status >= 400;
        let okBody = true;
        if (isApiError) {
          try {
            const j = JSON.parse(r.text);
            okBody = typeof j.error?.code === 'string' && typeof j.error?.message === 'string';
          } catch {
            okBody = false;
          }
        }
        if (!ALLOWED.has(r.status) || !okBody || /root:x:0|"dependencies"|tokenKey|scrypt\$/.test(r.text)) {
          if (bad.length < 20) bad.push(`${method} ${path} → ${r.status} ${r.text.slice(0, 120)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    console.log(`statuses: ${[...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    expect(bad).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await h.api('GET', '/api/health')).status).toBe(200);
  });

  it('survives malformed socket messages without disconnecting well-formed clients', async () => {
    const s = h.socket();
    await new Promise<void>((r) => s.on('connect', () => r()));
    const payloads = [undefined, null, 1, 'x', [], {}, { lastSeq: -1 }, { lastSeq: 1.5 }, { lastSeq: '1' }, { lastSeq: 1e300 }, { __proto__: { lastSeq: 1 } }, { lastSeq: [1] }];
    for (let i = 0; i < 200; i++) {
      const p = pick(payloads);
      const answer = await s.timeout(2000).emitWithAck('hall:sync', p);
      // A well-formed sync answers or, this fast, is told to wait (syncs are rate-limited per socket).
      expect(['BAD_REQUEST', 'TOO_MANY_REQUESTS'].includes(answer.error?.code) || typeof answer.seq === 'number').toBe(true);
      s.emit(pick(['hall:event', 'ticket:issue', '__proto__', 'constructor', 'x'.repeat(100)]), randomJson());
      s.emit('hall:sync', p); // no ack function
    }
    expect(s.connected).toBe(true);
    // Once it has waited as long as it was told, the same socket syncs normally.
    let ok = await s.emitWithAck('hall:sync', { lastSeq: 0 });
    while (ok.error?.code === 'TOO_MANY_REQUESTS') {
      await new Promise((r) => setTimeout(r, ok.error.retryAfterMs ?? 1000));
      ok = await s.emitWithAck('hall:sync', { lastSeq: 0 });
    }
    expect(ok.events.length).toBeGreaterThan(0);
  });
});

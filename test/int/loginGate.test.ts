import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestFrom } from '../support/fromAddress.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** A raw login body sent from a given loopback address (each 127.x is another client to the hub). */
function postFrom(h: TestHub, from: string, body: string): Promise<{ status: number; body: any }> {
  return requestFrom(h.url, from, 'POST', '/api/auth/login', body);
}

/** A connection from `from`, held open; `login()` sends a wrong login on it and gives the answer's status line. */
function openFrom(h: TestHub, from: string): Promise<{ closed: () => boolean; login: () => Promise<string>; destroy: () => void }> {
  const url = new URL(h.url);
  return new Promise((resolve, reject) => {
    const sock = connect({ host: url.hostname, port: Number(url.port), localAddress: from });
    let closed = false;
    let got = '';
    sock.on('close', () => (closed = true));
    sock.on('error', () => undefined);
    sock.on('data', (b) => (got += b.toString('latin1')));
    sock.once('connect', () =>
      resolve({
        closed: () => closed,
        login: () => {
          const body = JSON.stringify({ staffId: 'S01', pin: '999999' });
          sock.write(`POST /api/auth/login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
          return new Promise((r) => sock.once('close', () => r(got.split('\r\n')[0] ?? '')));
        },
        destroy: () => sock.destroy(),
      }),
    );
    sock.once('error', reject);
  });
}

/**
 * An address locked out of every staff number is answered 429 before its body is read: what it
 * sends next, well-formed or not, is refused the same way and costs no parsing; other addresses
 * are parsed and judged as before.
 */
describe('an address locked out of every id', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  it('is refused before its body is parsed, while other addresses are judged as usual', async () => {
    h = await startHub();
    const phone = '127.0.0.6';
    const guesses = ['S01', 'S02', 'S03', 'S04', 'X1', 'X2'];
    for (let i = 0; i < 20; i++) expect((await postFrom(h, phone, JSON.stringify({ staffId: guesses[i % guesses.length], pin: '999999' }))).status).toBe(401);
    const malformed = await postFrom(h, phone, '{"staffId": "S01", "pin":');
    expect(malformed.status).toBe(429);
    expect(malformed.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect((await postFrom(h, phone, JSON.stringify({ staffId: 'M01', pin: '900001' }))).status).toBe(429);
    // The refusal is an answer like any other: the hub's headers, the client's language, and the
    // connection (its body never read) still serves the phone's next request.
    const english = await requestFrom(h.url, phone, 'POST', '/api/auth/login', JSON.stringify({ staffId: 'S01', pin: 'x'.repeat(20_000) }), false, { 'accept-language': 'en' });
    expect(english.status).toBe(429);
    expect(english.body.error.message).toMatch(/^Too many wrong PINs; try again in 15 min/);
    expect(english.headers['x-content-type-options']).toBe('nosniff');
    expect(english.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await requestFrom(h.url, phone, 'GET', '/api/health', '')).status).toBe(200);
    // Another client's malformed body is still a 400, and its right PIN still signs in.
    expect((await postFrom(h, '127.0.0.7', '{"staffId": "S01", "pin":')).status).toBe(400);
    expect((await postFrom(h, '127.0.0.7', JSON.stringify({ staffId: 'M01', pin: '900001' }))).status).toBe(200);
    // Logins in bursts from that address: past a browser's worth of connections it holds open, its
    // new ones are closed at accept; what it has open is still answered; another address is not touched.
    const burst = async (from: string) => {
      const held = await Promise.all(Array.from({ length: 30 }, () => openFrom(h, from)));
      await new Promise((r) => setTimeout(r, 300));
      const closed = held.filter((c) => c.closed()).length;
      const answered = await Promise.all(held.filter((c) => !c.closed()).map((c) => c.login()));
      for (const c of held) c.destroy();
      return { closed, answered };
    };
    const fromPhone = await burst(phone);
    // It may already hold a kept-alive connection from the requests above: 8 at most stay open.
    expect(fromPhone.closed).toBeGreaterThanOrEqual(22);
    expect(fromPhone.answered.length).toBe(30 - fromPhone.closed);
    expect(fromPhone.answered.every((line) => line.startsWith('HTTP/1.1 429'))).toBe(true);
    const fromOther = await burst('127.0.0.8');
    expect(fromOther.closed).toBe(0);
    expect(fromOther.answered).toHaveLength(30);
    // Five wrong PINs for S01 lock that address out of S01 alone: 401s, then 429s, all answered.
    expect(fromOther.answered.every((line) => /^HTTP\/1\.1 (401|429)/.test(line))).toBe(true);
    expect((await requestFrom(h.url, phone, 'GET', '/api/health', '')).status).toBe(200);
    // The lock lasts 15 minutes of hub time.
    h.clock.advance(15 * 60_000 + 1);
    expect((await postFrom(h, phone, JSON.stringify({ staffId: 'M01', pin: '900001' }))).status).toBe(200);
  });
});

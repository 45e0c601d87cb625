import { afterEach, describe, expect, it } from 'vitest';
import { requestFrom } from '../support/fromAddress.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** A raw login body sent from a given loopback address (each 127.x is another client to the hub). */
function postFrom(h: TestHub, from: string, body: string): Promise<{ status: number; body: any }> {
  return requestFrom(h.url, from, 'POST', '/api/auth/login', body);
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
    // The lock lasts 15 minutes of hub time.
    h.clock.advance(15 * 60_000 + 1);
    expect((await postFrom(h, phone, JSON.stringify({ staffId: 'M01', pin: '900001' }))).status).toBe(200);
  });
});

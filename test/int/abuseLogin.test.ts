import { afterEach, describe, expect, it } from 'vitest';
import { PinHasher } from '../../server/pinWorker.ts';
import { verifyPin, hashPin } from '../../server/auth.ts';
import { requestFrom } from '../support/fromAddress.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/** A login sent from a given loopback address (127.0.0.2 is another client as the hub sees it). */
function loginFrom(h: TestHub, from: string, staffId: string, pin: string): Promise<{ status: number; body: any }> {
  return requestFrom(h.url, from, 'POST', '/api/auth/login', JSON.stringify({ staffId, pin }));
}

/**
 * Staff numbers are public (岗位公开): five wrong PINs from a visitor's phone must not lock a
 * staffer out of their own counter. Lockouts are per address; one address gets 20 wrong PINs in
 * 15 minutes over all ids; PINs are hashed on a worker thread, not the journal's libuv pool.
 */
describe('login throttling per client address', () => {
  let h: TestHub;
  afterEach(async () => {
    await h?.close();
  });

  it('locks the guessing address out of that id after 5 wrong PINs, while the staffer signs in from the counter', async () => {
    h = await startHub();
    const phone = '127.0.0.2';
    const counter = '127.0.0.3';
    for (let i = 0; i < 5; i++) expect((await loginFrom(h, phone, 'S01', '000000')).status).toBe(401);
    const locked = await loginFrom(h, phone, 'S01', '100001');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const own = await loginFrom(h, counter, 'S01', '100001');
    expect(own.status).toBe(200);
    expect(own.body.staff.id).toBe('S01');
    // The guesser may still try another id (up to its address-wide limit); the lock lasts 15 minutes.
    expect((await loginFrom(h, phone, 'S02', '100002')).status).toBe(200);
    h.clock.advance(15 * 60_000 + 1);
    expect((await loginFrom(h, phone, 'S01', '100001')).status).toBe(200);
  });

  it('gives one address at most 20 wrong PINs in 15 minutes over all ids, even sent at once', async () => {
    h = await startHub();
    const ids = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'X1', 'X2', 'X3', 'X4', 'X5'];
    const answers = await Promise.all(Array.from({ length: 36 }, (_, i) => loginFrom(h, '127.0.0.4', ids[i % ids.length]!, '999999')));
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeLessThanOrEqual(20);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(16);
    // That address is now refused for every id, the right PIN too; other addresses are not.
    expect((await loginFrom(h, '127.0.0.4', 'M01', '900001')).status).toBe(429);
    expect((await loginFrom(h, '127.0.0.5', 'M01', '900001')).status).toBe(200);
  });
});

describe('PIN hashing on its own thread', () => {
  it('gives the same answer as scrypt on the libuv pool, for the right and a wrong PIN', async () => {
    const hasher = new PinHasher();
    try {
      const stored = await hashPin('482913');
      expect(await verifyPin('482913', stored, hasher)).toBe(true);
      expect(await verifyPin('482914', stored, hasher)).toBe(false);
      expect(await verifyPin('482913', stored)).toBe(true);
    } finally {
      await hasher.close();
    }
  });
});

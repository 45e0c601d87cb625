import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

describe('wrong-PIN lockout under concurrent guesses', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('checks no more than 5 PINs of one staff number, however many arrive at once', async () => {
    h = await startHub();
    // Given 12 wrong PINs and then the right one, all sent before any answer comes back
    const guesses = Array.from({ length: 12 }, (_, i) => String(200000 + i));
    const answers = await Promise.all(
      [...guesses, '100001'].map((pin) => h!.api('POST', '/api/auth/login', { staffId: 'S01', pin })),
    );
    const statuses = answers.map((a) => a.status);
    // Then exactly five are judged wrong (the lockout's allowance, used up by guesses still being
    // checked), the other eight are refused unchecked, and the right PIN gets no token
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(8);
    expect(statuses.at(-1)).toBe(429);
    for (const a of answers) if (a.status === 429) expect(a.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // And the number stays locked afterwards, even to the right PIN
    expect((await h.api('POST', '/api/auth/login', { staffId: 'S01', pin: '100001' })).status).toBe(429);
  });

  it('still lets a staffer in after a wrong PIN or two, also when two logins overlap', async () => {
    h = await startHub();
    expect((await h.api('POST', '/api/auth/login', { staffId: 'S02', pin: '999999' })).status).toBe(401);
    const both = await Promise.all([1, 2].map(() => h!.api('POST', '/api/auth/login', { staffId: 'S02', pin: '100002' })));
    expect(both.map((b) => b.status)).toEqual([200, 200]);
  });
});

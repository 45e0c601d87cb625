import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CentralTokens } from '../../central/server/auth.ts';
import { Tokens } from '../../server/auth.ts';
import { openToken, signToken } from '../../server/signedToken.ts';

const key = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 8);
const now = Date.parse('2026-11-23T09:00:00+08:00');
const body = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');

describe('signed tokens (hub staff and centre users share one definition)', () => {
  it('given a token signed with the key and not expired, then its claims come back', () => {
    expect(openToken(key, signToken(key, { userId: 'A1', exp: now + 1 }), now)).toEqual({ userId: 'A1', exp: now + 1 });
  });

  it('given another key, a changed body or signature, an expired or exp-less token, or no token at all, then null', () => {
    const t = signToken(key, { userId: 'A1', exp: now + 60_000 });
    const [b, sig] = t.split('.') as [string, string];
    const forgedBody = body({ userId: 'A1', role: 'admin', exp: now + 60_000 });
    for (const bad of [
      signToken(other, { userId: 'A1', exp: now + 60_000 }),
      `${forgedBody}.${sig}`,
      `${b}.${sig.slice(0, -2)}AA`,
      `${b}.`,
      b,
      signToken(key, { userId: 'A1', exp: now }),
      signToken(key, { userId: 'A1' }),
      signToken(key, { userId: 'A1', exp: String(now + 60_000) }),
      `${t}${'x'.repeat(1000)}`,
      undefined,
      42,
    ]) expect(openToken(key, bad, now), String(bad).slice(0, 40)).toBeNull();
  });

  it('given a well-signed body that is not a JSON object (null, an array, a string, not JSON), then null rather than an error', () => {
    for (const raw of ['null', '[1,2]', '"x"', 'not json']) {
      const b = Buffer.from(raw).toString('base64url');
      const sig = createHmac('sha256', key).update(b).digest('base64url');
      expect(openToken(key, `${b}.${sig}`, now), raw).toBeNull();
    }
  });

  it('then the hub checks its own revocation on top, and the centre requires a user id', () => {
    const hub = new Tokens(key, (c) => c.staffId !== 'S09');
    const ok = hub.issue({ staffId: 'S01', role: 'staff', exp: now + 1 });
    expect(hub.verify(ok, now)).toMatchObject({ staffId: 'S01' });
    expect(hub.verify(hub.issue({ staffId: 'S09', role: 'staff', exp: now + 1 }), now)).toBeNull();
    const centre = new CentralTokens(key);
    expect(centre.verify(centre.issue({ userId: 'A1', role: 'admin', exp: now + 1 }), now)).toMatchObject({ userId: 'A1' });
    expect(centre.verify(signToken(key, { role: 'admin', exp: now + 1 }), now)).toBeNull();
  });
});

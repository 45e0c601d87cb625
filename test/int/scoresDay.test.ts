import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

/**
 * A scripted hall day through the real hub (demo hall, Monday 2026-11-23, hours 08:00–12:00 and
 * 14:30–17:30), then the day's scores checked against figures worked out by hand.
 */
describe('a scored hall day through the real hub', () => {
  let h: TestHub;
  const tok: Record<string, string> = {};
  const at = (hhmm: string) => h.clock.set(Date.parse(`2026-11-23T${hhmm}:00+08:00`));
  const w = async (staff: string, windowId: string, action: string, body: unknown = {}) => {
    const r = await h.api('POST', `/api/windows/${windowId}/${action}`, body, tok[staff]);
    if (r.status >= 300) throw new Error(`${staff} ${action} ${windowId}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const serve = async (staff: string, windowId: string, serviceId: string, score: number) => {
    const t = await h.api('POST', '/api/tickets', { serviceId });
    await w(staff, windowId, 'call-next');
    await w(staff, windowId, 'start');
    await w(staff, windowId, 'finish', { outcome: 'done' });
    expect((await h.api('POST', `/api/tickets/${t.body.id}/rating`, { score })).status).toBe(201);
  };
  let day: any;

  beforeAll(async () => {
    h = await startHub({ start: '2026-11-23T07:50:00+08:00' });
    for (const s of ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'M01']) tok[s] = await h.login(s);
    at('07:55'); await w('S01', 'W1', 'sign-in', { post: 'A' });
    at('07:58'); await w('S02', 'W2', 'sign-in', { post: 'A' });
    at('07:59');
    for (const [s, win] of [['S04', 'W4'], ['S05', 'W5'], ['S06', 'W6']] as const) await w(s, win, 'sign-in', { post: 'A' });
    at('08:12'); await w('S03', 'W3', 'sign-in', { post: 'A' });
    at('08:20'); await serve('S01', 'W1', 'A', 5);
    // A goes to a meeting; S07 (no post of their own) covers until A takes the window back.
    at('09:00'); await w('S01', 'W1', 'pause', { reason: 'meeting', note: '三楼会议室', expectedBackAt: '2026-11-23T10:00:00+08:00' });
    at('09:04'); await w('S07', 'W1', 'sign-in', { post: 'B' });
    at('10:04'); await w('S01', 'W1', 'sign-in', { post: 'A', handover: true });
    // S05 walks away without a word for 20 minutes.
    at('10:30'); await w('S05', 'W5', 'pause', { reason: 'other', note: '' });
    at('10:50'); await w('S05', 'W5', 'resume');
    at('11:00'); await serve('S06', 'W6', 'E', 5);
    at('11:05'); await serve('S06', 'W6', 'E', 2);
    at('11:40'); await w('S04', 'W4', 'sign-out');
    at('12:01');
    for (const [s, win] of [['S01', 'W1'], ['S02', 'W2'], ['S03', 'W3'], ['S05', 'W5'], ['S06', 'W6']] as const) await w(s, win, 'sign-out');
    // S03 has the afternoon off, with S07 named to cover; S04 does not come back.
    const leave = await h.api('POST', '/api/admin/scoring/leave', { staffId: 'S03', from: '2026-11-23', to: '2026-11-23', spans: [1], coverStaffId: 'S07', note: '事假' }, tok.M01);
    expect(leave.status).toBe(201);
    at('14:28');
    for (const [s, win] of [['S01', 'W1'], ['S02', 'W2'], ['S05', 'W5'], ['S06', 'W6']] as const) await w(s, win, 'sign-in', { post: 'A' });
    at('14:30'); await w('S07', 'W3', 'sign-in', { post: 'B' });
    at('17:31');
    for (const [s, win] of [['S01', 'W1'], ['S02', 'W2'], ['S07', 'W3'], ['S05', 'W5'], ['S06', 'W6']] as const) await w(s, win, 'sign-out');
    at('18:00');
    const c = await h.api('POST', '/api/admin/scoring/complaints', { date: '2026-11-23', staffId: 'S06', windowId: 'W6', surname: '王', phone: '13912345678', content: '办理时态度生硬', channel: 'phone', complexity: 'ordinary' }, tok.M01);
    expect(c.status).toBe(201);
    expect(c.body.dueDate).toBe('2026-11-24');
    expect((await h.api('POST', `/api/admin/scoring/complaints/${c.body.id}/follow-ups`, { note: '调取录像，属实', verified: true, closed: true }, tok.M01)).status).toBe(201);
    const r = await h.api('GET', '/api/reports/scores?date=2026-11-23', undefined, tok.M01);
    expect(r.status).toBe(200);
    day = r.body;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const staff = (id: string) => day.staff.find((s: any) => s.staffId === id);
  const win = (id: string) => day.windows.find((x: any) => x.windowId === id);
  const charges = (s: any) => Object.fromEntries(s.items.filter((i: any) => i.code !== 'satisfaction' && i.count).map((i: any) => [i.code, i.points]));

  it('A who went to a meeting with a cover loses nothing', () => {
    expect(staff('S01')).toMatchObject({ score: 100, served: 1, ratings: 1, satisfactionPct: 100, coverMinutes: 0 });
    expect(charges(staff('S01'))).toEqual({});
    expect(staff('S01').parts).toEqual({ discipline: 30, quality: 20, business: 40, evaluation: 10, bonus: 0 });
  });

  it('the substitute is credited with cover minutes and has no duty of their own', () => {
    expect(staff('S07')).toMatchObject({ score: 100, coverMinutes: 60 + 180, served: 0 });
    expect(charges(staff('S07'))).toEqual({});
  });

  it('late, early leave, absence, leave and leaving the post are charged with evidence', () => {
    expect(charges(staff('S03'))).toEqual({ late: -1, 'leave-covered': 0 });
    expect(staff('S03').items.find((i: any) => i.code === 'late').evidence[0]).toMatchObject({ at: '2026-11-23T08:12:00.000+08:00', minutes: 12, windowId: 'W3' });
    expect(staff('S03').score).toBe(99);
    expect(charges(staff('S04'))).toEqual({ 'early-leave': -1, 'absent-uncovered': -2 });
    expect(staff('S04').score).toBe(97);
    expect(charges(staff('S05'))).toEqual({ 'leave-post': -1 });
    expect(staff('S05').items.find((i: any) => i.code === 'leave-post').evidence[0]).toMatchObject({ minutes: 20, windowId: 'W5' });
  });

  it('satisfaction and a verified complaint land on whoever served, and on the window', () => {
    expect(staff('S06')).toMatchObject({ served: 2, ratings: 2, satisfactionPct: 50, disqualified: true, score: 30 + 15 + 40 + 5 });
    expect(charges(staff('S06'))).toEqual({ complaint: -5 });
    expect(win('W6')).toMatchObject({ served: 2, satisfactionPct: 50 });
    expect(JSON.stringify(day)).not.toContain('13912345678');
  });

  it('windows show cover, pause and uncovered minutes within working hours', () => {
    expect(win('W1')).toMatchObject({ served: 1, coverMinutes: 60, pauseMinutes: 4, uncoveredMinutes: 4 });
    expect(win('W2')).toMatchObject({ coverMinutes: 0, pauseMinutes: 0, uncoveredMinutes: 0 });
    expect(win('W3')).toMatchObject({ coverMinutes: 180, uncoveredMinutes: 12 });
    expect(win('W4')).toMatchObject({ uncoveredMinutes: 20 + 180, pauseMinutes: 0 });
    expect(win('W5')).toMatchObject({ pauseMinutes: 20, uncoveredMinutes: 20 });
  });

  it('a change of rubric re-scores the day; the CSV opens in Excel', async () => {
    expect((await h.api('PUT', '/api/admin/scoring/rubric', { rubricId: 'virtues' }, tok.M01)).status).toBe(200);
    const r = await h.api('GET', '/api/reports/scores?date=2026-11-23', undefined, tok.M01);
    const s04 = r.body.staff.find((s: any) => s.staffId === 'S04');
    expect(s04.parts).toEqual({ de: 20, neng: 20, qin: 20 - 2 - 5, ji: 20, lian: 20, bonus: 0 });
    expect(s04.score).toBe(93);
    const csv = await fetch(`${h.url}/api/reports/scores?date=2026-11-23&format=csv`, { headers: { authorization: `Bearer ${tok.M01}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('S04');
    expect((await h.api('PUT', '/api/admin/scoring/rubric', { rubricId: 'standard' }, tok.M01)).status).toBe(200);
  });

  it('roll-ups name the quarter\'s best, passing over the disqualified', async () => {
    const r = await h.api('GET', '/api/reports/scores/rollup?period=quarter&of=2026-Q4', undefined, tok.M01);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-10-01', to: '2026-12-31', days: 1 });
    const best = r.body.quarters[0].staff.map((x: any) => x.id);
    // 100 each; S01 served a visitor, then staff number breaks the tie. S06 (verified complaint) is passed over.
    expect(best).toEqual(['S01', 'S02', 'S07']);
    expect(r.body.staff.find((x: any) => x.id === 'S06')).toMatchObject({ days: 1, average: 90, disqualified: true });
    expect(r.body.quarters[0].windows.map((x: any) => x.id)).not.toContain('W6');
  });

  it('only managers see scores, and bad input is a 400 in the contract\'s shape', async () => {
    expect((await h.api('GET', '/api/reports/scores?date=2026-11-23', undefined, tok.S01)).status).toBe(403);
    expect((await h.api('GET', '/api/reports/scores?date=2026-11-23')).status).toBe(401);
    for (const q of ['date=2026-13-01', 'date=yesterday', 'date=2027-01-01']) {
      const r = await h.api('GET', `/api/reports/scores?${q}`, undefined, tok.M01);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toMatch(/^[A-Z_]+$/);
    }
    expect((await h.api('GET', '/api/reports/scores/rollup?period=month&of=2026-13', undefined, tok.M01)).status).toBe(400);
    expect((await h.api('POST', '/api/admin/scoring/leave', { staffId: 'NOPE', from: '2026-11-23', to: '2026-11-23' }, tok.M01)).status).toBe(404);
    expect((await h.api('POST', '/api/admin/scoring/entries', { date: '2026-11-23', staffId: 'S01', item: 'late' }, tok.M01)).status).toBe(400);
    expect((await h.api('POST', '/api/admin/scoring/entries', '[1,2', tok.M01)).status).toBe(400);
  });
});

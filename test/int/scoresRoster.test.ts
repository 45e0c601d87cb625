import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../support/hub.ts';

describe('rosters and complaint deadlines over HTTP', () => {
  let h: TestHub | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a roster line with dates is kept as given; a backwards range or an unknown staffer is refused', async () => {
    h = await startHub({ start: '2026-11-23T09:00:00+08:00' });
    const m = await h.login('M01');
    const base = (await h.api('GET', '/api/admin/scoring', undefined, m)).body.schedule;
    const put = (shifts: unknown) => h!.api('PUT', '/api/admin/scoring/schedule', { ...base, shifts }, m);
    const ok = await put([{ staffId: 'S07', weekdays: [1, 3], from: '2026-11-23', to: '2026-12-31' }, { staffId: 'S06', weekdays: [6] }]);
    expect(ok.status).toBe(200);
    expect(ok.body.shifts).toEqual([{ staffId: 'S07', weekdays: [1, 3], from: '2026-11-23', to: '2026-12-31' }, { staffId: 'S06', weekdays: [6], from: null, to: null }]);
    const back = await put([{ staffId: 'S07', weekdays: [1], from: '2026-12-31', to: '2026-11-23' }]);
    expect(back.status).toBe(400);
    expect(back.body.error.code).toBe('BAD_RANGE');
    expect((await put([{ staffId: 'S99', weekdays: [1] }])).status).toBe(404);
    expect((await put([{ staffId: 'S07', weekdays: [1], from: '23/11/2026' }])).status).toBe(400);
    // The admin view names the staff for the roster form.
    const admin = (await h.api('GET', '/api/admin/scoring', undefined, m)).body;
    expect(admin.staff).toContainEqual({ id: 'S07', name: '赵磊', role: 'staff', postA: [] });
    expect(admin.staff).toContainEqual({ id: 'S01', name: '张敏', role: 'staff', postA: ['W1'] });
  });

  it('an ordinary complaint taken on Friday is due Monday; once past due it is listed as overdue', async () => {
    h = await startHub({ start: '2026-11-27T09:00:00+08:00' });
    let m = await h.login('M01');
    const c = await h.api('POST', '/api/admin/scoring/complaints', { date: '2026-11-27', staffId: 'S01', content: '态度', channel: 'oral' }, m);
    expect(c.body.dueDate).toBe('2026-11-30');
    const listed = async () => {
      const r = await h!.api('GET', '/api/admin/scoring/records', undefined, m);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.complaints[0];
    };
    expect(await listed()).toMatchObject({ overdue: false, daysOver: 0 });
    h.clock.set(Date.parse('2026-12-01T09:00:00+08:00'));
    m = await h.login('M01'); // a session does not outlive its day
    expect(await listed()).toMatchObject({ overdue: true, daysOver: 1 });
  });
});

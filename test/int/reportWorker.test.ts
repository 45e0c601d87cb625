import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitsReport } from '../../shared/reports/waitsReport.ts';
import { scoreDay } from '../../shared/scoring/dailyScore.ts';
import { activeRecords, recordsOn } from '../../shared/scoring/records.ts';
import { rollup } from '../../shared/scoring/rollup.ts';
import { standardRubric } from '../../shared/scoring/standardRubric.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import type { ScoringRecord } from '../../shared/scoring/types.ts';
import { endOfLocalDay } from '../../shared/time.ts';
import { parseJournal } from '../../server/journal.ts';
import { encodeDay } from '../../server/reports/compactFile.ts';
import { foldJournal, foldToFile } from '../../server/reports/foldDay.ts';
import { foldPool } from '../../server/reports/foldPool.ts';
import { ScoreService } from '../../server/scoring/service.ts';
import { ScoringStore } from '../../server/scoring/store.ts';
import { asHall, busyHallInput } from '../../tools/sim/halls.ts';
import { businessDays, runJournals } from '../../tools/sim/run.ts';
import { startHub, tempDir, type TestHub } from '../support/hub.ts';

/**
 * The report worker gives the same answers as the hub's own thread: a wait report over compact
 * files and the open day's bytes, and closed days' scores read from their journals with the
 * manual records passed as data. And the hub's report routes do send that work to the worker.
 */
const DAYS = businessDays('2026-06-01', 3);
const input = busyHallInput();
const hall = asHall(input).hall;
const serves = Object.fromEntries(hall.windows.map((w) => [w.id, w.serviceIds]));
let dir: string;
const journal = (day: string) => join(dir, 'journal', `${day}.jsonl`);

beforeAll(async () => {
  dir = tempDir();
  await runJournals(dir, input, hall, { days: DAYS, ticketsPerDay: 300, seed: 7 });
  mkdirSync(join(dir, 'reports'), { recursive: true });
}, 120_000);

describe('the report worker', () => {
  it('computes the same wait report as the hub thread, the last day sent as the open day', async () => {
    const sources = DAYS.slice(0, -1).map((day) => {
      const file = join(dir, 'reports', `${day}.bin`);
      foldToFile({ day, journalPath: journal(day), reportPath: file, serves });
      return { day, file, journalSize: statSync(journal(day)).size };
    });
    const last = DAYS.at(-1)!;
    const bookings: [string, { booked: number; checkedIn: number; missed: number }][] = [['A', { booked: 4, checkedIn: 3, missed: 1 }]];
    const answer = await foldPool.waits({
      from: DAYS[0]!, to: last, config: hall, opts: { factor: 2, bookings },
      days: [...sources, { day: last, encoded: encodeDay(foldJournal(last, journal(last), serves), 0) }],
    });
    const here = waitsReport(DAYS[0]!, last, DAYS.map((d) => foldJournal(d, journal(d), serves)), hall, { factor: 2, bookings: new Map(bookings) });
    expect('report' in answer && answer.report).toEqual(here);
    expect(here.total.served).toBeGreaterThan(0);
  }, 120_000);

  it('names a closed day whose compact file does not match its journal, instead of answering from it', async () => {
    const day = DAYS[0]!;
    const file = join(dir, 'reports', `${day}.bin`);
    foldToFile({ day, journalPath: journal(day), reportPath: file, serves });
    const answer = await foldPool.waits({
      from: day, to: day, config: hall, opts: { bookings: [] },
      days: [{ day, file, journalSize: statSync(journal(day)).size + 1 }],
    });
    expect(answer).toEqual({ stale: [day] });
  });

  it('scores closed days as the hub thread does, with the manual records passed as data', async () => {
    const log: ScoringRecord[] = [
      { kind: 'score', id: 'r1', enteredBy: 'M01', enteredAt: '2026-06-01T10:00:00+08:00', date: DAYS[0]!, staffId: hall.staff[0]!.id, windowId: null, item: 'appearance', count: 2, points: null, note: '' },
      { kind: 'score', id: 'r2', enteredBy: 'M01', enteredAt: '2026-06-01T10:00:00+08:00', date: DAYS[1]!, staffId: hall.staff[1]!.id, windowId: null, item: 'untidy', count: 1, points: null, note: '' },
      { kind: 'void', id: 'r3', enteredBy: 'M01', enteredAt: '2026-06-02T10:00:00+08:00', ref: 'r2', reason: 'entered twice' },
    ];
    const records = activeRecords(log);
    const base = { config: hall, schedule: DEFAULT_SCHEDULE, rubric: standardRubric, asOf: '2026-11-23' };
    const days = [...DAYS, '2026-06-07'].map((date) => ({
      date, until: endOfLocalDay(date, hall.hall.timezone), records: recordsOn(records, date), journalPath: DAYS.includes(date) ? journal(date) : null,
    }));
    const answer = await foldPool.scores({ ...base, days });
    const here = days.map((d) =>
      scoreDay({ ...base, date: d.date, until: d.until, records: d.records, events: d.journalPath ? parseJournal(readFileSync(d.journalPath, 'utf8'), d.journalPath) : [] }),
    );
    expect(answer).toEqual(here);
    const appearance = answer[0]!.staff.find((s) => s.staffId === hall.staff[0]!.id)!.items.find((i) => i.code === 'appearance');
    expect(appearance?.count).toBe(2);
    expect(answer[1]!.staff.find((s) => s.staffId === hall.staff[1]!.id)!.items.some((i) => i.code === 'untidy')).toBe(false);
  }, 120_000);

  it('scores days for a roll-up without the evidence and cover intervals, to the same sums', async () => {
    const base = { config: hall, schedule: DEFAULT_SCHEDULE, rubric: standardRubric, asOf: '2026-11-23' };
    const days = DAYS.map((date) => ({ date, until: endOfLocalDay(date, hall.hall.timezone), records: recordsOn(activeRecords([]), date), journalPath: journal(date) }));
    const whole = await foldPool.scores({ ...base, days });
    const slim = await foldPool.scores({ ...base, days, forRollup: true });
    // The whole days have evidence and intervals to leave out, and the slim ones have none.
    expect(whole.some((d) => d.windows.some((w) => w.intervals.length > 0))).toBe(true);
    expect(whole.some((d) => [...d.staff, ...d.windows].some((r) => r.items.some((i) => i.evidence.length > 0)))).toBe(true);
    expect(slim.every((d) => d.windows.every((w) => w.intervals.length === 0))).toBe(true);
    expect(slim.every((d) => [...d.staff, ...d.windows].every((r) => r.items.every((i) => i.evidence.length === 0)))).toBe(true);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(whole).length * 0.6);
    expect(rollup(slim)).toEqual(rollup(whole));
  }, 120_000);

  it('scores a day still being written from its durable bytes only, as the hub holds it', async () => {
    // The open day as the hub sees it: its durable lines, then a batch being written (half a line).
    const full = readFileSync(journal(DAYS[0]!), 'utf8');
    const lines = full.split('\n').filter(Boolean);
    const durable = `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`;
    const growing = join(dir, 'growing.jsonl');
    writeFileSync(growing, durable + lines[Math.floor(lines.length / 2)]!.slice(0, 40));
    const base = { config: hall, schedule: DEFAULT_SCHEDULE, rubric: standardRubric, asOf: DAYS[0]! };
    const until = Date.parse(`${DAYS[0]}T13:00:00+08:00`);
    const [answer] = await foldPool.scores({ ...base, days: [{ date: DAYS[0]!, journalPath: growing, bytes: Buffer.byteLength(durable), until, records: recordsOn(activeRecords([]), DAYS[0]!) }] });
    const here = scoreDay({ ...base, date: DAYS[0]!, until, records: recordsOn(activeRecords([]), DAYS[0]!), events: parseJournal(durable, growing) });
    expect(answer).toEqual(here);
    expect(answer!.staff.some((st) => st.served > 0)).toBe(true);
  }, 120_000);

  it('reads only what the open day appended since its last read, and the whole day when the file is another', async () => {
    const lines = readFileSync(journal(DAYS[1]!), 'utf8').split('\n').filter(Boolean);
    const upTo = (n: number) => `${lines.slice(0, n).join('\n')}\n`;
    const growing = join(dir, 'appending.jsonl');
    const base = { config: hall, schedule: DEFAULT_SCHEDULE, rubric: standardRubric, asOf: DAYS[1]! };
    const until = Date.parse(`${DAYS[1]}T17:00:00+08:00`);
    const records = recordsOn(activeRecords([]), DAYS[1]!);
    const scoreOf = async (text: string) => (await foldPool.scores({ ...base, days: [{ date: DAYS[1]!, journalPath: growing, bytes: Buffer.byteLength(text), until, records }] }))[0];
    const here = (text: string) => scoreDay({ ...base, date: DAYS[1]!, until, records, events: parseJournal(text, growing) });
    // The day grows by appends, as the hub writes it: each read adds the new lines to the last.
    for (const n of [Math.floor(lines.length / 3), Math.floor(lines.length / 3), Math.floor((lines.length * 2) / 3), lines.length]) {
      writeFileSync(growing, upTo(n));
      expect(await scoreOf(upTo(n))).toEqual(here(upTo(n)));
    }
    // The same path now holds another day's lines (a data dir restored from a backup): read whole.
    const other = readFileSync(journal(DAYS[2]!), 'utf8');
    writeFileSync(growing, other);
    const otherScore = scoreDay({ ...base, date: DAYS[1]!, until, records, events: parseJournal(other, growing) });
    expect(await scoreOf(other)).toEqual(otherScore);
    expect(otherScore).not.toEqual(here(upTo(lines.length)));
  }, 120_000);
});

describe('the hub', () => {
  let h: TestHub;
  let manager: string;
  beforeAll(async () => {
    h = await startHub({ dataDir: dir, config: input, start: '2026-11-23T09:00:00+08:00' });
    manager = await h.login('M01', '900001');
  }, 120_000);
  afterAll(() => h.close());

  it('sends the multi-day wait report and closed days\' scores to the report worker', async () => {
    const before = { ...foldPool.counters };
    const waits = await h.api('GET', `/api/reports/waits?from=${DAYS[0]}&to=${DAYS.at(-1)}`, undefined, manager);
    expect(waits.status).toBe(200);
    expect(foldPool.counters.waits).toBeGreaterThan(before.waits);
    // Asked again: the same report, as JSON (its text is kept with the kept report).
    const waitsAgain = await fetch(`${h.url}/api/reports/waits?from=${DAYS[0]}&to=${DAYS.at(-1)}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(waitsAgain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await waitsAgain.json()).toEqual(waits.body);
    const day = await h.api('GET', `/api/reports/scores?date=${DAYS[1]}`, undefined, manager);
    expect(day.status).toBe(200);
    expect(foldPool.counters.scores).toBeGreaterThan(before.scores);
    // A year's roll-up is made whole in the worker: its settled days are sent, scored, kept and
    // summed there, and the answer comes back as JSON text.
    const rollupBefore = { ...foldPool.counters };
    const year = await h.api('GET', '/api/reports/scores/rollup?period=year&of=2026', undefined, manager);
    expect(year.status).toBe(200);
    expect(foldPool.counters.rollup).toBeGreaterThan(rollupBefore.rollup);
    expect(foldPool.counters.rollupDays).toBeGreaterThanOrEqual(rollupBefore.rollupDays + DAYS.length);
    // Asked again, the worker keeps the sums: one job, and no settled day is sent again.
    const again = { ...foldPool.counters };
    const yearAgain = await fetch(`${h.url}/api/reports/scores/rollup?period=year&of=2026`, { headers: { authorization: `Bearer ${manager}` } });
    expect(yearAgain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await yearAgain.json()).toEqual(year.body);
    expect(foldPool.counters.rollup).toBe(again.rollup + 1);
    expect(foldPool.counters.rollupDays).toBe(again.rollupDays);
    expect(foldPool.counters.scores).toBe(again.scores);
    // The same roll-up made on the hub's thread from the days (the way without a worker) agrees.
    const here = new ScoreService(h.running.hub, await ScoringStore.open(dir)).period('year', '2026');
    expect(JSON.parse(JSON.stringify(here))).toEqual(year.body);
    // And the worker answered every job itself: nothing fell back to the hub's thread.
    expect(foldPool.counters.failed).toBe(before.failed);
  }, 120_000);

  it('paces one manager\'s heavy reports: many asked at once wait their turn, and only past the queue are refused', async () => {
    const asked = await Promise.all(Array.from({ length: 40 }, () => h.api('GET', '/api/reports/scores/rollup?period=year&of=2026', undefined, manager)));
    const answered = asked.filter((a) => a.status === 200);
    const refused = asked.filter((a) => a.status === 429);
    expect(answered.length + refused.length).toBe(40);
    // Eight at once and sixteen waiting their turn are answered; the rest are told to ask later.
    expect(answered.length).toBeGreaterThanOrEqual(24);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.body.error.code === 'TOO_MANY_REPORTS')).toBe(true);
    expect(answered.every((a) => JSON.stringify(a.body) === JSON.stringify(answered[0]!.body))).toBe(true);
    // The rest of the API is not paced with them.
    expect((await h.api('GET', '/api/health')).status).toBe(200);
  }, 120_000);

  it('scores today, still open, in the report worker for each roll-up, as the hub\'s thread would', async () => {
    const staff = await h.login('S001', '200001');
    expect((await h.api('POST', '/api/windows/W1/sign-in', { post: 'A' }, staff)).status).toBe(200);
    const t = await h.api('POST', '/api/tickets', { serviceId: 'A' });
    expect(t.status).toBe(201);
    for (const step of ['call-next', 'start', 'finish']) {
      expect((await h.api('POST', `/api/windows/W1/${step}`, step === 'finish' ? { outcome: 'done' } : undefined, staff)).status).toBe(200);
    }
    expect((await h.api('POST', `/api/tickets/${t.body.id}/rating`, { score: 5 })).status).toBe(201);
    const before = { ...foldPool.counters };
    const month = await h.api('GET', '/api/reports/scores/rollup?period=month&of=2026-11', undefined, manager);
    expect(month.status).toBe(200);
    // Made in the worker, today included: no day was scored for the hub's thread to sum.
    expect(foldPool.counters.rollup).toBeGreaterThan(before.rollup);
    expect(foldPool.counters.scores).toBe(before.scores);
    // The same day scored on the hub's thread (a day's own report scores the open day there).
    const today = await h.api('GET', '/api/reports/scores?date=2026-11-23', undefined, manager);
    const row = month.body.staff.find((r: { id: string }) => r.id === 'S001');
    const day = today.body.staff.find((r: { staffId: string }) => r.staffId === 'S001');
    expect(row.served).toBe(1);
    expect(row.served).toBe(day.served);
    expect([row.ratings, row.satisfied]).toEqual([1, 1]);
    expect(row.ratings).toBe(day.ratings);
    expect(foldPool.counters.failed).toBe(0);
  }, 120_000);
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHub } from '../../server/app.ts';
import { manualClock } from '../../server/clock.ts';
import { scoreDay } from '../../shared/scoring/dailyScore.ts';
import { activeRecords, recordsOn } from '../../shared/scoring/records.ts';
import { rollup } from '../../shared/scoring/rollup.ts';
import { defaultRubric } from '../../shared/scoring/rubrics.ts';
import { DEFAULT_SCHEDULE } from '../../shared/scoring/types.ts';
import { endOfLocalDay } from '../../shared/time.ts';
import { ROOT } from '../../test/support/browser.ts';
import { busyDay, writeDay } from '../../test/support/busyDay.ts';
import { tempDir } from '../../test/support/hub.ts';
import { hall, scoringYear, STAFF, TZ } from '../../test/support/scoringYear.ts';
import { firstRender } from './pages.ts';

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/**
 * The figures that depend on how fast the machine is and so are not tests: each page's first
 * render, a busy day's replay at start-up and a year's scoring, each beside its goal and a
 * reference measured in the same run. The tests assert what these produce; this says how fast.
 */
export async function timingBench(log: (line: string) => void = console.log, quick = false): Promise<string[]> {
  const rows: string[] = [];
  const row = (what: string, figure: string, reference: string, goal: string) => {
    const line = `| ${what} | ${figure} | ${reference} | ${goal} |`;
    rows.push(line);
    log(line);
  };
  log('| what | figure | reference (same run) | goal |');
  log('| --- | --- | --- | --- |');

  // Pages: needs a build (npm run build, or HALL_WEB_DIR pointing at one).
  const webDir = process.env.HALL_WEB_DIR ?? join(ROOT, 'dist');
  try {
    const r = await firstRender(webDir);
    for (const p of r.pages) {
      row(`first render: ${p.page} (navigation → #main, best of 3 after a warm-up)`, `${f(p.ms)} ms`, `inline HTML page: ${f(r.referenceMs)} ms`, `< 1,000 ms: ${met(p.ms < 1000)}`);
    }
  } catch (e) {
    row('first render', `not measured: ${(e as Error).message.split('\n')[0]}`, '', '< 1,000 ms');
  }

  // Replay: a plain restart on a day of 3,600 tickets (the first start imports the demo hall).
  {
    const dir = tempDir('hallhub-timing-');
    try {
      const tickets = quick ? 1200 : 3600;
      const events = busyDay(tickets);
      writeDay(dir, '2026-11-23', events);
      const clock = () => manualClock(Date.parse('2026-11-23T17:00:00+08:00'));
      await (await createHub({ dataDir: dir, clock: clock(), log: () => {} })).close();
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        const running = await createHub({ dataDir: dir, clock: clock(), log: () => {} });
        best = Math.min(best, performance.now() - t0);
        await running.close();
      }
      const lines = events.map((e) => JSON.stringify(e));
      let parseMs = Infinity;
      for (let run = 0; run < 3; run++) {
        const p0 = performance.now();
        for (const l of lines) JSON.parse(l);
        parseMs = Math.min(parseMs, performance.now() - p0);
      }
      row(`replay at start-up: a day of ${tickets.toLocaleString('en')} tickets (${events.length.toLocaleString('en')} events), best of 3`, `${f(best)} ms`, `JSON.parse of the same lines, best of 3: ${f(parseMs)} ms`, `< 1,000 ms for 3,600 tickets: ${met(best < 1000)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // A year's scoring: 250 business days × 40 staff, scored and rolled up, best of 3 (CPU too).
  {
    const days = quick ? 50 : 250;
    const journal = scoringYear(days);
    const events = journal.reduce((a, [, e]) => a + e.length, 0);
    const records = activeRecords([]);
    let ms = Infinity;
    let cpuMs = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const cpu = process.cpuUsage();
      rollup(journal.map(([d, e]) => scoreDay({ date: d, config: hall, events: e, schedule: DEFAULT_SCHEDULE, records: recordsOn(records, d), rubric: defaultRubric, until: endOfLocalDay(d, TZ) })));
      ms = Math.min(ms, performance.now() - t0);
      const used = process.cpuUsage(cpu);
      cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
    }
    // The floor: one pass over every event reading its type and time.
    const r0 = performance.now();
    let n = 0;
    for (const [, e] of journal) for (const ev of e) n += ev.type.length + ev.at.length;
    const passMs = performance.now() - r0;
    row(`scoring a year: ${days} days × ${STAFF} staff (${events.toLocaleString('en')} events) and the roll-up, best of 3`, `${f(ms)} ms (${f(cpuMs)} ms CPU)`, `one pass over the events: ${f(passMs, 1)} ms (${n.toLocaleString('en')} characters read)`, `< 2,000 ms for 250 days: ${met(ms < 2000)}`);
  }
  return rows;
}

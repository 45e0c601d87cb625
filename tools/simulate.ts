import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { HallConfigInput } from '../shared/config.ts';
import { addDays, localDate, weekday } from '../shared/time.ts';
import { demoHall } from '../server/demoHall.ts';
import { asHall, busyHallInput, DEMO_MIX } from './sim/halls.ts';
import { runAgainstHub } from './sim/remote.ts';
import { businessDays, runJournals, runOwnHub, type RunOptions } from './sim/run.ts';

const HELP = `npm run simulate -- [options]     simulate hall days so the reports have something to show

  --days N          business days to simulate (default 5; weekends are skipped)
  --tickets N       tickets per day (default 200 for the demo hall, 3000 for --hall busy)
  --seed N          random seed: the same seed gives the same days (default 1)
  --start DATE      first day, YYYY-MM-DD (default: so that the last day is yesterday)
  --data DIR        data dir of the simulator's own hub (default ./data-sim)
  --hall demo|busy  the demo hall (default) or a 56-window hall of about 3,000 tickets a day
  --config FILE     a hall config file with PINs instead (as for QUEUE_CONFIG)
  --fast            write the journals directly through the core, without a hub (for long runs)
  --url URL         drive a running hub instead; it must run the same hall and have been started
                    with a fast clock, e.g. QUEUE_CLOCK_START=2026-11-23T07:50:00+08:00 QUEUE_CLOCK_SPEED=60;
                    the simulation then starts at the hub's current time and waits for its clock

Then: QUEUE_DATA_DIR=./data-sim npm start, log in at /manager as M01 (PIN 900001), open 等候时长.`;

const { values: a } = parseArgs({
  options: {
    days: { type: 'string', default: '5' }, tickets: { type: 'string' }, seed: { type: 'string', default: '1' },
    start: { type: 'string' }, data: { type: 'string', default: './data-sim' }, hall: { type: 'string', default: 'demo' },
    config: { type: 'string' }, fast: { type: 'boolean', default: false }, url: { type: 'string' }, help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log(HELP);
  process.exit(0);
}
const fail = (m: string): never => {
  console.error(`simulate: ${m}\n\n${HELP}`);
  process.exit(1);
};

const input: HallConfigInput = a.config ? JSON.parse(readFileSync(a.config, 'utf8')) : a.hall === 'busy' ? busyHallInput() : a.hall === 'demo' ? demoHall : fail(`unknown hall ${a.hall}`);
const { hall, pins } = asHall(input);
const tz = hall.hall.timezone;
const days = Number(a.days);
const tickets = Number(a.tickets ?? (a.hall === 'busy' ? 3000 : 200));
const seed = Number(a.seed);
if (!(days >= 1 && days <= 1000) || !(tickets >= 1 && tickets <= 20000) || !Number.isFinite(seed)) fail('--days, --tickets and --seed must be numbers in range');

async function main() {
  const started = Date.now();
  const mix = a.config || a.hall !== 'demo' ? undefined : DEMO_MIX;
  const log = (l: string) => console.log(l);
  if (a.url) {
    const r = await runAgainstHub(a.url, hall, pins, { days, ticketsPerDay: tickets, seed, mix, log });
    report(r.surprises, started);
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  const first = a.start ?? firstDay(days);
  const o: RunOptions = { days: businessDays(first, days), ticketsPerDay: tickets, seed, mix, log };
  const dir = resolve(a.data);
  if (a.fast) {
    const r = await runJournals(dir, input, hall, o);
    console.log(`${r.events.toLocaleString('en')} events written to ${dir}/journal`);
    console.log(`start a hub on them: QUEUE_DATA_DIR=${a.data} QUEUE_CONFIG=${a.data}/hall-config.json npm start`);
  } else {
    try {
      const r = await runOwnHub(dir, input, hall, pins, o);
      report(r.surprises, started);
    } catch (e) {
      fail(`${(e as Error).message} (is another hub using ${dir}, or does it already hold later days? use a new --data dir)`);
    }
    console.log(`open it: QUEUE_DATA_DIR=${a.data} npm start, then /manager (M01, PIN 900001)`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The first of `n` business days that end yesterday, so a hub started now shows them all as past days. */
function firstDay(n: number): string {
  const back: string[] = [];
  for (let d = addDays(localDate(Date.now(), tz), -1); back.length < n; d = addDays(d, -1)) if (weekday(d) !== 0 && weekday(d) !== 6) back.push(d);
  return back.at(-1)!;
}

function report(surprises: Record<string, number>, started: number) {
  const s = Object.entries(surprises);
  if (s.length) console.log(`refused actions (should be none): ${s.map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  void started;
}

await main();

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { asHall, busyHallInput } from '../../tools/sim/halls.ts';
import { businessDays, runJournals } from '../../tools/sim/run.ts';

/** A year of a busy hall written as the hub's journals: `days` business days of `tickets` tickets. */
export async function generateYear(dataDir: string, days: number, tickets: number) {
  const input = busyHallInput();
  const { hall } = asHall(input);
  const list = businessDays('2025-01-06', days);
  const t0 = performance.now();
  const r = await runJournals(dataDir, input, hall, { days: list, ticketsPerDay: tickets, seed: 2025 });
  const ms = performance.now() - t0;
  const tickets_ = r.days.reduce((s, d) => s + d.ticketIds.length, 0);
  return { ms, days: list, first: list[0]!, last: list.at(-1)!, events: r.events, tickets: tickets_, journalBytes: dirBytes(join(dataDir, 'journal')) };
}

export function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

/** Reference: what merely reading and JSON.parse-ing every journal line costs. */
export function parseJournalsMs(dir: string): number {
  const t0 = performance.now();
  let n = 0;
  for (const f of readdirSync(dir).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) if (line) n += JSON.parse(line).seq > 0 ? 1 : 0;
  }
  return n >= 0 ? performance.now() - t0 : 0;
}

/** Reference: reading the compact files' bytes, nothing else. */
export function readFilesMs(dir: string): number {
  const t0 = performance.now();
  let bytes = 0;
  for (const f of readdirSync(dir)) bytes += readFileSync(join(dir, f)).length;
  return bytes >= 0 ? performance.now() - t0 : 0;
}

/** Reference: one typed sort of as many values as the year has tickets. */
export function sortMs(n: number): number {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = (Math.random() * 3_600_000) | 0;
  const t0 = performance.now();
  a.sort();
  return performance.now() - t0;
}

import { localTimeToMs } from '../../shared/time.ts';
import { between, weighted, type Rnd } from './random.ts';

/**
 * When visitors take tickets, by local time: a morning peak around 09:00–10:30, nobody over lunch
 * (the kiosk is closed), a smaller afternoon peak. Weights are relative arrivals per hour.
 */
export const ARRIVAL_PROFILE: readonly (readonly [string, string, number])[] = [
  ['08:00', '08:30', 1.0], ['08:30', '09:00', 1.6], ['09:00', '10:00', 2.0], ['10:00', '11:00', 1.7],
  ['11:00', '11:45', 0.9], ['14:30', '15:00', 0.8], ['15:00', '16:00', 1.3], ['16:00', '17:00', 0.9],
  ['17:00', '17:20', 0.3],
];

/** `count` arrival instants on `day`, sorted. */
export function arrivalTimes(rnd: Rnd, day: string, tz: string, count: number): number[] {
  const spans = ARRIVAL_PROFILE.map(([from, to, perHour]) => {
    const a = localTimeToMs(day, from, tz);
    const b = localTimeToMs(day, to, tz);
    return [[a, b], (perHour * (b - a)) / 3_600_000] as const;
  });
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = weighted(rnd, spans);
    out.push(Math.floor(between(rnd, a, b)));
  }
  return out.sort((x, y) => x - y);
}

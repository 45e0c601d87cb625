import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { HallEvent } from '../../shared/events.ts';
import type { TestHub } from './hub.ts';

/** The contract's time format: ISO 8601 with milliseconds and the hall's offset (demo hall: +08:00). */
export const HALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;
const LOOKS_LIKE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** Every string in a JSON value that looks like a time, with where it was found. */
export function timesIn(value: unknown, where = '$', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string' && LOOKS_LIKE_TIME.test(value)) out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => timesIn(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) timesIn(v, `${where}.${k}`, out);
  return out;
}

/** The contract's error body: `{ error: { code, message } }` and nothing else, with a readable message. */
export function expectError(res: { status: number; body: any }, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message']);
  expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
  if (code) expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
}

/** Has a Chinese character: the default language of messages. */
export const CHINESE = /[\u4e00-\u9fff]/;

/** A screen that listens to `hall:event` from the moment it connects. */
export async function recorder(h: TestHub): Promise<{ socket: Socket; events: HallEvent[] }> {
  const socket = h.socket();
  const events: HallEvent[] = [];
  socket.on('hall:event', (e: HallEvent) => events.push(e));
  await new Promise<void>((r) => socket.on('connect', () => r()));
  return { socket, events };
}

export async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A TestHub's `api` that also keeps every JSON answer, so every time the hub gave can be checked. */
export function keeping(h: TestHub, answers: unknown[]): TestHub['api'] {
  return async (method, path, body, token, headers) => {
    const r = await h.api(method, path, body, token, headers);
    answers.push(r.body);
    return r;
  };
}

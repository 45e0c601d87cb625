import { describe, expect, it } from 'vitest';
import { checkInProblem, CodeCollector } from '../../../kiosk/codeCollector.ts';

const typeFast = (c: CodeCollector, keys: string[], start = 0, gap = 20) => keys.map((k, i) => c.key(k, start + i * gap));

describe('a scanner at the kiosk types the booking code and Enter', () => {
  it('given six digits typed in a burst, when Enter follows, then that code is read once', () => {
    const c = new CodeCollector();
    const out = typeFast(c, [...'482913', 'Enter']);
    expect(out.at(-1)).toBe('482913');
    expect(out.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(c.key('Enter', 200)).toBeNull();
  });

  it('given a pause longer than the gap between digits, then the earlier digits are dropped', () => {
    const c = new CodeCollector(800);
    typeFast(c, [...'482'], 0);
    expect(typeFast(c, [...'913', 'Enter'], 5000).at(-1)).toBeNull();
    expect(typeFast(c, [...'123456', 'Enter'], 9000).at(-1)).toBe('123456');
  });

  it('given five or seven digits, or a URL from another QR, then no code is read', () => {
    const c = new CodeCollector();
    expect(typeFast(c, [...'12345', 'Enter']).at(-1)).toBeNull();
    expect(typeFast(c, [...'1234567', 'Enter'], 1000).at(-1)).toBeNull();
    expect(typeFast(c, [...'http://h/t/123456', 'Enter'], 3000).at(-1)).toBeNull();
  });
});

describe('a check-in refusal is said under its own heading', () => {
  it('names too early, too late and already checked in by code, and any 404 as an unknown code', () => {
    expect(checkInProblem(409, 'TOO_EARLY')).toBe('TOO_EARLY');
    expect(checkInProblem(409, 'TOO_LATE')).toBe('TOO_LATE');
    expect(checkInProblem(409, 'ALREADY_CHECKED_IN')).toBe('ALREADY_CHECKED_IN');
    expect(checkInProblem(404, 'UNKNOWN_APPOINTMENT')).toBe('UNKNOWN_CODE');
    expect(checkInProblem(429, 'TOO_MANY_REQUESTS')).toBeNull();
  });
});

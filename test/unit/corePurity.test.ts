import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SHARED = join(import.meta.dirname, '../../shared');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The core decides from its inputs alone: no clock, no randomness, no I/O, no DOM. */
describe('the pure core in shared/', () => {
  it('reads no clock, draws no random numbers and imports nothing from Node or the DOM', () => {
    const offences: string[] = [];
    for (const f of files(SHARED)) {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const checks: [RegExp, string][] = [
        [/\bDate\.now\s*\(/, 'Date.now()'],
        [/\bnew Date\s*\(\s*\)/, 'new Date() without an instant'],
        [/\bMath\.random\s*\(/, 'Math.random()'],
        [/\bperformance\.now\s*\(/, 'performance.now()'],
        [/from\s+['"](node:|fs|path|os|crypto|http|net)['"/]/, 'a Node import'],
        [/\b(document|localStorage|navigator)\.|\bwindow\.(location|document|addEventListener)/, 'the DOM'],
        [/\bprocess\.(env|argv|hrtime)/, 'process'],
      ];
      for (const [re, what] of checks) if (re.test(code)) offences.push(`${relative(SHARED, f)}: ${what}`);
    }
    expect(offences).toEqual([]);
    expect(files(SHARED).length).toBeGreaterThan(8);
  });
});

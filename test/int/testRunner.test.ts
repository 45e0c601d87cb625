import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVitest } from '../../scripts/testTally.mjs';
import { tempDir } from '../support/hub.ts';

/**
 * The test command's counting, run on fixture suites: each fixture holds passing tests beside one
 * thing that must turn the run red, and the run must say which.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PASSING = `import { it, expect } from 'vitest';\nit('adds', () => { expect(1 + 1).toBe(2); });\n`;
/** The fixture's skipped test, spelled so the repository's own check for skipped tests does not flag this file. */
const SKIP = '.' + 'skip';

function suite(files: Record<string, string>) {
  const dir = tempDir('hallhub-runner-');
  dirs.push(dir);
  // An empty config keeps the fixture from picking up a config further up.
  writeFileSync(join(dir, 'vitest.config.mjs'), 'export default {};\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return runVitest([], { cwd: dir, stdio: 'pipe', env: { ...process.env, CI: '' } });
}

describe('the test command counts a vitest run', () => {
  it('a clean suite is green', () => {
    const r = suite({ 'a.test.ts': PASSING, 'b.test.ts': PASSING });
    expect(r).toMatchObject({ passed: 2, failed: 0, problems: [], status: 0 });
  });

  it('an unhandled rejection after every test passed is a failure, named', () => {
    const r = suite({
      'a.test.ts': PASSING,
      'late.test.ts': `import { it } from 'vitest';\nit('starts work and forgets it', () => { void Promise.reject(new Error('disk gone')); });\n`,
    });
    expect(r.passed).toBe(2);
    expect(r.failed).toBe(1);
    expect(r.problems).toEqual(['error outside any test: disk gone']);
    expect(r.status).not.toBe(0);
  });

  it('a file that fails to load is a failure, named', () => {
    const r = suite({ 'a.test.ts': PASSING, 'broken.test.ts': `import './missing.ts';\nimport { it } from 'vitest';\nit('never runs', () => {});\n` });
    expect(r.passed).toBe(1);
    expect(r.failed).toBe(1);
    expect(r.problems[0]).toMatch(/^file failed to load: broken\.test\.ts — .*missing\.ts/);
  });

  it('skipped and todo tests are failures, named', () => {
    const r = suite({ 'a.test.ts': `${PASSING}it${SKIP}('flaky thing', () => {});\nit.todo('later');\n` });
    expect(r.passed).toBe(1);
    expect(r.problems).toEqual(['skipped test (.skip): a.test.ts > flaky thing', 'todo test: a.test.ts > later']);
    expect(r.failed).toBe(2);
  });

  it('a focused test is a failure, and so is every test it kept from running', () => {
    const r = suite({ 'a.test.ts': `import { it } from 'vitest';\nit.only('just this', () => {});\nit('the rest', () => {});\n` });
    expect(r.problems).toEqual(['focused test (.only): a.test.ts > just this', 'not run beside a focused test: a.test.ts > the rest']);
    expect(r.failed).toBe(2);
  });

  it('failing tests and a file whose hook failed are counted both, once each', () => {
    const r = suite({
      'a.test.ts': `import { it, expect } from 'vitest';\nit('one', () => { expect(1).toBe(2); });\nit('two', () => { expect(1).toBe(3); });\nit('three', () => {});\n`,
      'hook.test.ts': `import { afterAll, it } from 'vitest';\nafterAll(() => { throw new Error('teardown broke'); });\nit('fine', () => {});\n`,
    });
    expect(r.passed).toBe(2);
    expect(r.problems.filter((p) => p.startsWith('failed: a.test.ts'))).toHaveLength(2);
    expect(r.problems.filter((p) => p.startsWith('file failed (a hook or its setup): hook.test.ts'))).toHaveLength(1);
    expect(r.failed).toBe(3);
  });

  it('a failing setup is one failure for its file, not one per test it kept from running', () => {
    const r = suite({
      'a.test.ts': PASSING,
      'setup.test.ts': `import { beforeAll, describe, it } from 'vitest';
describe('hub', () => {
  beforeAll(() => { throw new Error('no hub'); });
  it('x', () => {});
  it('y', () => {});
});
`,
    });
    expect(r.passed).toBe(1);
    expect(r.problems).toEqual(['file failed (a hook or its setup): setup.test.ts — no hub']);
  });

  it('a test that skips itself while running is a failure, named', () => {
    const r = suite({ 'a.test.ts': `import { it } from 'vitest';
it('needs a tmpfs', (ctx) => { ctx.skip(); });
` });
    expect(r.problems).toEqual(['skipped while running (ctx.skip or skipIf): a.test.ts > needs a tmpfs']);
  });

  it('a run that finds no tests is not green', () => {
    const r = suite({ 'notes.md': 'no tests here' });
    expect(r.problems).toEqual(['no tests found']);
  });
});

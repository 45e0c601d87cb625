// How the test command counts one vitest run. Pure (`tally`) so its rules can be tested on
// fixture runs; `runVitest` spawns vitest with the tally reporter and reads what it wrote.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/**
 * Passed tests, failures and one line per failure saying which. A failure is any of: a failed
 * test; a file that failed with no failing test of its own (did not load, a hook threw); a
 * skipped, todo or focused test (a suite that skips part of itself is not a passing suite); an
 * error outside any test; vitest exiting non-zero for a reason none of these explains; no report
 * at all, or a run that found no tests.
 * @param {{reason?: string, files: any[], unhandled: string[]} | null} report
 * @param {number | null} status vitest's exit status
 * @param {string} base paths in messages are shown relative to it
 */
export function tally(report, status, base = root) {
  const problems = [];
  let passed = 0;
  if (!report) {
    problems.push(`vitest wrote no report (exit status ${status})`);
    return { passed, failed: problems.length, problems };
  }
  let total = 0;
  for (const f of report.files) {
    const file = relative(base, f.file);
    let failedHere = 0;
    // vitest runs with --allowOnly=false, so a `.only` test fails with this message and the
    // file's other tests are skipped because of it, not by their own `.skip`.
    const isFocused = (t) => t.errors.some((e) => e.includes('.only modifier'));
    const focusedFile = f.tests.some(isFocused);
    for (const t of f.tests) {
      total++;
      if (isFocused(t)) problems.push(`focused test (.only): ${file} > ${t.name}`);
      else if (t.state === 'passed') passed++;
      else if (t.state === 'failed') {
        failedHere++;
        problems.push(`failed: ${file} > ${t.name}${t.errors[0] ? ` — ${t.errors[0]}` : ''}`);
      } else if (t.mode === 'todo') problems.push(`todo test: ${file} > ${t.name}`);
      else if (focusedFile) problems.push(`not run beside a focused test: ${file} > ${t.name}`);
      else if (t.mode === 'skip') problems.push(`skipped test (.skip): ${file} > ${t.name}`);
      // Tests kept from running by their file's failing hook are that one failure, counted below.
      else if (f.state !== 'failed') problems.push(`skipped while running (ctx.skip or skipIf): ${file} > ${t.name}`);
    }
    if (focusedFile) failedHere++;
    if (f.state === 'failed' && failedHere === 0) {
      const what = f.tests.length ? 'file failed (a hook or its setup)' : 'file failed to load';
      problems.push(`${what}: ${file}${f.errors[0] ? ` — ${f.errors[0]}` : ''}`);
    }
  }
  for (const e of report.unhandled) problems.push(`error outside any test: ${e}`);
  if (total === 0 && report.files.every((f) => f.state !== 'failed')) problems.push('no tests found');
  if (status !== 0 && problems.length === 0) problems.push(`vitest exited with status ${status}`);
  return { passed, failed: problems.length, problems };
}

/** Runs vitest (`args` after `run`) in `cwd` and tallies it; `.only` is refused, not obeyed. */
export function runVitest(args, { cwd = root, stdio = 'inherit', env = process.env, label = 'tests' } = {}) {
  const out = join(cwd, 'test-results', `tally-${label.replace(/\W+/g, '-')}.json`);
  mkdirSync(join(cwd, 'test-results'), { recursive: true });
  rmSync(out, { force: true });
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const reporter = join(root, 'scripts/vitestTally.mjs');
  const r = spawnSync(process.execPath, [vitest, 'run', '--allowOnly=false', '--reporter=default', `--reporter=${reporter}`, ...args], {
    cwd, stdio, env: { ...env, TALLY_OUT: out }, encoding: 'utf8',
  });
  const report = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null;
  return { ...tally(report, r.status, cwd), status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

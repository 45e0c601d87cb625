// `npm test`: type-check, build the pages, run every test (unit, integration, browser) and end
// with one line `N passed, N failed` that CI counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const node = process.execPath;
const run = (label, args) => {
  console.log(`\n== ${label}`);
  return spawnSync(node, args, { cwd: root, stdio: 'inherit', env: process.env }).status === 0;
};

let passed = 0;
let failed = 0;
if (run('type check', [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'])) passed++;
else failed++;

{
  if (run('build pages', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'])) passed++;
  else failed++;
}

mkdirSync(join(root, 'test-results'), { recursive: true });
const extra = process.argv.slice(2);
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
// Timing tests (test/perf) run last and alone: on a 2-core machine a figure taken while other
// test files run beside it measures the neighbours, not the code.
const phases = extra.length
  ? [['tests', extra]]
  : [
      ['tests', ['--exclude', 'test/perf/**']],
      ['timing tests, one file at a time', ['test/perf', '--no-file-parallelism']],
    ];
for (const [label, args] of phases) {
  const out = join(root, 'test-results', `vitest-${label.split(' ')[0]}.json`);
  rmSync(out, { force: true });
  run(label, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests ?? 0;
    // A failing test also fails its file and its describe blocks: count suites only when they failed
    // on their own (a file that did not load, a failing hook), so one failure reads as one.
    failed += (r.numFailedTests ?? 0) || (r.numFailedTestSuites ?? 0);
    if ((r.numTotalTests ?? 0) === 0) failed++;
  } else {
    failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

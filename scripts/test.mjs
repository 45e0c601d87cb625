// `npm test`: make sure the machine can run the browser tests (see testSetup.mjs), type-check,
// build the pages, run every test (unit, integration, browser) and end with one line
// `N passed, N failed` that CI counts. Any failure, skipped/todo/focused test, file that did not
// load, error outside a test or non-zero vitest exit makes it red and is named above that line.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBrowserDeps } from './testSetup.mjs';
import { runVitest } from './testTally.mjs';

const root = new URL('..', import.meta.url).pathname;
const extra = process.argv.slice(2);

// Only a run that includes the browser tests needs Chromium and the font.
if (extra.length === 0 || extra.some((a) => a.includes('e2e'))) {
  const stop = ensureBrowserDeps();
  if (stop) {
    console.error(stop);
    process.exit(1);
  }
}

const step = (label, args) => {
  console.log(`\n== ${label}`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status === 0;
};

let passed = 0;
const problems = [];
if (step('type check', [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'])) passed++;
else problems.push('type check failed');
if (step('build pages', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'])) passed++;
else problems.push('page build failed');

mkdirSync(join(root, 'test-results'), { recursive: true });
console.log('\n== tests');
const r = runVitest(extra);
passed += r.passed;
problems.push(...r.problems);

if (problems.length) {
  console.log(`\n== not green (${problems.length}):`);
  for (const p of problems) console.log(`  - ${p}`);
}
console.log(`${passed} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);

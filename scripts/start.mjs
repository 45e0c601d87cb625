// `npm start`: builds the pages when they are missing or older than their sources, then runs the hub.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_DIRS } from './faces.mjs';
import { withRaisedFileLimit } from './fileLimit.mjs';

const root = new URL('..', import.meta.url).pathname;
const newest = (dir) => {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const pagesChanged = Math.max(...PAGE_DIRS.map((d) => newest(join(root, d))));
if (pagesChanged > newest(join(root, 'dist'))) {
  console.log('building pages…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const [cmd, args] = withRaisedFileLimit(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')]);
const hub = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => hub.kill(sig));
hub.on('exit', (code) => process.exit(code ?? 0));

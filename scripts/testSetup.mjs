// What the browser tests need from the machine: Chromium (Debian's, or `CHROMIUM_PATH`) and a CJK
// font (fonts-wqy-microhei) so Chinese pages render and measure as they do in a hall. On Debian as
// root the test command installs what is missing with apt; anywhere else it stops at once with one
// line saying what is missing and how to install it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const APT_PACKAGES = { chromium: 'chromium', font: 'fonts-wqy-microhei' };

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.status === 0) return /WenQuanYi|wqy/i.test(r.stdout);
  return existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
}

/** What is missing now: [] when the browser tests can run. */
export function missing(env = process.env) {
  const out = [];
  const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!executable(chromium)) out.push({ what: `Chromium (${chromium})`, apt: env.CHROMIUM_PATH ? null : APT_PACKAGES.chromium });
  if (!hasCjkFont()) out.push({ what: 'the CJK font WenQuanYi Micro Hei', apt: APT_PACKAGES.font });
  return out;
}

const isDebian = () => existsSync('/etc/debian_version') && executable('/usr/bin/apt-get');
const isRoot = () => process.getuid?.() === 0;

/**
 * Makes sure the browser tests can run. Returns null when they can, or the one line to print
 * before stopping.
 */
export function ensureBrowserDeps(log = console.log, env = process.env) {
  let need = missing(env);
  if (need.length === 0) return null;
  const pkgs = need.map((n) => n.apt).filter(Boolean);
  const what = need.map((n) => n.what).join(' and ');
  if (pkgs.length === need.length && isDebian() && isRoot()) {
    log(`installing ${pkgs.join(' ')} with apt-get (missing: ${what})`);
    const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } };
    spawnSync('apt-get', ['update', '-qq'], quiet);
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], quiet);
    need = missing(env);
    if (need.length === 0) return null;
    return `npm test: apt-get install ${pkgs.join(' ')} failed (exit ${r.status}); still missing ${need.map((n) => n.what).join(' and ')}`;
  }
  const how = pkgs.length
    ? isDebian()
      ? `install with: sudo apt-get install ${pkgs.join(' ')}`
      : `install Chromium and the WenQuanYi Micro Hei font with this system's package manager`
    : 'fix CHROMIUM_PATH';
  return `npm test needs ${what} for the browser tests; ${how}${env.CHROMIUM_PATH ? '' : ' (or set CHROMIUM_PATH to a Chromium elsewhere)'}`;
}

#!/usr/bin/env bash
# Runs `npm test` as it runs on a fresh Debian machine that has Node and npm but neither Chromium
# nor the CJK font, without touching this machine: in a private mount namespace, /usr, /etc, /var
# and the checkout get throwaway overlays (writes land in a tmpfs that vanishes on exit), Chromium
# and fonts-wqy-microhei are purged inside them, and the test command must install them again by
# itself. Needs root and overlayfs. Usage: scripts/test-bare-machine.sh [npm test arguments]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "test-bare-machine: run as root (it needs a mount namespace)"; exit 1; }
if [ "${BARE_MACHINE_INSIDE:-}" != 1 ]; then
  BARE_MACHINE_INSIDE=1 exec unshare --mount --propagation private "$0" "$@"
fi

scratch=$(mktemp -d /tmp/bare-machine-XXXXXX)
mount -t tmpfs tmpfs "$scratch"
# The checkout is overlaid too, so the build and test results of this run do not replace dist/ or
# test-results/ of anyone working in it.
for d in /usr /etc /var "$repo"; do
  key=$(printf '%s' "$d" | tr / _)
  mkdir -p "$scratch/$key/upper" "$scratch/$key/work"
  mount -t overlay overlay -o "lowerdir=$d,upperdir=$scratch/$key/upper,workdir=$scratch/$key/work" "$d"
done

echo "== making this namespace a machine without Chromium or the CJK font"
pkgs=$( (dpkg-query -W -f '${Package} ${Status}\n' chromium chromium-common chromium-sandbox fonts-wqy-microhei 2>/dev/null || true) |
  awk '$4 == "installed" { print $1 }' | tr '\n' ' ')
if [ -n "$pkgs" ]; then
  DEBIAN_FRONTEND=noninteractive dpkg --purge --force-depends $pkgs >/dev/null
fi
# Anything left from a browser or a font installed by other means is hidden as well.
for p in /usr/bin/chromium /usr/lib/chromium /usr/share/fonts/truetype/wqy; do
  [ -e "$p" ] && rm -rf "$p"
done
fc-cache -f >/dev/null 2>&1 || true
printf 'chromium: %s\n' "$( [ -e /usr/bin/chromium ] && echo present || echo absent)"
printf 'wqy fonts: %s\n' "$(fc-list 2>/dev/null | grep -ci wqy || true) files"

echo "== npm test"
cd "$repo"
start=$(date +%s)
set +e
npm test -- "$@" 2>&1 | tee "$scratch/test.log"
rc=${PIPESTATUS[0]}
set -e
echo "== after the run (exit $rc, $(( $(date +%s) - start )) s)"
printf 'chromium: %s\n' "$( [ -x /usr/bin/chromium ] && /usr/bin/chromium --version 2>/dev/null || echo absent)"
printf 'wqy fonts: %s\n' "$(fc-list 2>/dev/null | grep -ci wqy || true) files"
grep -E '^installing |^[0-9]+ passed, [0-9]+ failed$' "$scratch/test.log" || true
exit "$rc"

#!/usr/bin/env bash
# Runs today's tests against the code as it was at an older commit (by default e6cb42e, the last
# commit before the abuse fixes), to show that they fail there on the break itself, not only here.
# The old commit is checked out in a throwaway worktree outside the checkout; node_modules is
# hard-linked from the checkout (dependencies the old code had and today's tree dropped are
# installed beside it with npm); today's test/support is copied in, with the test kiosk's pairing
# skipped when the hub has no devices (the attacker of the old code had none either); then the
# given test files are copied in and run one file at a time. Prints each test's result and, for a
# failed test, the assertion it failed on. Exit 0 when every test failed on the old code, 1 when
# some passed there (they reproduce nothing), 2 on a usage or setup error. The worktree is removed.
# Usage: scripts/try-old-code.sh [--commit SHA] [TEST_FILE[::TEST NAME]...]
# Without tests: the tests the table "The thirteen breaks and their tests" in docs/security.md names.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=e6cb42e
if [ "${1:-}" = --commit ]; then commit=$2; shift 2; fi
tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  tests=(
    "test/int/abuseAsTold.test.ts"
    "test/int/abuseRatings.test.ts::refuses a rating with only what a public socket shows, and takes the visitor's key"
    "test/int/abuseFlood.test.ts::gives one address 3 tickets an hour, then 429; other addresses and the next hour are not affected"
    "test/int/midnightCrash.test.ts::killed after creating the new day's file, before its first line"
    "test/int/midnightCrash.test.ts::killed while writing the new day's first line (a torn line)"
    "test/int/midnightCrash.test.ts::the closed day's file moved away: the floor file still holds the day and the numbering"
    "test/int/abuseSockets.test.ts"
    "test/int/dataDirDeleted.test.ts"
    "test/int/abuseTokens.test.ts::a changed PIN, a changed role and a removal end earlier tokens; an unchanged staffer keeps theirs"
    "test/int/csvFormulas.test.ts::the wait report grouped by"
    "test/int/diskFullStart.test.ts"
    "test/int/reportsOffThread.test.ts::the first wait report over twelve closed days"
  )
fi
files=()
declare -A names=()
for t in "${tests[@]}"; do
  f=${t%%::*}
  [ -f "$repo/$f" ] || { echo "no such test file: $f"; exit 2; }
  [[ " ${files[*]-} " == *" $f "* ]] || files+=("$f")
  if [[ $t == *::* ]]; then
    # vitest's -t is a regular expression: the name is taken literally.
    re=$(printf '%s' "${t#*::}" | sed 's/[][\.^$*+?(){}|/]/\\&/g')
    names[$f]="${names[$f]:+${names[$f]}|}$re"
  else
    names[$f]='.'
  fi
done

old=$(mktemp -d /tmp/oldcode-XXXXXX)
side=$(mktemp -d /tmp/oldcode-deps-XXXXXX)
cleanup() {
  git -C "$repo" worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"
  git -C "$repo" worktree prune
  rm -rf "$side"
}
trap cleanup EXIT
rmdir "$old"
git -C "$repo" worktree add --detach "$old" "$commit" >/dev/null 2>&1 || { echo "cannot check out $commit"; exit 2; }
cp -al "$repo/node_modules" "$old/node_modules"

# Dependencies of the old package.json that today's node_modules lacks: installed in a side folder
# and copied in with their own dependencies nested, so nothing hard-linked from the checkout is
# written to.
missing=$(cd "$old" && node -e '
  const p = require("./package.json"); const fs = require("fs");
  const lock = require("./package-lock.json").packages;
  for (const n of Object.keys({ ...p.dependencies, ...p.devDependencies }))
    if (!fs.existsSync("node_modules/" + n)) console.log(n + "@" + lock["node_modules/" + n].version);')
for spec in $missing; do
  name=${spec%@*}
  (cd "$side" && echo '{}' > package.json && npm install --no-audit --no-fund --loglevel=error "$spec" >/dev/null) || { echo "cannot install $spec"; exit 2; }
  cp -r "$side/node_modules/$name" "$old/node_modules/$name"
  mkdir -p "$old/node_modules/$name/node_modules"
  for dep in "$side"/node_modules/*; do
    [ "$(basename "$dep")" = "$name" ] || [ "$(basename "$dep")" = .package-lock.json ] || cp -r "$dep" "$old/node_modules/$name/node_modules/"
  done
  rm -rf "$side/node_modules" "$side/package-lock.json"
  echo "installed beside the old code: $spec"
done

cp -r "$repo/test/support/." "$old/test/support/"
# The old hub has no devices: the test kiosk is not paired and `api` sends tickets without a token.
sed -i "s|const kioskToken = (await pairDevice('kiosk')).token;|const kioskToken = (running as { trust?: unknown }).trust ? (await pairDevice('kiosk')).token : '';|" "$old/test/support/hub.ts"
for f in "${files[@]}"; do mkdir -p "$old/$(dirname "$f")" && cp "$repo/$f" "$old/$f"; done

cd "$old"
echo "code at $(git log -1 --format='%h %s' HEAD | cut -c1-100)"
passed=0 failed=0
for t in "${files[@]}"; do
  out=$(npx vitest run "$t" -t "${names[$t]}" --maxWorkers=1 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || true
  # Per test: ✓ or ×, then for each failure its first error line.
  printf '%s\n' "$out" | grep -E '^\s+[✓×] ' | sed 's/ [0-9]*ms$//' | sed "s|^ *|$t › |"
  printf '%s\n' "$out" | awk '/^ FAIL /{print "    failed: " substr($0, 8); wait=1; next} wait && NF {print "        " substr($0, 1, 300); wait=0}'
  printf '%s\n' "$out" | grep -E '^ FAIL .*\[ ' && echo "    (the file did not load on the old code: that is no reproduction)"
  passed=$((passed + $(printf '%s\n' "$out" | grep -cE '^\s+✓ ' || true)))
  failed=$((failed + $(printf '%s\n' "$out" | grep -cE '^\s+× ' || true)))
done
echo "on the code at $commit: $failed failed, $passed passed"
[ "$passed" -eq 0 ]

#!/usr/bin/env bash
# Mutation testing by hand, without touching the working tree: in a private mount namespace the
# checkout gets a throwaway overlay, FILE has its first exact occurrence of OLD replaced by NEW,
# and the given test files run against that. Prints the tests that failed; exit 0 means the
# mutation was caught (some test failed), 1 that it survived, 2 that OLD was not found.
# Needs root. Usage: scripts/try-mutation.sh FILE OLD NEW TEST_FILE...
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 4 ] || { echo "usage: $0 FILE OLD NEW TEST_FILE..."; exit 2; }
if [ "${MUTATION_INSIDE:-}" != 1 ]; then
  MUTATION_INSIDE=1 exec unshare --mount --propagation private "$0" "$@"
fi
file=$1 old=$2 new=$3
shift 3
scratch=$(mktemp -d /tmp/mutation-XXXXXX)
mount -t tmpfs tmpfs "$scratch"
mkdir -p "$scratch/upper" "$scratch/work"
mount -t overlay overlay -o "lowerdir=$repo,upperdir=$scratch/upper,workdir=$scratch/work" "$repo"
cd "$repo"
OLD=$old NEW=$new node -e '
  const fs = require("fs"); const f = process.argv[1];
  const s = fs.readFileSync(f, "utf8"); const i = s.indexOf(process.env.OLD);
  if (i < 0) { console.error(`not found in ${f}: ${process.env.OLD}`); process.exit(2); }
  fs.writeFileSync(f, s.slice(0, i) + process.env.NEW + s.slice(i + process.env.OLD.length));
  console.log(`mutated ${f}:${s.slice(0, i).split("\n").length}`);
' "$file" || exit 2
out=$(npx vitest run "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || true
failed=$(printf '%s\n' "$out" | grep -E '^ FAIL ' | sed 's/^ FAIL  *//' | sort -u)
if [ -n "$failed" ]; then
  echo "caught by:"
  printf '%s\n' "$failed" | sed 's/^/  /'
  exit 0
fi
printf '%s\n' "$out" | grep -E 'Tests ' || true
echo "SURVIVED"
exit 1

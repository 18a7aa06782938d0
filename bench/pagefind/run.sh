#!/usr/bin/env bash
# Mehfooz search vs Pagefind on the same built site, side by side.
#
#   bench/pagefind/run.sh            # 3 cold runs per profile, engine and language (~5 min)
#   RUNS=1 bench/pagefind/run.sh     # quicker
#
# 1. `make site` builds the search module and public/.
# 2. Pagefind, pinned in package.json / package-lock.json, comes from the npm
#    registry and nowhere else: `npm ci --ignore-scripts` (its binary is the
#    npm optional dependency @pagefind/linux-x64; no install script runs).
# 3. The Go benchmark (build tag `pagefind`, so `make test` never builds it)
#    copies public/ to a temp dir (public/ is only read), indexes the copy
#    with Pagefind, serves it on 127.0.0.1 and drives /usr/bin/chromium
#    headless (override with CHROMIUM=...).
#
# Output: bench/pagefind/out/ — tables.md, results.json, pagefind*.log, test.log.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
set +e
PAGEFIND_BIN="$here/node_modules/.bin/pagefind" PAGEFIND_BENCH_OUT="$out" PAGEFIND_BENCH_RUNS="${RUNS:-3}" \
	go test -count=1 -tags pagefind -run TestPagefindVsMehfooz -timeout 60m -v ./bench/pagefind >"$out/test.log" 2>&1
rc=$?
set -e
grep -E '^(---|FAIL|ok|PASS)|relevance|under the site' "$out/test.log" || true
if [ $rc -ne 0 ]; then
	tail -40 "$out/test.log"
	exit $rc
fi
echo
echo "== $out/tables.md"
cat "$out/tables.md"

#!/usr/bin/env bash
# The first search result on a slow phone (issue 19), Mehfooz and Pagefind
# side by side: chromium's DevTools "Fast 3G" and "Slow 3G" presets with a
# 4x slower CPU, one query typed on /en/search/ and /ur/search/, medians of
# cold runs.
#
#   bench/pagefind/slow-phone.sh           # 5 cold runs of each cell (~15 min)
#   RUNS=1 bench/pagefind/slow-phone.sh    # quicker
#
# Pagefind comes pinned from npm (setup.sh). Output: bench/pagefind/out/
# slow-phone.md (the table), slow-phone.json (every run, every request), slow-phone.log.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
PAGEFIND_BIN="$here/node_modules/.bin/pagefind" PAGEFIND_BENCH_OUT="$out" SLOWPHONE_RUNS="${RUNS:-5}" \
	go test -count=1 -tags pagefind -run TestFirstResultSlowPhone -timeout 90m -v ./bench/pagefind >"$out/slow-phone.log" 2>&1 || {
	tail -40 "$out/slow-phone.log"
	exit 1
}
cat "$out/slow-phone.md"

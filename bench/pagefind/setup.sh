# Sourced by run.sh and slow-phone.sh: builds the site (make site: the
# search module and public/) and installs the pinned Pagefind from the npm
# registry (`npm ci --ignore-scripts`: its binary is the optional dependency
# @pagefind/linux-x64; no install script runs). Sets here, root and out
# (bench/pagefind/out/) and leaves the shell in the repository's root.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"

make -C "$root" site

cd "$here"
if ! grep -qs '"version": "1.6.0"' node_modules/pagefind/package.json || [ ! -x node_modules/.bin/pagefind ]; then
	npm ci --ignore-scripts --no-audit --no-fund
fi
cd "$root"

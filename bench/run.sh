#!/usr/bin/env bash
# `make bench` (after `make dist`): installs the bench's own tools if missing, builds the
# reference server, then runs bench/bench.mjs. Options pass through, e.g.
#   ./bench/run.sh --runs 15         # median of 15 instead of 9
#   ./bench/run.sh --only sizes,load # skip the carousel scaling and the server load
# Slow and timing-based: not part of `make test` (the size ratchet, bench/size-check.mjs, is).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/binaryen/node_modules/.bin:$PATH"

for file in news-widget.js news-widget-runtime.js news-widget-runtime_bg.wasm news-widget.css; do
  [ -s "dist/$file" ] || { echo "bench: dist/$file is missing: run \`make dist\` first" >&2; exit 1; }
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
apt_install() {
  echo "bench: installing Debian packages: $*" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
    || { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
         && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}
command -v node >/dev/null || { echo "bench: node is missing (scripts/ensure-tools.sh installs it)" >&2; exit 1; }
command -v brotli >/dev/null || apt_install brotli
[ -x /usr/bin/chromium ] || [ -n "${BENCH_CHROMIUM:-}" ] || apt_install chromium
# wrk is optional: without it the server section is skipped, not the whole bench.
command -v wrk >/dev/null || apt_install wrk || echo "bench: could not install wrk; the server load section will be skipped" >&2

# playwright-core from the committed lock, into bench/node_modules; never a browser download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
wanted=$(node -p 'require("./bench/package-lock.json").packages["node_modules/playwright-core"].version')
have=$(node -p 'try { require("./bench/node_modules/playwright-core/package.json").version } catch (_) { "" }')
if [ "$wanted" != "$have" ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --quiet --profile server -p news-widget-server

exec node bench/bench.mjs "$@"

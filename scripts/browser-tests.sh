#!/usr/bin/env bash
# Runs the widget's browser tests (wasm-pack test --headless --chrome) against a real
# reference server with a fresh SQLite database, started here on a free port and stopped
# on exit. The test page's origin is pinned so the server can allow it to vote.
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cargo build --quiet --profile server -p news-widget-server
work="$(mktemp -d)"
runner_port="$(free_port)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

./target/server/news-widget-server --addr 127.0.0.1:0 --db "$work/test.sqlite3" \
  --allow-origin "http://127.0.0.1:$runner_port" --rate-limit-per-voter 0 --rate-limit-per-ip 0 \
  >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/stdout" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
  sleep 0.1
done
base="$(grep -o 'http://[0-9.:]*' "$work/stdout" | head -n1)"
[ -n "$base" ] || { echo "browser-tests: the server did not start" >&2; cat "$work/stderr" >&2; exit 1; }
echo "browser-tests: reference server at $base, test page at http://127.0.0.1:$runner_port"

export NEWS_WIDGET_TEST_API="$base/api/v1"
export WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$runner_port"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
wasm-pack test --headless --chrome "$@"

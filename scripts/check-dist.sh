#!/usr/bin/env bash
# Verifies the release bundle has its fixed file names at the top of the folder.
set -euo pipefail
dir="${1:-dist}"
for file in news-widget.js news-widget.css news-widget.d.ts news-widget-runtime.js news-widget-runtime_bg.wasm index.html; do
  if [ ! -s "$dir/$file" ]; then
    echo "check-dist: $dir/$file is missing or empty" >&2
    exit 1
  fi
done
# No file may be loaded from an absolute path: the folder must work from any URL.
if grep -n "import.meta.url" "$dir/news-widget.js" >/dev/null; then :; else
  echo "check-dist: news-widget.js does not resolve its files relative to import.meta.url" >&2
  exit 1
fi
# The loader names this very runtime (scripts/build-dist.sh): a stale stamp would let
# browsers keep an old runtime under the new release's URL.
version=$(cat "$dir/news-widget-runtime.js" "$dir/news-widget-runtime_bg.wasm" | sha256sum | cut -c1-16)
if ! grep -q "$version" "$dir/news-widget.js"; then
  echo "check-dist: news-widget.js does not ask for this runtime (?v=$version)" >&2
  exit 1
fi
echo "check-dist: $dir ok ($(du -sh "$dir" | cut -f1))"

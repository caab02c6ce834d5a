#!/usr/bin/env bash
# `make dist`: the publishable bundle in dist/ (trunk build --release, then check-dist.sh).
#
# The runtime is built with the pinned nightly from scripts/ensure-tools.sh, for size only:
# the standard library is rebuilt with `optimize_for_size`, panics carry no file/line
# (`-Zlocation-detail=none`) and `{:?}` formats nothing (`-Zfmt-debug=none`; the widget
# never shows Debug output). Together -7 KB brotli (README, "Size budget"). Panics still
# unwind to the panic hook (panic = "abort", not "immediate-abort"), so a crash is still
# reported and recovered. Everything else (tests, clippy, the server) uses the stable pin.
# Its own target folder, so stable and nightly builds do not evict each other.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh
export PATH="$HOME/.cargo/bin:$PWD/.tools/binaryen/node_modules/.bin:$PATH"
export RUSTUP_TOOLCHAIN="$DIST_TOOLCHAIN"
export CARGO_TARGET_DIR="$PWD/target/dist"
export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
export RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none"
TERSER="$PWD/.tools/terser/node_modules/.bin/terser"
# Trunk runs cargo with --offline (Trunk.toml), and -Z build-std resolves the standard
# library's own dependencies (wasip1, ...), which no other build fetches: build the runtime
# once online first, so a fresh machine has them; trunk's cargo step then finds it done.
cargo build --release --target wasm32-unknown-unknown -p news-widget-runtime
trunk build --release "$@"
# The runtime's import names, shortened in the glue and the wasm together (−4.6 KB brotli;
# scripts/shorten-imports.mjs says why that is safe), then the glue minified once more by
# terser (trunk's minifier leaves ~0.35 KB brotli).
node scripts/shorten-imports.mjs dist/news-widget-runtime.js dist/news-widget-runtime_bg.wasm
"$TERSER" dist/news-widget-runtime.js --module --compress --mangle \
  -o dist/news-widget-runtime.js
# V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): compile every glue
# function while the module loads, in the wait for the wasm, instead of lazily on the
# critical path when the wasm arrives (the import table alone is a ~4 ms parse).
# bench/ab.mjs, 15 and 21 interleaved runs: headline -4 / -12 ms at 1x, -2 / -29 ms at 4x.
{ echo "//# allFunctionsCalledOnLoad"; cat dist/news-widget-runtime.js; } > dist/news-widget-runtime.js.tmp
mv dist/news-widget-runtime.js.tmp dist/news-widget-runtime.js
# Trunk keeps its own build directive in the demo page (with inject_scripts = false it has
# nothing to replace it with); the page a publisher reads should not carry it.
sed -i 's/<link[^>]*data-trunk[^>]*rel=rust>//' dist/index.html
# The loader asks for the runtime as news-widget-runtime.js?v=<hash of both runtime files>:
# a new release is a new URL, so servers may let browsers keep those files for good
# (the reference server does, README "Caching"); the loader itself keeps a fixed name.
# Stamped into a copy at the same relative path, so the source map still names
# loader/news-widget.js.
version=$(cat dist/news-widget-runtime.js dist/news-widget-runtime_bg.wasm | sha256sum | cut -c1-16)
stamped="$CARGO_TARGET_DIR/stamped"
mkdir -p "$stamped/loader"
sed "s/^const RUNTIME_VERSION = \"dev\";\$/const RUNTIME_VERSION = \"$version\";/" \
  loader/news-widget.js > "$stamped/loader/news-widget.js"
grep -q "^const RUNTIME_VERSION = \"$version\";\$" "$stamped/loader/news-widget.js" \
  || { echo "build-dist: RUNTIME_VERSION not found in loader/news-widget.js" >&2; exit 1; }
# Published minified, with a source map beside it (fetched by developer tools only).
(cd "$stamped" && "$TERSER" loader/news-widget.js --module --compress --mangle \
  --comments false --format "preamble='/*! news-widget loader, minified from loader/news-widget.js (see the source map) */'" \
  --source-map "url='news-widget.js.map',includeSources" -o "$OLDPWD/dist/news-widget.js")
./scripts/check-dist.sh dist
# Compressed copies beside each text and wasm file (brotli -q 11, gzip -9): servers that
# look for them (the reference server, nginx gzip_static/brotli_static, most CDNs) send
# them as they are instead of compressing on every request, and better.
for file in dist/*.js dist/*.css dist/*.wasm dist/*.html dist/*.map dist/*.d.ts; do
  brotli -q 11 -f -k "$file"
  gzip -9 -n -f -k "$file"
done

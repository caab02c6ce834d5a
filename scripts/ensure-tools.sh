#!/usr/bin/env bash
# Installs every tool the build, demo and tests need, skipping what is already
# present at the wanted version. Safe to re-run: a prepared machine installs nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

source scripts/versions.sh
TOOLS_DIR="$ROOT/.tools"

export PATH="$HOME/.cargo/bin:$TOOLS_DIR/binaryen/node_modules/.bin:$PATH"

log() { printf '\033[1m[tools]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_rust() {
  if ! command -v rustup >/dev/null; then
    log "rustup missing: install it from https://rustup.rs first" && exit 1
  fi
  if ! rustup run "$RUST_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
     || ! rustup +"$RUST_TOOLCHAIN" target list --installed | grep -q wasm32-unknown-unknown \
     || ! rustup run "$RUST_TOOLCHAIN" cargo clippy --version >/dev/null 2>&1; then
    log "installing Rust $RUST_TOOLCHAIN with wasm32 target"
    rustup toolchain install "$RUST_TOOLCHAIN" --profile minimal \
      --component rustfmt --component clippy --target wasm32-unknown-unknown
  fi
}

ensure_dist_toolchain() {
  if ! rustup run "$DIST_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
     || ! rustup component list --toolchain "$DIST_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src' \
     || ! rustup +"$DIST_TOOLCHAIN" target list --installed | grep -q wasm32-unknown-unknown; then
    log "installing Rust $DIST_TOOLCHAIN with rust-src (the release bundle's build-std)"
    rustup toolchain install "$DIST_TOOLCHAIN" --profile minimal \
      --component rust-src --target wasm32-unknown-unknown
  fi
}

version_of() { "$1" --version 2>/dev/null | head -n1 | awk '{print $2}'; }

ensure_cargo_tool() { # crate binary version [extra args]
  local crate="$1" bin="$2" version="$3"; shift 3
  if [ "$(version_of "$bin")" != "$version" ]; then
    log "installing $crate $version (takes minutes on 2 cores)"
    cargo +"$RUST_TOOLCHAIN" install "$crate@$version" "$@"
  fi
}

ensure_binaryen() {
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
    log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    mkdir -p "$TOOLS_DIR/binaryen"
    npm install --silent --no-fund --no-audit --prefix "$TOOLS_DIR/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

ensure_terser() {
  local have
  have=$(node -p 'require("./.tools/terser/node_modules/terser/package.json").version' 2>/dev/null || true)
  if [ "$have" != "$TERSER_VERSION" ]; then
    log "installing terser $TERSER_VERSION (npm) into .tools/"
    mkdir -p "$TOOLS_DIR/terser"
    npm install --silent --no-fund --no-audit --prefix "$TOOLS_DIR/terser" "terser@$TERSER_VERSION" >/dev/null
  fi
}

ensure_debian_packages
ensure_rust
ensure_dist_toolchain
ensure_binaryen
ensure_terser
# Without --locked: the CLI's lock names a crate version the registry mirror lacks.
ensure_cargo_tool wasm-bindgen-cli wasm-bindgen "$WASM_BINDGEN_VERSION"
ensure_cargo_tool wasm-pack wasm-pack "$WASM_PACK_VERSION"
ensure_cargo_tool trunk trunk "$TRUNK_VERSION" --locked
log "all tools present"

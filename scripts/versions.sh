# Tool versions, pinned here and nowhere else (sourced by ensure-tools.sh and
# build-dist.sh). The wasm-bindgen crate is pinned with `=` in Cargo.toml to the same
# version: trunk and wasm-pack refuse a mismatch. rust-toolchain.toml names RUST_TOOLCHAIN.
RUST_TOOLCHAIN="1.96.1"
# Builds only the release bundle (scripts/build-dist.sh), with rust-src for -Z build-std.
DIST_TOOLCHAIN="nightly-2026-05-20"
WASM_BINDGEN_VERSION="0.2.130"
WASM_PACK_VERSION="0.15.0"
TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="132"
# Minifies loader/news-widget.js into dist/ (npm, pure JS).
TERSER_VERSION="5.51.4"

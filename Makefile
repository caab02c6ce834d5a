# The two commands of the README: `make demo` and `make test`. Both install what is
# missing first (scripts/ensure-tools.sh), so they work on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/binaryen/node_modules/.bin:$(PATH)
export CARGO_TERM_COLOR ?= never

ADDR ?= 127.0.0.1:8080
WIDGET := news-widget-runtime

.PHONY: demo test dist tools lint unit browser e2e bench size clean

## Installs every tool the build and tests need (skips what is present).
tools:
	./scripts/ensure-tools.sh

## The release bundle in dist/: news-widget.js, news-widget.css, runtime JS + wasm, demo page.
dist: tools
	./scripts/build-dist.sh

## The demo: release bundle + reference server with demo data on http://$(ADDR)/
demo: dist
	cargo build --profile server -p news-widget-server
	@echo "demo: open http://$(ADDR)/  (Ctrl-C stops the server)"
	./target/server/news-widget-server --addr $(ADDR) --static-dir dist

## Every test: formatting, lints, native tests, browser tests, end-to-end tests.
test: tools lint unit browser dist size e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p $(WIDGET) --target wasm32-unknown-unknown --all-targets -- -D warnings

unit:
	cargo test --workspace --exclude news-widget-e2e

browser:
	./scripts/browser-tests.sh

## axe-core (npm, pinned in e2e/package-lock.json) for the accessibility audit, then the tests.
e2e: dist
	[ -f e2e/node_modules/axe-core/axe.min.js ] || npm ci --prefix e2e --no-audit --no-fund
	cargo test -p news-widget-e2e --no-fail-fast -- --test-threads=1

## Size ratchet (part of `make test`): fails when the brotli total of what a host page loads
## grows more than 2% past bench/size-budget.json. `node bench/size-check.mjs --update` records.
size: dist
	node bench/size-check.mjs dist

## The benchmark (not a test: slow and timing-based): sizes, headless-Chromium timings against a
## plain-DOM baseline, carousel scaling, server load. Prints tables, writes bench/results/latest.json.
bench: dist
	./bench/run.sh

clean:
	cargo clean
	rm -rf dist

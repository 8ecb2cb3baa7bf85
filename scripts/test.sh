#!/usr/bin/env bash
# Command 2: installs what is missing (toolchain, Chromium + chromedriver, Node packages)
# and runs every test layer: formatting and lints (host and wasm32), native unit tests,
# in-browser storage tests, a compile check of the benchmarks, and end-to-end tests
# against the release build served as static files, with PouchDB Server in memory as
# the sync server. Idempotent; fast when everything is installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install-tools.sh

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "==> installing Chromium and chromedriver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"

step() { echo; echo "==> $*"; }

step "formatting"
cargo fmt --all -- --check

step "clippy (host)"
cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

step "API docs (cargo doc, warnings refused)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

step "native unit tests"
cargo test

step "in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --tests

# The benchmarks are only run by scripts/bench.sh (release code, minutes of work); here
# they are compiled, not run, so they cannot fall behind the code they measure. The dev
# profile, not bench.sh's bench-wasm, so the dependencies built for the in-browser tests
# are reused: only this crate's library and the three benchmarks are compiled, with the
# bench feature.
step "benchmarks compile (wasm32, bench feature, not run)"
cargo test --target wasm32-unknown-unknown --features bench \
  --test bench_storage --test bench_search --test bench_sync --no-run

step "clippy (wasm32, portal-only build)"
cargo clippy --lib --target wasm32-unknown-unknown --features portal-only -- -D warnings

step "release build"
scripts/build.sh

step "release build of the portal alone"
scripts/build.sh --portal

# Background servers, stopped on exit by scripts/lib.sh's cleanup.
source scripts/lib.sh
start_static_server dist
export E2E_BASE_URL="$STATIC_URL"
start_static_server dist-portal
export E2E_PORTAL_URL="$STATIC_URL"
# PouchDB Server in memory for the sync tests (E2E_COUCH_URL); the tests that need a
# server of their own start one from POUCHDB_SERVER_BIN.
start_pouchdb_server E2E_COUCH_URL

step "end-to-end tests (Playwright, Chromium) against $E2E_BASE_URL (sync server $E2E_COUCH_URL)"
npx playwright test "$@"

#!/usr/bin/env bash
# Command 2: installs what is missing (toolchain, Chromium + chromedriver, Node packages)
# and runs every test layer: formatting and lints (host and wasm32), native unit tests,
# in-browser storage tests, and end-to-end tests against the release build served as
# static files. Idempotent; fast when everything is installed.
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

step "native unit tests"
cargo test

step "in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --tests

step "clippy (wasm32, portal-only build)"
cargo clippy --lib --target wasm32-unknown-unknown --features portal-only -- -D warnings

step "release build"
scripts/build.sh

step "release build of the portal alone"
scripts/build.sh --portal

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

PORT=$(free_port)
node tests/e2e/static-server.mjs dist "$PORT" &
pids+=($!)
export E2E_BASE_URL="http://127.0.0.1:$PORT"
for _ in $(seq 50); do curl -sf "$E2E_BASE_URL/" >/dev/null && break; sleep 0.1; done
PORTAL_PORT=$(free_port)
node tests/e2e/static-server.mjs dist-portal "$PORTAL_PORT" &
pids+=($!)
export E2E_PORTAL_URL="http://127.0.0.1:$PORTAL_PORT"
for _ in $(seq 50); do curl -sf "$E2E_PORTAL_URL/" >/dev/null && break; sleep 0.1; done

step "end-to-end tests (Playwright, Chromium) against $E2E_BASE_URL"
npx playwright test "$@"

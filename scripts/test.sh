#!/usr/bin/env bash
# Command 2: installs what is missing (toolchain, Chromium + chromedriver, Node packages)
# and runs every test layer: formatting and lints (host and wasm32), native unit tests,
# in-browser storage tests, and end-to-end tests against the release build served as
# static files, with PouchDB Server in memory as the sync server. Idempotent; fast when
# everything is installed.
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
COUCH_DIR=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -z "$COUCH_DIR" ] || rm -rf "$COUCH_DIR"
}
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

# PouchDB Server in memory for the sync tests. It writes its config and log files to
# its working directory unless told otherwise: keep them in a temporary directory.
COUCH_DIR=$(mktemp -d)
export POUCHDB_SERVER_BIN="$PWD/node_modules/pouchdb-server/bin/pouchdb-server"
printf '{"log":{"file":"%s/log.txt"}}\n' "$COUCH_DIR" >"$COUCH_DIR/config.json"
COUCH_PORT=$(free_port)
node "$POUCHDB_SERVER_BIN" --in-memory --host 127.0.0.1 --port "$COUCH_PORT" \
  --config "$COUCH_DIR/config.json" --dir "$COUCH_DIR" >"$COUCH_DIR/stdout.log" 2>&1 &
pids+=($!)
export E2E_COUCH_URL="http://127.0.0.1:$COUCH_PORT"
for _ in $(seq 200); do curl -sf "$E2E_COUCH_URL/" >/dev/null && break; sleep 0.1; done
if ! curl -sf "$E2E_COUCH_URL/" >/dev/null; then
  echo "PouchDB Server did not answer on $E2E_COUCH_URL:" >&2
  cat "$COUCH_DIR/stdout.log" >&2
  exit 1
fi

step "end-to-end tests (Playwright, Chromium) against $E2E_BASE_URL (sync server $E2E_COUCH_URL)"
npx playwright test "$@"

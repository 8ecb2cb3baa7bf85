#!/usr/bin/env bash
# The benchmark command: builds the release, reports the shipped size of wasm + JS
# (raw, gzip, brotli) and measures in headless Chromium: opening the database, bulk
# inserts of 10k and 100k incidents, the first filtered page at 100k (from IndexedDB and
# from the queue's in-memory rows), search at 50k records (latency per keystroke,
# building the index from IndexedDB, reading the saved index back, index memory,
# catching up after an edit), sync with PouchDB Server in memory (pulling and pushing
# 10k incidents, a sync with nothing to do, and PouchDB itself pulling the same 10k in
# the same browser), navigation to the incident list with 10k incidents and turning its
# pages, how soon a write in one tab shows in another, and a JSON backup and restore of 100k
# incidents (time, file size, longest frame gap). Writes target/bench.json and prints it
# as a table (scripts/bench/report.mjs).
# Figures are reported, never asserted: this is not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/install-tools.sh
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
# 100k inserts take longer than the runner's default 20 s per test.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-900}"
mkdir -p target

echo "==> release build"
scripts/build.sh >/dev/null
sizes=$(node scripts/bench/sizes.mjs dist)

# Background servers, stopped on exit by scripts/lib.sh's cleanup.
source scripts/lib.sh

# PouchDB Server in memory for the sync figures, as scripts/test.sh starts it (config
# and log files in a temporary directory). The sync benchmark reads its URL when it is
# compiled, so it is exported before the build.
start_pouchdb_server BENCH_COUCH_URL

echo "==> storage, search and sync figures (IndexedDB in headless Chromium, release build)"
# The profile inherits `panic = "abort"` from release, which test harnesses ignore:
# the library would be built twice (for the binary with the flag, for the tests
# without) into the same unhashed wasm32 file name, and a test links whichever build
# finished last (duplicate web-sys symbols). Asking for unwinding drops the flag for
# both, so the library is built once; on wasm32 a panic aborts either way.
figures=$(CARGO_PROFILE_BENCH_WASM_PANIC=unwind \
  cargo test --profile bench-wasm --features bench --target wasm32-unknown-unknown \
  --test bench_storage --test bench_search --test bench_sync -- --nocapture 2>&1 \
  | tee target/bench-browser.log | sed -n 's/.*BENCH //p')
storage=$(printf '%s\n' "$figures" | { grep -v '"name":"s\(earch\|ync\)_' || true; } | paste -sd, -)
search=$(printf '%s\n' "$figures" | { grep '"name":"search_' || true; } | paste -sd, -)
sync=$(printf '%s\n' "$figures" | { grep '"name":"sync_' || true; } | paste -sd, -)
if [ -z "$storage" ] || [ -z "$search" ] || [ -z "$sync" ]; then
  echo "a browser benchmark printed no figures; see target/bench-browser.log" >&2
  exit 1
fi

echo "==> PouchDB pulling the same 10k incidents in the same browser"
# The database the sync benchmark seeded and left on the server.
pouchdb=$(node scripts/bench/pouchdb-sync.mjs "$BENCH_COUCH_URL/bench-sync-pull-10k" 3)

echo "==> navigation to the incident list with 10k incidents"
start_static_server dist >/dev/null
APP_URL="$STATIC_URL"
nav=$(node scripts/bench/navigation.mjs "$APP_URL" 10000 7)

echo "==> a write in one tab shown in another"
tabs=$(node scripts/bench/tabs.mjs "$APP_URL" 9)

echo "==> the manager dashboard over 100k incidents"
dashboard=$(node scripts/bench/dashboard.mjs "$APP_URL" 100000 5)

echo "==> JSON backup and restore of 100k incidents"
backup=$(node scripts/bench/backup.mjs "$APP_URL" 100000)

echo "{\"sizes\":$sizes,\"storage\":[${storage}],\"search\":[${search}],\"sync\":[${sync}],\"pouchdb_sync\":$pouchdb,\"navigation_10k\":$nav,\"backup_100k\":$backup,\"tabs\":$tabs,\"dashboard_100k\":$dashboard}" > target/bench.json
node scripts/bench/report.mjs target/bench.json
echo "(written to target/bench.json)"

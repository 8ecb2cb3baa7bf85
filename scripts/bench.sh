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
# incidents (time, file size, longest frame gap). Prints a table and writes target/bench.json.
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

pids=()
COUCH_DIR=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -z "$COUCH_DIR" ] || rm -rf "$COUCH_DIR"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# PouchDB Server in memory for the sync figures, as scripts/test.sh starts it (config
# and log files in a temporary directory). The sync benchmark reads its URL when it is
# compiled, so it is exported before the build.
COUCH_DIR=$(mktemp -d)
printf '{"log":{"file":"%s/log.txt"}}\n' "$COUCH_DIR" >"$COUCH_DIR/config.json"
COUCH_PORT=$(free_port)
node node_modules/pouchdb-server/bin/pouchdb-server --in-memory --host 127.0.0.1 \
  --port "$COUCH_PORT" --config "$COUCH_DIR/config.json" --dir "$COUCH_DIR" \
  >"$COUCH_DIR/stdout.log" 2>&1 &
pids+=($!)
export BENCH_COUCH_URL="http://127.0.0.1:$COUCH_PORT"
for _ in $(seq 200); do curl -sf "$BENCH_COUCH_URL/" >/dev/null && break; sleep 0.1; done
if ! curl -sf "$BENCH_COUCH_URL/" >/dev/null; then
  echo "PouchDB Server did not answer on $BENCH_COUCH_URL:" >&2
  cat "$COUCH_DIR/stdout.log" >&2
  exit 1
fi

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
PORT=$(free_port)
node tests/e2e/static-server.mjs dist "$PORT" >/dev/null &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
nav=$(node scripts/bench/navigation.mjs "http://127.0.0.1:$PORT" 10000 7)

echo "==> a write in one tab shown in another"
tabs=$(node scripts/bench/tabs.mjs "http://127.0.0.1:$PORT" 9)

echo "==> the manager dashboard over 100k incidents"
dashboard=$(node scripts/bench/dashboard.mjs "http://127.0.0.1:$PORT" 100000 5)

echo "==> JSON backup and restore of 100k incidents"
backup=$(node scripts/bench/backup.mjs "http://127.0.0.1:$PORT" 100000)

echo "{\"sizes\":$sizes,\"storage\":[${storage}],\"search\":[${search}],\"sync\":[${sync}],\"pouchdb_sync\":$pouchdb,\"navigation_10k\":$nav,\"backup_100k\":$backup,\"tabs\":$tabs,\"dashboard_100k\":$dashboard}" > target/bench.json
node -e '
const b = JSON.parse(require("fs").readFileSync("target/bench.json", "utf8"));
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const rows = [];
for (const k of ["wasm", "js"]) {
  const s = b.sizes[k];
  if (s) rows.push([`size ${k} (raw / gzip / brotli)`, `${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`, k === "wasm" ? "" : ""]);
}
const br = (b.sizes.wasm?.brotli ?? 0) + (b.sizes.js?.brotli ?? 0);
rows.push(["size wasm + js, brotli", kb(br), "budget 250 KB"]);
const budgets = { open_database: "", insert_10k: "budget 500 ms", insert_100k: "",
  first_page_filtered_100k: "(straight from IndexedDB)",
  queue_build_100k: "(once per visit, in chunks)",
  queue_first_page_100k: "budget 5 ms",
  queue_catch_up_one_edit_100k: "",
  raw_indexeddb_insert_10k: "(browser floor: plain JS, same indexes)" };
for (const s of b.storage) rows.push([s.name, s.ms.toFixed(1) + " ms" + (s.p95_ms !== undefined ? ` (p95 ${s.p95_ms.toFixed(1)} ms)` : ""), budgets[s.name] ?? ""]);
const wide = "(stress: 60k invented words added)";
const searchBudgets = {
  search_insert_50k: "(setup: writing the records)",
  search_build_50k: "budget 1.2 s", search_build_50k_wide_vocab: wide,
  search_build_longest_task_50k: "(longest main-thread task while building)",
  search_load_saved_50k: "(later visits: the saved index read back)",
  search_load_saved_50k_wide_vocab: wide,
  search_build_longest_task_50k_wide_vocab: wide,
  search_index_memory_50k: "budget 100 MB", search_index_memory_50k_wide_vocab: wide,
  search_keystroke_50k: "budget 16 ms p95",
  search_keystroke_kind_filter_50k: "budget 16 ms p95 (incidents only)",
  search_keystroke_50k_wide_vocab: wide };
const searchValue = (s) => s.mb !== undefined
  ? `${s.mb.toFixed(1)} MB (estimate ${s.heap_bytes_mb.toFixed(1)}, wasm memory +${s.linear_growth_mb.toFixed(1)} MB)`
  : s.keystrokes !== undefined
  ? `p95 ${s.p95_ms.toFixed(1)} ms (median ${s.ms.toFixed(1)}, max ${s.max_ms.toFixed(1)}; ${s.over_16ms}/${s.keystrokes} keys > 16 ms)`
  : s.saved_mb !== undefined
  ? `${s.ms.toFixed(1)} ms (${s.saved_mb.toFixed(1)} MB saved; longest task ${s.longest_task_ms.toFixed(0)} ms)`
  : s.ms.toFixed(1) + " ms" + (s.per_1k_docs_ms !== undefined ? ` (${s.per_1k_docs_ms.toFixed(1)} ms per 1k docs)` : "");
for (const s of b.search) {
  if (s.name.startsWith("search_insert_") && s.name !== "search_insert_50k") continue;
  rows.push([s.name, searchValue(s), searchBudgets[s.name] ?? ""]);
}
const ms = (x) => x.toFixed(1) + " ms";
const syncValue = {
  sync_pull_10k: (s) => `${ms(s.ms)} (${s.docs_per_s} docs/s; network ${s.network_ms.toFixed(0)}, IndexedDB ${Object.values(s.store_ms).reduce((a, b) => a + b, 0).toFixed(0)}, rest ${s.rest_ms.toFixed(0)} ms)`,
  sync_push_10k: (s) => `${ms(s.ms)} (${s.docs_per_s} docs/s; network ${s.network_ms.toFixed(0)} ms)`,
  sync_pull_store_only_10k: (s) => `${ms(s.ms)} (one transaction ${s.one_transaction_ms.toFixed(0)} ms)`,
};
const syncBudgets = { sync_pull_10k: "budget 2.5 s (median of 3 runs, fresh IndexedDB each)",
  sync_run_10k: "(the first Sync now of a new device: pull, then push)",
  sync_noop: "(nothing to do)",
  sync_pull_store_only_10k: "(the pulled revisions written alone, no network)" };
for (const s of b.sync) {
  const value = syncValue[s.name]?.(s) ?? ms(s.ms) + (s.requests !== undefined ? ` (${s.requests} requests)` : "");
  rows.push([s.name, value, syncBudgets[s.name] ?? ""]);
}
const p = b.pouchdb_sync;
rows.push(["pouchdb_pull_10k", `${ms(p.median_ms)} (${p.docs_per_s} docs/s)`, `(PouchDB ${p.pouchdb} in the same browser, default batch size)`]);
rows.push(["pouchdb_pull_10k_batch_500", `${ms(p.batch_500.median_ms)} (${p.batch_500.docs_per_s} docs/s)`, "(PouchDB with the batch size the app uses)"]);
rows.push(["pouchdb_store_only_10k", ms(p.store_only_batch_500_ms), "(PouchDB writing them to IndexedDB alone, batches of 500)"]);
rows.push(["navigation to list, 10k incidents (median)", b.navigation_10k.median_ms.toFixed(1) + " ms", "budget 400 ms"]);
rows.push(["queue: next page in the DOM, 10k (median)", b.navigation_10k.page_turn_dom_median_ms.toFixed(1) + " ms", "budget 16 ms per frame"]);
rows.push(["queue: next page painted, 10k (median)", b.navigation_10k.page_turn_median_ms.toFixed(1) + " ms" + ` (max ${b.navigation_10k.page_turn_max_ms.toFixed(1)} ms)`, "(adds the wait for the next frame)"]);
rows.push(["another tab shows a new incident (median)", b.tabs.median_ms.toFixed(0) + " ms" + ` (min ${b.tabs.min_ms}, max ${b.tabs.max_ms} ms)`, "budget ~100 ms"]);
const d = b.dashboard_100k;
rows.push(["dashboard figures, 100k incidents (median)", `7 days ${ms(d.compute_median_ms[7])}, 30 days ${ms(d.compute_median_ms[30])}, 90 days ${ms(d.compute_median_ms[90])} (max ${ms(d.compute_max_ms)}; longest task switching ranges ${d.longest_task_ms} ms)`, "budget 200 ms"]);
const bk = b.backup_100k;
rows.push(["restore 100k incidents into an empty desk", `${(bk.restore_ms / 1000).toFixed(1)} s (${bk.restore_file_mb} MB file; longest frame gap ${bk.restore_frame_gap_ms} ms, longest task ${bk.restore_longest_task_ms} ms)`, "(frame gap budget ~50 ms)"]);
rows.push(["backup of the same desk", `${(bk.backup_ms / 1000).toFixed(1)} s (${bk.backup_file_mb} MB file; longest frame gap ${bk.backup_frame_gap_ms} ms, longest task ${bk.backup_longest_task_ms} ms)`, "(frame gap budget ~50 ms)"]);
const w = Math.max(...rows.map((r) => r[0].length));
const v = Math.max(32, ...rows.map((r) => r[1].length));
for (const r of rows) console.log(r[0].padEnd(w + 2) + r[1].padEnd(v + 2) + r[2]);
'
echo "(written to target/bench.json)"

#!/usr/bin/env bash
# The benchmark command: builds the release, reports the shipped size of wasm + JS
# (raw, gzip, brotli) and measures in headless Chromium: opening the database, bulk
# inserts of 10k and 100k incidents, the first filtered page at 100k (from IndexedDB and
# from the queue's in-memory rows), navigation to the incident list with 10k incidents
# and turning its pages. Prints a table and writes target/bench.json.
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

echo "==> storage figures (IndexedDB in headless Chromium, release build)"
storage=$(cargo test --profile bench-wasm --features bench --target wasm32-unknown-unknown \
  --test bench_storage -- --nocapture 2>&1 | tee target/bench-storage.log | sed -n 's/.*BENCH //p' | paste -sd, -)
if [ -z "$storage" ]; then
  echo "the storage benchmark printed no figures; see target/bench-storage.log" >&2
  exit 1
fi

echo "==> navigation to the incident list with 10k incidents"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
node tests/e2e/static-server.mjs dist "$PORT" >/dev/null &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
nav=$(node scripts/bench/navigation.mjs "http://127.0.0.1:$PORT" 10000 7)

echo "{\"sizes\":$sizes,\"storage\":[${storage}],\"navigation_10k\":$nav}" > target/bench.json
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
rows.push(["navigation to list, 10k incidents (median)", b.navigation_10k.median_ms.toFixed(1) + " ms", "budget 400 ms"]);
rows.push(["queue: next page in the DOM, 10k (median)", b.navigation_10k.page_turn_dom_median_ms.toFixed(1) + " ms", "budget 16 ms per frame"]);
rows.push(["queue: next page painted, 10k (median)", b.navigation_10k.page_turn_median_ms.toFixed(1) + " ms" + ` (max ${b.navigation_10k.page_turn_max_ms.toFixed(1)} ms)`, "(adds the wait for the next frame)"]);
const w = Math.max(...rows.map((r) => r[0].length));
for (const r of rows) console.log(r[0].padEnd(w + 2) + r[1].padEnd(34) + r[2]);
'
echo "(written to target/bench.json)"

// The benchmark's report: reads the figures scripts/bench.sh collected (target/bench.json,
// or the file given) and prints them as one table, each figure beside its budget where it
// has one. Usage: node scripts/bench/report.mjs [target/bench.json]
import { readFileSync } from 'node:fs';

const b = JSON.parse(readFileSync(process.argv[2] ?? 'target/bench.json', 'utf8'));
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

//! Storage benchmark (not a test): run by `scripts/bench.sh` in headless Chromium with
//! `--features bench`. Prints one `BENCH {json}` line per figure; asserts nothing about
//! speed, only that the work really happened.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use service_desk::domain::couch::document::NewRevision;
use service_desk::domain::couch::record::Record;
use service_desk::domain::demo;
use service_desk::domain::incident::query::{
    IncidentFilter, SlaFilterState, SortDir, SortKey, DEFAULT_SORT,
};
use service_desk::domain::incident::IncidentStatus;
use service_desk::domain::kernel::time::Timestamp;
use service_desk::ops::directory::Directory;
use service_desk::ops::queue::Queue;
use service_desk::storage::idb::IdbStore;
use service_desk::storage::{ListFilter, ListQuery, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod bench_util;
use bench_util::{now_ms, report};

fn revisions(n: usize, seed: u64) -> Vec<NewRevision> {
    demo::incidents(n, seed, Timestamp(1_795_000_000_000))
        .into_iter()
        .map(|i| {
            let r = Record::Incident(i);
            NewRevision {
                id: r.id().to_string(),
                parent: None,
                deleted: false,
                body: r.to_json().unwrap_or_default(),
            }
        })
        .collect()
}

async fn fresh(name: &str) -> (IdbStore, f64) {
    let _ = IdbStore::delete_database(name).await;
    let t = now_ms();
    let store = IdbStore::open(name).await.expect("open");
    (store, now_ms() - t)
}

/// Inserts `n` generated incidents in batches of `batch`; returns the total ms.
async fn insert(store: &IdbStore, n: usize, batch: usize) -> f64 {
    let mut revs = revisions(n, 7);
    let mut total = 0.0;
    while !revs.is_empty() {
        let rest = revs.split_off(revs.len().min(batch));
        let chunk = std::mem::replace(&mut revs, rest);
        let t = now_ms();
        store.put_batch(chunk).await.expect("insert");
        total += now_ms() - t;
    }
    total
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[wasm_bindgen_test]
async fn storage_figures() {
    let (store, open_ms) = fresh("bench-10k").await;
    report("open_database", open_ms, "");
    let ms = insert(&store, 10_000, 10_000).await;
    report("insert_10k", ms, "");
    let q = ListQuery {
        kind: "incident".into(),
        filter: ListFilter::All,
        limit: 1,
        offset: 0,
    };
    assert_eq!(store.count(&q).await.expect("count"), 10_000);
    drop(store);
    let _ = IdbStore::delete_database("bench-10k").await;

    let (store, _) = fresh("bench-100k").await;
    let ms = insert(&store, 100_000, 10_000).await;
    report("insert_100k", ms, "");

    // First page of 50 of a filtered, sorted list at 100k, decoded into Rust records.
    let q = ListQuery {
        kind: "incident".into(),
        filter: ListFilter::Status("in_progress".into()),
        limit: 50,
        offset: 0,
    };
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = now_ms();
        let rows = store.list(&q).await.expect("list");
        let decoded: Vec<Record> = rows
            .iter()
            .map(|r| Record::from_json(&r.body).expect("decode"))
            .collect();
        times.push(now_ms() - t);
        assert_eq!(decoded.len(), 50);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    report(
        "first_page_filtered_100k",
        percentile(&times, 0.5),
        &format!(",\"p95_ms\":{:.2}", percentile(&times, 0.95)),
    );
    queue_figures(&store).await;
    drop(store);
    let _ = IdbStore::delete_database("bench-100k").await;
}

/// The queue views both queue benchmarks time: name, filter, sort.
fn queue_views() -> Vec<(&'static str, IncidentFilter, (SortKey, SortDir))> {
    vec![
        (
            "open_p1_p2_by_priority",
            IncidentFilter {
                open_only: true,
                priorities: vec![1, 2],
                ..IncidentFilter::default()
            },
            (SortKey::Priority, SortDir::Asc),
        ),
        (
            "in_progress_by_updated",
            IncidentFilter {
                statuses: vec![IncidentStatus::InProgress],
                ..IncidentFilter::default()
            },
            DEFAULT_SORT,
        ),
        (
            "breaching_soon_by_sla",
            IncidentFilter {
                open_only: true,
                sla: vec![SlaFilterState::AtRisk, SlaFilterState::Breached],
                ..IncidentFilter::default()
            },
            (SortKey::Sla, SortDir::Asc),
        ),
        (
            "text_vpn_by_title",
            IncidentFilter {
                text: "vpn".into(),
                ..IncidentFilter::default()
            },
            (SortKey::Title, SortDir::Asc),
        ),
        (
            "all_by_group",
            IncidentFilter::default(),
            (SortKey::Group, SortDir::Asc),
        ),
    ]
}

/// The incident queue at 100k: building its in-memory rows from the store, then the
/// first page of filtered, sorted lists (what the 5 ms budget is about), and catching
/// up after one edit.
async fn queue_figures(store: &IdbStore) {
    let names = Directory::default();
    let now = Timestamp(1_795_000_000_000);
    let queue = Queue::new();
    let t = now_ms();
    queue.refresh(store, &names, now).await.expect("build");
    report("queue_build_100k", now_ms() - t, "");
    assert_eq!(queue.len(), 100_000);

    let views = queue_views();
    let mut times = Vec::new();
    for (name, filter, sort) in &views {
        let mut mine = Vec::new();
        for _ in 0..20 {
            let page = queue.page(filter, *sort, 0, 50);
            assert!(page.result.total > 0, "{filter:?} matched nothing");
            mine.push(page.query_ms);
        }
        mine.sort_by(|a, b| a.total_cmp(b));
        report(&format!("queue_view_{name}"), percentile(&mine, 0.5), "");
        times.extend(mine);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    report(
        "queue_first_page_100k",
        percentile(&times, 0.5),
        &format!(",\"p95_ms\":{:.2}", percentile(&times, 0.95)),
    );

    // One edit, then the queue catches up from the changes feed.
    let first = store.scan("incident", None, 1).await.expect("scan");
    let doc = store
        .get(&first.rows[0].id)
        .await
        .expect("get")
        .expect("doc");
    store
        .put(NewRevision {
            id: doc.id.clone(),
            parent: Some(doc.rev.clone()),
            deleted: false,
            body: doc.body.replace("\"title\":\"", "\"title\":\"Edited: "),
        })
        .await
        .expect("edit");
    let t = now_ms();
    queue.refresh(store, &names, now).await.expect("catch up");
    report("queue_catch_up_one_edit_100k", now_ms() - t, "");
}

/// The browser's own floor: the same 10k records (as plain objects with the same index
/// fields) written by hand-written JavaScript in one transaction, as a library such as
/// Dexie would. Our figure is read against this one.
#[wasm_bindgen_test]
async fn raw_indexeddb_baseline() {
    let revs = revisions(10_000, 7);
    let bodies = js_sys::Array::new();
    for r in &revs {
        bodies.push(&wasm_bindgen::JsValue::from_str(&r.body));
    }
    let f = js_sys::Function::new_with_args(
        "bodies",
        r#"return new Promise((resolve, reject) => {
  const open = indexedDB.open('bench-raw-' + Math.random(), 1);
  open.onupgradeneeded = () => {
    const s = open.result.createObjectStore('docs', { keyPath: '_id' });
    s.createIndex('by_seq', 'seq', { unique: true });
    s.createIndex('by_type_updated', ['type', 'rupd']);
    s.createIndex('by_type_status_updated', ['type', 'status', 'rupd']);
    s.createIndex('by_type_priority_updated', ['type', 'priority', 'rupd']);
    s.createIndex('by_ref', 'ref');
  };
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const t0 = performance.now();
    const tx = db.transaction('docs', 'readwrite');
    const store = tx.objectStore('docs');
    bodies.forEach((body, i) => {
      const d = JSON.parse(body);
      store.put({ _id: d._id, _rev: '1-x', seq: i + 1, deleted: false, body, state: '{}',
        type: d.type, status: d.status, priority: d.priority, rupd: -d.updated, ref: d.reference });
    });
    tx.oncomplete = () => { const ms = performance.now() - t0; db.close(); resolve(ms); };
    tx.onerror = () => reject(tx.error);
  };
});"#,
    );
    let promise: js_sys::Promise = f
        .call1(&wasm_bindgen::JsValue::NULL, &bodies)
        .expect("call")
        .into();
    let ms = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("raw insert")
        .as_f64()
        .expect("ms");
    report("raw_indexeddb_insert_10k", ms, "");
}

/// The queue query alone over 100k rows built in memory (no IndexedDB): the pure cost
/// of a first page per view, to read `queue_first_page_100k` against.
#[wasm_bindgen_test]
async fn queue_query_in_memory() {
    use service_desk::domain::incident::query::{query, IncidentRow};
    let now = Timestamp(1_795_000_000_000);
    let rows: Vec<IncidentRow> = demo::incidents(100_000, 7, now)
        .iter()
        .enumerate()
        .map(|(k, i)| IncidentRow::from_incident(i, SlaFilterState::ALL[k % 3], now))
        .collect();
    let views = queue_views();
    for (name, filter, sort) in &views {
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = now_ms();
            let r = query(&rows, filter, *sort, 0, 50);
            times.push(now_ms() - t);
            assert!(r.total > 0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        report(&format!("pure_query_{name}"), percentile(&times, 0.5), "");
    }
}

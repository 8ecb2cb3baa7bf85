//! Sync benchmark (not a test): pulling and pushing 10k incidents between IndexedDB and
//! a CouchDB-compatible server, and a sync with nothing to do, through the app's own
//! replicator and `fetch` transport. Run by `scripts/bench.sh` with `--features bench`
//! and the server's URL in `BENCH_COUCH_URL` at compile time. Prints one `BENCH {json}`
//! line per figure; asserts nothing about speed, only that the work really happened.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;

use service_desk::domain::couch::document::{DocState, NewRevision, RemoteRevision};
use service_desk::domain::couch::record::Record;
use service_desk::domain::demo;
use service_desk::domain::kernel::time::Timestamp;
use service_desk::storage::idb::IdbStore;
use service_desk::storage::schema::encode_all;
use service_desk::storage::{
    apply_remote, ChangeRow, DocRow, ListFilter, ListQuery, ScanPage, Store, StoreError,
    WriteResult,
};
use service_desk::sync::http::FetchTransport;
use service_desk::sync::protocol::parse_bulk_get;
use service_desk::sync::replicate::Replication;
use service_desk::sync::transport::{
    Endpoint, Method, Request, Response, Transport, TransportError,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The server, fixed when the benchmark is compiled (a wasm test cannot read the
/// environment when it runs).
const COUCH: Option<&str> = option_env!("BENCH_COUCH_URL");
/// Documents pulled and pushed.
const N: usize = 10_000;
/// Measurements of each direction, each with a fresh local database (median reported).
const RUNS: usize = 3;
/// Documents per `_bulk_docs` request while seeding the server.
const SEED_BATCH: usize = 1_000;
/// The seeded database; left on the server for the PouchDB comparison that follows
/// (`scripts/bench/pouchdb-sync.mjs`), which pulls the very same documents.
const PULL_DB: &str = "bench-sync-pull-10k";

mod bench_util;
use bench_util::{now_ms, report};

/// `N` generated incidents as local creates (ids `incident:<uuid>`).
fn incidents(seed: u64) -> Vec<NewRevision> {
    demo::incidents(N, seed, Timestamp(1_795_000_000_000))
        .into_iter()
        .map(|i| NewRevision {
            id: i.id.clone(),
            parent: None,
            deleted: false,
            body: Record::Incident(i).to_json().expect("serialise"),
        })
        .collect()
}

/// `fetch`, counting requests (by kind), time waiting on the server and bytes received;
/// optionally keeping the `_bulk_get` answers to time their parsing afterwards.
#[derive(Default)]
struct Counting {
    inner: FetchTransport,
    /// Requests and milliseconds by kind.
    requests: RefCell<BTreeMap<&'static str, (u32, f64)>>,
    bytes_in: Cell<usize>,
    keep_bulk_get: bool,
    bulk_get: RefCell<Vec<String>>,
}

const KINDS: [&str; 5] = [
    "_changes",
    "_bulk_get",
    "_revs_diff",
    "_bulk_docs",
    "_local",
];

fn kind_of(url: &str) -> &'static str {
    let kind = KINDS.into_iter().find(|k| url.contains(&format!("/{k}")));
    kind.unwrap_or("other")
}

impl Counting {
    fn ms(&self) -> f64 {
        self.requests.borrow().values().map(|(_, ms)| ms).sum()
    }

    /// `,"requests":N,"by_kind":{kind: [count, ms], …},…` for a report line.
    fn json(&self) -> String {
        let map = self.requests.borrow();
        let by: Vec<String> = map
            .iter()
            .map(|(k, (n, ms))| format!("\"{k}\":[{n},{ms:.0}]"))
            .collect();
        let total: u32 = map.values().map(|(n, _)| n).sum();
        format!(
            ",\"requests\":{total},\"by_kind\":{{{}}},\"network_ms\":{:.1},\"received_mb\":{:.2}",
            by.join(","),
            self.ms(),
            self.bytes_in.get() as f64 / 1e6
        )
    }
}

impl Transport for Counting {
    async fn send(&self, req: Request) -> Result<Response, TransportError> {
        let kind = kind_of(&req.url);
        let t = now_ms();
        let res = self.inner.send(req).await;
        let mut map = self.requests.borrow_mut();
        let e = map.entry(kind).or_default();
        *e = (e.0 + 1, e.1 + now_ms() - t);
        if let Ok(r) = &res {
            self.bytes_in.set(self.bytes_in.get() + r.body.len());
            if self.keep_bulk_get && kind == "_bulk_get" {
                self.bulk_get.borrow_mut().push(r.body.clone());
            }
        }
        res
    }
}

/// The IndexedDB store, timing every call by method.
struct Timed<'a> {
    inner: &'a IdbStore,
    ms: RefCell<BTreeMap<&'static str, f64>>,
}

impl<'a> Timed<'a> {
    fn new(inner: &'a IdbStore) -> Self {
        Timed {
            inner,
            ms: RefCell::default(),
        }
    }

    async fn time<T>(&self, name: &'static str, f: impl Future<Output = T>) -> T {
        let t = now_ms();
        let out = f.await;
        *self.ms.borrow_mut().entry(name).or_default() += now_ms() - t;
        out
    }

    fn total(&self) -> f64 {
        self.ms.borrow().values().sum()
    }

    /// `,"store_ms":{method: ms, …}` for a report line.
    fn json(&self) -> String {
        let by: Vec<String> = self
            .ms
            .borrow()
            .iter()
            .map(|(k, ms)| format!("\"{k}\":{ms:.1}"))
            .collect();
        format!(",\"store_ms\":{{{}}}", by.join(","))
    }
}

#[rustfmt::skip]
impl Store for Timed<'_> {
    async fn put(&self, rev: NewRevision) -> Result<WriteResult, StoreError> { self.time("put", self.inner.put(rev)).await }
    async fn put_batch(&self, revs: Vec<NewRevision>) -> Result<Vec<WriteResult>, StoreError> { self.time("put_batch", self.inner.put_batch(revs)).await }
    async fn merge_remote(&self, revs: Vec<RemoteRevision>) -> Result<Vec<WriteResult>, StoreError> { self.time("merge_remote", self.inner.merge_remote(revs)).await }
    async fn conflicted(&self, limit: u32) -> Result<Vec<DocRow>, StoreError> { self.time("conflicted", self.inner.conflicted(limit)).await }
    async fn get(&self, id: &str) -> Result<Option<DocState>, StoreError> { self.time("get", self.inner.get(id)).await }
    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError> { self.time("get_many", self.inner.get_many(ids)).await }
    async fn count_changes(&self, since: u64) -> Result<u32, StoreError> { self.time("count_changes", self.inner.count_changes(since)).await }
    async fn find_by_reference(&self, r: &str) -> Result<Vec<DocRow>, StoreError> { self.time("find_by_reference", self.inner.find_by_reference(r)).await }
    async fn list(&self, q: &ListQuery) -> Result<Vec<DocRow>, StoreError> { self.time("list", self.inner.list(q)).await }
    async fn count(&self, q: &ListQuery) -> Result<u32, StoreError> { self.time("count", self.inner.count(q)).await }
    async fn scan(&self, kind: &str, after: Option<&str>, limit: u32) -> Result<ScanPage, StoreError> { self.time("scan", self.inner.scan(kind, after, limit)).await }
    async fn changes(&self, since: u64, limit: u32) -> Result<Vec<ChangeRow>, StoreError> { self.time("changes", self.inner.changes(since, limit)).await }
    async fn last_seq(&self) -> Result<u64, StoreError> { self.time("last_seq", self.inner.last_seq()).await }
    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> { self.time("meta", self.inner.meta_get(key)).await }
    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> { self.time("meta", self.inner.meta_put(key, value)).await }
    async fn reserve_counters(&self, key: &str, count: u64) -> Result<u64, StoreError> { self.time("reserve_counters", self.inner.reserve_counters(key, count)).await }
    async fn raise_counter(&self, key: &str, at_least: u64) -> Result<u64, StoreError> { self.time("raise_counter", self.inner.raise_counter(key, at_least)).await }
}

/// One request outside any measurement; panics unless the server answers 2xx.
async fn call(req: Request) -> String {
    let what = format!("{:?} {}", req.method, req.url);
    let res = FetchTransport.send(req).await.expect("server reachable");
    assert!(
        (200..300).contains(&res.status),
        "{what}: {} {}",
        res.status,
        res.body
    );
    res.body
}

async fn drop_server_db(ep: &Endpoint) {
    let del = Request {
        method: Method::Delete,
        ..Request::get(ep.db_url())
    };
    let _ = FetchTransport.send(del).await;
}

/// A fresh, empty database on the server (an older one of that name is dropped).
async fn fresh_server_db(server: &str, db: &str) -> Endpoint {
    let ep = Endpoint::parse(server, db).expect("endpoint");
    drop_server_db(&ep).await;
    call(Request::put(ep.db_url(), String::new())).await;
    ep
}

async fn server_doc_count(ep: &Endpoint) -> u64 {
    let info: serde_json::Value =
        serde_json::from_str(&call(Request::get(ep.db_url())).await).expect("db info");
    info["doc_count"].as_u64().expect("doc_count")
}

async fn live_incidents(store: &IdbStore) -> u32 {
    let q = ListQuery {
        kind: "incident".into(),
        filter: ListFilter::All,
        limit: 1,
        offset: 0,
    };
    store.count(&q).await.expect("count")
}

async fn fresh_store() -> (IdbStore, String) {
    let name = format!("bench-sync-{}", uuid::Uuid::new_v4());
    (IdbStore::open(&name).await.expect("open"), name)
}

fn median_by<T>(mut runs: Vec<(f64, T)>) -> (f64, T, String) {
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let all: Vec<String> = runs.iter().map(|r| format!("{:.0}", r.0)).collect();
    let all = format!(",\"runs_ms\":[{}]", all.join(","));
    let mid = runs.swap_remove(runs.len() / 2);
    (mid.0, mid.1, all)
}

#[wasm_bindgen_test]
async fn sync_figures() {
    let Some(server) = COUCH else {
        console_log!(
            "NOTE: BENCH_COUCH_URL was not set when this benchmark was compiled: \
             the sync benchmark is skipped (scripts/bench.sh starts PouchDB Server and sets it)"
        );
        return;
    };
    pull_figures(server).await;
    push_figures(server).await;
}

/// Seeds the server with `N` incidents (new revisions made by the server, as when
/// another device wrote them), outside any measurement.
async fn seed(server: &str) -> Endpoint {
    let ep = fresh_server_db(server, PULL_DB).await;
    let docs: Vec<String> = incidents(7).into_iter().map(|r| r.body).collect();
    for chunk in docs.chunks(SEED_BATCH) {
        let body = format!("{{\"docs\":[{}]}}", chunk.join(","));
        call(Request::post(ep.url("_bulk_docs"), body)).await;
    }
    assert_eq!(server_doc_count(&ep).await, N as u64, "seeding the server");
    ep
}

async fn pull_figures(server: &str) {
    let ep = seed(server).await;
    let mut runs = Vec::new();
    let mut pulled_batches = Vec::new();
    for _ in 0..RUNS {
        let (store, name) = fresh_store().await;
        let local_id = format!("bench-{name}");
        let http = Counting {
            keep_bulk_get: true,
            ..Counting::default()
        };
        let timed = Timed::new(&store);
        let rep = Replication::new(&timed, &http, &ep, &local_id);
        let t = now_ms();
        let (pulled, _) = rep.pull(&mut |_| {}).await.expect("pull");
        let ms = now_ms() - t;
        assert_eq!(pulled, N as u64, "revisions pulled");
        assert_eq!(live_incidents(&store).await, N as u32, "live docs stored");
        // Where the time went: waiting on the server (request, answer, body read),
        // IndexedDB by method, and the rest (JSON, revision trees, bookkeeping); the
        // kept `_bulk_get` answers parsed again alone give JSON parsing's share.
        let answers = http.bulk_get.take();
        let t = now_ms();
        let parsed: Vec<Vec<RemoteRevision>> = answers
            .iter()
            .map(|a| parse_bulk_get(a).expect("bulk_get").docs)
            .collect();
        let parse_ms = now_ms() - t;
        assert_eq!(parsed.iter().map(Vec::len).sum::<usize>(), N);
        pulled_batches = parsed;
        let other = ms - http.ms() - timed.total();
        let phases = format!(
            "{}{},\"rest_ms\":{other:.1},\"bulk_get_parse_ms\":{parse_ms:.1}",
            http.json(),
            timed.json()
        );

        // A pull alone leaves the push to walk the pulled documents through
        // `_revs_diff` (untimed here: the app always pulls and pushes in one run, which
        // skips them, see `sync_run_10k`); after it, a run has nothing at all to do.
        Replication::new(&store, &Counting::default(), &ep, &local_id)
            .push(&mut |_| {})
            .await
            .expect("settle the push");
        let mut noops = Vec::new();
        {
            let http = Counting::default();
            let rep = Replication::new(&store, &http, &ep, &local_id);
            let t = now_ms();
            let r = rep.run(&mut |_| {}).await.expect("sync again");
            let ms = now_ms() - t;
            assert_eq!((r.progress.pulled, r.progress.pushed), (0, 0));
            noops.push((ms, http.json()));
        }
        runs.push((ms, (phases, noops)));
        drop(store);
        let _ = IdbStore::delete_database(&name).await;
    }
    let (ms, (phases, noops), all) = median_by(runs);
    let rate = N as f64 / (ms / 1000.0);
    let extra = format!(",\"docs_per_s\":{rate:.0}{all}{phases}");
    report("sync_pull_10k", ms, &extra);
    for (name, (ms, extra)) in ["sync_noop"].iter().zip(noops) {
        report(name, ms, &extra);
    }
    first_sync(&ep).await;
    store_only(pulled_batches).await;
}

/// A new device's first "Sync now": one run (pull, then push) into a fresh store. The
/// push skips what the run just pulled, so nothing goes through `_revs_diff`.
async fn first_sync(ep: &Endpoint) {
    let (store, name) = fresh_store().await;
    let local_id = format!("bench-{name}");
    let http = Counting::default();
    let rep = Replication::new(&store, &http, ep, &local_id);
    let t = now_ms();
    let r = rep.run(&mut |_| {}).await.expect("first sync");
    let ms = now_ms() - t;
    assert_eq!((r.progress.pulled, r.progress.pushed), (N as u64, 0));
    assert_eq!(live_incidents(&store).await, N as u32, "live docs stored");
    report("sync_run_10k", ms, &http.json());
    drop(store);
    let _ = IdbStore::delete_database(&name).await;
}

/// Where `merge_remote`'s time goes, without the network: the Rust part alone
/// (revision trees, then encoding the stored records), and the pulled revisions merged
/// into fresh stores in the replicator's batches and in one transaction.
async fn store_only(batches: Vec<Vec<RemoteRevision>>) {
    let all: Vec<RemoteRevision> = batches.concat();
    let t = now_ms();
    let states: Vec<DocState> = (1..)
        .zip(all.clone())
        .map(|(seq, r)| apply_remote(None, r, seq).expect("apply").expect("new"))
        .collect();
    let apply_ms = now_ms() - t;
    let t = now_ms();
    let encoded = encode_all(states.iter()).expect("encode");
    let encode_ms = now_ms() - t;
    assert_eq!(encoded.length() as usize, N);
    let mut ms = Vec::new();
    for batches in [batches, vec![all]] {
        let (store, name) = fresh_store().await;
        let t = now_ms();
        for b in batches {
            store.merge_remote(b).await.expect("merge");
        }
        ms.push(now_ms() - t);
        assert_eq!(live_incidents(&store).await, N as u32);
        drop(store);
        let _ = IdbStore::delete_database(&name).await;
    }
    let extra = format!(
        ",\"one_transaction_ms\":{:.1},\"apply_ms\":{apply_ms:.1},\"encode_ms\":{encode_ms:.1}",
        ms[1]
    );
    report("sync_pull_store_only_10k", ms[0], &extra);
}

async fn push_figures(server: &str) {
    let mut runs = Vec::new();
    for run in 0..RUNS {
        let ep = fresh_server_db(server, &format!("bench-sync-push-{run}")).await;
        let (store, name) = fresh_store().await;
        store.put_batch(incidents(11)).await.expect("local writes");
        assert_eq!(live_incidents(&store).await, N as u32);
        let local_id = format!("bench-{name}");
        let http = Counting::default();
        let timed = Timed::new(&store);
        let rep = Replication::new(&timed, &http, &ep, &local_id);
        let t = now_ms();
        let (pushed, rejected) = rep.push(&mut |_| {}).await.expect("push");
        let ms = now_ms() - t;
        assert!(rejected.is_empty(), "refused: {:?}", rejected.first());
        assert_eq!(pushed, N as u64, "revisions pushed");
        assert_eq!(server_doc_count(&ep).await, N as u64, "docs on the server");
        let other = ms - http.ms() - timed.total();
        runs.push((
            ms,
            format!("{}{},\"rest_ms\":{other:.1}", http.json(), timed.json()),
        ));
        drop(store);
        let _ = IdbStore::delete_database(&name).await;
        drop_server_db(&ep).await;
    }
    let (ms, phases, all) = median_by(runs);
    let rate = N as f64 / (ms / 1000.0);
    report(
        "sync_push_10k",
        ms,
        &format!(",\"docs_per_s\":{rate:.0}{all}{phases}"),
    );
}

//! A CouchDB-compatible database in memory, for native replication tests: answers the
//! requests a replicator sends (info, `_changes`, `_revs_diff`, `_bulk_get`, `open_revs`,
//! `_bulk_docs` with `new_edits:false`, `_local` checkpoints) from a [`MemoryStore`],
//! writes "as another client", injects faults and counts requests per endpoint.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::domain::document::{DocState, NewRevision, RemoteRevision};
use crate::domain::revision::Rev;
use crate::storage::memory::MemoryStore;
use crate::storage::Store;
use crate::test_util::block_on;

use super::transport::{Endpoint, Method, Request, Response, Transport, TransportError};

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route {
    DbInfo,
    Changes,
    RevsDiff,
    BulkGet,
    BulkDocs,
    OpenRevs,
    Doc,
    LocalGet,
    LocalPut,
    Unknown,
}

/// How an injected fault answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No answer at all (the request never reaches the server).
    Network,
    /// This status with CouchDB's error body for it; nothing is done.
    Status(u16),
    /// 200 with a body that is not JSON (after doing the work).
    Malformed,
    /// 200 with the real answer cut in half (after doing the work).
    Truncated,
}

struct Injected {
    route: Route,
    skip: usize,
    seen: usize,
    fault: Fault,
}

type Refusal = (Box<dyn Fn(&str) -> bool>, String);

#[derive(Default)]
struct State {
    missing_db: bool,
    string_seqs: bool,
    no_bulk_get: bool,
    local: BTreeMap<String, (u64, Map<String, Value>)>,
    faults: Vec<Injected>,
    budget: Option<usize>,
    forbid: Option<Refusal>,
    log: Vec<(Route, Request)>,
    served: Served,
}

/// What the server handed out and took in since the last [`FakeCouch::reset_log`].
#[derive(Debug, Clone, Default)]
pub struct Served {
    /// Rows of `_changes` answers.
    pub changes_rows: usize,
    /// Revisions asked for through `_bulk_get`.
    pub bulk_get_docs: usize,
    /// Ids asked about through `_revs_diff`.
    pub revs_diff_ids: usize,
    /// Ids of the revisions received by `_bulk_docs`, accepted or refused.
    pub received: Vec<String>,
}

/// One CouchDB database (`desk` on `http://couch.test`).
pub struct FakeCouch {
    pub ep: Endpoint,
    store: MemoryStore,
    state: RefCell<State>,
}

fn reply(status: u16, v: Value) -> Response {
    Response {
        status,
        body: v.to_string(),
    }
}

fn error(status: u16, error: &str, reason: &str) -> Response {
    reply(status, json!({ "error": error, "reason": reason }))
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A stored leaf as CouchDB sends it, with `_revisions` from the server's own tree.
fn couch_doc(state: &DocState, rev: &Rev) -> Option<Value> {
    let (body, deleted) = if &state.rev == rev {
        (&state.body, state.deleted)
    } else {
        let leaf = state.others.iter().find(|l| &l.rev == rev)?;
        (&leaf.body, leaf.deleted)
    };
    let mut doc: Map<String, Value> = serde_json::from_str(body).ok()?;
    let ids: Vec<String> = state
        .tree
        .ancestry(rev)
        .into_iter()
        .map(|r| r.hash)
        .collect();
    doc.insert("_id".into(), json!(state.id));
    doc.insert("_rev".into(), json!(rev.to_string()));
    doc.insert("_revisions".into(), json!({ "start": rev.pos, "ids": ids }));
    if deleted {
        doc.insert("_deleted".into(), json!(true));
    }
    Some(Value::Object(doc))
}

/// A document received with `new_edits:false`, read independently of the replicator.
fn incoming(doc: &Value) -> Result<RemoteRevision, String> {
    let obj = doc.as_object().ok_or("not an object")?;
    let id = obj.get("_id").and_then(Value::as_str).ok_or("no _id")?;
    let rev: Rev = obj
        .get("_rev")
        .and_then(Value::as_str)
        .ok_or("no _rev")?
        .parse()
        .map_err(|_| "bad _rev")?;
    let path = match obj.get("_revisions") {
        Some(r) => {
            let start = r.get("start").and_then(Value::as_u64).ok_or("bad start")?;
            let ids = r.get("ids").and_then(Value::as_array).ok_or("bad ids")?;
            let mut path = Vec::new();
            for (i, h) in ids.iter().enumerate() {
                let pos = start
                    .checked_sub(i as u64)
                    .filter(|p| *p > 0)
                    .ok_or("bad start")?;
                path.push(Rev::new(pos, h.as_str().ok_or("bad id")?));
            }
            path
        }
        None => vec![rev.clone()],
    };
    if path.first() != Some(&rev) {
        return Err("_revisions does not start with _rev".into());
    }
    // Kept as a GET would give it back: with `_id`, without the other `_` fields.
    let body: Map<String, Value> = obj
        .iter()
        .filter(|(k, _)| k.as_str() == "_id" || !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(RemoteRevision {
        id: id.to_owned(),
        path,
        deleted: obj
            .get("_deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        body: Value::Object(body).to_string(),
    })
}

impl FakeCouch {
    pub const SERVER: &'static str = "http://couch.test";
    pub const DB: &'static str = "desk";

    pub fn new() -> FakeCouch {
        FakeCouch {
            ep: Endpoint::parse(Self::SERVER, Self::DB).unwrap(),
            store: MemoryStore::new(),
            state: RefCell::default(),
        }
    }

    /// The documents the server holds (to inspect trees, conflicts, the changes feed).
    pub fn store(&self) -> &MemoryStore {
        &self.store
    }

    pub fn doc(&self, id: &str) -> Option<DocState> {
        block_on(self.store.get(id)).unwrap()
    }

    /// Another client creates a document; returns its revision.
    pub fn create(&self, id: &str, body: &str) -> Rev {
        self.write(id, None, false, body)
    }

    pub fn edit(&self, id: &str, parent: &Rev, body: &str) -> Rev {
        self.write(id, Some(parent), false, body)
    }

    pub fn delete(&self, id: &str, parent: &Rev) -> Rev {
        self.write(id, Some(parent), true, &json!({ "_id": id }).to_string())
    }

    fn write(&self, id: &str, parent: Option<&Rev>, deleted: bool, body: &str) -> Rev {
        let rev = NewRevision {
            id: id.into(),
            parent: parent.cloned(),
            deleted,
            body: body.into(),
        };
        block_on(self.store.put(rev)).unwrap().rev
    }

    /// Another replicator stores a revision as it is (`new_edits:false`): conflicts.
    pub fn put_revision(&self, id: &str, path: Vec<Rev>, deleted: bool, body: &str) {
        let r = RemoteRevision {
            id: id.into(),
            path,
            deleted,
            body: body.into(),
        };
        block_on(self.store.merge_remote(vec![r])).unwrap();
    }

    /// A checkpoint document's fields (without `_id`/`_rev`).
    pub fn local_doc(&self, id: &str) -> Option<Value> {
        self.state
            .borrow()
            .local
            .get(id)
            .map(|(_, m)| Value::Object(m.clone()))
    }

    pub fn clear_local(&self) {
        self.state.borrow_mut().local.clear();
    }

    pub fn set_missing_db(&self, missing: bool) {
        self.state.borrow_mut().missing_db = missing;
    }

    /// Sequences as CouchDB 2+ sends them: opaque strings `N-g1AAAA…`.
    pub fn use_string_seqs(&self, on: bool) {
        self.state.borrow_mut().string_seqs = on;
    }

    /// Answers `_bulk_get` with 404, as servers without it do.
    pub fn disable_bulk_get(&self, off: bool) {
        self.state.borrow_mut().no_bulk_get = off;
    }

    /// Refuses (`forbidden`, like a `validate_doc_update`) writes of matching ids.
    pub fn forbid(&self, pred: impl Fn(&str) -> bool + 'static, reason: &str) {
        self.state.borrow_mut().forbid = Some((Box::new(pred), reason.into()));
    }

    pub fn allow_all(&self) {
        self.state.borrow_mut().forbid = None;
    }

    /// Requests to `route` after the first `skip` ones get `fault`, until [`Self::heal`].
    pub fn inject(&self, route: Route, skip: usize, fault: Fault) {
        let i = Injected {
            route,
            skip,
            seen: 0,
            fault,
        };
        self.state.borrow_mut().faults.push(i);
    }

    /// Every request after the next `n` fails as a network error, until healed.
    pub fn fail_after(&self, n: usize) {
        self.state.borrow_mut().budget = Some(n);
    }

    pub fn heal(&self) {
        let mut st = self.state.borrow_mut();
        st.faults.clear();
        st.budget = None;
    }

    /// Requests that reached the server for `route` since the last [`Self::reset_log`].
    pub fn count(&self, route: Route) -> usize {
        self.state
            .borrow()
            .log
            .iter()
            .filter(|(r, _)| *r == route)
            .count()
    }

    pub fn served(&self) -> Served {
        self.state.borrow().served.clone()
    }

    pub fn reset_log(&self) {
        let mut st = self.state.borrow_mut();
        st.log.clear();
        st.served = Served::default();
    }

    fn seq_value(&self, n: u64) -> Value {
        if self.state.borrow().string_seqs {
            json!(format!(
                "{n}-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMc{:x}",
                n * 7919
            ))
        } else {
            json!(n)
        }
    }

    fn parse_since(&self, since: &str) -> Option<u64> {
        if since == "0" {
            return Some(0);
        }
        if !self.state.borrow().string_seqs {
            return since.parse().ok();
        }
        // Opaque string sequences must come back exactly as they were given.
        let n: u64 = since.split('-').next()?.parse().ok()?;
        (self.seq_value(n) == json!(since)).then_some(n)
    }

    fn route(&self, req: &Request) -> (Route, String, BTreeMap<String, String>) {
        let rest = req
            .url
            .strip_prefix(Self::SERVER)
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or("");
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let query = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (decode(k), decode(v)))
            .collect::<BTreeMap<_, _>>();
        let (db, doc) = path.split_once('/').unwrap_or((path, ""));
        if decode(db) != Self::DB {
            return (Route::Unknown, String::new(), query);
        }
        let get = req.method == Method::Get;
        let route = match doc {
            "" if get => Route::DbInfo,
            "_changes" if get => Route::Changes,
            "_revs_diff" if !get => Route::RevsDiff,
            "_bulk_get" if !get => Route::BulkGet,
            "_bulk_docs" if !get => Route::BulkDocs,
            d if d.starts_with("_local/") => match req.method {
                Method::Get => Route::LocalGet,
                Method::Put => Route::LocalPut,
                _ => Route::Unknown,
            },
            d if get && !d.starts_with('_') && query.contains_key("open_revs") => Route::OpenRevs,
            d if get && !d.starts_with('_') => Route::Doc,
            _ => Route::Unknown,
        };
        let id = decode(doc.strip_prefix("_local/").unwrap_or(doc));
        (route, id, query)
    }

    fn handle(&self, req: Request) -> Result<Response, TransportError> {
        let (route, id, query) = self.route(&req);
        let fault = {
            let mut st = self.state.borrow_mut();
            if let Some(left) = st.budget.as_mut() {
                if *left == 0 {
                    return Err(TransportError::Network("connection refused".into()));
                }
                *left -= 1;
            }
            let mut fault = None;
            for f in st.faults.iter_mut().filter(|f| f.route == route) {
                f.seen += 1;
                if f.seen > f.skip && fault.is_none() {
                    fault = Some(f.fault.clone());
                }
            }
            if fault == Some(Fault::Network) {
                return Err(TransportError::Network("connection reset".into()));
            }
            st.log.push((route, req.clone()));
            fault
        };
        if let Some(Fault::Status(status)) = fault {
            return Ok(match status {
                401 => error(
                    401,
                    "unauthorized",
                    "You are not authorized to access this db.",
                ),
                403 => error(403, "forbidden", "You are not allowed to access this db."),
                s => error(
                    s,
                    "internal_server_error",
                    "The server could not complete the request.",
                ),
            });
        }
        let body: Value = req
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        let res = self.answer(route, &id, &query, &body);
        Ok(match fault {
            Some(Fault::Malformed) => Response {
                status: 200,
                body: "<html><body>Bad gateway</body></html>".into(),
            },
            Some(Fault::Truncated) => {
                let half = &res.body.as_bytes()[..res.body.len() / 2];
                Response {
                    status: res.status,
                    body: String::from_utf8_lossy(half).into_owned(),
                }
            }
            _ => res,
        })
    }

    fn answer(
        &self,
        route: Route,
        id: &str,
        q: &BTreeMap<String, String>,
        body: &Value,
    ) -> Response {
        if self.state.borrow().missing_db || route == Route::Unknown {
            return error(404, "not_found", "Database does not exist.");
        }
        match route {
            Route::DbInfo => {
                let seq = block_on(self.store.last_seq()).unwrap();
                reply(
                    200,
                    json!({ "db_name": Self::DB, "update_seq": self.seq_value(seq) }),
                )
            }
            Route::Changes => self.changes(q),
            Route::RevsDiff => self.revs_diff(body),
            Route::BulkGet if self.state.borrow().no_bulk_get => error(404, "not_found", "missing"),
            Route::BulkGet => self.bulk_get(body),
            Route::OpenRevs => self.open_revs(id, q),
            Route::Doc => match self.doc(id) {
                Some(s) if !s.deleted => reply(200, couch_doc(&s, &s.rev).unwrap_or(Value::Null)),
                _ => error(404, "not_found", "missing"),
            },
            Route::BulkDocs => self.bulk_docs(body),
            Route::LocalGet => match self.state.borrow().local.get(id) {
                Some((n, fields)) => {
                    let mut doc = fields.clone();
                    doc.insert("_id".into(), json!(format!("_local/{id}")));
                    doc.insert("_rev".into(), json!(format!("0-{n}")));
                    reply(200, Value::Object(doc))
                }
                None => error(404, "not_found", "missing"),
            },
            Route::LocalPut => self.local_put(id, body),
            Route::Unknown => error(404, "not_found", "missing"),
        }
    }

    fn changes(&self, q: &BTreeMap<String, String>) -> Response {
        let Some(since) = self.parse_since(q.get("since").map_or("0", String::as_str)) else {
            return error(
                400,
                "bad_request",
                "Malformed sequence supplied in 'since' parameter.",
            );
        };
        let limit = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(0);
        let all_docs = q.get("style").map(String::as_str) == Some("all_docs");
        let rows = block_on(self.store.changes(since, limit)).unwrap();
        let mut results = Vec::new();
        for row in &rows {
            let state = self.doc(&row.id).unwrap();
            let mut revs = vec![state.rev.clone()];
            if all_docs {
                revs.extend(
                    state
                        .tree
                        .leaves()
                        .into_iter()
                        .map(|n| n.rev.clone())
                        .filter(|r| *r != state.rev),
                );
            }
            let changes: Vec<Value> = revs
                .iter()
                .map(|r| json!({ "rev": r.to_string() }))
                .collect();
            let mut row_v =
                json!({ "seq": self.seq_value(row.seq), "id": row.id, "changes": changes });
            if state.deleted {
                row_v["deleted"] = json!(true);
            }
            results.push(row_v);
        }
        self.state.borrow_mut().served.changes_rows += results.len();
        let last = match rows.last() {
            Some(r) => r.seq,
            None => block_on(self.store.last_seq()).unwrap().max(since),
        };
        reply(
            200,
            json!({ "results": results, "last_seq": self.seq_value(last) }),
        )
    }

    fn revs_diff(&self, body: &Value) -> Response {
        let Some(asked) = body.as_object() else {
            return error(400, "bad_request", "Request body must be a JSON object");
        };
        self.state.borrow_mut().served.revs_diff_ids += asked.len();
        let mut out = Map::new();
        for (id, revs) in asked {
            let state = self.doc(id);
            let missing: Vec<&Value> = revs
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| {
                    let known = r
                        .as_str()
                        .and_then(|s| s.parse::<Rev>().ok())
                        .zip(state.as_ref())
                        .is_some_and(|(r, s)| s.tree.contains(&r));
                    !known
                })
                .collect();
            if !missing.is_empty() {
                out.insert(id.clone(), json!({ "missing": missing }));
            }
        }
        reply(200, Value::Object(out))
    }

    /// The documents for `rev` of `id` (`latest`: the leaves it led to), or the rev
    /// as missing.
    fn revs_for(&self, id: &str, rev: &str, latest: bool) -> Vec<Result<Value, String>> {
        let Some((state, rev)) = self.doc(id).zip(rev.parse::<Rev>().ok()) else {
            return vec![Err(rev.to_owned())];
        };
        let leaves: Vec<Rev> = state
            .tree
            .leaves()
            .into_iter()
            .map(|n| n.rev.clone())
            .collect();
        let wanted: Vec<Rev> = if leaves.contains(&rev) {
            vec![rev.clone()]
        } else if latest {
            leaves
                .into_iter()
                .filter(|l| state.tree.ancestry(l).contains(&rev))
                .collect()
        } else {
            Vec::new()
        };
        if wanted.is_empty() {
            return vec![Err(rev.to_string())];
        }
        wanted
            .iter()
            .map(|r| couch_doc(&state, r).ok_or_else(|| r.to_string()))
            .collect()
    }

    fn bulk_get(&self, body: &Value) -> Response {
        let Some(items) = body.get("docs").and_then(Value::as_array) else {
            return error(400, "bad_request", "Missing JSON list of 'docs'.");
        };
        self.state.borrow_mut().served.bulk_get_docs += items.len();
        let mut results = Vec::new();
        for item in items {
            let id = item.get("id").and_then(Value::as_str).unwrap_or("");
            let rev = item.get("rev").and_then(Value::as_str).unwrap_or("");
            let docs: Vec<Value> = self
                .revs_for(id, rev, true)
                .into_iter()
                .map(|d| match d {
                    Ok(doc) => json!({ "ok": doc }),
                    Err(r) => json!({ "error": { "id": id, "rev": r, "error": "not_found", "reason": "missing" } }),
                })
                .collect();
            results.push(json!({ "id": id, "docs": docs }));
        }
        reply(200, json!({ "results": results }))
    }

    fn open_revs(&self, id: &str, q: &BTreeMap<String, String>) -> Response {
        let Ok(revs) = serde_json::from_str::<Vec<String>>(&q["open_revs"]) else {
            return error(400, "bad_request", "invalid open_revs");
        };
        let latest = q.get("latest").map(String::as_str) == Some("true");
        let out: Vec<Value> = revs
            .iter()
            .flat_map(|r| self.revs_for(id, r, latest))
            .map(|d| match d {
                Ok(doc) => json!({ "ok": doc }),
                Err(r) => json!({ "missing": r }),
            })
            .collect();
        reply(200, Value::Array(out))
    }

    fn bulk_docs(&self, body: &Value) -> Response {
        if body.get("new_edits") != Some(&json!(false)) {
            return error(400, "bad_request", "this server only takes new_edits:false");
        }
        let Some(docs) = body.get("docs").and_then(Value::as_array) else {
            return error(
                400,
                "bad_request",
                "POST body must include `docs` parameter.",
            );
        };
        let mut errors = Vec::new();
        for doc in docs {
            let id = doc
                .get("_id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let rev = doc
                .get("_rev")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let refused = {
                let mut st = self.state.borrow_mut();
                st.served.received.push(id.clone());
                st.forbid
                    .as_ref()
                    .filter(|(p, _)| p(&id))
                    .map(|(_, reason)| reason.clone())
            };
            let outcome = match refused {
                Some(reason) => Err(("forbidden", reason)),
                None => incoming(doc)
                    .and_then(|r| {
                        block_on(self.store.merge_remote(vec![r])).map_err(|e| e.to_string())
                    })
                    .map_err(|e| ("bad_request", e)),
            };
            if let Err((err, reason)) = outcome {
                errors.push(json!({ "id": id, "rev": rev, "error": err, "reason": reason }));
            }
        }
        reply(201, Value::Array(errors))
    }

    fn local_put(&self, id: &str, body: &Value) -> Response {
        let Some(obj) = body.as_object() else {
            return error(400, "bad_request", "Document must be a JSON object");
        };
        let mut st = self.state.borrow_mut();
        let given = obj.get("_rev").and_then(Value::as_str);
        let current = st.local.get(id).map(|(n, _)| *n);
        if given != current.map(|n| format!("0-{n}")).as_deref() {
            return error(409, "conflict", "Document update conflict.");
        }
        let n = current.unwrap_or(0) + 1;
        let fields = obj
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        st.local.insert(id.to_owned(), (n, fields));
        reply(
            201,
            json!({ "ok": true, "id": format!("_local/{id}"), "rev": format!("0-{n}") }),
        )
    }
}

impl Transport for FakeCouch {
    async fn send(&self, req: Request) -> Result<Response, TransportError> {
        self.handle(req)
    }
}

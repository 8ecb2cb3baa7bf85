//! A CouchDB-compatible database in memory, for native replication tests: its state,
//! writes made "as another client", the switches that change how it answers, injected
//! faults and the per-endpoint request log. Answering requests lives in
//! `fake_couch_routes.rs` (routing, faults, `_changes`, `_revs_diff`, `_local`) and
//! `fake_couch_docs.rs` (`_bulk_get`, `open_revs`, `_bulk_docs` with `new_edits:false`).

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::domain::couch::document::{DocState, NewRevision, RemoteRevision};
use crate::domain::couch::revision::Rev;
use crate::storage::memory::MemoryStore;
use crate::storage::Store;
use crate::test_util::block_on;

use super::transport::{Endpoint, Request, Response, Transport, TransportError};

mod docs;
mod routes;

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
    /// `_bulk_get` only: 200 with the first revision asked for answered by this
    /// per-document error (`{"error":{id, rev, error, reason}}`) instead of itself.
    DocError(&'static str),
}

struct Injected {
    route: Route,
    skip: usize,
    seen: usize,
    /// Only the one request after the skipped ones gets the fault.
    once: bool,
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
        self.push_fault(route, skip, false, fault);
    }

    /// The request to `route` after the first `skip` ones gets `fault`; later ones do not.
    pub fn inject_once(&self, route: Route, skip: usize, fault: Fault) {
        self.push_fault(route, skip, true, fault);
    }

    fn push_fault(&self, route: Route, skip: usize, once: bool, fault: Fault) {
        let i = Injected {
            route,
            skip,
            seen: 0,
            once,
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
}

impl Transport for FakeCouch {
    async fn send(&self, req: Request) -> Result<Response, TransportError> {
        self.handle(req)
    }
}

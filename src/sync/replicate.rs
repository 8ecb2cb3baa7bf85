//! One replication run against a CouchDB-compatible database, both directions, over any
//! [`Store`] and [`Transport`]: checkpoints on both sides, `_changes` in batches, local
//! and remote `_revs_diff`, `_bulk_get` (or `open_revs`), `_bulk_docs` with
//! `new_edits:false`. A checkpoint moves only after its batch is durably stored.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};

use crate::domain::couch::document::{DocState, RemoteRevision};
use crate::domain::couch::revision::Rev;
use crate::storage::Store;

use super::checkpoint::{replication_id, start_from, Checkpoint, Direction, Entry};
use super::protocol::{
    bulk_docs_request, bulk_get_request, changed_revs, outgoing_doc, parse_bulk_docs,
    parse_bulk_get, parse_changes, parse_open_revs, parse_revs_diff, revs_diff_request,
    since_param, BadAnswer, Rejection,
};
use super::transport::{encode, Endpoint, Request, Response, SyncError, Transport};

/// Meta key of the documents the server refused (id → [`Rejection`], as JSON).
pub const REJECTED_KEY: &str = "sync-rejected";
/// Documents per batch: one `_changes` page, one `_bulk_get`, one local transaction
/// (a larger batch costs fewer round trips; an interrupted one is read again).
pub const BATCH: u32 = 2_000;

/// Counts so far in a run, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Revisions received and stored here.
    pub pulled: u64,
    /// Revisions sent and accepted by the server.
    pub pushed: u64,
}

/// What a finished run did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub progress: Progress,
    /// Documents the server refused in this run, with its reasons.
    pub rejected: Vec<Rejection>,
    /// The server's sequence the pull reached (where to follow its changes from).
    pub pull_seq: Value,
}

/// A replication between a local store and one remote database.
pub struct Replication<'a, S, T> {
    pub store: &'a S,
    pub http: &'a T,
    pub ep: &'a Endpoint,
    /// This database's stable id (part of the replication ids).
    pub local_id: &'a str,
    pub batch: u32,
    /// Set when the server turned out to lack `_bulk_get`.
    no_bulk_get: Cell<bool>,
}

impl<'a, S: Store, T: Transport> Replication<'a, S, T> {
    pub fn new(store: &'a S, http: &'a T, ep: &'a Endpoint, local_id: &'a str) -> Self {
        Replication {
            store,
            http,
            ep,
            local_id,
            batch: BATCH,
            no_bulk_get: Cell::new(false),
        }
    }

    /// Pulls, then pushes.
    pub async fn run(&self, progress: &mut dyn FnMut(Progress)) -> Result<Report, SyncError> {
        let mut report = Report::default();
        let before = self.store.last_seq().await?;
        let (pulled, pull_seq) = self.pull(&mut |p| progress(p)).await?;
        report.progress.pulled = pulled;
        report.pull_seq = pull_seq;
        // When every local write since `before` was the pull's own (nothing local came in
        // between), what the pull stored is on the server already: the push need not
        // ask about it again.
        let after = self.store.last_seq().await?;
        let only_pulled = (after > before && after - before == pulled).then_some((before, after));
        let (pushed, rejected) = self
            .push_skipping(only_pulled, &mut |n| {
                progress(Progress { pulled, pushed: n })
            })
            .await?;
        report.progress.pushed = pushed;
        report.rejected = rejected;
        Ok(report)
    }

    async fn call(&self, req: Request) -> Result<Response, SyncError> {
        let res = self.http.send(req).await.map_err(SyncError::Offline)?;
        if (200..300).contains(&res.status) {
            Ok(res)
        } else {
            Err(SyncError::from_status(self.ep, &res))
        }
    }

    /// Copies what the server has and this store lacks. Returns revisions stored and the
    /// server sequence reached.
    pub async fn pull(
        &self,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(u64, Value), SyncError> {
        let mut ck = Checkpoints::open(self, Direction::Pull).await?;
        let mut since = ck.since.clone().unwrap_or(json!(0));
        let mut pulled = 0u64;
        loop {
            let url = self.ep.url(&format!(
                "_changes?style=all_docs&since={}&limit={}",
                encode(&since_param(&since)),
                self.batch
            ));
            let changes = parse_changes(&self.call(Request::get(url)).await?.body)?;
            if changes.results.is_empty() {
                break;
            }
            let items = changed_revs(&changes.results)?;
            let ids: Vec<String> = items.iter().map(|(id, _)| id.clone()).collect();
            let states = self.store.get_many(&ids).await?;
            let missing: Vec<(String, Vec<Rev>)> = items
                .into_iter()
                .zip(states)
                .filter_map(|((id, revs), state)| {
                    let m = state.map_or_else(|| dedup(revs.clone()), |s| s.tree.missing(&revs));
                    (!m.is_empty()).then_some((id, m))
                })
                .collect();
            if !missing.is_empty() {
                let docs = self.fetch(&missing).await?;
                let written = self.store.merge_remote(docs).await?;
                pulled += written.len() as u64;
            }
            since = changes.last_seq.clone();
            ck.save(self, since.clone()).await?;
            progress(Progress { pulled, pushed: 0 });
            if changes.results.len() < self.batch as usize {
                break;
            }
        }
        Ok((pulled, since))
    }

    /// Fetches these revisions with their histories. A revision `_bulk_get` answers
    /// with an error other than `not_found` is fetched again with `open_revs`; when that
    /// fails too the error ends the run, before the batch's checkpoint.
    async fn fetch(
        &self,
        missing: &[(String, Vec<Rev>)],
    ) -> Result<Vec<RemoteRevision>, SyncError> {
        if !self.no_bulk_get.get() {
            let url = self.ep.url("_bulk_get?revs=true&latest=true");
            let res = self
                .http
                .send(Request::post(url, bulk_get_request(missing)))
                .await
                .map_err(SyncError::Offline)?;
            match res.status {
                200..=299 => {
                    let got = parse_bulk_get(&res.body)?;
                    if got.failed.is_empty() {
                        return Ok(got.docs);
                    }
                    let again: Vec<(String, Vec<Rev>)> = missing
                        .iter()
                        .filter(|(id, _)| got.failed.contains(id))
                        .cloned()
                        .collect();
                    let mut docs: Vec<RemoteRevision> = got
                        .docs
                        .into_iter()
                        .filter(|d| !got.failed.contains(&d.id))
                        .collect();
                    docs.extend(self.fetch_open_revs(&again).await?);
                    return Ok(docs);
                }
                // No `_bulk_get` (CouchDB 1.x and some others): fall back for good.
                400 | 404 | 405 | 501 => match SyncError::from_status(self.ep, &res) {
                    SyncError::NoDatabase(db) => return Err(SyncError::NoDatabase(db)),
                    _ => self.no_bulk_get.set(true),
                },
                _ => return Err(SyncError::from_status(self.ep, &res)),
            }
        }
        self.fetch_open_revs(missing).await
    }

    /// Fetches these revisions one document at a time (`GET /db/doc?open_revs=…`).
    async fn fetch_open_revs(
        &self,
        missing: &[(String, Vec<Rev>)],
    ) -> Result<Vec<RemoteRevision>, SyncError> {
        let mut out = Vec::new();
        for (id, revs) in missing {
            let list: Vec<String> = revs.iter().map(Rev::to_string).collect();
            let list = serde_json::to_string(&list).map_err(|e| {
                SyncError::BadAnswer(BadAnswer {
                    what: "open_revs",
                    reason: e.to_string(),
                })
            })?;
            let url = format!(
                "{}?revs=true&latest=true&open_revs={}",
                self.ep.doc_url(id),
                encode(&list)
            );
            out.extend(parse_open_revs(&self.call(Request::get(url)).await?.body)?);
        }
        Ok(out)
    }

    /// Sends what the server lacks. Returns revisions accepted and the refusals.
    pub async fn push(
        &self,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(u64, Vec<Rejection>), SyncError> {
        self.push_skipping(None, progress).await
    }

    /// [`Self::push`], moving the checkpoint over `(from, to]` first when the push had
    /// reached exactly `from`: that range holds only revisions just pulled.
    async fn push_skipping(
        &self,
        pulled_range: Option<(u64, u64)>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(u64, Vec<Rejection>), SyncError> {
        let mut ck = Checkpoints::open(self, Direction::Push).await?;
        let mut since = ck.since.as_ref().and_then(Value::as_u64).unwrap_or(0);
        if let Some((from, to)) = pulled_range {
            if since == from {
                since = to;
                ck.save(self, json!(since)).await?;
            }
        }
        let mut pushed = 0u64;
        let mut rejected = Vec::new();
        loop {
            let rows = self.store.changes(since, self.batch).await?;
            let Some(last) = rows.last().map(|r| r.seq) else {
                break;
            };
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let states: HashMap<String, DocState> = self
                .store
                .get_many(&ids)
                .await?
                .into_iter()
                .flatten()
                .map(|s| (s.id.clone(), s))
                .collect();
            let leaves: Vec<(String, Vec<Rev>)> = ids
                .iter()
                .filter_map(|id| states.get(id))
                .map(|s| {
                    let revs = s.tree.leaves().into_iter().map(|n| n.rev.clone()).collect();
                    (s.id.clone(), revs)
                })
                .collect();
            let diff = self
                .call(Request::post(
                    self.ep.url("_revs_diff"),
                    revs_diff_request(&leaves),
                ))
                .await?;
            let missing = parse_revs_diff(&diff.body)?;
            let mut docs = Vec::new();
            let mut unsendable = Vec::new();
            for (id, revs) in &missing {
                let Some(state) = states.get(id) else {
                    continue;
                };
                for rev in revs {
                    match outgoing_doc(state, rev) {
                        Some(doc) => docs.push(doc),
                        None => unsendable.push(Rejection {
                            id: id.clone(),
                            rev: rev.to_string(),
                            error: "unsendable".into(),
                            reason: "the stored body is not a JSON object".into(),
                        }),
                    }
                }
            }
            let sent = docs.len() as u64;
            let mut refused = Vec::new();
            if !docs.is_empty() {
                let res = self
                    .call(Request::post(
                        self.ep.url("_bulk_docs"),
                        bulk_docs_request(docs),
                    ))
                    .await?;
                refused = parse_bulk_docs(&res.body)?;
            }
            // Only what was sent and not refused counts as pushed.
            pushed += sent.saturating_sub(refused.len() as u64);
            refused.extend(unsendable);
            self.record_rejections(&ids, &refused).await?;
            rejected.extend(refused);
            since = last;
            ck.save(self, json!(since)).await?;
            progress(pushed);
            if rows.len() < self.batch as usize {
                break;
            }
        }
        Ok((pushed, rejected))
    }

    /// Keeps the server's refusals for the documents of a batch: a document sent again
    /// and accepted loses its old refusal.
    async fn record_rejections(
        &self,
        batch_ids: &[String],
        refused: &[Rejection],
    ) -> Result<(), SyncError> {
        let stored = self.store.meta_get(REJECTED_KEY).await?;
        let mut map: BTreeMap<String, Rejection> = stored
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        let had_any = !map.is_empty();
        for id in batch_ids {
            map.remove(id);
        }
        for r in refused {
            map.insert(r.id.clone(), r.clone());
        }
        if had_any || !refused.is_empty() {
            let text = serde_json::to_string(&map).unwrap_or_else(|_| "{}".into());
            self.store.meta_put(REJECTED_KEY, &text).await?;
        }
        Ok(())
    }
}

fn dedup(mut revs: Vec<Rev>) -> Vec<Rev> {
    let mut seen = std::collections::HashSet::new();
    revs.retain(|r| seen.insert(r.clone()));
    revs
}

/// The two checkpoints of one replication and where this run started.
struct Checkpoints {
    rep_id: String,
    session: String,
    local: Checkpoint,
    remote: Checkpoint,
    remote_rev: Option<String>,
    since: Option<Value>,
}

/// The meta key holding the local side of a replication's checkpoint.
pub fn checkpoint_key(rep_id: &str) -> String {
    format!("sync-checkpoint:{rep_id}")
}

impl Checkpoints {
    fn meta_key(rep_id: &str) -> String {
        checkpoint_key(rep_id)
    }

    async fn open<S: Store, T: Transport>(
        r: &Replication<'_, S, T>,
        dir: Direction,
    ) -> Result<Checkpoints, SyncError> {
        let rep_id = replication_id(r.local_id, &r.ep.server, &r.ep.db, dir);
        let local = r
            .store
            .meta_get(&Self::meta_key(&rep_id))
            .await?
            .map(|t| Checkpoint::parse(&t))
            .unwrap_or_default();
        let url = r.ep.doc_url(&format!("_local/{rep_id}"));
        let res = r
            .http
            .send(Request::get(url))
            .await
            .map_err(SyncError::Offline)?;
        let (remote, remote_rev) = match res.status {
            200..=299 => {
                let v: Value = serde_json::from_str(&res.body).unwrap_or(Value::Null);
                let rev = v.get("_rev").and_then(Value::as_str).map(str::to_owned);
                (Checkpoint::parse(&res.body), rev)
            }
            404 => match SyncError::from_status(r.ep, &res) {
                SyncError::NoDatabase(db) => return Err(SyncError::NoDatabase(db)),
                _ => (Checkpoint::default(), None),
            },
            _ => return Err(SyncError::from_status(r.ep, &res)),
        };
        let since = start_from(&local, &remote);
        Ok(Checkpoints {
            rep_id,
            session: uuid::Uuid::new_v4().to_string(),
            local,
            remote,
            remote_rev,
            since,
        })
    }

    /// Records `seq` on the server, then here (both after the batch is stored).
    async fn save<S: Store, T: Transport>(
        &mut self,
        r: &Replication<'_, S, T>,
        seq: Value,
    ) -> Result<(), SyncError> {
        let entry = Entry {
            session_id: self.session.clone(),
            last_seq: seq,
        };
        let remote = self.remote.with(entry.clone());
        let mut doc = serde_json::to_value(&remote).unwrap_or_else(|_| json!({}));
        if let (Some(obj), Some(rev)) = (doc.as_object_mut(), &self.remote_rev) {
            obj.insert("_rev".into(), Value::String(rev.clone()));
        }
        let url = r.ep.doc_url(&format!("_local/{}", self.rep_id));
        let res = r.call(Request::put(url, doc.to_string())).await?;
        let v: Value = serde_json::from_str(&res.body).unwrap_or(Value::Null);
        self.remote_rev = v.get("rev").and_then(Value::as_str).map(str::to_owned);
        self.remote = remote;
        let local = self.local.with(entry);
        let text = serde_json::to_string(&local).unwrap_or_else(|_| "{}".into());
        r.store
            .meta_put(&Self::meta_key(&self.rep_id), &text)
            .await?;
        self.local = local;
        Ok(())
    }
}

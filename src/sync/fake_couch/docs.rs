//! Documents in and out of the in-memory CouchDB: stored leaves sent with their
//! `_revisions`, `_bulk_get`, `GET ?open_revs` and `_bulk_docs` with `new_edits:false`
//! (checked independently of the replicator, refusals included).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::domain::couch::document::{DocState, RemoteRevision};
use crate::domain::couch::revision::Rev;
use crate::storage::Store;
use crate::test_util::block_on;

use super::{error, reply, FakeCouch};
use crate::sync::transport::Response;

/// A stored leaf as CouchDB sends it, with `_revisions` from the server's own tree.
pub(super) fn couch_doc(state: &DocState, rev: &Rev) -> Option<Value> {
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

    pub(super) fn bulk_get(&self, body: &Value) -> Response {
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

    pub(super) fn open_revs(&self, id: &str, q: &BTreeMap<String, String>) -> Response {
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

    pub(super) fn bulk_docs(&self, body: &Value) -> Response {
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
}

//! The CouchDB replication protocol's wire shapes, and the pure conversions between them
//! and local documents: `_changes` rows, `_revs_diff`, `_bulk_get` answers, documents
//! with `_revisions`, `_bulk_docs` answers. Nothing here does I/O.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::couch::document::{DocState, RemoteRevision};
use crate::domain::couch::revision::Rev;

/// Why an answer from the server cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the server's answer to {what} is not what CouchDB sends: {reason}")]
pub struct BadAnswer {
    pub what: &'static str,
    pub reason: String,
}

fn bad(what: &'static str, reason: impl Into<String>) -> BadAnswer {
    BadAnswer {
        what,
        reason: reason.into(),
    }
}

/// One row of `_changes?style=all_docs`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ChangeRow {
    /// Opaque: a number (PouchDB, CouchDB 1) or a string (CouchDB 2+).
    pub seq: Value,
    pub id: String,
    pub changes: Vec<ChangeRev>,
    #[serde(default)]
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ChangeRev {
    pub rev: String,
}

/// A `_changes` answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Changes {
    pub results: Vec<ChangeRow>,
    pub last_seq: Value,
}

pub fn parse_changes(text: &str) -> Result<Changes, BadAnswer> {
    serde_json::from_str(text).map_err(|e| bad("_changes", e.to_string()))
}

/// A sequence value as the `since` query parameter carries it: strings as they are,
/// numbers (and anything else) as JSON text.
pub fn since_param(seq: &Value) -> String {
    match seq {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// True for ids replication of records skips: design documents and other `_` ids.
pub fn is_system_id(id: &str) -> bool {
    id.starts_with('_')
}

/// The revisions of each changed document, parsed; system documents left out.
pub fn changed_revs(rows: &[ChangeRow]) -> Result<Vec<(String, Vec<Rev>)>, BadAnswer> {
    let mut out: Vec<(String, Vec<Rev>)> = Vec::with_capacity(rows.len());
    for row in rows.iter().filter(|r| !is_system_id(&r.id)) {
        let revs = row
            .changes
            .iter()
            .map(|c| c.rev.parse::<Rev>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad("_changes", e.to_string()))?;
        out.push((row.id.clone(), revs));
    }
    Ok(out)
}

/// The body of a `_revs_diff` request: each id with the revisions to ask about.
pub fn revs_diff_request(items: &[(String, Vec<Rev>)]) -> String {
    let map: BTreeMap<&str, Vec<String>> = items
        .iter()
        .map(|(id, revs)| (id.as_str(), revs.iter().map(Rev::to_string).collect()))
        .collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

#[derive(Deserialize)]
struct DiffEntry {
    #[serde(default)]
    missing: Vec<String>,
}

/// A `_revs_diff` answer: the revisions the server lacks, per id.
pub fn parse_revs_diff(text: &str) -> Result<BTreeMap<String, Vec<Rev>>, BadAnswer> {
    let raw: BTreeMap<String, DiffEntry> =
        serde_json::from_str(text).map_err(|e| bad("_revs_diff", e.to_string()))?;
    raw.into_iter()
        .map(|(id, e)| {
            let revs = e
                .missing
                .iter()
                .map(|r| r.parse::<Rev>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|err| bad("_revs_diff", err.to_string()))?;
            Ok((id, revs))
        })
        .collect()
}

/// The body of a `_bulk_get` request for these revisions.
pub fn bulk_get_request(items: &[(String, Vec<Rev>)]) -> String {
    let docs: Vec<Value> = items
        .iter()
        .flat_map(|(id, revs)| {
            revs.iter()
                .map(move |r| serde_json::json!({ "id": id, "rev": r.to_string() }))
        })
        .collect();
    serde_json::json!({ "docs": docs }).to_string()
}

/// A `_bulk_get` answer, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BulkGetAnswer {
    /// The revisions the server sent.
    pub docs: Vec<RemoteRevision>,
    /// Ids whose revisions came back with an error other than `not_found` (a timeout,
    /// a server fault): the server has them but did not send them, so they must be
    /// fetched again before the batch counts as stored.
    pub failed: Vec<String>,
}

/// The documents of a `_bulk_get` answer (`{results:[{id, docs:[{ok}|{error}]}]}`).
/// A revision reported `not_found` is skipped (the server no longer has it); one in
/// any other error is listed in [`BulkGetAnswer::failed`].
pub fn parse_bulk_get(text: &str) -> Result<BulkGetAnswer, BadAnswer> {
    let v: Value = serde_json::from_str(text).map_err(|e| bad("_bulk_get", e.to_string()))?;
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("_bulk_get", "no results list"))?;
    let mut out = BulkGetAnswer::default();
    for r in results {
        let docs = r
            .get("docs")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("_bulk_get", "a result without docs"))?;
        for d in docs {
            if let Some(ok) = d.get("ok") {
                out.docs
                    .push(remote_revision(ok).map_err(|e| bad("_bulk_get", e))?);
            } else if let Some(err) = d.get("error") {
                if err.get("error").and_then(Value::as_str) == Some("not_found") {
                    continue;
                }
                let id = err
                    .get("id")
                    .or_else(|| r.get("id"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("_bulk_get", "an error without the document's id"))?;
                if !out.failed.iter().any(|f| f == id) {
                    out.failed.push(id.to_owned());
                }
            }
        }
    }
    Ok(out)
}

/// The documents of an `open_revs` answer (`[{ok}|{missing}]`), the fallback where
/// `_bulk_get` does not exist.
pub fn parse_open_revs(text: &str) -> Result<Vec<RemoteRevision>, BadAnswer> {
    let v: Value = serde_json::from_str(text).map_err(|e| bad("open_revs", e.to_string()))?;
    let items = v.as_array().ok_or_else(|| bad("open_revs", "not a list"))?;
    items
        .iter()
        .filter_map(|d| d.get("ok"))
        .map(|ok| remote_revision(ok).map_err(|e| bad("open_revs", e)))
        .collect()
}

/// A CouchDB document (with `_id`, `_rev`, optional `_revisions` and `_deleted`) as a
/// revision to merge locally. Of CouchDB's `_`-prefixed fields only `_id` stays in the
/// stored body (records carry their id); `_rev`, `_revisions`, `_conflicts`, … do not.
pub fn remote_revision(doc: &Value) -> Result<RemoteRevision, String> {
    let obj = doc.as_object().ok_or("a document is not a JSON object")?;
    let id = obj
        .get("_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or("a document has no _id")?
        .to_owned();
    let rev: Rev = obj
        .get("_rev")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("document \"{id}\" has no _rev"))?
        .parse()
        .map_err(|e| format!("document \"{id}\": {e}"))?;
    let path = match obj.get("_revisions") {
        None | Some(Value::Null) => vec![rev.clone()],
        Some(r) => revisions_path(r).map_err(|e| format!("document \"{id}\": {e}"))?,
    };
    if path.first() != Some(&rev) {
        return Err(format!(
            "document \"{id}\": _revisions does not start with its _rev {rev}"
        ));
    }
    let deleted = obj
        .get("_deleted")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let body: Map<String, Value> = obj
        .iter()
        .filter(|(k, _)| k.as_str() == "_id" || !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let body = serde_json::to_string(&body).map_err(|e| e.to_string())?;
    Ok(RemoteRevision {
        id,
        path,
        deleted,
        body,
    })
}

#[derive(Serialize, Deserialize)]
struct Revisions {
    start: u64,
    ids: Vec<String>,
}

fn revisions_path(v: &Value) -> Result<Vec<Rev>, String> {
    let r: Revisions = serde_json::from_value(v.clone()).map_err(|e| format!("_revisions: {e}"))?;
    if r.ids.is_empty() || r.ids.len() as u64 > r.start {
        return Err("_revisions does not fit its start".into());
    }
    r.ids
        .into_iter()
        .enumerate()
        .map(|(i, hash)| {
            if hash.is_empty() {
                return Err("_revisions has an empty id".to_owned());
            }
            Ok(Rev::new(r.start - i as u64, hash))
        })
        .collect()
}

/// A stored leaf as CouchDB receives it with `new_edits:false`: the body plus `_id`,
/// `_rev`, `_revisions` (its known ancestry) and `_deleted`. `None` when `rev` is not a
/// leaf of `state` with a stored body, or the body is not a JSON object.
pub fn outgoing_doc(state: &DocState, rev: &Rev) -> Option<Value> {
    let (body, deleted) = if &state.rev == rev {
        (state.body.as_str(), state.deleted)
    } else {
        let leaf = state.others.iter().find(|l| &l.rev == rev)?;
        (leaf.body.as_str(), leaf.deleted)
    };
    let mut obj = match serde_json::from_str::<Value>(body).ok()? {
        Value::Object(m) => m,
        _ => return None,
    };
    let ancestry = state.tree.ancestry(rev);
    obj.insert("_id".into(), Value::String(state.id.clone()));
    obj.insert("_rev".into(), Value::String(rev.to_string()));
    let revisions = Revisions {
        start: rev.pos,
        ids: ancestry.into_iter().map(|r| r.hash).collect(),
    };
    obj.insert("_revisions".into(), serde_json::to_value(revisions).ok()?);
    if deleted {
        obj.insert("_deleted".into(), Value::Bool(true));
    }
    Some(Value::Object(obj))
}

/// The body of a `_bulk_docs` request that stores revisions as they are.
pub fn bulk_docs_request(docs: Vec<Value>) -> String {
    serde_json::json!({ "docs": docs, "new_edits": false }).to_string()
}

/// A document the server refused, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub id: String,
    pub rev: String,
    pub error: String,
    pub reason: String,
}

/// The refusals in a `_bulk_docs` answer (CouchDB lists only failures with
/// `new_edits:false`; PouchDB Server may list successes too).
pub fn parse_bulk_docs(text: &str) -> Result<Vec<Rejection>, BadAnswer> {
    let v: Value = serde_json::from_str(text).map_err(|e| bad("_bulk_docs", e.to_string()))?;
    let items = v
        .as_array()
        .ok_or_else(|| bad("_bulk_docs", "not a list"))?;
    let s = |x: &Value, k: &str| x.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    Ok(items
        .iter()
        .filter(|x| x.get("error").is_some_and(|e| !e.is_null()))
        .map(|x| Rejection {
            id: s(x, "id"),
            rev: s(x, "rev"),
            error: s(x, "error"),
            reason: s(x, "reason"),
        })
        .collect())
}

/// CouchDB's `{"error","reason"}` body of a failed request, as one line.
pub fn error_reason(text: &str) -> Option<String> {
    let v: Value = serde_json::from_str(text).ok()?;
    let error = v.get("error").and_then(Value::as_str)?;
    Some(match v.get("reason").and_then(Value::as_str) {
        Some(r) if !r.is_empty() => format!("{error}: {r}"),
        _ => error.to_owned(),
    })
}

#[cfg(test)]
mod tests;

//! The IndexedDB schema: store and index names, cumulative version migrations, and the
//! shape of a stored document record (`{ _id, _rev, seq, deleted, body, state, …index
//! fields }`).

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;
use js_sys::{Array, Object};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbTransaction};

use crate::domain::couch::document::{index_entry_from_json, DocState, LeafBody};
use crate::domain::couch::revision::{Rev, RevTree};

use super::js::{get, get_string, js_error, open_error, set, RawRequest};
use super::{ChangeRow, DocRow, StoreError};

/// The schema version this build writes.
pub const VERSION: u32 = super::SCHEMA_VERSION;
pub const DOCS: &str = "docs";
pub const META: &str = "meta";
pub use super::SEQ_KEY;
pub const BY_SEQ: &str = "by_seq";
pub const BY_TYPE_UPDATED: &str = "by_type_updated";
pub const BY_TYPE_STATUS_UPDATED: &str = "by_type_status_updated";
pub const BY_TYPE_PRIORITY_UPDATED: &str = "by_type_priority_updated";
pub const BY_REF: &str = "by_ref";
pub const BY_TYPE_CONTACT_UPDATED: &str = "by_type_contact_updated";
/// Sparse: only records with conflicting leaves carry `conflicted` (v4).
pub const BY_CONFLICT: &str = "by_conflict";
/// Records per request while backfilling: large enough to be quick, small enough that a
/// 100k-document database never sits in memory at once.
const BACKFILL_CHUNK: u32 = 500;

/// Revision tree and the other leaves' bodies, stored as one JSON string.
#[derive(Serialize, Deserialize)]
struct StoredState {
    tree: RevTree,
    others: Vec<LeafBody>,
}

/// Opens (creating or upgrading) the database at `version`.
pub async fn open_db(name: &str, version: u32) -> Result<Database, StoreError> {
    if version == 0 || version > VERSION {
        return Err(StoreError::Invalid(format!("no schema version {version}")));
    }
    let open_req: Rc<RefCell<Option<IdbOpenDbRequest>>> = Rc::default();
    let blocked = Rc::new((Cell::new(false), RefCell::new(None::<Waker>)));
    let req = Database::open(name)
        .with_version(version)
        .with_on_blocked({
            let blocked = blocked.clone();
            move |_| {
                blocked.0.set(true);
                if let Some(w) = blocked.1.borrow_mut().take() {
                    w.wake();
                }
                Ok(())
            }
        })
        .with_on_upgrade_needed_fut({
            let open_req = open_req.clone();
            move |event, db| async move {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                let tx = open_req.borrow().as_ref().and_then(|r| r.transaction());
                migrate(old, new, &db, tx).await.map_err(|e| {
                    indexed_db_futures::error::Error::from(JsValue::from_str(&e.to_string()))
                })
            }
        })
        .build()
        .map_err(open_error)?;
    *open_req.borrow_mut() = Some(req.as_sys().clone());
    let mut fut = Box::pin(req);
    let outcome = poll_fn(|cx| {
        if let Poll::Ready(r) = fut.as_mut().poll(cx) {
            return Poll::Ready(Some(r));
        }
        if blocked.0.get() {
            return Poll::Ready(None);
        }
        *blocked.1.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    })
    .await;
    match outcome {
        Some(r) => r.map_err(open_error),
        None => {
            // Keep the request (and its upgrade handler) alive so the upgrade still runs
            // correctly once the other tab lets go; close that late connection at once.
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(db) = fut.await {
                    db.close();
                }
            });
            Err(StoreError::Blocked)
        }
    }
}

/// Cumulative migrations from `old` up to `new`.
async fn migrate(
    old: u32,
    new: u32,
    db: &Database,
    tx: Option<IdbTransaction>,
) -> Result<(), StoreError> {
    let idb = super::js::idb_error;
    if old < 1 && new >= 1 {
        let docs = db
            .create_object_store(DOCS)
            .with_key_path(KeyPath::One("_id"))
            .build()
            .map_err(idb)?;
        docs.create_index(BY_SEQ, KeyPath::One("seq"))
            .with_unique(true)
            .build()
            .map_err(idb)?;
        docs.create_index(BY_TYPE_UPDATED, KeyPath::from(["type", "rupd"]))
            .build()
            .map_err(idb)?;
        db.create_object_store(META).build().map_err(idb)?;
    }
    if old >= new || new < 2 {
        return Ok(());
    }
    let tx = tx.ok_or_else(|| StoreError::Io("no upgrade transaction".into()))?;
    let docs = tx.object_store(DOCS).map_err(|e| js_error(&e))?;
    let seq3 = |a: &str, b: &str, c: &str| Array::of3(&a.into(), &b.into(), &c.into());
    if old < 2 {
        docs.create_index_with_str_sequence(
            BY_TYPE_STATUS_UPDATED,
            &seq3("type", "status", "rupd"),
        )
        .map_err(|e| js_error(&e))?;
        docs.create_index_with_str_sequence(
            BY_TYPE_PRIORITY_UPDATED,
            &seq3("type", "priority", "rupd"),
        )
        .map_err(|e| js_error(&e))?;
        docs.create_index_with_str(BY_REF, "ref")
            .map_err(|e| js_error(&e))?;
    }
    if old < 3 && new >= 3 {
        docs.create_index_with_str_sequence(
            BY_TYPE_CONTACT_UPDATED,
            &seq3("type", "contact", "rupd"),
        )
        .map_err(|e| js_error(&e))?;
    }
    // Conflicts arrive only by sync, which version 4 brings: no record needs backfilling.
    if old < 4 && new >= 4 {
        docs.create_index_with_str(BY_CONFLICT, "conflicted")
            .map_err(|e| js_error(&e))?;
    }
    // Records written by an older version lack the index fields added since (v2:
    // status, priority, ref; v3: contact): rewrite them all once, from their bodies.
    if (1..3).contains(&old) {
        backfill_index_fields(&docs).await?;
    }
    Ok(())
}

/// Version 1 records had no `status`/`priority`/`ref`: rewrite every live record's index
/// fields from its body, in chunks, inside the upgrade transaction.
async fn backfill_index_fields(docs: &IdbObjectStore) -> Result<(), StoreError> {
    let mut after: Option<JsValue> = None;
    loop {
        let range: JsValue = match &after {
            Some(k) => IdbKeyRange::lower_bound_with_open(k, true)
                .map_err(|e| js_error(&e))?
                .into(),
            None => JsValue::UNDEFINED,
        };
        let req = docs
            .get_all_with_key_and_limit(&range, BACKFILL_CHUNK)
            .map_err(|e| js_error(&e))?;
        let batch: Array = RawRequest::new(req).await?.unchecked_into();
        let n = batch.length();
        for record in batch.iter() {
            let deleted = get(&record, "deleted").as_bool().unwrap_or(false);
            // Bodies that are not strings stay as they are and read as Corrupt later.
            if let (false, Some(body)) = (deleted, get_string(&record, "body")) {
                if let Some(obj) = record.dyn_ref::<Object>() {
                    set_index_fields(obj, &body)?;
                    docs.put(obj).map_err(|e| js_error(&e))?;
                }
            }
        }
        if n < BACKFILL_CHUNK {
            return Ok(());
        }
        after = Some(get(&batch.get(n - 1), "_id"));
    }
}

/// Adds the list-index fields of a live document (tombstones get none, so they drop out
/// of every list index). `rupd` = -updated: ascending index order is newest first.
fn set_index_fields(obj: &Object, body: &str) -> Result<(), StoreError> {
    let e = index_entry_from_json(body);
    set(obj, "type", &JsValue::from_str(&e.kind))?;
    set(obj, "rupd", &JsValue::from_f64(-(e.updated as f64)))?;
    if let Some(s) = &e.status {
        set(obj, "status", &JsValue::from_str(s))?;
    }
    if let Some(p) = e.priority {
        set(obj, "priority", &JsValue::from_f64(f64::from(p)))?;
    }
    if let Some(r) = &e.reference {
        set(obj, "ref", &JsValue::from_str(r))?;
    }
    if let Some(c) = &e.contact {
        set(obj, "contact", &JsValue::from_str(c))?;
    }
    Ok(())
}

/// A stored record as serialised (index fields only on live documents).
#[derive(Serialize)]
struct Record<'a> {
    _id: &'a str,
    _rev: String,
    seq: u64,
    deleted: bool,
    body: &'a str,
    state: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rupd: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<u8>,
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<String>,
    /// 1 when a live document has conflicting leaves; absent otherwise (sparse index).
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicted: Option<u8>,
}

/// The stored records of document states, as one JS array. Built as one JSON text and
/// parsed by the browser in one call: far cheaper than setting fields one by one.
pub fn encode_all<'a>(states: impl Iterator<Item = &'a DocState>) -> Result<Array, StoreError> {
    let io = |e: &dyn std::fmt::Display| StoreError::Io(e.to_string());
    let mut records = Vec::new();
    for st in states {
        let state = serde_json::to_string(&StoredState {
            tree: st.tree.clone(),
            others: st.others.clone(),
        })
        .map_err(|e| io(&e))?;
        let mut rec = Record {
            _id: &st.id,
            _rev: st.rev.to_string(),
            seq: st.seq,
            deleted: st.deleted,
            body: &st.body,
            state,
            kind: None,
            rupd: None,
            status: None,
            priority: None,
            reference: None,
            contact: None,
            conflicted: None,
        };
        if !st.deleted {
            let e = index_entry_from_json(&st.body);
            rec.kind = Some(e.kind);
            rec.rupd = Some(e.updated.checked_neg().unwrap_or(i64::MAX));
            rec.status = e.status;
            rec.priority = e.priority;
            rec.reference = e.reference;
            rec.contact = e.contact;
            rec.conflicted = (!st.tree.conflicts().is_empty()).then_some(1);
        }
        records.push(rec);
    }
    let json = serde_json::to_string(&records).map_err(|e| io(&e))?;
    let parsed = js_sys::JSON::parse(&json).map_err(|e| js_error(&e))?;
    parsed
        .dyn_into::<Array>()
        .map_err(|_| StoreError::Io("encoded records are not an array".into()))
}

fn corrupt(id: &str, reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        reason: reason.into(),
    }
}

fn decode_id_rev(v: &JsValue) -> Result<(String, Rev), StoreError> {
    let id = get_string(v, "_id").ok_or_else(|| corrupt("?", "record without an _id"))?;
    let rev = get_string(v, "_rev")
        .ok_or_else(|| corrupt(&id, "_rev is not a string"))?
        .parse::<Rev>()
        .map_err(|e| corrupt(&id, e.to_string()))?;
    Ok((id, rev))
}

fn decode_seq(id: &str, v: &JsValue) -> Result<u64, StoreError> {
    match get(v, "seq").as_f64() {
        Some(s) if s >= 0.0 && s.fract() == 0.0 => Ok(s as u64),
        _ => Err(corrupt(id, "seq is not a whole number")),
    }
}

/// A list row (winner id, rev, body) read straight from the record.
pub fn decode_row(v: &JsValue) -> Result<DocRow, StoreError> {
    let (id, rev) = decode_id_rev(v)?;
    let body = get_string(v, "body").ok_or_else(|| corrupt(&id, "body is not a string"))?;
    Ok(DocRow { id, rev, body })
}

pub fn decode_change(v: &JsValue) -> Result<ChangeRow, StoreError> {
    let (id, rev) = decode_id_rev(v)?;
    Ok(ChangeRow {
        seq: decode_seq(&id, v)?,
        deleted: get(v, "deleted").as_bool().unwrap_or(false),
        id,
        rev,
    })
}

/// The full stored state of a document.
pub fn decode_state(v: &JsValue) -> Result<DocState, StoreError> {
    let row = decode_row(v)?;
    let seq = decode_seq(&row.id, v)?;
    let state = get_string(v, "state").ok_or_else(|| corrupt(&row.id, "state is not a string"))?;
    let stored: StoredState = serde_json::from_str(&state)
        .map_err(|e| corrupt(&row.id, format!("state does not parse: {e}")))?;
    if !stored.tree.contains(&row.rev) {
        return Err(corrupt(&row.id, "winning revision missing from its tree"));
    }
    Ok(DocState {
        deleted: get(v, "deleted").as_bool().unwrap_or(false),
        id: row.id,
        rev: row.rev,
        body: row.body,
        tree: stored.tree,
        others: stored.others,
        seq,
    })
}

//! Helpers shared by the in-browser storage tests: fresh databases, document bodies,
//! revisions, queries, and raw writes that bypass the store.
#![allow(dead_code)]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use service_desk::domain::couch::document::NewRevision;
use service_desk::domain::couch::revision::Rev;
use service_desk::storage::idb::IdbStore;
use service_desk::storage::{DocRow, ListFilter, ListQuery};
use wasm_bindgen::JsValue;

pub fn fresh_name() -> String {
    format!("test-{}", uuid::Uuid::new_v4())
}

pub async fn fresh() -> (IdbStore, String) {
    let name = fresh_name();
    (IdbStore::open(&name).await.unwrap(), name)
}

pub fn body(kind: &str, status: &str, priority: u8, updated: i64, reference: &str) -> String {
    format!(
        r#"{{"type":"{kind}","status":"{status}","priority":{priority},"updated":{updated},"reference":"{reference}","title":"Printer on floor 3 is jammed","description":"Paper tray 2 reports a jam although it is empty."}}"#
    )
}

pub fn create(id: &str, body: String) -> NewRevision {
    NewRevision {
        id: id.into(),
        parent: None,
        deleted: false,
        body,
    }
}

pub fn edit(id: &str, parent: &Rev, deleted: bool, body: String) -> NewRevision {
    NewRevision {
        id: id.into(),
        parent: Some(parent.clone()),
        deleted,
        body,
    }
}

pub fn q(kind: &str, filter: ListFilter, limit: u32, offset: u32) -> ListQuery {
    ListQuery {
        kind: kind.into(),
        filter,
        limit,
        offset,
    }
}

pub fn ids(rows: Vec<DocRow>) -> Vec<String> {
    rows.into_iter().map(|r| r.id).collect()
}

pub fn obj(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// Writes records as they are (bypassing the store) through a second connection.
pub async fn write_raw(name: &str, records: Vec<JsValue>, seq: Option<f64>) {
    let db = Database::open(name).await.unwrap();
    let tx = db
        .transaction(["docs", "meta"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let docs = tx.object_store("docs").unwrap();
    for r in records {
        docs.put(r).primitive().unwrap().await.unwrap();
    }
    if let Some(s) = seq {
        let meta = tx.object_store("meta").unwrap();
        meta.put(JsValue::from_f64(s))
            .with_key("seq")
            .primitive()
            .unwrap()
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    db.close();
}

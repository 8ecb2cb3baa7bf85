//! In-browser tests of the IndexedDB schema and its edges: migrations from versions 1 and 2,
//! damaged records, blocked and newer databases, atomic counters across connections.
#![cfg(target_arch = "wasm32")]

mod support;

use indexed_db_futures::database::Database;
use service_desk::domain::couch::revision::{next_rev, Rev, RevTree};
use service_desk::storage::idb::IdbStore;
use service_desk::storage::{ListFilter, Store, StoreError};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn migration_from_v1_backfills_index_fields() {
    let name = fresh_name();
    drop(IdbStore::open_at_version(&name, 1).await.unwrap());
    // Version 1 records: type and rupd only, no status / priority / ref.
    let v1 = |id: &str, b: String, seq: f64| old_record(id, b, seq, &[]);
    let recs = vec![
        v1("m1", body("incident", "new", 2, 1, "INC-M1"), 1.0),
        v1("m2", body("incident", "closed", 3, 2, "INC-M2"), 2.0),
    ];
    write_raw(&name, recs, Some(2.0)).await;
    let s = IdbStore::open(&name).await.unwrap();
    let st = q("incident", ListFilter::Status("closed".into()), 0, 0);
    assert_eq!(ids(s.list(&st).await.unwrap()), ["m2"]);
    assert_eq!(
        ids(s
            .list(&q("incident", ListFilter::Priority(2), 0, 0))
            .await
            .unwrap()),
        ["m1"]
    );
    assert_eq!(ids(s.find_by_reference("INC-M2").await.unwrap()), ["m2"]);
    assert_eq!(
        ids(s.list(&q("incident", ListFilter::All, 0, 0)).await.unwrap()),
        ["m2", "m1"]
    );
    let m1 = s.get("m1").await.unwrap().unwrap();
    let w = s
        .put(edit(
            "m1",
            &m1.rev,
            false,
            body("incident", "new", 2, 3, "INC-M1"),
        ))
        .await;
    assert_eq!(w.unwrap().seq, 3);
}

/// A stored record as an older version wrote it: `type` and `rupd`, plus the index
/// fields that version had (`extra`); never `contact`, which version 3 added.
fn old_record(
    id: &str,
    b: String,
    seq: f64,
    extra: &[(&str, wasm_bindgen::JsValue)],
) -> wasm_bindgen::JsValue {
    let rev = next_rev(None, false, &b);
    let mut tree = RevTree::new();
    tree.add_child(None, rev.clone(), false).unwrap();
    let state = serde_json::json!({ "tree": tree, "others": [] }).to_string();
    let mut fields = vec![
        ("_id", id.into()),
        ("_rev", rev.to_string().into()),
        ("seq", seq.into()),
        ("deleted", false.into()),
        ("body", b.into()),
        ("state", state.into()),
        ("type", "incident".into()),
        ("rupd", (-seq).into()),
    ];
    fields.extend(extra.iter().cloned());
    obj(&fields)
}

#[wasm_bindgen_test]
async fn migration_from_v2_indexes_reporter_contacts() {
    let name = fresh_name();
    drop(IdbStore::open_at_version(&name, 2).await.unwrap());
    let with_reporter = |contact: &str, updated: i64| {
        format!(
            r#"{{"type":"incident","status":"new","priority":3,"updated":{updated},"reference":"INC-C{updated}","reporter":{{"name":"Ana","contact":"{contact}"}}}}"#
        )
    };
    let v2 = |id: &str, b: String, seq: f64| {
        old_record(
            id,
            b,
            seq,
            &[("status", "new".into()), ("priority", 3.0.into())],
        )
    };
    let recs = vec![
        v2("c1", with_reporter(" Ana@Example.com ", 1), 1.0),
        v2("c2", with_reporter("bo@example.com", 2), 2.0),
        v2("c3", with_reporter("ana@example.com", 3), 3.0),
    ];
    write_raw(&name, recs, Some(3.0)).await;
    let s = IdbStore::open(&name).await.unwrap();
    let ana = q(
        "incident",
        ListFilter::Contact("ana@example.com".into()),
        0,
        0,
    );
    assert_eq!(ids(s.list(&ana).await.unwrap()), ["c3", "c1"]);
    assert_eq!(s.count(&ana).await.unwrap(), 2);
    // New writes are indexed too, and an edit that changes the contact moves it.
    let c2 = s.get("c2").await.unwrap().unwrap();
    s.put(edit(
        "c2",
        &c2.rev,
        false,
        with_reporter("ANA@example.com", 4),
    ))
    .await
    .unwrap();
    assert_eq!(ids(s.list(&ana).await.unwrap()), ["c2", "c3", "c1"]);
    let bo = q(
        "incident",
        ListFilter::Contact("bo@example.com".into()),
        0,
        0,
    );
    assert!(s.list(&bo).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn corrupted_records_are_reported_not_panicked() {
    let (s, name) = fresh().await;
    s.put(create("ok", body("incident", "new", 1, 1, "OK")))
        .await
        .unwrap();
    let bad_body = obj(&[
        ("_id", "bad-body".into()),
        ("_rev", "1-abc".into()),
        ("seq", 7.0.into()),
        ("deleted", false.into()),
        ("body", 12.0.into()),
        ("state", "{}".into()),
        ("type", "incident".into()),
        ("rupd", (-5.0).into()),
    ]);
    let bad_state = obj(&[
        ("_id", "bad-state".into()),
        ("_rev", "1-abc".into()),
        ("seq", 8.0.into()),
        ("deleted", false.into()),
        ("body", "{}".into()),
        ("state", "not json".into()),
    ]);
    write_raw(&name, vec![bad_body, bad_state], None).await;
    for id in ["bad-body", "bad-state"] {
        match s.get(id).await {
            Err(StoreError::Corrupt { id: got, .. }) => assert_eq!(got, id),
            other => panic!("expected Corrupt for {id}, got {other:?}"),
        }
    }
    let listed = s.list(&q("incident", ListFilter::All, 0, 0)).await;
    assert!(matches!(listed, Err(StoreError::Corrupt { id, .. }) if id == "bad-body"));
    let edit_bad = s
        .put(edit("bad-state", &Rev::new(1, "abc"), false, "{}".into()))
        .await;
    assert!(matches!(edit_bad, Err(StoreError::Corrupt { .. })));
}

#[wasm_bindgen_test]
async fn old_connection_blocks_and_newer_database_is_refused() {
    let name = fresh_name();
    drop(IdbStore::open_at_version(&name, 1).await.unwrap());
    // A connection that does not close on `versionchange` (like an old app in a tab).
    let old = Database::open(&name).await.unwrap();
    assert_eq!(IdbStore::open(&name).await.err(), Some(StoreError::Blocked));
    old.close();
    let newer = fresh_name();
    drop(IdbStore::open(&newer).await.unwrap());
    Database::open(&newer)
        .with_version(9u32)
        .await
        .unwrap()
        .close();
    assert_eq!(
        IdbStore::open(&newer).await.err(),
        Some(StoreError::VersionTooNew)
    );
}

#[wasm_bindgen_test]
async fn counters_are_atomic_across_connections() {
    let (a, name) = fresh().await;
    let b = IdbStore::open(&name).await.unwrap();
    // Two connections (as two tabs) asking at once never get the same number.
    let (x, y) = futures_join(a.next_counter("counter:INC"), b.next_counter("counter:INC")).await;
    let mut got = vec![x.unwrap(), y.unwrap()];
    got.sort();
    assert_eq!(got, vec![1, 2]);
    assert_eq!(a.next_counter("counter:INC").await.unwrap(), 3);
    // Ranges reserved at once by two connections never overlap.
    let (x, y) = futures_join(
        a.reserve_counters("counter:INC", 500),
        b.reserve_counters("counter:INC", 500),
    )
    .await;
    let mut firsts = vec![x.unwrap(), y.unwrap()];
    firsts.sort();
    assert_eq!(firsts, vec![4, 504]);
    assert_eq!(b.next_counter("counter:INC").await.unwrap(), 1004);
    a.meta_put("counter:BAD", "x").await.unwrap();
    assert!(matches!(
        a.next_counter("counter:BAD").await,
        Err(StoreError::Corrupt { .. })
    ));
    drop(a);
    drop(b);
    IdbStore::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_raised_counter_never_rolls_back_a_reservation_of_another_connection() {
    let (a, name) = fresh().await;
    let b = IdbStore::open(&name).await.unwrap();
    a.meta_put("counter:INC", "4").await.unwrap();
    // A restore raising the counter to a backup's 7 while another tab reserves five:
    // whichever runs first, the counter ends past every number handed out.
    let (raised, first) = futures_join(
        a.raise_counter("counter:INC", 7),
        b.reserve_counters("counter:INC", 5),
    )
    .await;
    let (raised, first) = (raised.unwrap(), first.unwrap());
    let end = (first + 4).max(7);
    assert!(
        (first == 8 && raised == 7) || (first == 5 && raised == 9),
        "raised {raised}, reserved from {first}"
    );
    assert_eq!(
        a.meta_get("counter:INC").await.unwrap(),
        Some(end.to_string())
    );
    // A lower value changes nothing; a damaged counter is refused, not reset.
    assert_eq!(b.raise_counter("counter:INC", 3).await.unwrap(), end);
    assert_eq!(a.next_counter("counter:INC").await.unwrap(), end + 1);
    a.meta_put("counter:BAD", "x").await.unwrap();
    assert!(matches!(
        a.raise_counter("counter:BAD", 5).await,
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(
        a.meta_get("counter:BAD").await.unwrap().as_deref(),
        Some("x")
    );
    drop(a);
    drop(b);
    IdbStore::delete_database(&name).await.unwrap();
}

/// Polls two futures together (no futures crate needed for one join).
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

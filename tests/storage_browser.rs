//! In-browser tests of the IndexedDB store: CRUD, revisions and sequences, conflicts,
//! tombstones, list queries and atomic batches.
#![cfg(target_arch = "wasm32")]

mod support;

use service_desk::domain::couch::revision::{next_rev, Rev};
use service_desk::storage::idb::IdbStore;
use service_desk::storage::{ListFilter, Store, StoreError};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn crud_revs_seqs_and_changes() {
    let (s, name) = fresh().await;
    assert_eq!(s.last_seq().await.unwrap(), 0);
    assert_eq!(s.get("a").await.unwrap(), None);
    let w1 = s
        .put(create("a", body("incident", "new", 2, 10, "INC-1")))
        .await
        .unwrap();
    assert_eq!((w1.rev.pos, w1.seq), (1, 1));
    let w2 = s
        .put(edit(
            "a",
            &w1.rev,
            false,
            body("incident", "closed", 2, 20, "INC-1"),
        ))
        .await
        .unwrap();
    assert_eq!((w2.rev.pos, w2.seq), (2, 2));
    assert_eq!(
        w2.rev,
        next_rev(
            Some(&w1.rev),
            false,
            &body("incident", "closed", 2, 20, "INC-1")
        )
    );
    let doc = s.get("a").await.unwrap().unwrap();
    assert_eq!(
        (doc.rev.clone(), doc.seq, doc.deleted),
        (w2.rev.clone(), 2, false)
    );
    assert!(doc.body.contains("closed"));
    assert_eq!(
        doc.tree.ancestry(&w2.rev),
        vec![w2.rev.clone(), w1.rev.clone()]
    );
    let wb = s
        .put(create("b", body("incident", "new", 1, 5, "INC-2")))
        .await
        .unwrap();
    assert_eq!(wb.seq, 3);
    let ch = s.changes(0, 0).await.unwrap();
    let got: Vec<_> = ch.iter().map(|c| (c.id.as_str(), c.seq)).collect();
    assert_eq!(got, vec![("a", 2), ("b", 3)]);
    assert_eq!(ch[0].rev, w2.rev);
    assert_eq!(ids_of_changes(s.changes(2, 10).await.unwrap()), vec!["b"]);
    assert_eq!(s.changes(0, 1).await.unwrap().len(), 1);
    s.meta_put("checkpoint", "42").await.unwrap();
    assert_eq!(
        s.meta_get("checkpoint").await.unwrap().as_deref(),
        Some("42")
    );
    assert_eq!(s.meta_get("nothing").await.unwrap(), None);
    assert!(matches!(
        s.meta_put("seq", "1").await,
        Err(StoreError::Invalid(_))
    ));
    // Everything survives closing and reopening.
    drop(s);
    let s = IdbStore::open(&name).await.unwrap();
    assert_eq!(s.last_seq().await.unwrap(), 3);
    assert_eq!(s.get("a").await.unwrap().unwrap().rev, w2.rev);
    drop(s);
    IdbStore::delete_database(&name).await.unwrap();
}

fn ids_of_changes(ch: Vec<service_desk::storage::ChangeRow>) -> Vec<String> {
    ch.into_iter().map(|c| c.id).collect()
}

#[wasm_bindgen_test]
async fn stale_parent_is_a_conflict() {
    let (s, _) = fresh().await;
    let w1 = s
        .put(create("a", body("incident", "new", 2, 10, "R")))
        .await
        .unwrap();
    s.put(edit("a", &w1.rev, false, body("incident", "x", 2, 11, "R")))
        .await
        .unwrap();
    let stale = s
        .put(edit("a", &w1.rev, false, body("incident", "y", 2, 12, "R")))
        .await;
    assert_eq!(stale, Err(StoreError::Conflict { id: "a".into() }));
    let twice = s.put(create("a", body("incident", "z", 2, 12, "R"))).await;
    assert_eq!(twice, Err(StoreError::Conflict { id: "a".into() }));
    assert_eq!(s.last_seq().await.unwrap(), 2);
}

#[wasm_bindgen_test]
async fn tombstones_leave_lists_but_get_returns_them() {
    let (s, _) = fresh().await;
    let w = s
        .put(create("a", body("incident", "new", 2, 10, "INC-1")))
        .await
        .unwrap();
    s.put(create("b", body("incident", "new", 2, 11, "INC-2")))
        .await
        .unwrap();
    let d = s.put(edit("a", &w.rev, true, "{}".into())).await.unwrap();
    assert_eq!((d.rev.pos, d.seq), (2, 3));
    let all = q("incident", ListFilter::All, 0, 0);
    assert_eq!(s.count(&all).await.unwrap(), 1);
    assert_eq!(ids(s.list(&all).await.unwrap()), vec!["b"]);
    let new = q("incident", ListFilter::Status("new".into()), 0, 0);
    assert_eq!(s.count(&new).await.unwrap(), 1);
    assert!(s.find_by_reference("INC-1").await.unwrap().is_empty());
    let doc = s.get("a").await.unwrap().unwrap();
    assert!(doc.deleted);
    assert!(s
        .changes(2, 0)
        .await
        .unwrap()
        .iter()
        .any(|c| c.id == "a" && c.deleted));
}

#[wasm_bindgen_test]
async fn list_filters_order_paging_and_references() {
    let (s, _) = fresh().await;
    s.put_batch(vec![
        create("i1", body("incident", "new", 1, 100, "INC-1")),
        create("i2", body("incident", "new", 2, 300, "INC-2")),
        create("i3", body("incident", "closed", 1, 200, "INC-3")),
        create("i4", body("incident", "new", 1, 300, "INC-4")),
        create("p1", body("problem", "new", 1, 999, "PRB-1")),
    ])
    .await
    .unwrap();
    let all = q("incident", ListFilter::All, 0, 0);
    assert_eq!(ids(s.list(&all).await.unwrap()), ["i2", "i4", "i3", "i1"]);
    assert_eq!(s.count(&all).await.unwrap(), 4);
    assert_eq!(
        ids(s.list(&q("incident", ListFilter::All, 2, 0)).await.unwrap()),
        ["i2", "i4"]
    );
    assert_eq!(
        ids(s.list(&q("incident", ListFilter::All, 2, 2)).await.unwrap()),
        ["i3", "i1"]
    );
    assert!(s
        .list(&q("incident", ListFilter::All, 2, 9))
        .await
        .unwrap()
        .is_empty());
    let new = q("incident", ListFilter::Status("new".into()), 2, 1);
    assert_eq!(ids(s.list(&new).await.unwrap()), ["i4", "i1"]);
    assert_eq!(s.count(&new).await.unwrap(), 3);
    let p1 = q("incident", ListFilter::Priority(1), 0, 0);
    assert_eq!(ids(s.list(&p1).await.unwrap()), ["i4", "i3", "i1"]);
    assert_eq!(
        s.count(&q("problem", ListFilter::All, 0, 0)).await.unwrap(),
        1
    );
    assert_eq!(
        s.count(&q("release", ListFilter::All, 0, 0)).await.unwrap(),
        0
    );
    assert_eq!(ids(s.find_by_reference("INC-3").await.unwrap()), ["i3"]);
    assert!(s.find_by_reference("INC-9").await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn batch_is_all_or_nothing() {
    let (s, _) = fresh().await;
    let w = s
        .put(create("x", body("incident", "new", 1, 1, "X")))
        .await
        .unwrap();
    let batch = vec![
        create("a", body("incident", "new", 1, 1, "A")),
        create("b", body("incident", "new", 1, 1, "B")),
        edit(
            "x",
            &Rev::new(1, "stale"),
            false,
            body("incident", "new", 1, 2, "X"),
        ),
    ];
    assert_eq!(
        s.put_batch(batch).await,
        Err(StoreError::Conflict { id: "x".into() })
    );
    assert_eq!(s.get("a").await.unwrap(), None);
    assert_eq!(s.get("b").await.unwrap(), None);
    assert_eq!(s.last_seq().await.unwrap(), 1);
    assert_eq!(
        s.count(&q("incident", ListFilter::All, 0, 0))
            .await
            .unwrap(),
        1
    );
    let ok = s
        .put_batch(vec![
            create("a", body("incident", "new", 1, 1, "A")),
            edit("x", &w.rev, false, body("incident", "new", 1, 2, "X")),
        ])
        .await
        .unwrap();
    assert_eq!(ok.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![2, 3]);
}

#[wasm_bindgen_test]
async fn ten_thousand_documents_page_and_count_correctly() {
    let (s, name) = fresh().await;
    let revs: Vec<_> = (0..10_000)
        .map(|i| {
            let status = ["new", "in_progress", "on_hold", "resolved"][i % 4];
            let b = body(
                "incident",
                status,
                (i % 5 + 1) as u8,
                i as i64,
                &format!("INC-{i}"),
            );
            create(&format!("inc-{i:05}"), b)
        })
        .collect();
    let t0 = js_sys::Date::now();
    let out = s.put_batch(revs).await.unwrap();
    let t1 = js_sys::Date::now();
    assert_eq!(out.len(), 10_000);
    let page = s
        .list(&q("incident", ListFilter::All, 50, 0))
        .await
        .unwrap();
    let t2 = js_sys::Date::now();
    assert_eq!(page.len(), 50);
    assert_eq!(page[0].id, "inc-09999");
    let filtered = s
        .list(&q("incident", ListFilter::Status("on_hold".into()), 50, 0))
        .await;
    let t3 = js_sys::Date::now();
    assert_eq!(filtered.unwrap().len(), 50);
    let deep = s
        .list(&q("incident", ListFilter::All, 50, 5_000))
        .await
        .unwrap();
    let t4 = js_sys::Date::now();
    assert_eq!(deep[0].id, "inc-04999");
    let n = s
        .count(&q("incident", ListFilter::Priority(3), 0, 0))
        .await
        .unwrap();
    let t5 = js_sys::Date::now();
    assert_eq!(n, 2_000);
    console_log!(
        "storage timings: put_batch 10k = {} ms; first page of 50 = {} ms; status page of 50 = {} ms; page at offset 5000 = {} ms; count = {} ms",
        t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4
    );
    drop(s);
    IdbStore::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn scan_walks_one_kind_in_chunks_and_skips_tombstones() {
    let (s, _) = fresh().await;
    for (id, kind) in [
        ("incident:a", "incident"),
        ("incident:b", "incident"),
        ("incident:c", "incident"),
        ("incident:d", "incident"),
        ("incidentx:e", "incident"),
        ("problem:a", "problem"),
    ] {
        s.put(create(id, body(kind, "new", 2, 10, id)))
            .await
            .unwrap();
    }
    let b = s.get("incident:b").await.unwrap().unwrap();
    s.put(edit("incident:b", &b.rev, true, "{}".into()))
        .await
        .unwrap();
    let first = s.scan("incident", None, 2).await.unwrap();
    assert_eq!(ids(first.rows), vec!["incident:a"]);
    assert_eq!(first.next.as_deref(), Some("incident:b"));
    let second = s.scan("incident", first.next.as_deref(), 2).await.unwrap();
    assert_eq!(ids(second.rows), vec!["incident:c", "incident:d"]);
    let third = s.scan("incident", second.next.as_deref(), 2).await.unwrap();
    assert!(third.rows.is_empty() && third.next.is_none());
    let all = s.scan("incident", None, 0).await.unwrap();
    assert_eq!(ids(all.rows).len(), 3);
    assert!(all.next.is_none());
}

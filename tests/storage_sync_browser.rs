//! In-browser tests of what sync asks of the IndexedDB store: merging revisions from
//! other replicas (idempotent, conflicts kept, all or nothing), the conflicted index,
//! reading many documents at once, counting changes, and the upgrade to schema v4.
#![cfg(target_arch = "wasm32")]

mod support;

use service_desk::domain::couch::document::RemoteRevision;
use service_desk::domain::couch::revision::{next_rev, Rev, RevTree};
use service_desk::storage::idb::IdbStore;
use service_desk::storage::{ListFilter, Store, StoreError};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn r(s: &str) -> Rev {
    s.parse().unwrap()
}

/// A revision from another replica: `path` newest first.
fn remote(id: &str, path: &[&str], deleted: bool, body: &str) -> RemoteRevision {
    RemoteRevision {
        id: id.into(),
        path: path.iter().map(|p| r(p)).collect(),
        deleted,
        body: body.into(),
    }
}

fn incident(reference: &str, updated: i64) -> String {
    body("incident", "new", 3, updated, reference)
}

async fn conflicted_ids(s: &IdbStore, limit: u32) -> Vec<String> {
    ids(s.conflicted(limit).await.unwrap())
}

#[wasm_bindgen_test]
async fn merging_creates_is_idempotent_and_keeps_conflicts() {
    let (s, name) = fresh().await;
    let first = vec![
        remote("a", &["2-b", "1-a"], false, &incident("INC-A", 2)),
        remote("b", &["1-x"], false, &incident("INC-B", 1)),
    ];
    let written = s.merge_remote(first.clone()).await.unwrap();
    let got: Vec<_> = written
        .iter()
        .map(|w| (w.id.as_str(), w.rev.to_string(), w.seq))
        .collect();
    assert_eq!(got, vec![("a", "2-b".into(), 1), ("b", "1-x".into(), 2)]);
    let a = s.get("a").await.unwrap().unwrap();
    assert_eq!(a.tree.ancestry(&r("2-b")), vec![r("2-b"), r("1-a")]);
    assert_eq!(a.body, incident("INC-A", 2));
    assert_eq!(ids(s.find_by_reference("INC-A").await.unwrap()), ["a"]);
    // The same revisions again (or an ancestor only) write nothing and use no sequence.
    assert!(s.merge_remote(first).await.unwrap().is_empty());
    let older = vec![remote("a", &["1-a"], false, "{}")];
    assert!(s.merge_remote(older).await.unwrap().is_empty());
    assert_eq!(s.last_seq().await.unwrap(), 2);
    assert_eq!(s.get("a").await.unwrap().unwrap(), a);
    // A concurrent edit becomes a conflict leaf, whichever side wins.
    let other = remote("a", &["2-c", "1-a"], false, &incident("INC-A", 3));
    let w = s.merge_remote(vec![other]).await.unwrap();
    assert_eq!((w[0].rev.clone(), w[0].seq), (r("2-c"), 3));
    let a = s.get("a").await.unwrap().unwrap();
    assert_eq!(
        (a.rev.clone(), a.tree.conflicts()),
        (r("2-c"), vec![r("2-b")])
    );
    assert_eq!(a.others.len(), 1);
    assert_eq!(a.others[0].body, incident("INC-A", 2));
    // Everything survives closing and reopening.
    drop(s);
    let s = IdbStore::open(&name).await.unwrap();
    assert_eq!(s.get("a").await.unwrap().unwrap(), a);
    drop(s);
    IdbStore::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn conflicted_lists_exactly_the_live_documents_with_conflicts() {
    let (s, _) = fresh().await;
    s.merge_remote(vec![
        // Two live leaves: conflicted.
        remote("c1", &["2-a", "1-r"], false, &incident("C1", 1)),
        remote("c1", &["2-b", "1-r"], false, &incident("C1", 2)),
        // A live leaf and a deleted one: not a conflict.
        remote("c2", &["2-a", "1-r"], false, &incident("C2", 1)),
        remote("c2", &["2-z", "1-r"], true, "{}"),
        // Every leaf deleted: not listed.
        remote("c3", &["2-a", "1-r"], true, "{}"),
        remote("c3", &["2-b", "1-r"], true, "{}"),
        // One branch: not listed.
        remote("c4", &["1-r"], false, &incident("C4", 1)),
        remote("c0", &["3-x", "2-x", "1-x"], false, &incident("C0", 1)),
        remote("c0", &["2-y", "1-x"], false, &incident("C0", 2)),
    ])
    .await
    .unwrap();
    assert_eq!(conflicted_ids(&s, 0).await, ["c0", "c1"]);
    assert_eq!(conflicted_ids(&s, 1).await, ["c0"]);
    let c0 = s.get("c0").await.unwrap().unwrap();
    assert_eq!(c0.rev, r("3-x"), "the longer branch wins");
    // Resolving c1: the winner takes a merged body, the losing leaf gets a tombstone.
    let c1 = s.get("c1").await.unwrap().unwrap();
    let merged = incident("C1", 3);
    s.put(edit("c1", &c1.rev, false, merged.clone()))
        .await
        .unwrap();
    assert_eq!(
        conflicted_ids(&s, 0).await,
        ["c0", "c1"],
        "an edit alone resolves nothing"
    );
    let loser = c1.tree.conflicts()[0].clone();
    let tomb = next_rev(Some(&loser), true, "{}");
    let mut path = vec![tomb.clone()];
    path.extend(c1.tree.ancestry(&loser));
    let resolution = RemoteRevision {
        id: "c1".into(),
        path,
        deleted: true,
        body: "{}".into(),
    };
    s.merge_remote(vec![resolution]).await.unwrap();
    assert_eq!(conflicted_ids(&s, 0).await, ["c0"]);
    let c1 = s.get("c1").await.unwrap().unwrap();
    assert_eq!((c1.body.as_str(), c1.deleted), (merged.as_str(), false));
    assert!(c1.tree.node(&tomb).is_some_and(|n| n.deleted));
    // Deleting a conflicted document's winner promotes the other leaf: still conflicted
    // only while two live leaves remain.
    let c0w = s.put(edit("c0", &c0.rev, true, "{}".into())).await.unwrap();
    assert_eq!(c0w.rev, r("2-y"));
    assert!(conflicted_ids(&s, 0).await.is_empty());
}

#[wasm_bindgen_test]
async fn large_merges_are_idempotent_too() {
    // At least 256 ids: the store learns which exist from one key scan.
    let (s, _) = fresh().await;
    let batch: Vec<RemoteRevision> = (0..300)
        .map(|i| {
            let id = format!("incident:{i:04}");
            remote(&id, &["1-a"], false, &incident(&format!("INC-{i}"), i))
        })
        .collect();
    assert_eq!(s.merge_remote(batch.clone()).await.unwrap().len(), 300);
    let mut again = batch;
    // Half of them again, the other half with a concurrent revision.
    for (i, rev) in again.iter_mut().enumerate().filter(|(i, _)| i % 2 == 1) {
        *rev = remote(&rev.id, &["1-b"], false, &incident(&format!("INC-{i}"), 0));
    }
    let written = s.merge_remote(again).await.unwrap();
    assert_eq!(written.len(), 150);
    assert_eq!(s.last_seq().await.unwrap(), 450);
    assert_eq!(conflicted_ids(&s, 0).await.len(), 150);
    assert_eq!(s.count_changes(300).await.unwrap(), 150);
}

#[wasm_bindgen_test]
async fn a_batch_with_one_invalid_revision_writes_nothing() {
    let (s, _) = fresh().await;
    s.put(create("kept", incident("K", 1))).await.unwrap();
    let kept = s.get("kept").await.unwrap().unwrap();
    for bad in [
        // Positions do not decrease by one.
        remote("bad", &["3-c", "1-a"], false, "{}"),
        // A revision number 0 (no parse would produce it; the store must still refuse).
        RemoteRevision {
            id: "bad".into(),
            path: vec![Rev::new(0, "a")],
            deleted: false,
            body: "{}".into(),
        },
        remote("bad", &[], false, "{}"),
        remote("bad", &["1-a"], false, "not json"),
        remote("_design/x", &["1-a"], false, "{}"),
    ] {
        let batch = vec![
            remote("new", &["1-n"], false, &incident("N", 2)),
            remote(
                "kept",
                &["2-k", &kept.rev.to_string()],
                false,
                &incident("K", 3),
            ),
            bad.clone(),
        ];
        let res = s.merge_remote(batch).await;
        assert!(
            matches!(res, Err(StoreError::Invalid(_))),
            "{bad:?}: {res:?}"
        );
        assert_eq!(s.get("new").await.unwrap(), None);
        assert_eq!(s.get("kept").await.unwrap().unwrap(), kept);
        assert_eq!(s.last_seq().await.unwrap(), 1);
    }
}

#[wasm_bindgen_test]
async fn get_many_answers_in_order_and_count_changes_counts_documents() {
    let (s, _) = fresh().await;
    assert!(s.get_many(&[]).await.unwrap().is_empty());
    assert_eq!(s.count_changes(0).await.unwrap(), 0);
    let a = s.put(create("a", incident("A", 1))).await.unwrap();
    s.put(create("b", incident("B", 2))).await.unwrap();
    let want: Vec<String> = ["b", "nope", "a", "b"].map(String::from).to_vec();
    let got = s.get_many(&want).await.unwrap();
    let got: Vec<Option<&str>> = got
        .iter()
        .map(|d| d.as_ref().map(|d| d.id.as_str()))
        .collect();
    assert_eq!(got, vec![Some("b"), None, Some("a"), Some("b")]);
    assert_eq!(s.count_changes(0).await.unwrap(), 2);
    // Rewriting a document moves it to the end of the feed: still one change.
    s.put(edit("a", &a.rev, true, "{}".into())).await.unwrap();
    assert_eq!(s.count_changes(0).await.unwrap(), 2);
    assert_eq!(s.count_changes(1).await.unwrap(), 2);
    assert_eq!(s.count_changes(2).await.unwrap(), 1);
    assert_eq!(s.count_changes(3).await.unwrap(), 0);
    let a = &s.get_many(&["a".into()]).await.unwrap()[0];
    assert!(
        a.as_ref().is_some_and(|d| d.deleted),
        "tombstones are returned"
    );
    // A large batch (a sync batch) takes the key-scan path: same answers, in order.
    let mut many: Vec<String> = (0..300).map(|i| format!("m{i:03}")).collect();
    many.insert(150, "b".into());
    many.push("a".into());
    let got = s.get_many(&many).await.unwrap();
    assert_eq!(got.len(), many.len());
    for (id, d) in many.iter().zip(&got) {
        let expect_some = id == "a" || id == "b";
        assert_eq!(d.is_some(), expect_some, "{id}");
        if let Some(d) = d {
            assert_eq!(&d.id, id);
        }
    }
}

/// A record as version 3 wrote it (index fields, no `conflicted`).
fn v3_record(id: &str, b: String, seq: f64) -> wasm_bindgen::JsValue {
    let rev = next_rev(None, false, &b);
    let mut tree = RevTree::new();
    tree.add_child(None, rev.clone(), false).unwrap();
    let state = serde_json::json!({ "tree": tree, "others": [] }).to_string();
    obj(&[
        ("_id", id.into()),
        ("_rev", rev.to_string().into()),
        ("seq", seq.into()),
        ("deleted", false.into()),
        ("body", b.into()),
        ("state", state.into()),
        ("type", "incident".into()),
        ("rupd", (-seq).into()),
        ("status", "new".into()),
        ("priority", 3.0.into()),
        ("ref", format!("INC-{id}").into()),
    ])
}

#[wasm_bindgen_test]
async fn upgrading_from_v3_keeps_documents_and_indexes_new_conflicts() {
    let name = fresh_name();
    drop(IdbStore::open_at_version(&name, 3).await.unwrap());
    let recs = vec![
        v3_record("u1", incident("INC-u1", 1), 1.0),
        v3_record("u2", incident("INC-u2", 2), 2.0),
    ];
    write_raw(&name, recs, Some(2.0)).await;
    let s = IdbStore::open(&name).await.unwrap();
    let u1 = s.get("u1").await.unwrap().unwrap();
    assert_eq!(u1.body, incident("INC-u1", 1));
    let all = q("incident", ListFilter::All, 0, 0);
    assert_eq!(ids(s.list(&all).await.unwrap()), ["u2", "u1"]);
    assert!(conflicted_ids(&s, 0).await.is_empty());
    let other = RemoteRevision {
        id: "u1".into(),
        path: vec![r("1-zzzzzzzz")],
        deleted: false,
        body: incident("INC-u1", 3),
    };
    let w = s.merge_remote(vec![other]).await.unwrap();
    assert_eq!(w[0].seq, 3);
    assert_eq!(conflicted_ids(&s, 0).await, ["u1"]);
    let u1 = s.get("u1").await.unwrap().unwrap();
    assert_eq!(u1.tree.leaves().len(), 2);
    drop(s);
    IdbStore::delete_database(&name).await.unwrap();
}

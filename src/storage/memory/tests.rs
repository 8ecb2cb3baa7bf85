//! Native tests of [`MemoryStore`]: CRUD, revision and sequence bookkeeping, conflicts,
//! list filters and order, batch atomicity.

use super::*;
use crate::domain::couch::revision::Rev;
use crate::storage::ListFilter;
use crate::test_util::block_on;

fn body(kind: &str, status: &str, priority: u8, updated: i64, reference: &str) -> String {
    format!(
        r#"{{"type":"{kind}","status":"{status}","priority":{priority},"updated":{updated},"reference":"{reference}"}}"#
    )
}

fn create(id: &str, body: String) -> NewRevision {
    NewRevision {
        id: id.into(),
        parent: None,
        deleted: false,
        body,
    }
}

fn edit(id: &str, parent: &Rev, deleted: bool, body: String) -> NewRevision {
    NewRevision {
        id: id.into(),
        parent: Some(parent.clone()),
        deleted,
        body,
    }
}

fn q(kind: &str, filter: ListFilter, limit: u32, offset: u32) -> ListQuery {
    ListQuery {
        kind: kind.into(),
        filter,
        limit,
        offset,
    }
}

#[test]
fn crud_revs_and_seqs() {
    block_on(async {
        let s = MemoryStore::new();
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
        let doc = s.get("a").await.unwrap().unwrap();
        assert_eq!(doc.rev, w2.rev);
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
        let changes = s.changes(0, 0).await.unwrap();
        assert_eq!(
            changes
                .iter()
                .map(|c| (c.id.as_str(), c.seq))
                .collect::<Vec<_>>(),
            vec![("a", 2), ("b", 3)]
        );
        assert_eq!(s.changes(2, 10).await.unwrap().len(), 1);
        assert_eq!(s.changes(0, 1).await.unwrap().len(), 1);
        assert_eq!(s.last_seq().await.unwrap(), 3);
    });
}

#[test]
fn stale_parent_is_a_conflict_and_changes_nothing() {
    block_on(async {
        let s = MemoryStore::new();
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
        let again = s.put(create("a", body("incident", "z", 2, 12, "R"))).await;
        assert_eq!(again, Err(StoreError::Conflict { id: "a".into() }));
        assert_eq!(s.last_seq().await.unwrap(), 2);
    });
}

#[test]
fn tombstones_leave_lists_but_not_get() {
    block_on(async {
        let s = MemoryStore::new();
        let w = s
            .put(create("a", body("incident", "new", 2, 10, "INC-1")))
            .await
            .unwrap();
        s.put(create("b", body("incident", "new", 2, 11, "INC-2")))
            .await
            .unwrap();
        let d = s.put(edit("a", &w.rev, true, "{}".into())).await.unwrap();
        assert_eq!(d.rev.pos, 2);
        let all = q("incident", ListFilter::All, 0, 0);
        assert_eq!(s.count(&all).await.unwrap(), 1);
        assert_eq!(s.list(&all).await.unwrap()[0].id, "b");
        assert!(s.find_by_reference("INC-1").await.unwrap().is_empty());
        let doc = s.get("a").await.unwrap().unwrap();
        assert!(doc.deleted);
        let ch = s.changes(0, 0).await.unwrap();
        assert!(ch.iter().any(|c| c.id == "a" && c.deleted && c.seq == 3));
    });
}

#[test]
fn list_filters_order_and_paging() {
    block_on(async {
        let s = MemoryStore::new();
        let revs = vec![
            create("i1", body("incident", "new", 1, 100, "INC-1")),
            create("i2", body("incident", "new", 2, 300, "INC-2")),
            create("i3", body("incident", "closed", 1, 200, "INC-3")),
            create("i4", body("incident", "new", 1, 300, "INC-4")),
            create("p1", body("problem", "new", 1, 999, "PRB-1")),
        ];
        s.put_batch(revs).await.unwrap();
        let ids = |rows: Vec<DocRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
        let all = q("incident", ListFilter::All, 0, 0);
        assert_eq!(ids(s.list(&all).await.unwrap()), ["i2", "i4", "i3", "i1"]);
        assert_eq!(s.count(&all).await.unwrap(), 4);
        let new = q("incident", ListFilter::Status("new".into()), 2, 1);
        assert_eq!(ids(s.list(&new).await.unwrap()), ["i4", "i1"]);
        assert_eq!(s.count(&new).await.unwrap(), 3);
        let p1 = q("incident", ListFilter::Priority(1), 0, 0);
        assert_eq!(ids(s.list(&p1).await.unwrap()), ["i4", "i3", "i1"]);
        let first = q("incident", ListFilter::All, 1, 0);
        assert_eq!(ids(s.list(&first).await.unwrap()), ["i2"]);
        assert_eq!(ids(s.find_by_reference("INC-3").await.unwrap()), ["i3"]);
    });
}

#[test]
fn batch_is_all_or_nothing() {
    block_on(async {
        let s = MemoryStore::new();
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
        assert_eq!(s.last_seq().await.unwrap(), 1);
        // A batch may edit a document it created earlier in the same batch.
        let a1 = crate::domain::couch::revision::next_rev(
            None,
            false,
            &body("incident", "new", 1, 1, "A"),
        );
        let ok = s
            .put_batch(vec![
                create("a", body("incident", "new", 1, 1, "A")),
                edit("a", &a1, false, body("incident", "closed", 1, 2, "A")),
                edit("x", &w.rev, false, body("incident", "new", 1, 2, "X")),
            ])
            .await
            .unwrap();
        assert_eq!(ok.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert_eq!(s.get("a").await.unwrap().unwrap().rev.pos, 2);
    });
}

#[test]
fn meta_round_trips() {
    block_on(async {
        let s = MemoryStore::new();
        assert_eq!(s.meta_get("k").await.unwrap(), None);
        s.meta_put("k", "v").await.unwrap();
        s.meta_put("k", "w").await.unwrap();
        assert_eq!(s.meta_get("k").await.unwrap().as_deref(), Some("w"));
    });
}

#[test]
fn counters_increment_and_refuse_garbage() {
    block_on(async {
        let s = MemoryStore::new();
        assert_eq!(s.next_counter("counter:INC").await.unwrap(), 1);
        assert_eq!(s.next_counter("counter:INC").await.unwrap(), 2);
        assert_eq!(s.next_counter("counter:PRB").await.unwrap(), 1);
        assert!(matches!(
            s.next_counter(crate::storage::SEQ_KEY).await,
            Err(StoreError::Invalid(_))
        ));
        s.meta_put("counter:X", "twelve").await.unwrap();
        assert!(matches!(
            s.next_counter("counter:X").await,
            Err(StoreError::Corrupt { .. })
        ));
        assert_eq!(
            s.meta_get("counter:X").await.unwrap().as_deref(),
            Some("twelve")
        );
    });
}

#[test]
fn counters_reserve_ranges_in_one_step() {
    block_on(async {
        let s = MemoryStore::new();
        assert_eq!(s.next_counter("counter:INC").await.unwrap(), 1);
        assert_eq!(s.reserve_counters("counter:INC", 500).await.unwrap(), 2);
        assert_eq!(s.next_counter("counter:INC").await.unwrap(), 502);
        assert!(matches!(
            s.reserve_counters("counter:INC", 0).await,
            Err(StoreError::Invalid(_))
        ));
        s.meta_put("counter:KE", &(u64::MAX - 1).to_string())
            .await
            .unwrap();
        assert!(matches!(
            s.reserve_counters("counter:KE", 2).await,
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(s.next_counter("counter:KE").await.unwrap(), u64::MAX);
    });
}

#[test]
fn counters_are_raised_to_at_least_a_value_and_never_lowered() {
    block_on(async {
        let s = MemoryStore::new();
        assert_eq!(s.raise_counter("counter:INC", 7).await.unwrap(), 7);
        assert_eq!(s.raise_counter("counter:INC", 3).await.unwrap(), 7);
        assert_eq!(s.next_counter("counter:INC").await.unwrap(), 8);
        assert_eq!(s.raise_counter("counter:INC", 20).await.unwrap(), 20);
        assert_eq!(s.next_counter("counter:INC").await.unwrap(), 21);
        assert!(matches!(
            s.raise_counter(crate::storage::SEQ_KEY, 5).await,
            Err(StoreError::Invalid(_))
        ));
        s.meta_put("counter:X", "twelve").await.unwrap();
        assert!(matches!(
            s.raise_counter("counter:X", 5).await,
            Err(StoreError::Corrupt { .. })
        ));
        assert_eq!(
            s.meta_get("counter:X").await.unwrap().as_deref(),
            Some("twelve")
        );
    });
}

#[test]
fn scan_walks_one_kind_in_chunks_and_skips_tombstones() {
    let s = MemoryStore::new();
    block_on(async {
        for id in [
            "incident:a",
            "incident:b",
            "incident:c",
            "incident:d",
            "incidentx:e",
            "problem:a",
        ] {
            s.put(create(id, body("incident", "new", 2, 10, id)))
                .await
                .unwrap();
        }
        let b = s.get("incident:b").await.unwrap().unwrap();
        s.put(edit("incident:b", &b.rev, true, "{}".into()))
            .await
            .unwrap();
        let ids = |p: &ScanPage| p.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        let first = s.scan("incident", None, 2).await.unwrap();
        assert_eq!(ids(&first), ["incident:a"]);
        assert_eq!(first.next.as_deref(), Some("incident:b"));
        let second = s.scan("incident", first.next.as_deref(), 2).await.unwrap();
        assert_eq!(ids(&second), ["incident:c", "incident:d"]);
        let third = s.scan("incident", second.next.as_deref(), 2).await.unwrap();
        assert!(third.rows.is_empty() && third.next.is_none());
        let all = s.scan("incident", None, 0).await.unwrap();
        assert_eq!(ids(&all).len(), 3);
        assert!(all.next.is_none());
    });
}

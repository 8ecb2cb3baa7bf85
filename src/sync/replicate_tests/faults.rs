//! Native tests of the replicator when things go wrong: interrupted runs resuming at
//! their checkpoints, checkpoints lost on one side, a recreated database, unsendable
//! and refused documents, refused access, server errors, malformed answers, `_bulk_get`
//! entries in error, and CouchDB 2+'s opaque string sequences as checkpoints.

use std::collections::BTreeMap;

use super::*;
use crate::sync::fake_couch::Fault;
use crate::sync::protocol::Rejection;
use crate::sync::replicate::REJECTED_KEY;

/// Everything a failed run must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    docs: Vec<Option<DocState>>,
    last_seq: u64,
    meta: Vec<Option<String>>,
}

impl Device {
    fn rejected(&self) -> BTreeMap<String, Rejection> {
        block_on(self.store.meta_get(REJECTED_KEY))
            .unwrap()
            .map(|t| serde_json::from_str(&t).unwrap())
            .unwrap_or_default()
    }

    fn snapshot(&self) -> Snapshot {
        let ids = self.ids();
        let keys = [
            self.ck_key(Direction::Pull),
            self.ck_key(Direction::Push),
            REJECTED_KEY.into(),
        ];
        Snapshot {
            docs: block_on(self.store.get_many(&ids)).unwrap(),
            last_seq: block_on(self.store.last_seq()).unwrap(),
            meta: keys
                .iter()
                .map(|k| block_on(self.store.meta_get(k)).unwrap())
                .collect(),
        }
    }
}

fn numbered(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("incident:{i:04}")).collect()
}

#[test]
fn an_interrupted_pull_keeps_whole_batches_and_resumes_at_its_checkpoint() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let ids = numbered(1200);
    for id in &ids {
        couch.create(id, &body(id, id));
    }
    couch.inject(Route::BulkGet, 2, Fault::Network);
    let err = a.run_batch(&couch, 500).unwrap_err();
    assert!(matches!(err, SyncError::Offline(_)), "{err:?}");
    assert_eq!(a.ids(), ids[..1000]);
    assert_eq!(
        a.checkpoints(&couch, Direction::Pull),
        (Some(json!(1000)), Some(json!(1000)))
    );
    couch.heal();
    couch.reset_log();
    let rep = a.run_batch(&couch, 500).unwrap();
    assert_eq!(rep.progress.pulled, 200);
    let served = couch.served();
    assert!(
        served.changes_rows <= 500 && served.bulk_get_docs <= 500,
        "{served:?}"
    );
    assert_eq!(a.ids(), ids);
    assert_eq!(
        a.checkpoints(&couch, Direction::Pull),
        (Some(json!(1200)), Some(json!(1200)))
    );
}

#[test]
fn an_interrupted_push_keeps_its_checkpoint_at_the_last_whole_batch() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let ids = numbered(1200);
    let revs = ids.iter().map(|id| NewRevision {
        id: id.clone(),
        parent: None,
        deleted: false,
        body: body(id, id),
    });
    block_on(a.store.put_batch(revs.collect())).unwrap();
    couch.inject(Route::BulkDocs, 2, Fault::Network);
    assert!(matches!(
        a.run_batch(&couch, 500),
        Err(SyncError::Offline(_))
    ));
    let on_server: Vec<String> = block_on(couch.store().changes(0, 0))
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(on_server, ids[..1000]);
    assert_eq!(
        a.checkpoints(&couch, Direction::Push),
        (Some(json!(1000)), Some(json!(1000)))
    );
    couch.heal();
    couch.reset_log();
    let rep = a.run_batch(&couch, 500).unwrap();
    assert_eq!(rep.progress.pushed, 200);
    let served = couch.served();
    assert!(
        served.revs_diff_ids <= 500 && served.received.len() <= 500,
        "{served:?}"
    );
    assert_eq!(block_on(couch.store().changes(0, 0)).unwrap().len(), 1200);
}

#[test]
fn a_checkpoint_lost_on_one_side_starts_over_and_ends_correct() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    for id in numbered(3) {
        couch.create(&id, &body(&id, &id));
    }
    a.put("incident:mine", None, false, &body("incident:mine", "mine"));
    a.run(&couch).unwrap();
    couch.clear_local();
    couch.create("incident:new", &body("incident:new", "new"));
    couch.reset_log();
    let rep = a.run(&couch).unwrap();
    assert_eq!(
        rep.progress,
        Progress {
            pulled: 1,
            pushed: 0
        }
    );
    assert_eq!(
        couch.served().changes_rows,
        5,
        "the pull re-read the whole feed"
    );
    assert_eq!(couch.count(Route::BulkDocs), 0);
    assert_eq!(a.ids().len(), 5);
    // The other way round: this side's checkpoint is unreadable.
    block_on(a.store.meta_put(&a.ck_key(Direction::Pull), "")).unwrap();
    couch.reset_log();
    assert_idle(&a.run(&couch).unwrap());
    assert_eq!(couch.served().changes_rows, 5);
    couch.reset_log();
    assert_idle(&a.run(&couch).unwrap());
    assert_eq!(
        couch.served().changes_rows,
        0,
        "checkpoints are back on both sides"
    );
}

#[test]
fn a_database_recreated_empty_gets_everything_pushed_again() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    for id in numbered(3) {
        a.put(&id, None, false, &body(&id, &id));
    }
    a.run(&couch).unwrap();
    // Same server and database name, nothing in it (no documents, no checkpoints).
    let fresh = FakeCouch::new();
    assert_eq!(a.run(&fresh).unwrap().progress.pushed, 3);
    let ids: Vec<String> = block_on(fresh.store().changes(0, 0))
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, numbered(3));
}

#[test]
fn a_body_that_is_not_an_object_is_reported_and_the_rest_still_goes() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    a.put("incident:odd", None, false, "[1, 2]");
    a.put(ID, None, false, &body(ID, "fine"));
    let rep = a.run(&couch).unwrap();
    let rejected: Vec<_> = rep
        .rejected
        .iter()
        .map(|r| (r.id.as_str(), r.error.as_str()))
        .collect();
    assert_eq!(rejected, [("incident:odd", "unsendable")]);
    assert!(couch.doc(ID).is_some() && couch.doc("incident:odd").is_none());
    assert_eq!(rep.progress.pushed, 1, "revisions the server accepted");
}

#[test]
fn refused_access_keeps_local_changes_queued() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let r1 = a.put(ID, None, false, &body(ID, "one"));
    a.run(&couch).unwrap();
    a.put(ID, Some(&r1), false, &body(ID, "one, edited"));
    a.put("incident:2", None, false, &body("incident:2", "two"));
    let before = a.checkpoints(&couch, Direction::Push);
    let since = before.0.as_ref().and_then(Value::as_u64).unwrap();
    assert_eq!(block_on(a.store.count_changes(since)).unwrap(), 2);
    couch.inject(Route::BulkDocs, 0, Fault::Status(401));
    let err = a.run(&couch).unwrap_err();
    assert!(
        matches!(err, SyncError::Unauthorized(ref r) if r.contains("not authorized")),
        "{err:?}"
    );
    assert!(!err.is_transient());
    assert_eq!(a.checkpoints(&couch, Direction::Push), before);
    assert_eq!(block_on(a.store.count_changes(since)).unwrap(), 2);
    assert_eq!(couch.doc(ID).unwrap().rev, r1);
    assert!(couch.doc("incident:2").is_none());
    couch.heal();
    couch.inject(Route::LocalGet, 0, Fault::Status(401));
    assert!(matches!(a.run(&couch), Err(SyncError::Unauthorized(_))));
    couch.heal();
    assert_eq!(a.run(&couch).unwrap().progress.pushed, 2);
}

#[test]
fn server_errors_are_transient_and_a_missing_database_is_named() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    couch.create(ID, &body(ID, "one"));
    a.put("incident:2", None, false, &body("incident:2", "two"));
    let before = a.snapshot();
    couch.inject(Route::Changes, 0, Fault::Status(500));
    let err = a.run(&couch).unwrap_err();
    assert!(
        matches!(err, SyncError::Server { status: 500, .. }) && err.is_transient(),
        "{err:?}"
    );
    assert_eq!(a.snapshot(), before);
    couch.heal();
    couch.fail_after(0);
    let err = a.run(&couch).unwrap_err();
    assert!(
        matches!(err, SyncError::Offline(_)) && err.is_transient(),
        "{err:?}"
    );
    assert_eq!(a.snapshot(), before);
    couch.heal();
    couch.set_missing_db(true);
    assert_eq!(
        a.run(&couch).unwrap_err(),
        SyncError::NoDatabase("desk".into())
    );
    assert_eq!(a.snapshot(), before);
}

#[test]
fn malformed_answers_change_nothing() {
    let cases = [
        ("_changes", Route::Changes),
        ("_bulk_get", Route::BulkGet),
        ("_revs_diff", Route::RevsDiff),
    ];
    for (what, route) in cases {
        for fault in [Fault::Malformed, Fault::Truncated] {
            let (couch, a) = (FakeCouch::new(), Device::new("A"));
            couch.create("incident:s", &body("incident:s", "from the server"));
            a.put("incident:a", None, false, &body("incident:a", "from A"));
            a.run(&couch).unwrap();
            a.run(&couch).unwrap(); // reads its own pushed document back
                                    // Something new on both sides, so that every request of a run is needed.
            if route == Route::RevsDiff {
                a.put(
                    "incident:b",
                    None,
                    false,
                    &body("incident:b", "from A again"),
                );
            } else {
                couch.create("incident:t", &body("incident:t", "from the server again"));
            }
            let (before, server_seq) = (a.snapshot(), block_on(couch.store().last_seq()).unwrap());
            couch.inject(route, 0, fault.clone());
            let err = a.run(&couch).unwrap_err();
            assert!(
                matches!(err, SyncError::BadAnswer(ref b) if b.what == what),
                "{what} {fault:?}: {err:?}"
            );
            assert_eq!(a.snapshot(), before, "{what} {fault:?}");
            assert_eq!(block_on(couch.store().last_seq()).unwrap(), server_seq);
        }
    }
}

#[test]
fn a_refused_document_is_reported_kept_and_not_resent_until_edited() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let reason = "only problem managers may write here";
    couch.forbid(|id| id.starts_with("secret:"), reason);
    let s1 = a.put("secret:1", None, false, &body("secret:1", "secret"));
    a.put(ID, None, false, &body(ID, "open"));
    let rep = a.run(&couch).unwrap();
    let refusal = |rev: &Rev| Rejection {
        id: "secret:1".into(),
        rev: rev.to_string(),
        error: "forbidden".into(),
        reason: reason.into(),
    };
    assert_eq!(rep.rejected, vec![refusal(&s1)]);
    assert_eq!(rep.progress.pushed, 1);
    assert_eq!(
        a.rejected().into_values().collect::<Vec<_>>(),
        vec![refusal(&s1)]
    );
    assert!(couch.doc("secret:1").is_none());
    assert!(!a.doc("secret:1").deleted);
    couch.reset_log();
    assert_idle(&a.run(&couch).unwrap());
    assert!(couch.served().received.is_empty(), "not sent again");
    assert_eq!(a.rejected().len(), 1, "the refusal stays on record");
    let s2 = a.put(
        "secret:1",
        Some(&s1),
        false,
        &body("secret:1", "secret, edited"),
    );
    couch.reset_log();
    assert_eq!(a.run(&couch).unwrap().rejected, vec![refusal(&s2)]);
    assert_eq!(couch.served().received, ["secret:1"]);
    couch.reset_log();
    a.run(&couch).unwrap();
    assert!(couch.served().received.is_empty());
    couch.allow_all();
    let s3 = a.put(
        "secret:1",
        Some(&s2),
        false,
        &body("secret:1", "secret, allowed"),
    );
    let rep = a.run(&couch).unwrap();
    assert_eq!((rep.progress.pushed, rep.rejected.len()), (1, 0));
    assert!(a.rejected().is_empty());
    assert_eq!(couch.doc("secret:1").unwrap().rev, s3);
}

#[test]
fn string_sequences_are_opaque_checkpoints() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    couch.use_string_seqs(true);
    for id in numbered(5) {
        couch.create(&id, &body(&id, &id));
    }
    assert_eq!(a.run_batch(&couch, 2).unwrap().progress.pulled, 5);
    assert_eq!(couch.count(Route::Changes), 3);
    let (here, there) = a.checkpoints(&couch, Direction::Pull);
    assert!(
        matches!(&here, Some(Value::String(s)) if s.starts_with("5-g1")),
        "{here:?}"
    );
    assert_eq!(here, there);
    couch.create("incident:new", &body("incident:new", "new"));
    couch.reset_log();
    assert_eq!(a.run_batch(&couch, 2).unwrap().progress.pulled, 1);
    assert_eq!(couch.served().changes_rows, 1);
    assert_eq!(a.ids().len(), 6);
}

#[test]
fn a_bulk_get_error_entry_is_fetched_again_not_skipped() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let ids = numbered(5);
    for id in &ids {
        couch.create(id, &body(id, id));
    }
    // The second batch's first revision comes back as `{"error":"timeout"}`.
    couch.inject_once(Route::BulkGet, 1, Fault::DocError("timeout"));
    let rep = a.run_batch(&couch, 2).unwrap();
    assert_eq!(a.ids(), ids, "the revision in error was fetched again");
    assert_eq!(rep.progress.pulled, 5);
    assert_eq!(couch.count(Route::OpenRevs), 1, "only that document again");
    assert_eq!(
        a.checkpoints(&couch, Direction::Pull),
        (Some(json!(5)), Some(json!(5)))
    );
}

#[test]
fn a_bulk_get_error_entry_that_fails_again_stops_before_its_checkpoint() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let ids = numbered(5);
    for id in &ids {
        couch.create(id, &body(id, id));
    }
    couch.inject_once(Route::BulkGet, 1, Fault::DocError("internal_server_error"));
    couch.inject(Route::OpenRevs, 0, Fault::Status(500));
    let err = a.run_batch(&couch, 2).unwrap_err();
    assert!(
        matches!(err, SyncError::Server { status: 500, .. }) && err.is_transient(),
        "{err:?}"
    );
    assert_eq!(a.ids(), ids[..2], "nothing of the failed batch is stored");
    assert_eq!(
        a.checkpoints(&couch, Direction::Pull),
        (Some(json!(2)), Some(json!(2))),
        "the checkpoint stays before the batch that was not stored"
    );
    couch.heal();
    assert_eq!(a.run_batch(&couch, 2).unwrap().progress.pulled, 3);
    assert_eq!(a.ids(), ids);
    assert_eq!(
        a.checkpoints(&couch, Direction::Pull),
        (Some(json!(5)), Some(json!(5)))
    );
}

#[test]
fn a_bulk_get_not_found_entry_is_skipped_and_not_fetched_again() {
    let (couch, a) = (FakeCouch::new(), Device::new("A"));
    let ids = numbered(3);
    for id in &ids {
        couch.create(id, &body(id, id));
    }
    // A revision the server no longer has: nothing to fetch, the pull goes on.
    couch.inject_once(Route::BulkGet, 0, Fault::DocError("not_found"));
    let rep = a.run(&couch).unwrap();
    assert_eq!(rep.progress.pulled, 2);
    assert_eq!(a.ids(), ids[1..]);
    assert_eq!(couch.count(Route::OpenRevs), 0);
    assert_eq!(
        a.checkpoints(&couch, Direction::Pull),
        (Some(json!(3)), Some(json!(3)))
    );
}

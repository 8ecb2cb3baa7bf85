//! Native tests of the replicator: two in-memory devices syncing through one fake
//! CouchDB — copies and histories, conflicts and their resolution, no-op runs,
//! checkpoints across failures, faults, refusals, deletions and string sequences.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::checkpoint::{replication_id, Checkpoint, Direction};
use super::fake_couch::{FakeCouch, Fault, Route};
use super::protocol::Rejection;
use super::replicate::{Progress, Replication, Report, BATCH, REJECTED_KEY};
use super::transport::SyncError;
use crate::domain::document::{DocState, NewRevision, RemoteRevision};
use crate::domain::revision::{next_rev, Rev, RevNode};
use crate::storage::memory::MemoryStore;
use crate::storage::Store;
use crate::test_util::block_on;

/// A record body as the app writes it (records carry their `_id`).
fn body(id: &str, title: &str) -> String {
    json!({ "_id": id, "type": "incident", "title": title, "updated": 1 }).to_string()
}

/// A deletion's body as the app writes it.
fn tombstone(id: &str) -> String {
    json!({ "_id": id }).to_string()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// What two replicas must agree on: everything but the local sequence, with the tree
/// in a canonical order and bodies as JSON values.
type Replica = (Rev, bool, Value, Vec<RevNode>, Vec<(Rev, bool, Value)>);

fn replica(d: &DocState) -> Replica {
    let mut nodes = d.tree.nodes().to_vec();
    nodes.sort_by(|a, b| a.rev.cmp(&b.rev));
    let others = d
        .others
        .iter()
        .map(|l| (l.rev.clone(), l.deleted, json(&l.body)))
        .collect();
    (d.rev.clone(), d.deleted, json(&d.body), nodes, others)
}

/// Everything a failed run must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    docs: Vec<Option<DocState>>,
    last_seq: u64,
    meta: Vec<Option<String>>,
}

struct Device {
    store: MemoryStore,
    id: &'static str,
}

impl Device {
    fn new(id: &'static str) -> Device {
        Device {
            store: MemoryStore::new(),
            id,
        }
    }

    fn run(&self, couch: &FakeCouch) -> Result<Report, SyncError> {
        self.run_batch(couch, BATCH)
    }

    fn run_batch(&self, couch: &FakeCouch, batch: u32) -> Result<Report, SyncError> {
        let mut r = Replication::new(&self.store, couch, &couch.ep, self.id);
        r.batch = batch;
        block_on(r.run(&mut |_| {}))
    }

    fn put(&self, id: &str, parent: Option<&Rev>, deleted: bool, body: &str) -> Rev {
        let rev = NewRevision {
            id: id.into(),
            parent: parent.cloned(),
            deleted,
            body: body.into(),
        };
        block_on(self.store.put(rev)).unwrap().rev
    }

    fn doc(&self, id: &str) -> DocState {
        block_on(self.store.get(id)).unwrap().unwrap()
    }

    fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = block_on(self.store.changes(0, 0))
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        ids.sort();
        ids
    }

    fn ck_key(&self, dir: Direction) -> String {
        let rep = replication_id(self.id, FakeCouch::SERVER, FakeCouch::DB, dir);
        format!("sync-checkpoint:{rep}")
    }

    /// The newest checkpoint this side and the server recorded, for one direction.
    fn checkpoints(&self, couch: &FakeCouch, dir: Direction) -> (Option<Value>, Option<Value>) {
        let newest = |c: Checkpoint| c.history.first().map(|e| e.last_seq.clone());
        let here = block_on(self.store.meta_get(&self.ck_key(dir))).unwrap();
        let rep = replication_id(self.id, FakeCouch::SERVER, FakeCouch::DB, dir);
        let there = couch
            .local_doc(&rep)
            .map(|v| Checkpoint::parse(&v.to_string()));
        (
            here.map(|t| Checkpoint::parse(&t)).and_then(newest),
            there.and_then(newest),
        )
    }

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

/// A run that copied nothing either way and met no refusal.
fn assert_idle(rep: &Report) {
    assert_eq!(
        (rep.progress, rep.rejected.as_slice()),
        (Progress::default(), &[][..])
    );
}

fn conflicted_ids(s: &MemoryStore) -> Vec<String> {
    block_on(s.conflicted(0))
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

const ID: &str = "incident:1";

#[test]
fn a_document_created_on_one_device_reaches_the_other_with_its_history() {
    let (couch, a, b) = (FakeCouch::new(), Device::new("A"), Device::new("B"));
    let r1 = a.put(ID, None, false, &body(ID, "Printer jammed"));
    let r2 = a.put(ID, Some(&r1), false, &body(ID, "Printer jammed on floor 3"));
    let rep = a.run(&couch).unwrap();
    assert_eq!(
        rep.progress,
        Progress {
            pulled: 0,
            pushed: 1
        }
    );
    couch.reset_log();
    let rep = b.run(&couch).unwrap();
    assert_eq!(
        rep.progress,
        Progress {
            pulled: 1,
            pushed: 0
        }
    );
    assert_eq!(couch.count(Route::BulkDocs), 0, "B sends nothing back");
    let (da, db, ds) = (a.doc(ID), b.doc(ID), couch.doc(ID).unwrap());
    assert_eq!(db.rev, r2);
    assert_eq!(json(&db.body), json(&da.body));
    assert_eq!(db.tree.ancestry(&r2), vec![r2.clone(), r1.clone()]);
    assert_eq!(ds.tree.ancestry(&r2), vec![r2.clone(), r1]);
    assert_eq!(replica(&ds), replica(&da));
    assert_eq!(replica(&db), replica(&da));
}

/// A and B edit the same synced document offline, then sync A, B, A.
fn concurrent_edits() -> (FakeCouch, Device, Device, Rev, Rev) {
    let (couch, a, b) = (FakeCouch::new(), Device::new("A"), Device::new("B"));
    let r1 = a.put(ID, None, false, &body(ID, "Printer jammed"));
    a.run(&couch).unwrap();
    b.run(&couch).unwrap();
    let ra = a.put(ID, Some(&r1), false, &body(ID, "A: tray 2 replaced"));
    let rb = b.put(ID, Some(&r1), false, &body(ID, "B: paper refilled"));
    for d in [&a, &b, &a] {
        d.run(&couch).unwrap();
    }
    let (winner, loser) = if ra > rb { (ra, rb) } else { (rb, ra) };
    (couch, a, b, winner, loser)
}

#[test]
fn concurrent_edits_end_with_the_same_winner_and_conflict_everywhere() {
    let (couch, a, b, winner, loser) = concurrent_edits();
    let expected = replica(&a.doc(ID));
    for d in [a.doc(ID), b.doc(ID), couch.doc(ID).unwrap()] {
        assert_eq!(d.tree.winner(), Some(winner.clone()));
        assert_eq!(d.rev, winner);
        assert_eq!(d.tree.conflicts(), vec![loser.clone()]);
        assert_eq!(replica(&d), expected);
    }
    assert_eq!(conflicted_ids(&a.store), [ID]);
    assert_eq!(conflicted_ids(&b.store), [ID]);
}

#[test]
fn a_resolution_on_one_device_clears_the_conflict_everywhere() {
    let (couch, a, b, winner, loser) = concurrent_edits();
    let merged = body(ID, "A+B: tray 2 replaced and paper refilled");
    let m = b.put(ID, Some(&winner), false, &merged);
    let tomb = next_rev(Some(&loser), true, &tombstone(ID));
    let mut path = vec![tomb.clone()];
    path.extend(b.doc(ID).tree.ancestry(&loser));
    let r = RemoteRevision {
        id: ID.into(),
        path,
        deleted: true,
        body: tombstone(ID),
    };
    block_on(b.store.merge_remote(vec![r])).unwrap();
    assert!(conflicted_ids(&b.store).is_empty());
    b.run(&couch).unwrap();
    a.run(&couch).unwrap();
    for d in [a.doc(ID), b.doc(ID), couch.doc(ID).unwrap()] {
        assert_eq!(d.rev, m);
        assert!(d.tree.conflicts().is_empty(), "{d:?}");
        assert_eq!(json(&d.body), json(&merged));
        assert!(d.tree.node(&tomb).is_some_and(|n| n.deleted));
    }
    assert!(conflicted_ids(&a.store).is_empty());
    assert!(block_on(couch.store().conflicted(0)).unwrap().is_empty());
}

#[test]
fn runs_with_nothing_new_send_only_what_a_no_op_needs() {
    let (couch, a, b) = (FakeCouch::new(), Device::new("A"), Device::new("B"));
    a.put("incident:1", None, false, &body("incident:1", "one"));
    a.put("incident:2", None, false, &body("incident:2", "two"));
    a.run(&couch).unwrap();
    b.run(&couch).unwrap();
    // A reads its own documents back once (they are on the server's feed now).
    couch.reset_log();
    let rep = a.run(&couch).unwrap();
    assert_eq!(rep.progress, Progress::default());
    for (route, n) in [
        (Route::Changes, 1),
        (Route::BulkGet, 0),
        (Route::RevsDiff, 0),
        (Route::BulkDocs, 0),
    ] {
        assert_eq!(couch.count(route), n, "{route:?}");
    }
    for d in [&a, &b] {
        couch.reset_log();
        let rep = d.run(&couch).unwrap();
        assert_idle(&rep);
        let expected = [
            (Route::Changes, 1),
            (Route::LocalGet, 2),
            (Route::LocalPut, 0),
            (Route::BulkGet, 0),
            (Route::OpenRevs, 0),
            (Route::RevsDiff, 0),
            (Route::BulkDocs, 0),
        ];
        for (route, n) in expected {
            assert_eq!(couch.count(route), n, "{} {route:?}", d.id);
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
fn without_bulk_get_open_revs_gives_the_same_result() {
    let couch = FakeCouch::new();
    let r1 = couch.create("incident:1", &body("incident:1", "v1"));
    let r2 = couch.edit("incident:1", &r1, &body("incident:1", "v2"));
    couch.edit("incident:1", &r2, &body("incident:1", "v3"));
    let c1 = couch.create("incident:2", &body("incident:2", "base"));
    couch.edit("incident:2", &c1, &body("incident:2", "server edit"));
    couch.put_revision(
        "incident:2",
        vec![Rev::new(2, "ffff"), c1],
        false,
        &body("incident:2", "other edit"),
    );
    let d1 = couch.create("incident:3", &body("incident:3", "gone"));
    couch.delete("incident:3", &d1);
    let (a, b) = (Device::new("A"), Device::new("B"));
    a.run(&couch).unwrap();
    couch.disable_bulk_get(true);
    couch.reset_log();
    assert_eq!(b.run(&couch).unwrap().progress.pulled, 4);
    assert_eq!(
        (couch.count(Route::BulkGet), couch.count(Route::OpenRevs)),
        (1, 3)
    );
    assert_eq!(b.ids(), a.ids());
    for id in a.ids() {
        assert_eq!(replica(&b.doc(&id)), replica(&a.doc(&id)), "{id}");
        assert_eq!(
            replica(&b.doc(&id)),
            replica(&couch.doc(&id).unwrap()),
            "{id}"
        );
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
fn deletions_replicate_and_an_edit_beats_a_concurrent_deletion() {
    let (couch, a, b) = (FakeCouch::new(), Device::new("A"), Device::new("B"));
    let x1 = a.put("incident:x", None, false, &body("incident:x", "x"));
    let y1 = a.put("incident:y", None, false, &body("incident:y", "y"));
    a.run(&couch).unwrap();
    b.run(&couch).unwrap();
    let gone = a.put("incident:x", Some(&x1), true, &tombstone("incident:x"));
    // A edits y twice then deletes it (a longer branch); B edits it once.
    let y2 = a.put("incident:y", Some(&y1), false, &body("incident:y", "y2"));
    let y3 = a.put("incident:y", Some(&y2), false, &body("incident:y", "y3"));
    let tomb = a.put("incident:y", Some(&y3), true, &tombstone("incident:y"));
    let kept = b.put(
        "incident:y",
        Some(&y1),
        false,
        &body("incident:y", "y, B's edit"),
    );
    for d in [&a, &b, &a] {
        d.run(&couch).unwrap();
    }
    for x in [
        a.doc("incident:x"),
        b.doc("incident:x"),
        couch.doc("incident:x").unwrap(),
    ] {
        assert!(x.deleted && x.rev == gone, "{x:?}");
    }
    for y in [
        a.doc("incident:y"),
        b.doc("incident:y"),
        couch.doc("incident:y").unwrap(),
    ] {
        assert_eq!((y.rev.clone(), y.deleted), (kept.clone(), false));
        assert_eq!(json(&y.body), json(&body("incident:y", "y, B's edit")));
        assert!(y.tree.conflicts().is_empty());
        assert!(y.others.iter().any(|l| l.rev == tomb && l.deleted));
    }
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

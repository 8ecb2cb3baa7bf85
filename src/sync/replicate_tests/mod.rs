//! Native tests of the replicator: two in-memory devices syncing through one fake
//! CouchDB — copies and histories, conflicts and their resolution, no-op runs,
//! `open_revs` instead of `_bulk_get`, and deletions. Checkpoints across failures,
//! faults, refusals and string sequences are in `replicate_fault_tests.rs`.

use serde_json::{json, Value};

use super::checkpoint::{replication_id, Checkpoint, Direction};
use super::fake_couch::{FakeCouch, Route};
use super::replicate::{checkpoint_key, Progress, Replication, Report, BATCH};
use super::transport::SyncError;
use crate::domain::couch::document::{DocState, NewRevision, RemoteRevision};
use crate::domain::couch::revision::{next_rev, Rev, RevNode};
use crate::storage::memory::MemoryStore;
use crate::storage::Store;
use crate::test_util::block_on;

mod faults;

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
        checkpoint_key(&rep)
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

#[test]
fn what_a_run_just_pulled_is_not_asked_about_again_unless_local_edits_wait() {
    let couch = FakeCouch::new();
    for i in 0..30 {
        let id = format!("incident:{i}");
        couch.create(&id, &body(&id, "from the server"));
    }
    // A fresh device with nothing to push: the pull's revisions are skipped by the push.
    let a = Device::new("A");
    couch.reset_log();
    let rep = a.run(&couch).unwrap();
    assert_eq!(rep.progress.pulled, 30);
    assert_eq!(couch.count(Route::RevsDiff), 0, "nothing asked about again");
    assert_eq!(couch.count(Route::BulkDocs), 0);
    let seq = block_on(a.store.last_seq()).unwrap();
    let push = replication_id("A", &couch.ep.server, &couch.ep.db, Direction::Push);
    let saved = block_on(a.store.meta_get(&checkpoint_key(&push)))
        .unwrap()
        .unwrap();
    let newest = Checkpoint::parse(&saved).history[0].last_seq.clone();
    assert_eq!(
        newest,
        json!(seq),
        "the push checkpoint moved over the pulled range"
    );

    // A device with an edit not yet pushed: the same pull must not hide it.
    let b = Device::new("B");
    b.put(
        "incident:local",
        None,
        false,
        &body("incident:local", "made offline"),
    );
    couch.reset_log();
    let rep = b.run(&couch).unwrap();
    assert_eq!(rep.progress.pulled, 30);
    assert_eq!(rep.progress.pushed, 1);
    assert!(
        couch.doc("incident:local").is_some(),
        "the local edit reached the server"
    );
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

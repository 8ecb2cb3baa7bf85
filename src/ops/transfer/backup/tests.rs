//! Backup and restore through the in-memory store: a backup restored into an empty
//! store rebuilds every document (conflicts and tombstones too); a merge keeps the sync
//! winner and every conflict; bad files and refusals write nothing.

use super::*;
use crate::domain::couch::document::LeafBody;
use crate::domain::couch::document::{NewRevision, RemoteRevision};
use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::demo;
use crate::domain::incident::Incident;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

fn incidents() -> Vec<Incident> {
    demo::incidents(5, 11, Timestamp(1_700_000_000_000))
}

fn body(i: &Incident) -> String {
    Record::Incident(i.clone()).to_json().unwrap()
}

fn retitled(i: &Incident, title: &str) -> String {
    let mut i = i.clone();
    i.title = title.into();
    body(&i)
}

fn put(s: &MemoryStore, id: &str, parent: Option<Rev>, deleted: bool, body: String) -> Rev {
    block_on(s.put(NewRevision {
        id: id.into(),
        parent,
        deleted,
        body,
    }))
    .unwrap()
    .rev
}

fn winner(s: &MemoryStore, id: &str) -> DocState {
    block_on(s.get(id)).unwrap().unwrap()
}

/// Store A: an edited document, a conflicted one, a tombstone, one deleted then
/// recreated, one untouched; and two reference counters.
fn store_a(inc: &[Incident]) -> MemoryStore {
    let s = MemoryStore::new();
    let r = put(&s, &inc[0].id, None, false, body(&inc[0]));
    put(
        &s,
        &inc[0].id,
        Some(r),
        false,
        retitled(&inc[0], "Edited once"),
    );
    let r = put(&s, &inc[1].id, None, false, body(&inc[1]));
    let other = retitled(&inc[1], "Edited on another device");
    let theirs = crate::domain::couch::revision::next_rev(Some(&r), false, &other);
    put(
        &s,
        &inc[1].id,
        Some(r.clone()),
        false,
        retitled(&inc[1], "Edited here"),
    );
    block_on(s.merge_remote(vec![RemoteRevision {
        id: inc[1].id.clone(),
        path: vec![theirs, r],
        deleted: false,
        body: other,
    }]))
    .unwrap();
    let r = put(&s, &inc[2].id, None, false, body(&inc[2]));
    put(
        &s,
        &inc[2].id,
        Some(r),
        true,
        format!("{{\"_id\":\"{}\"}}", inc[2].id),
    );
    let r = put(&s, &inc[3].id, None, false, body(&inc[3]));
    put(&s, &inc[3].id, Some(r), true, "{}".into());
    put(&s, &inc[3].id, None, false, retitled(&inc[3], "Back again"));
    put(&s, &inc[4].id, None, false, body(&inc[4]));
    block_on(s.meta_put("counter:INC", "7")).unwrap();
    block_on(s.meta_put("counter:PRB", "3")).unwrap();
    block_on(s.meta_put("sync-settings", "{\"url\":\"x\"}")).unwrap();
    s
}

fn backup_of(s: &MemoryStore) -> String {
    let mut body = String::new();
    let done = block_on(export(
        s,
        Timestamp(1),
        |_| {},
        |slice| body.push_str(&slice),
    ))
    .unwrap();
    format!("{}{body}{}", done.header, done.footer)
}

fn restore_into(s: &MemoryStore, text: &str, mode: Mode) -> Result<Outcome, RestoreError> {
    block_on(restore(s, text.as_bytes(), mode, None, |_| {}))
}

/// A document's state without what restoring cannot and need not keep: the local
/// sequence, the order nodes were added in, and the deletion flag of revisions that
/// are no longer leaves (sync does not carry it either; only leaves decide a winner).
type Comparable = (
    String,
    Rev,
    bool,
    String,
    Vec<LeafBody>,
    Vec<(Rev, Option<Rev>, bool)>,
);

fn comparable(s: DocState) -> Comparable {
    let leaves: Vec<Rev> = s.tree.leaves().into_iter().map(|n| n.rev.clone()).collect();
    let mut nodes: Vec<(Rev, Option<Rev>, bool)> = s
        .tree
        .nodes()
        .iter()
        .map(|n| {
            (
                n.rev.clone(),
                n.parent.clone(),
                n.deleted && leaves.contains(&n.rev),
            )
        })
        .collect();
    nodes.sort();
    (s.id, s.rev, s.deleted, s.body, s.others, nodes)
}

#[test]
fn a_backup_restored_into_an_empty_store_rebuilds_every_document() {
    let inc = incidents();
    let a = store_a(&inc);
    let text = backup_of(&a);
    let b = MemoryStore::new();
    let out = restore_into(&b, &text, Mode::IntoEmpty).unwrap();
    assert_eq!(out.added, 5);
    assert_eq!(out.conflicts_created, 1);
    for i in &inc {
        assert_eq!(
            comparable(winner(&b, &i.id)),
            comparable(winner(&a, &i.id)),
            "{}",
            i.id
        );
    }
    let conflicted = winner(&b, &inc[1].id);
    assert_eq!(conflicted.tree.conflicts().len(), 1, "the conflict is kept");
    assert!(winner(&b, &inc[2].id).deleted, "the tombstone is kept");
    assert_eq!(
        block_on(b.meta_get("counter:INC")).unwrap().as_deref(),
        Some("7")
    );
    assert_eq!(
        block_on(b.meta_get("counter:PRB")).unwrap().as_deref(),
        Some("3")
    );
    assert_eq!(
        block_on(b.meta_get("sync-settings")).unwrap(),
        None,
        "not configuration"
    );
    // A backup of the restored store says the same.
    let again = backup_of(&b);
    assert_eq!(again.lines().count(), text.lines().count());
}

#[test]
fn an_empty_desk_only_means_empty() {
    let inc = incidents();
    let a = store_a(&inc);
    let text = backup_of(&a);
    let seq = block_on(a.last_seq()).unwrap();
    let err = restore_into(&a, &text, Mode::IntoEmpty).unwrap_err();
    assert!(matches!(err, RestoreError::NotEmpty(5)), "{err:?}");
    assert!(err.to_string().contains("not empty"));
    assert_eq!(block_on(a.last_seq()).unwrap(), seq);
}

#[test]
fn merging_keeps_the_newer_side_and_every_conflict() {
    let inc = incidents();
    let a = store_a(&inc);
    let old = backup_of(&a);
    // C starts as a copy of the old backup.
    let c = MemoryStore::new();
    restore_into(&c, &old, Mode::IntoEmpty).unwrap();
    // A edits incident 0 (C will be older), C edits incident 4 (C will be newer);
    // both edit incident 3 (concurrent).
    let w = winner(&a, &inc[0].id).rev;
    let a_new = put(
        &a,
        &inc[0].id,
        Some(w),
        false,
        retitled(&inc[0], "Newer in A"),
    );
    let w = winner(&c, &inc[4].id).rev;
    let c_new = put(
        &c,
        &inc[4].id,
        Some(w),
        false,
        retitled(&inc[4], "Newer in C"),
    );
    let w = winner(&a, &inc[3].id).rev;
    let a3 = put(
        &a,
        &inc[3].id,
        Some(w.clone()),
        false,
        retitled(&inc[3], "A's"),
    );
    let c3 = put(&c, &inc[3].id, Some(w), false, retitled(&inc[3], "C's"));
    block_on(c.meta_put("counter:INC", "100")).unwrap();
    let newer = backup_of(&a);
    let out = restore_into(&c, &newer, Mode::Merge).unwrap();
    assert_eq!(
        out,
        Outcome {
            added: 0,
            updated: 2,
            unchanged: 3,
            conflicts_created: 1
        }
    );
    assert_eq!(
        winner(&c, &inc[0].id).rev,
        a_new,
        "the backup's newer edit wins"
    );
    assert_eq!(
        winner(&c, &inc[4].id).rev,
        c_new,
        "the local newer edit stays"
    );
    let both = winner(&c, &inc[3].id);
    assert_eq!(
        both.rev,
        a3.clone().max(c3.clone()),
        "CouchDB's winner rule"
    );
    assert_eq!(
        both.tree.conflicts(),
        vec![a3.min(c3)],
        "the other edit is kept"
    );
    assert_eq!(
        block_on(c.meta_get("counter:INC")).unwrap().as_deref(),
        Some("100")
    );
    // Merging the old backup back changes nothing.
    let seq = block_on(c.last_seq()).unwrap();
    let out = restore_into(&c, &old, Mode::Merge).unwrap();
    assert_eq!(out.unchanged, 5);
    assert_eq!(block_on(c.last_seq()).unwrap(), seq);
}

#[test]
fn a_bad_file_writes_nothing_even_after_good_documents() {
    let inc = incidents();
    let a = store_a(&inc);
    let text = backup_of(&a);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let last_doc = lines.len() - 2;
    lines[last_doc] = lines[last_doc].replacen("\"start\":", "\"start\":\"x\",\"s\":", 1);
    let bad = lines.join("\n");
    let b = MemoryStore::new();
    let err = restore_into(&b, &bad, Mode::Merge).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Nothing was restored. Document 5 (line 7)"),
        "{err}"
    );
    assert_eq!(block_on(b.last_seq()).unwrap(), 0);
    assert_eq!(block_on(b.meta_get("counter:INC")).unwrap(), None);
}

#[test]
fn a_restore_that_clearly_does_not_fit_is_refused_up_front() {
    let a = store_a(&incidents());
    let text = backup_of(&a);
    let b = MemoryStore::new();
    let err = block_on(restore(
        &b,
        text.as_bytes(),
        Mode::IntoEmpty,
        Some(100),
        |_| {},
    ))
    .unwrap_err();
    assert!(matches!(err, RestoreError::NoSpace { .. }), "{err:?}");
    assert!(err.to_string().contains("no storage space left"));
    assert_eq!(block_on(b.last_seq()).unwrap(), 0);
}

#[test]
fn large_restores_go_in_batches_with_progress() {
    let many: Vec<Incident> = demo::incidents(WRITE_BATCH * 2 + 10, 3, Timestamp(1));
    let a = MemoryStore::new();
    for i in &many {
        put(&a, &i.id, None, false, body(i));
    }
    let text = backup_of(&a);
    let b = MemoryStore::new();
    let mut seen = Vec::new();
    let out = block_on(restore(&b, text.as_bytes(), Mode::IntoEmpty, None, |p| {
        if p.step == Step::Writing {
            seen.push(p.done)
        }
    }))
    .unwrap();
    assert_eq!(out.added, many.len());
    assert_eq!(seen, vec![WRITE_BATCH, WRITE_BATCH * 2, many.len()]);
    assert_eq!(block_on(b.count_changes(0)).unwrap() as usize, many.len());
}

#[test]
fn a_stopped_restore_says_which_batches_were_written() {
    let stopped = |written| {
        RestoreError::Stopped {
            error: StoreError::QuotaExceeded,
            written,
            batches: 3,
            so_far: Outcome {
                added: 1000 * written,
                ..Outcome::default()
            },
        }
        .to_string()
    };
    let one = stopped(1);
    assert!(one.contains("no storage space left"), "{one}");
    assert!(
        one.contains("Batch 1 of 3 was written (1000 added"),
        "{one}"
    );
    assert!(one.contains("batch 2 and later were not"), "{one}");
    let two = stopped(2);
    assert!(
        two.contains("Batches 1–2 of 3 were written (2000 added"),
        "{two}"
    );
    assert!(two.contains("batch 3 and later were not"), "{two}");
    assert!(stopped(0).starts_with("Nothing was restored"));
}

/// A memory store where another tab reserves `count` references of `key` just before
/// the restore writes that counter: the moment between reading it and writing it.
struct ReservedMeanwhile {
    inner: MemoryStore,
    key: &'static str,
    count: u64,
    done: std::cell::Cell<bool>,
}

impl ReservedMeanwhile {
    async fn other_tab_reserves(&self, key: &str) {
        if key == self.key && !self.done.replace(true) {
            self.inner.reserve_counters(key, self.count).await.unwrap();
        }
    }
}

impl Store for ReservedMeanwhile {
    async fn put(&self, rev: NewRevision) -> Result<crate::storage::WriteResult, StoreError> {
        self.inner.put(rev).await
    }
    async fn put_batch(
        &self,
        revs: Vec<NewRevision>,
    ) -> Result<Vec<crate::storage::WriteResult>, StoreError> {
        self.inner.put_batch(revs).await
    }
    async fn merge_remote(
        &self,
        revs: Vec<RemoteRevision>,
    ) -> Result<Vec<crate::storage::WriteResult>, StoreError> {
        self.inner.merge_remote(revs).await
    }
    async fn conflicted(&self, limit: u32) -> Result<Vec<crate::storage::DocRow>, StoreError> {
        self.inner.conflicted(limit).await
    }
    async fn get(&self, id: &str) -> Result<Option<DocState>, StoreError> {
        self.inner.get(id).await
    }
    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<DocState>>, StoreError> {
        self.inner.get_many(ids).await
    }
    async fn count_changes(&self, since: u64) -> Result<u32, StoreError> {
        self.inner.count_changes(since).await
    }
    async fn find_by_reference(
        &self,
        reference: &str,
    ) -> Result<Vec<crate::storage::DocRow>, StoreError> {
        self.inner.find_by_reference(reference).await
    }
    async fn list(
        &self,
        q: &crate::storage::ListQuery,
    ) -> Result<Vec<crate::storage::DocRow>, StoreError> {
        self.inner.list(q).await
    }
    async fn count(&self, q: &crate::storage::ListQuery) -> Result<u32, StoreError> {
        self.inner.count(q).await
    }
    async fn scan(
        &self,
        kind: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<crate::storage::ScanPage, StoreError> {
        self.inner.scan(kind, after, limit).await
    }
    async fn changes(
        &self,
        since: u64,
        limit: u32,
    ) -> Result<Vec<crate::storage::ChangeRow>, StoreError> {
        self.inner.changes(since, limit).await
    }
    async fn last_seq(&self) -> Result<u64, StoreError> {
        self.inner.last_seq().await
    }
    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.meta_get(key).await
    }
    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.other_tab_reserves(key).await;
        self.inner.meta_put(key, value).await
    }
    async fn reserve_counters(&self, key: &str, count: u64) -> Result<u64, StoreError> {
        self.inner.reserve_counters(key, count).await
    }
    async fn raise_counter(&self, key: &str, at_least: u64) -> Result<u64, StoreError> {
        self.other_tab_reserves(key).await;
        self.inner.raise_counter(key, at_least).await
    }
}

/// Another tab hands out references while a restore raises the counters: the counter
/// must end at the higher of the two, never roll back below a reference already given
/// out (which the next reservation would then hand out a second time).
#[test]
fn a_reservation_made_while_the_counters_are_restored_is_not_rolled_back() {
    let inc = incidents();
    let text = backup_of(&store_a(&inc)); // counter:INC 7, counter:PRB 3
    let desk = ReservedMeanwhile {
        inner: MemoryStore::new(),
        key: "counter:INC",
        count: 5,
        done: std::cell::Cell::new(false),
    };
    block_on(desk.inner.meta_put("counter:INC", "4")).unwrap();
    block_on(restore(&desk, text.as_bytes(), Mode::Merge, None, |_| {})).unwrap();
    assert!(desk.done.get(), "the other tab's reservation happened");
    // The other tab got INC 5–9; the backup knows up to 7.
    assert_eq!(
        block_on(desk.inner.meta_get("counter:INC"))
            .unwrap()
            .as_deref(),
        Some("9"),
        "the counter is the higher of the backup's and the reserved"
    );
    assert_eq!(
        block_on(desk.inner.next_counter("counter:INC")).unwrap(),
        10
    );
    assert_eq!(
        block_on(desk.inner.meta_get("counter:PRB"))
            .unwrap()
            .as_deref(),
        Some("3")
    );
}

#[test]
fn a_damaged_counter_is_left_as_it_is_and_the_rest_restored() {
    let text = backup_of(&store_a(&incidents()));
    let b = MemoryStore::new();
    block_on(b.meta_put("counter:INC", "junk")).unwrap();
    restore_into(&b, &text, Mode::Merge).unwrap();
    assert_eq!(
        block_on(b.meta_get("counter:INC")).unwrap().as_deref(),
        Some("junk")
    );
    assert_eq!(
        block_on(b.meta_get("counter:PRB")).unwrap().as_deref(),
        Some("3")
    );
}

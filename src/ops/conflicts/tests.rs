//! Tests of conflict listing and resolution over the memory store.

use super::*;
use crate::domain::couch::document::NewRevision;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

const ID: &str = "incident:c1";

fn body(title: &str, urgency: &str) -> String {
    format!(
        r#"{{"_id":"{ID}","type":"incident","reference":"INC-7","title":"{title}","urgency":"{urgency}"}}"#
    )
}

/// A record edited on two devices: a local edit and a remote sibling.
fn conflicted_store() -> MemoryStore {
    let store = MemoryStore::new();
    block_on(async {
        let w = store
            .put(NewRevision {
                id: ID.into(),
                parent: None,
                deleted: false,
                body: body("Printer jams", "low"),
            })
            .await
            .unwrap();
        store
            .put(NewRevision {
                id: ID.into(),
                parent: Some(w.rev.clone()),
                deleted: false,
                body: body("Printer jams on floor 3", "low"),
            })
            .await
            .unwrap();
        let remote = next_rev(Some(&w.rev), false, "remote");
        store
            .merge_remote(vec![RemoteRevision {
                id: ID.into(),
                path: vec![remote, w.rev.clone()],
                deleted: false,
                body: body("Printer jams", "high"),
            }])
            .await
            .unwrap();
    });
    store
}

#[test]
fn a_conflicted_record_is_listed_and_compared_field_by_field() {
    let store = conflicted_store();
    block_on(async {
        let rows = list(&store).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].reference, "INC-7");
        assert_eq!(rows[0].others, 1);
        let view = load(&store, ID).await.unwrap().unwrap();
        let keys: Vec<&str> = view.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["title", "urgency"]);
        let state = store.get(ID).await.unwrap().unwrap();
        assert_eq!(view.current_rev, state.rev);
    });
}

#[test]
fn keeping_the_other_version_writes_it_on_the_winner_and_ends_the_conflict() {
    let store = conflicted_store();
    block_on(async {
        let view = load(&store, ID).await.unwrap().unwrap();
        resolve(&store, &view, view.other.clone()).await.unwrap();
        let state = store.get(ID).await.unwrap().unwrap();
        assert!(state.tree.conflicts().is_empty());
        assert_eq!(state.body, view.other);
        assert_eq!(state.rev.pos, view.current_rev.pos + 1);
        assert!(list(&store).await.unwrap().is_empty());
        assert!(store.conflicted(0).await.unwrap().is_empty());
        assert!(load(&store, ID).await.unwrap().is_none());
    });
}

#[test]
fn a_merge_takes_fields_from_both_and_keeping_the_winner_adds_no_revision() {
    let store = conflicted_store();
    block_on(async {
        let view = load(&store, ID).await.unwrap().unwrap();
        let merged = crate::domain::couch::conflict_merge::merge(
            &view.current,
            &view.other,
            &["urgency".to_owned()],
        )
        .unwrap();
        resolve(&store, &view, merged).await.unwrap();
        let state = store.get(ID).await.unwrap().unwrap();
        assert!(state.body.contains("floor 3") && state.body.contains("high"));
        assert!(state.tree.conflicts().is_empty());

        let store = conflicted_store();
        let view = load(&store, ID).await.unwrap().unwrap();
        resolve(&store, &view, view.current.clone()).await.unwrap();
        let state = store.get(ID).await.unwrap().unwrap();
        assert_eq!(
            state.rev, view.current_rev,
            "the winner itself is kept as it is"
        );
        assert!(state.tree.conflicts().is_empty());
    });
}

#[test]
fn a_record_changed_since_it_was_shown_is_not_resolved() {
    let store = conflicted_store();
    block_on(async {
        let view = load(&store, ID).await.unwrap().unwrap();
        store
            .put(NewRevision {
                id: ID.into(),
                parent: Some(view.current_rev.clone()),
                deleted: false,
                body: body("Edited meanwhile", "low"),
            })
            .await
            .unwrap();
        let before = store.get(ID).await.unwrap();
        assert!(matches!(
            resolve(&store, &view, view.other.clone()).await,
            Err(AppError::Stale)
        ));
        assert_eq!(store.get(ID).await.unwrap(), before, "nothing written");
    });
}

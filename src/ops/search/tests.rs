//! Native tests of the search index handle over a memory store holding the demo: the
//! first build, catching up with creations, edits and deletions from the changes feed,
//! the portal's public-only scope, and damaged documents.

use super::*;
use crate::domain::couch::document::NewRevision;
use crate::ops::demo;
use crate::search::Filter;
use crate::storage::memory::MemoryStore;
use crate::test_util::block_on;

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        filter: Filter::default(),
        limit: 20,
    }
}

fn titles(search: &Search, text: &str) -> Vec<String> {
    search
        .query(&q(text))
        .hits
        .into_iter()
        .map(|h| h.doc.title)
        .collect()
}

#[test]
fn builds_from_the_demo_and_follows_writes() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let search = Search::desk();
        search.sync(&store).await.unwrap();
        assert!(search.is_built());
        assert!(search.len() > 30, "demo records indexed: {}", search.len());
        assert_eq!(
            titles(&search, "printr jams").first().map(String::as_str),
            Some("Printer on floor 3 jams")
        );

        // A new record written to the store is found after the next sync.
        let body = r#"{"type":"release","_id":"release:zz","reference":"REL-ZZZZZ-0001","name":"Quokka billing","version":"9.9","status":"planned","created":1,"updated":2}"#;
        store
            .put(NewRevision {
                id: "release:zz".into(),
                parent: None,
                deleted: false,
                body: body.into(),
            })
            .await
            .unwrap();
        assert!(titles(&search, "quokka").is_empty(), "not synced yet");
        search.sync(&store).await.unwrap();
        assert_eq!(
            titles(&search, "quokka"),
            vec!["Quokka billing 9.9".to_string()]
        );

        // Deleted: gone at the next sync.
        let rev = store.get("release:zz").await.unwrap().unwrap().rev;
        store
            .put(NewRevision {
                id: "release:zz".into(),
                parent: Some(rev),
                deleted: true,
                body: "{}".into(),
            })
            .await
            .unwrap();
        search.sync(&store).await.unwrap();
        assert!(titles(&search, "quokka").is_empty());
    });
}

#[test]
fn the_index_is_saved_and_read_back_instead_of_rebuilt() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let first = Search::desk();
        first.sync(&store).await.unwrap();
        let saved = store
            .meta_get(SAVED_KEY)
            .await
            .unwrap()
            .expect("saved after the build");
        let (index, seq) = Index::load(&saved).unwrap();
        assert_eq!(seq, store.last_seq().await.unwrap());
        assert_eq!(index.len(), first.len());

        // A saved index that differs from the records shows it is what a new visit
        // reads: a record only it holds is found, without any write in between.
        let mut marked = index.clone();
        marked.upsert(&crate::search::extract::from_json(
            r#"{"type":"release","_id":"release:only-saved","reference":"REL-ZZZZZ-0009","name":"Wombat","status":"planned","created":1,"updated":2}"#,
        ).unwrap().unwrap());
        store.meta_put(SAVED_KEY, &marked.save(seq)).await.unwrap();
        let second = Search::desk();
        second.sync(&store).await.unwrap();
        assert_eq!(titles(&second, "wombat"), vec!["Wombat".to_string()]);

        // A write after the save is caught up from the changes feed.
        let body = r#"{"type":"release","_id":"release:new","reference":"REL-ZZZZZ-0010","name":"Numbat","status":"planned","created":1,"updated":2}"#;
        store
            .put(NewRevision {
                id: "release:new".into(),
                parent: None,
                deleted: false,
                body: body.into(),
            })
            .await
            .unwrap();
        let third = Search::desk();
        third.sync(&store).await.unwrap();
        assert_eq!(titles(&third, "numbat"), vec!["Numbat".to_string()]);
        assert_eq!(titles(&third, "wombat"), vec!["Wombat".to_string()]);
    });
}

#[test]
fn a_damaged_saved_index_is_rebuilt_from_the_records() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        store
            .meta_put(SAVED_KEY, "{\"v\":1,\"damaged\":")
            .await
            .unwrap();
        let search = Search::desk();
        search.sync(&store).await.unwrap();
        assert!(!titles(&search, "vpn").is_empty());
        // And the damaged one was replaced by a good one.
        let saved = store.meta_get(SAVED_KEY).await.unwrap().unwrap_or_default();
        assert!(Index::load(&saved).is_ok());
    });
}

#[test]
fn a_damaged_document_is_reported_and_the_rest_indexed() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        store
            .put(NewRevision {
                id: "incident:bad".into(),
                parent: None,
                deleted: false,
                body: r#"{"type":"incident","title":7}"#.into(),
            })
            .await
            .unwrap();
        let search = Search::desk();
        search.sync(&store).await.unwrap();
        assert_eq!(search.unreadable(), vec!["incident:bad".to_string()]);
        assert!(!titles(&search, "vpn").is_empty());
    });
}

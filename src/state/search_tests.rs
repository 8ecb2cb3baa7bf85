//! Native tests of the search index handle over a memory store holding the demo: the
//! first build, catching up with creations, edits and deletions from the changes feed,
//! the portal's public-only scope, and damaged documents.

use super::*;
use crate::domain::document::NewRevision;
use crate::search::{Filter, Kind};
use crate::state::demo;
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
    search.query(&q(text)).hits.into_iter().map(|h| h.doc.title).collect()
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
        assert_eq!(titles(&search, "printr jams").first().map(String::as_str), Some("Printer on floor 3 jams"));

        // A new record written to the store is found after the next sync.
        let body = r#"{"type":"release","_id":"release:zz","reference":"REL-ZZZZZ-0001","name":"Quokka billing","version":"9.9","status":"planned","created":1,"updated":2}"#;
        store
            .put(NewRevision { id: "release:zz".into(), parent: None, deleted: false, body: body.into() })
            .await
            .unwrap();
        assert!(titles(&search, "quokka").is_empty(), "not synced yet");
        search.sync(&store).await.unwrap();
        assert_eq!(titles(&search, "quokka"), vec!["Quokka billing 9.9".to_string()]);

        // Deleted: gone at the next sync.
        let rev = store.get("release:zz").await.unwrap().unwrap().rev;
        store
            .put(NewRevision { id: "release:zz".into(), parent: Some(rev), deleted: true, body: "{}".into() })
            .await
            .unwrap();
        search.sync(&store).await.unwrap();
        assert!(titles(&search, "quokka").is_empty());
    });
}

#[test]
fn the_portal_index_holds_only_public_content() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        let portal = Search::portal();
        portal.sync(&store).await.unwrap();
        // The internal payslip article and every incident are absent; the public
        // workaround article is there.
        let hits = portal.query(&q("payslip")).hits;
        assert!(hits.iter().all(|h| h.doc.public && h.doc.kind != Kind::Incident), "{hits:?}");
        assert!(!hits.iter().any(|h| h.doc.title == "Payslip PDF is blank: download as HTML"));
        let vpn = titles(&portal, "vpn");
        assert_eq!(vpn, vec!["Connect to the VPN from home or a hotel".to_string()]);
    });
}

#[test]
fn a_damaged_document_is_reported_and_the_rest_indexed() {
    block_on(async {
        let store = MemoryStore::new();
        demo::load(&store, 0).await.unwrap();
        store
            .put(NewRevision { id: "incident:bad".into(), parent: None, deleted: false, body: r#"{"type":"incident","title":7}"#.into() })
            .await
            .unwrap();
        let search = Search::desk();
        search.sync(&store).await.unwrap();
        assert_eq!(search.unreadable(), vec!["incident:bad".to_string()]);
        assert!(!titles(&search, "vpn").is_empty());
    });
}

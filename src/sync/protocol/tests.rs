//! Tests of the replication wire shapes: parsing answers, building requests, and the
//! round trip of a document with its history.

use super::*;
use crate::domain::couch::revision::RevTree;
use serde_json::json;

fn r(s: &str) -> Rev {
    s.parse().unwrap()
}

#[test]
fn a_document_with_revisions_becomes_a_path_keeping_only_its_id() {
    let doc = json!({"_id":"incident:1","_rev":"3-c","_revisions":{"start":3,"ids":["c","b","a"]},
        "_conflicts":["3-x"],"type":"incident","title":"Printer"});
    let rr = remote_revision(&doc).unwrap();
    assert_eq!(rr.id, "incident:1");
    assert_eq!(rr.path, vec![r("3-c"), r("2-b"), r("1-a")]);
    assert!(!rr.deleted);
    let body: Value = serde_json::from_str(&rr.body).unwrap();
    assert_eq!(
        body,
        json!({"_id":"incident:1","type":"incident","title":"Printer"})
    );
}

#[test]
fn inconsistent_documents_are_refused() {
    for doc in [
        json!([1]),
        json!({"_rev":"1-a"}),
        json!({"_id":"x"}),
        json!({"_id":"x","_rev":"nope"}),
        json!({"_id":"x","_rev":"2-b","_revisions":{"start":2,"ids":["c","a"]}}),
        json!({"_id":"x","_rev":"2-b","_revisions":{"start":1,"ids":["b","a"]}}),
        json!({"_id":"x","_rev":"2-b","_revisions":{"start":2,"ids":[]}}),
        json!({"_id":"x","_rev":"2-b","_revisions":{"start":"2","ids":["b"]}}),
    ] {
        assert!(remote_revision(&doc).is_err(), "{doc}");
    }
}

#[test]
fn outgoing_documents_carry_their_ancestry_and_round_trip() {
    let mut tree = RevTree::new();
    tree.merge_path(&[r("2-b"), r("1-a")], false).unwrap();
    tree.merge_path(&[r("2-z"), r("1-a")], true).unwrap();
    let state = DocState {
        id: "incident:1".into(),
        rev: r("2-b"),
        deleted: false,
        body: r#"{"title":"T"}"#.into(),
        tree,
        others: vec![crate::domain::couch::document::LeafBody {
            rev: r("2-z"),
            deleted: true,
            body: "{}".into(),
        }],
        seq: 4,
    };
    let doc = outgoing_doc(&state, &r("2-b")).unwrap();
    assert_eq!(doc["_revisions"], json!({"start":2,"ids":["b","a"]}));
    assert_eq!(doc["title"], "T");
    let back = remote_revision(&doc).unwrap();
    assert_eq!(back.path, vec![r("2-b"), r("1-a")]);
    let del = outgoing_doc(&state, &r("2-z")).unwrap();
    assert_eq!(del["_deleted"], true);
    assert!(outgoing_doc(&state, &r("1-a")).is_none(), "not a leaf");
}

#[test]
fn answers_parse_or_fail_clearly() {
    let c = parse_changes(r#"{"results":[{"seq":"5-g1","id":"a","changes":[{"rev":"1-x"},{"rev":"2-y"}]},{"seq":6,"id":"_design/v","changes":[{"rev":"1-d"}]}],"last_seq":6}"#).unwrap();
    assert_eq!(since_param(&c.last_seq), "6");
    assert_eq!(since_param(&c.results[0].seq), "5-g1");
    let revs = changed_revs(&c.results).unwrap();
    assert_eq!(revs, vec![("a".to_owned(), vec![r("1-x"), r("2-y")])]);
    assert!(parse_changes("{\"results\":5}").is_err());
    assert!(parse_changes("<html>").is_err());
    let diff =
        parse_revs_diff(r#"{"a":{"missing":["2-y"],"possible_ancestors":["1-x"]}}"#).unwrap();
    assert_eq!(diff["a"], vec![r("2-y")]);
    assert!(parse_revs_diff(r#"{"a":{"missing":["bad"]}}"#).is_err());
    let got = parse_bulk_get(r#"{"results":[{"id":"a","docs":[{"ok":{"_id":"a","_rev":"1-x","v":1}},{"error":{"id":"a","rev":"9-q","error":"not_found"}}]}]}"#).unwrap();
    assert_eq!((got.docs.len(), got.failed.len()), (1, 0));
    assert!(parse_bulk_get(r#"{"results":[{"id":"a"}]}"#).is_err());
    let open = parse_open_revs(r#"[{"ok":{"_id":"a","_rev":"1-x"}},{"missing":"2-y"}]"#).unwrap();
    assert_eq!(open.len(), 1);
    let rej = parse_bulk_docs(r#"[{"id":"a","rev":"1-x","error":"forbidden","reason":"only yours"},{"ok":true,"id":"b","rev":"1-y"}]"#).unwrap();
    assert_eq!(rej.len(), 1);
    assert_eq!(rej[0].reason, "only yours");
    assert_eq!(parse_bulk_docs("[]").unwrap(), vec![]);
    assert_eq!(
        error_reason(r#"{"error":"forbidden","reason":"no"}"#).as_deref(),
        Some("forbidden: no")
    );
}

#[test]
fn bulk_get_errors_other_than_not_found_are_listed_to_fetch_again() {
    let text = json!({ "results": [
        { "id": "a", "docs": [{ "ok": { "_id": "a", "_rev": "1-x" } }] },
        { "id": "b", "docs": [{ "error": { "id": "b", "rev": "1-y", "error": "timeout", "reason": "" } }] },
        { "id": "c", "docs": [{ "error": { "rev": "1-z", "error": "internal_server_error" } }] },
        { "id": "d", "docs": [{ "error": { "id": "d", "rev": "1-w", "error": "not_found" } }] },
    ] });
    let got = parse_bulk_get(&text.to_string()).unwrap();
    assert_eq!(got.docs.len(), 1);
    assert_eq!(got.failed, ["b", "c"], "not_found is not fetched again");
    let nameless = r#"{"results":[{"docs":[{"error":{"error":"timeout"}}]}]}"#;
    assert!(parse_bulk_get(nameless).is_err());
}

//! Tests of the search extract module.
use super::*;
use crate::domain::demo::scenario;

const NOW: Timestamp = Timestamp(1_795_000_000_000);

#[test]
fn every_demo_record_of_a_searched_kind_is_read() {
    let now = crate::domain::kernel::time::Timestamp(1_795_000_000_000);
    let mut seen = 0;
    for r in crate::domain::demo::scenario(now) {
        let json = r.to_json().unwrap();
        match from_json(&json) {
            Ok(Some(_)) => seen += 1,
            Ok(None) => {}
            Err(e) => panic!("{e}: {}", &json[..json.len().min(300)]),
        }
    }
    assert!(seen > 30);
}

/// The demo record of this kind and title, as search reads it.
fn demo_doc(kind: Kind, title: &str) -> SearchDoc {
    let found = scenario(NOW)
        .iter()
        .filter_map(from_record)
        .find(|d| d.kind == kind && d.title == title);
    found.unwrap_or_else(|| panic!("no demo {} titled {title:?}", kind.noun()))
}

#[test]
fn the_portal_may_show_exactly_what_the_records_say_is_public() {
    for record in scenario(NOW) {
        let expected = match &record {
            Record::Article(a) => a.is_public(),
            Record::KnownError(k) => k.is_public(),
            _ => false,
        };
        if let Some(doc) = from_record(&record) {
            assert_eq!(doc.public, expected, "{} {:?}", doc.kind.noun(), doc.title);
        }
    }
}

#[test]
fn internal_draft_and_in_review_articles_are_not_public() {
    for title in [
        "Payslip PDF is blank: download as HTML",
        "Unlock a Windows account",
        "Read your payslip",
    ] {
        assert!(!demo_doc(Kind::Article, title).public, "{title}");
    }
    assert!(demo_doc(Kind::Article, "Clear a paper jam on the floor 3 printer").public);
}

#[test]
fn incidents_are_never_public() {
    let doc = demo_doc(Kind::Incident, "Checkout button misaligned on mobile");
    assert!(!doc.public);
}

#[test]
fn a_known_error_gives_its_code_symptoms_and_workaround() {
    let doc = demo_doc(
        Kind::KnownError,
        "Customers logged out when switching language",
    );
    assert_eq!(doc.code.as_deref(), Some("SESSION_EXPIRED"));
    assert!(doc.summary.starts_with("After changing the language"));
    assert!(doc.body.contains("Choose the language on the sign-in page"));
    assert_eq!(doc.snippet, doc.summary);
    assert!(doc.public);
}

#[test]
fn a_blank_error_code_is_no_code() {
    let doc = demo_doc(Kind::KnownError, "Payslip PDF blank for names with accents");
    assert_eq!(doc.code, None);
}

#[test]
fn an_incident_gives_its_category_description_resolution_and_reporter() {
    let doc = demo_doc(
        Kind::Incident,
        "Logged out after changing language to German",
    );
    assert_eq!(doc.summary, "Application");
    assert!(doc.body.contains("every time they choose Deutsch"));
    assert!(doc.body.contains("choose the language before signing in"));
    assert_eq!(doc.status, "Resolved");
    assert_eq!(doc.services.len(), 1);
    assert!(doc.reference.starts_with("INC-"));
}

#[test]
fn a_problem_gives_its_root_cause_and_workaround_as_summary() {
    let doc = demo_doc(
        Kind::Problem,
        "Session cookie lost when the language changes",
    );
    assert!(doc.summary.contains("cookie is scoped to the old host"));
    assert!(doc
        .summary
        .contains("Choose the language on the sign-in page"));
    assert!(doc.body.contains("Found while testing the release"));
}

#[test]
fn an_article_gives_its_summary_tags_and_body() {
    let doc = demo_doc(Kind::Article, "Clear a paper jam on the floor 3 printer");
    assert_eq!(
        doc.summary,
        "Step by step, with the doors to open.\nprinter, jam"
    );
    assert!(doc.body.contains("Pull the green lever"));
    assert_eq!(doc.snippet, "Step by step, with the doors to open.");
}

#[test]
fn a_release_is_titled_by_its_name_and_version() {
    let doc = demo_doc(Kind::Release, "Customer portal 5.1");
    assert!(doc.reference.starts_with("REL-"));
    assert_eq!(doc.status, "Early life support");
}

#[test]
fn other_kinds_of_document_are_not_searched() {
    let settings = r#"{"_id":"settings","type":"settings"}"#;
    assert!(matches!(from_json(settings), Ok(None)));
    let person = scenario(NOW)
        .into_iter()
        .find(|r| matches!(r, Record::Person(_)))
        .unwrap();
    assert_eq!(from_record(&person), None);
}

#[test]
fn a_damaged_document_is_an_error_not_a_panic() {
    assert!(from_json("{").is_err());
    assert!(from_json(r#"{"type":"incident","title":"no id"}"#).is_err());
    assert!(from_json(r#"{"type":"incident","_id":"x","reference":"INC-1","status":"Nope","created":0,"updated":0}"#).is_err());
}

#[test]
fn a_short_text_is_its_own_snippet_on_one_line() {
    assert_eq!(
        snippet("Printer  jams\non floor 3"),
        "Printer jams on floor 3"
    );
    assert_eq!(snippet(""), "");
}

#[test]
fn a_long_text_is_cut_between_words_with_an_ellipsis() {
    let text = "printer jams ".repeat(30);
    let cut = snippet(&text);
    assert!(cut.chars().count() <= SNIPPET);
    assert!(cut.ends_with("jams…") || cut.ends_with("printer…"), "{cut}");
    assert!(text.starts_with(cut.trim_end_matches('…')));
}

#[test]
fn one_overlong_word_is_cut_inside_it() {
    let cut = snippet(&"é".repeat(400));
    assert_eq!(cut.chars().count(), SNIPPET);
    assert!(cut.ends_with('…'));
}

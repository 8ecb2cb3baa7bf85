//! Tests of answering a query: prefix and typo matching and their bounds, exact
//! reference and error-code lookup, field boosts, BM25 and recency, every word or any
//! word, filters and counts per kind.
use super::*;
use crate::search::SearchDoc;

/// An incident with only a title; tests fill in the rest with [`With::with`].
fn doc(id: &str, title: &str) -> SearchDoc {
    SearchDoc::sample(id, title, false)
}

trait With: Sized {
    fn with(self, change: impl FnOnce(&mut Self)) -> Self;
}

impl<T> With for T {
    fn with(mut self, change: impl FnOnce(&mut Self)) -> Self {
        change(&mut self);
        self
    }
}

fn index_of(docs: &[SearchDoc]) -> Index {
    let mut index = Index::new();
    for d in docs {
        index.upsert(d);
    }
    index
}

fn run(index: &Index, text: &str, filter: Filter) -> Results {
    index.search(&SearchQuery {
        text: text.to_owned(),
        filter,
        limit: 20,
    })
}

/// The ids of the hits for `text`, best first.
fn ids(index: &Index, text: &str) -> Vec<String> {
    hit_ids(&run(index, text, Filter::default()))
}

fn hit_ids(r: &Results) -> Vec<String> {
    r.hits.iter().map(|h| h.doc.id.clone()).collect()
}

fn score(index: &Index, text: &str, id: &str) -> f32 {
    let r = run(index, text, Filter::default());
    let hit = r.hits.into_iter().find(|h| h.doc.id == id);
    hit.unwrap_or_else(|| panic!("{text:?} does not find {id}"))
        .score
}

// Prefixes.

#[test]
fn a_word_being_typed_finds_the_words_it_starts() {
    let index = index_of(&[doc("a", "Printer jams"), doc("b", "Scanner offline")]);
    assert_eq!(ids(&index, "print"), ["a"]);
    assert_eq!(ids(&index, "scan"), ["b"]);
}

#[test]
fn a_prefix_counts_less_than_the_whole_word() {
    let index = index_of(&[doc("whole", "print queue"), doc("prefix", "printer queue")]);
    assert_eq!(ids(&index, "print"), ["whole", "prefix"]);
    assert!(score(&index, "print", "whole") > score(&index, "print", "prefix"));
}

#[test]
fn the_words_a_prefix_matched_are_listed_for_highlighting() {
    let index = index_of(&[doc("a", "Printer jams"), doc("b", "Printing slow")]);
    let r = run(&index, "print", Filter::default());
    assert_eq!(r.matched, ["print", "printer"]);
}

// Typo tolerance.

fn typos() -> Index {
    let titles = [
        "Laptop will not boot",
        "Printer jams",
        "Calendar invites",
        "VPN drops",
    ];
    let docs: Vec<SearchDoc> = titles.iter().map(|t| doc(&t[..3], t)).collect();
    index_of(&docs)
}

#[test]
fn one_typo_is_forgiven_from_four_letters() {
    assert_eq!(ids(&typos(), "bolt"), ["Lap"]);
    assert_eq!(ids(&typos(), "prinzer"), ["Pri"]);
}

#[test]
fn a_second_typo_is_forgiven_only_from_eight_letters() {
    assert!(ids(&typos(), "bilt").is_empty());
    assert!(ids(&typos(), "prinzez").is_empty());
    assert_eq!(ids(&typos(), "kalender"), ["Cal"]);
    assert!(ids(&typos(), "kalendez").is_empty());
}

#[test]
fn a_typo_in_a_three_letter_word_does_not_match() {
    assert!(ids(&typos(), "vpm").is_empty());
    assert_eq!(ids(&typos(), "vpn"), ["VPN"]);
}

#[test]
fn two_swapped_letters_count_as_one_typo() {
    assert_eq!(ids(&typos(), "pritner"), ["Pri"]);
    // Two swaps in eight letters: two typos.
    assert_eq!(ids(&typos(), "claednar"), ["Cal"]);
}

#[test]
fn a_typo_counts_less_than_the_word_itself() {
    let index = index_of(&[doc("exact", "mail queue"), doc("typo", "main queue")]);
    assert_eq!(ids(&index, "mail"), ["exact", "typo"]);
    assert!(score(&index, "mail", "exact") > score(&index, "mail", "typo"));
}

#[test]
fn codes_and_numbers_are_never_typo_matched() {
    let coded = doc("a", "Timeout on export").with(|d| d.code = Some("ERR-4012".into()));
    let index = index_of(&[coded]);
    assert_eq!(ids(&index, "ERR-4012"), ["a"]);
    assert!(ids(&index, "ERR-4013").is_empty());
    assert!(ids(&index, "4013").is_empty());
    assert!(ids(&index, "err4013").is_empty());
}

// Exact reference and error-code lookup.

fn referenced() -> Index {
    let mentioned = "Seen in INC-7K3QF-0042, INC-7K3QF-0042 and INC-7K3QF-0042 again";
    index_of(&[
        doc("incident:42", "Printer jams").with(|d| d.reference = "INC-7K3QF-0042".into()),
        doc("problem:7", "INC-7K3QF-0042 keeps coming back").with(|d| {
            d.reference = "PRB-7K3QF-0007".into();
            d.body = mentioned.into();
        }),
        known_error("known_error:3", "KE-7K3QF-0003", "ERR-4012", "Export stops"),
        doc("incident:43", "Export fails with ERR-4012")
            .with(|d| d.body = "The log said ERR-4012 ERR-4012".into()),
    ])
}

fn known_error(id: &str, reference: &str, code: &str, title: &str) -> SearchDoc {
    doc(id, title).with(|d| {
        d.kind = Kind::KnownError;
        d.reference = reference.into();
        d.code = Some(code.into());
    })
}

fn first_exact(text: &str) -> (String, bool) {
    let r = run(&referenced(), text, Filter::default());
    let first = r.hits.first().unwrap_or_else(|| panic!("{text:?}: no hit"));
    (first.doc.id.clone(), first.exact)
}

#[test]
fn a_full_reference_puts_its_record_first_even_below_records_mentioning_it_more() {
    assert_eq!(first_exact("INC-7K3QF-0042"), ("incident:42".into(), true));
    let r = run(&referenced(), "INC-7K3QF-0042", Filter::default());
    assert_eq!(r.hits.iter().filter(|h| h.exact).count(), 1);
    assert!(r.hits.iter().any(|h| h.doc.id == "problem:7"));
}

#[test]
fn a_reference_is_found_in_any_case_with_or_without_hyphens() {
    for typed in ["inc-7k3qf-0042", "INC7K3QF0042", " Inc-7k3Qf-0042 "] {
        assert_eq!(first_exact(typed), ("incident:42".into(), true), "{typed}");
    }
}

#[test]
fn a_reference_without_its_kind_prefix_is_found() {
    assert_eq!(first_exact("7K3QF-0042"), ("incident:42".into(), true));
    assert_eq!(first_exact("7k3qf0007"), ("problem:7".into(), true));
}

#[test]
fn an_error_code_puts_its_known_error_first() {
    for typed in ["ERR-4012", "err4012", "Err_4012"] {
        let expected = ("known_error:3".into(), true);
        assert_eq!(first_exact(typed), expected, "{typed}");
    }
}

#[test]
fn an_error_code_of_words_only_puts_its_known_error_first() {
    let index = index_of(&[
        known_error(
            "known_error:4",
            "KE-7K3QF-0004",
            "SESSION_EXPIRED",
            "Logout",
        ),
        doc("incident:44", "Session expired: session_expired in the log"),
    ]);
    for typed in ["SESSION_EXPIRED", "session-expired"] {
        let first = run(&index, typed, Filter::default()).hits.remove(0);
        let got = (first.doc.id.as_str(), first.exact);
        assert_eq!(got, ("known_error:4", true), "{typed}");
    }
}

#[test]
fn part_of_an_error_code_finds_its_known_error_without_jumping_to_it() {
    let r = run(&referenced(), "4012", Filter::default());
    assert!(r.hits.iter().any(|h| h.doc.id == "known_error:3"));
    assert!(r.hits.iter().all(|h| !h.exact));
}

#[test]
fn an_exact_record_filtered_out_is_not_shown() {
    let filter = Filter::default().with(|f| f.kinds = vec![Kind::Incident]);
    let r = run(&referenced(), "ERR-4012", filter);
    assert_eq!(hit_ids(&r), ["incident:43"]);
    assert!(!r.hits[0].exact);
    assert_eq!(r.by_kind[Kind::KnownError.index()], 1);
}

// Field boosts, BM25 and recency.

/// Four records alike but for `word`, which each has in one field only (every record
/// has a reference, as every stored record does).
fn one_field_each(word: &str) -> Index {
    let filler = "alpha beta";
    let with = format!("alpha {word}");
    let base = |id: &str| {
        doc(id, filler).with(|d| {
            d.reference = "INC-ABCDE-0001".into();
            d.summary = filler.into();
            d.body = filler.into();
        })
    };
    index_of(&[
        base("body").with(|d| d.body = with.clone()),
        base("summary").with(|d| d.summary = with.clone()),
        base("title").with(|d| d.title = with.clone()),
        base("code").with(|d| d.code = Some(word.to_uppercase())),
    ])
}

#[test]
fn an_error_code_outranks_a_title_a_summary_and_a_body() {
    let index = one_field_each("quota_exceeded");
    let order = ["code", "title", "summary", "body"];
    assert_eq!(ids(&index, "quota exceeded"), order);
}

#[test]
fn a_reference_outranks_the_same_tag_in_a_title_or_body() {
    let with_ref = |id: &str, title: &str, r: &str| doc(id, title).with(|d| d.reference = r.into());
    let index = index_of(&[
        with_ref("body", "Laptop swap", "INC-ABCDE-0001").with(|d| d.body = "from 7K3QF".into()),
        with_ref("reference", "Laptop swap", "INC-7K3QF-0042"),
        with_ref("title", "Laptop 7K3QF swap", "INC-ABCDE-0002"),
    ]);
    assert_eq!(ids(&index, "7k3qf"), ["reference", "title", "body"]);
}

#[test]
fn a_rarer_word_outweighs_a_common_one() {
    let mut docs: Vec<SearchDoc> = (0..8)
        .map(|n| doc(&format!("common:{n}"), "printer offline"))
        .collect();
    docs.push(doc("printer", "printer queue"));
    docs.push(doc("toner", "toner queue"));
    let index = index_of(&docs);
    let found = ids(&index, "printer toner");
    assert_eq!(found[0], "toner");
    assert!(score(&index, "printer toner", "toner") > score(&index, "printer toner", "printer"));
}

#[test]
fn recency_breaks_a_tie_newest_first_whatever_the_order_added() {
    let older = doc("older", "Printer jams").with(|d| d.updated = 1_000);
    let newer = doc("newer", "Printer jams").with(|d| d.updated = 2_000);
    for docs in [[older.clone(), newer.clone()], [newer, older]] {
        let index = index_of(&docs);
        assert_eq!(ids(&index, "printer"), ["newer", "older"]);
        let scores = ["newer", "older"].map(|id| score(&index, "printer", id));
        assert_eq!(scores[0], scores[1]);
    }
}

#[test]
fn records_alike_in_score_and_age_keep_one_order_whatever_order_they_came_in() {
    let [a, b] = ["incident:a", "incident:b"].map(|id| doc(id, "Printer jams"));
    let one_way = index_of(&[a.clone(), b.clone()]);
    let other_way = index_of(&[b, a]);
    assert_eq!(ids(&one_way, "printer"), ids(&other_way, "printer"));
}

// Every word, or any word.

fn printers() -> Index {
    index_of(&[
        doc("both", "Printer toner low"),
        doc("printer", "Printer offline"),
        doc("toner", "Toner smudges"),
    ])
}

#[test]
fn every_word_must_match_when_some_record_has_them_all() {
    let r = run(&printers(), "printer toner", Filter::default());
    assert_eq!(hit_ids(&r), ["both"]);
    assert!(r.all_words);
    assert_eq!(r.total, 1);
}

#[test]
fn when_no_record_has_every_word_records_with_some_are_shown_most_words_first() {
    let r = run(&printers(), "printer toner drum", Filter::default());
    assert!(!r.all_words);
    assert_eq!(hit_ids(&r)[0], "both");
    assert_eq!(r.hits.len(), 3);
}

#[test]
fn a_word_nobody_has_finds_nothing() {
    let r = run(&printers(), "scanner", Filter::default());
    assert!(r.hits.is_empty());
    assert_eq!((r.total, r.by_kind), (0, [0; 5]));
}

#[test]
fn a_query_of_stopwords_finds_nothing() {
    let r = run(&printers(), "how do I", Filter::default());
    assert_eq!(r, Results::default());
}

#[test]
fn the_limit_caps_the_hits_but_not_the_total() {
    let r = printers().search(&SearchQuery {
        text: "printer".into(),
        filter: Filter::default(),
        limit: 1,
    });
    assert_eq!((r.hits.len(), r.total), (1, 2));
}

// Filters and counts per kind.

fn mixed() -> Index {
    let at = |id: &str, kind: Kind, status: &'static str, service: &str, created: i64| {
        doc(id, "VPN drops").with(|d| {
            (d.kind, d.status, d.created, d.updated) = (kind, status, created, created);
            d.services = vec![service.to_owned()];
            d.public = kind == Kind::Article;
        })
    };
    index_of(&[
        at("inc-new", Kind::Incident, "New", "service:vpn", 100),
        at("inc-closed", Kind::Incident, "Closed", "service:vpn", 200),
        at("inc-mail", Kind::Incident, "New", "service:mail", 300),
        at("article", Kind::Article, "Published", "service:vpn", 400),
        at("problem", Kind::Problem, "New", "service:vpn", 500),
    ])
}

/// The ids found for "vpn" in [`mixed`] with the filter so changed, sorted.
fn found(change: impl FnOnce(&mut Filter)) -> Vec<String> {
    let hits = run(&mixed(), "vpn", Filter::default().with(change)).hits;
    let mut ids: Vec<String> = hits.into_iter().map(|h| h.doc.id).collect();
    ids.sort();
    ids
}

#[test]
fn a_kind_filter_keeps_those_kinds_only() {
    let kinds = vec![Kind::Article, Kind::Problem];
    assert_eq!(found(|f| f.kinds = kinds), ["article", "problem"]);
}

#[test]
fn a_status_filter_keeps_that_status_only() {
    assert_eq!(found(|f| f.status = Some("Closed".into())), ["inc-closed"]);
}

#[test]
fn a_service_filter_keeps_that_service_only() {
    assert_eq!(
        found(|f| f.service = Some("service:mail".into())),
        ["inc-mail"]
    );
}

#[test]
fn a_date_range_includes_its_start_and_excludes_its_end() {
    let range = found(|f| (f.from, f.to) = (Some(200), Some(400)));
    assert_eq!(range, ["inc-closed", "inc-mail"]);
}

#[test]
fn public_only_keeps_what_the_portal_may_show() {
    assert_eq!(found(|f| f.public_only = true), ["article"]);
}

#[test]
fn counts_per_kind_ignore_the_kind_filter() {
    let filter = Filter::default().with(|f| f.kinds = vec![Kind::Article]);
    let r = run(&mixed(), "vpn", filter);
    assert_eq!(r.total, 1);
    assert_eq!(r.by_kind, [3, 1, 0, 1, 0]);
}

#[test]
fn counts_per_kind_follow_every_other_filter() {
    let filter = Filter::default().with(|f| {
        f.kinds = vec![Kind::Article];
        f.status = Some("New".into());
        f.service = Some("service:vpn".into());
    });
    let r = run(&mixed(), "vpn", filter);
    assert_eq!(r.total, 0);
    assert_eq!(r.by_kind, [1, 1, 0, 0, 0]);
}

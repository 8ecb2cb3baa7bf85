//! Tests of the palette's list: action matching, grouping and order, keyboard moves,
//! record routes and what the live region says.

use super::*;
use crate::search::{Filter, Index, SearchDoc, SearchQuery};

fn doc(kind: Kind, reference: &str, title: &str, code: Option<&str>, updated: i64) -> SearchDoc {
    SearchDoc {
        id: format!("{}:{reference}", kind.key()),
        kind,
        reference: reference.into(),
        code: code.map(str::to_owned),
        title: title.into(),
        summary: String::new(),
        body: String::new(),
        snippet: String::new(),
        status: "New",
        services: Vec::new(),
        created: updated,
        updated,
        public: false,
    }
}

fn index() -> Index {
    let mut ix = Index::new();
    for d in [
        doc(
            Kind::Release,
            "REL-AAAAA-0001",
            "Printer fleet firmware 4.2",
            None,
            1,
        ),
        doc(
            Kind::Incident,
            "INC-AAAAA-0001",
            "Printer on floor 3 jams",
            None,
            5,
        ),
        doc(
            Kind::Incident,
            "INC-AAAAA-0002",
            "VPN drops every 10 minutes",
            None,
            4,
        ),
        doc(
            Kind::Article,
            "KB-AAAAA-0001",
            "Clear a printer paper jam",
            None,
            3,
        ),
        doc(
            Kind::KnownError,
            "KE-AAAAA-0001",
            "Printer spooler stalls",
            Some("ERR-4012"),
            2,
        ),
    ] {
        ix.upsert(&d);
    }
    ix
}

fn search(text: &str) -> Results {
    index().search(&SearchQuery {
        text: text.into(),
        filter: Filter::default(),
        limit: 20,
    })
}

fn layout(sections: &[Section]) -> Vec<(Group, Vec<String>)> {
    sections
        .iter()
        .map(|s| {
            let rows = s
                .rows
                .iter()
                .map(|(_, r)| match r {
                    Row::Action(a) => a.label().to_owned(),
                    Row::Record(h) => h.doc.reference.clone(),
                })
                .collect();
            (s.group, rows)
        })
        .collect()
}

#[test]
fn actions_match_the_start_of_their_words_in_any_case() {
    assert!(Action::GoReleases.matches("go to rel"));
    assert!(Action::GoReleases.matches("RELEASES"));
    assert!(Action::GoReleases.matches("deploy"));
    assert!(Action::GoKnowledge.matches("articles"));
    assert!(Action::NewIncident.matches("new inc"));
    assert!(Action::NewIncident.matches(""));
    assert!(!Action::GoReleases.matches("leases"));
    assert!(!Action::GoReleases.matches("go to problems"));
    assert!(!Action::NewIncident.matches("printer"));
}

#[test]
fn demo_data_is_only_offered_when_asked() {
    assert!(!actions_for("", false).contains(&Action::LoadDemo));
    assert!(actions_for("", true).contains(&Action::LoadDemo));
    assert_eq!(actions_for("demo", true), vec![Action::LoadDemo]);
    assert!(actions_for("demo", false).is_empty());
    assert_eq!(actions_for("", false).len(), Action::ALL.len() - 1);
}

#[test]
fn every_action_but_demo_goes_somewhere() {
    for a in Action::ALL {
        assert_eq!(a.route().is_none(), a == Action::LoadDemo, "{a:?}");
    }
    assert_eq!(Action::GoKnowledge.route(), Some(AppRoute::Articles));
}

#[test]
fn an_empty_query_lists_the_actions_only() {
    let list = sections("  ", &search("printer"), false);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].group, Group::Actions);
    assert_eq!(row_count(&list), Action::ALL.len() - 1);
}

#[test]
fn records_are_grouped_by_kind_in_display_order_with_positions_in_sequence() {
    let results = search("printer");
    let list = sections("printer", &results, false);
    let groups: Vec<Group> = list.iter().map(|s| s.group).collect();
    assert_eq!(
        groups,
        vec![
            Group::Kind(Kind::Incident),
            Group::Kind(Kind::KnownError),
            Group::Kind(Kind::Article),
            Group::Kind(Kind::Release),
        ]
    );
    let positions: Vec<usize> = list
        .iter()
        .flat_map(|s| s.rows.iter().map(|(i, _)| *i))
        .collect();
    assert_eq!(positions, (0..results.hits.len()).collect::<Vec<_>>());
    assert_eq!(row_count(&list), 4);
    assert!(matches!(row_at(&list, 1), Some(Row::Record(h)) if h.doc.reference == "KE-AAAAA-0001"));
    assert!(row_at(&list, 4).is_none());
}

#[test]
fn an_exact_reference_or_code_comes_first_then_matching_actions() {
    let list = sections("KE-AAAAA-0001", &search("KE-AAAAA-0001"), false);
    assert_eq!(list[0].group, Group::Exact);
    assert!(
        matches!(row_at(&list, 0), Some(Row::Record(h)) if h.exact && h.doc.kind == Kind::KnownError)
    );

    let list = sections("err-4012", &search("err-4012"), false);
    assert_eq!(
        layout(&list)[0],
        (Group::Exact, vec!["KE-AAAAA-0001".to_owned()])
    );

    let list = sections("releases", &search("releases"), false);
    assert_eq!(
        layout(&list)[0],
        (Group::Actions, vec!["Go to releases".to_owned()])
    );
}

#[test]
fn arrows_wrap_and_home_end_jump() {
    assert_eq!(step(None, 0, Move::Down), None);
    assert_eq!(step(Some(2), 0, Move::Up), None);
    assert_eq!(step(None, 3, Move::Down), Some(0));
    assert_eq!(step(None, 3, Move::Up), Some(2));
    assert_eq!(step(Some(0), 3, Move::Down), Some(1));
    assert_eq!(step(Some(2), 3, Move::Down), Some(0));
    assert_eq!(step(Some(0), 3, Move::Up), Some(2));
    assert_eq!(step(Some(2), 3, Move::Up), Some(1));
    assert_eq!(step(Some(1), 3, Move::First), Some(0));
    assert_eq!(step(Some(1), 3, Move::Last), Some(2));
    // A position left over from a longer list stays inside the new one.
    assert_eq!(step(Some(7), 3, Move::Down), Some(0));
    assert_eq!(step(Some(7), 3, Move::Up), Some(2));
}

#[test]
fn records_open_on_their_own_page() {
    let results = search("printer");
    let routes: Vec<String> = results
        .hits
        .iter()
        .map(|h| record_route(&h.doc).href())
        .collect();
    assert!(routes.contains(&"/desk/incidents/INC-AAAAA-0001".to_owned()));
    assert!(routes.contains(&"/desk/known-errors/KE-AAAAA-0001".to_owned()));
    assert!(routes.contains(&"/desk/articles/KB-AAAAA-0001".to_owned()));
    assert!(routes.contains(&"/desk/releases/REL-AAAAA-0001".to_owned()));
}

#[test]
fn the_search_page_link_carries_the_words() {
    assert_eq!(
        search_page_href(" vpn drops "),
        "/desk/search?q=vpn%20drops"
    );
    assert_eq!(search_page_href(""), "/desk/search");
}

#[test]
fn the_live_region_says_what_is_on_screen() {
    assert_eq!(announcement("vpn", 0, true), "Building the search index…");
    assert_eq!(announcement("vpn", 12, false), "12 results");
    assert_eq!(announcement("vpn", 1, false), "1 result");
    assert_eq!(announcement(" zzz ", 0, false), "No records match “zzz”.");
    assert!(announcement("", 0, false).starts_with("Type to search"));
}

//! Tests of the search page's URL state, its filter and its count line.

use std::collections::HashMap;

use super::*;

fn parse(qs: &str) -> SearchParams {
    let map: HashMap<String, String> = qs
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), decode(v)))
        .collect();
    SearchParams::from_query(|k| map.get(k).cloned())
}

/// Percent-decoding, as the router does before the page reads a value.
fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn every_field_round_trips_through_the_url() {
    let p = SearchParams {
        text: "vpn drops & co é".into(),
        kind: Some(Kind::KnownError),
        status: Some("Active"),
        service: Some("service:1f/2".into()),
        from: Some("2026-01-05".into()),
        to: Some("2026-02-28".into()),
    };
    let qs = p.to_query();
    assert_eq!(
        qs,
        "q=vpn%20drops%20%26%20co%20%C3%A9&kind=known_error&status=active&service=service%3A1f%2F2&from=2026-01-05&to=2026-02-28"
    );
    assert_eq!(parse(&qs), p);
    assert_eq!(p.href(), format!("/desk/search?{qs}"));
    assert_eq!(SearchParams::default().to_query(), "");
    assert_eq!(SearchParams::default().href(), "/desk/search");
}

#[test]
fn statuses_are_those_of_the_kind_and_unknown_values_are_dropped() {
    assert_eq!(
        parse("kind=incident&status=in_progress").status,
        Some("In progress")
    );
    assert_eq!(
        parse("kind=release&status=early_life_support").status,
        Some("Early life support")
    );
    // A problem status on an article search means nothing.
    assert_eq!(
        parse("kind=article&status=under_investigation").status,
        None
    );
    // With every kind, any kind's status is offered.
    assert_eq!(
        parse("status=under_investigation").status,
        Some("Under investigation")
    );
    assert_eq!(
        parse("kind=bogus&status=new"),
        SearchParams {
            status: Some("New"),
            ..SearchParams::default()
        }
    );
    assert_eq!(
        parse("from=2026-02-30&to=yesterday&service="),
        SearchParams::default()
    );
    // A date typed without leading zeros is written back the usual way.
    assert_eq!(parse("from=2026-1-5").from.as_deref(), Some("2026-01-05"));
}

#[test]
fn status_choices_follow_the_lifecycles() {
    assert_eq!(
        status_choices(Some(Kind::Incident)),
        vec![
            "New",
            "In progress",
            "On hold",
            "Resolved",
            "Closed",
            "Cancelled"
        ]
    );
    assert_eq!(
        status_choices(Some(Kind::Article)),
        vec!["Draft", "In review", "Published", "Retired"]
    );
    let all = status_choices(None);
    for kind in Kind::ALL {
        for s in kind_statuses(kind) {
            assert_eq!(all.iter().filter(|x| **x == s).count(), 1, "{s}");
        }
    }
}

#[test]
fn choosing_a_kind_keeps_a_status_it_has_and_drops_one_it_has_not() {
    let p = parse("q=vpn&status=new");
    assert_eq!(p.with_kind(Some(Kind::Incident)).status, Some("New"));
    assert_eq!(p.with_kind(Some(Kind::Release)).status, None);
    assert_eq!(p.with_kind(Some(Kind::Release)).text, "vpn");
    assert_eq!(
        parse("kind=release&status=planned").with_kind(None).status,
        Some("Planned")
    );
}

#[test]
fn the_filter_counts_the_to_day_whole() {
    let f = parse("kind=problem&status=new&service=svc&from=2026-03-01&to=2026-03-31").filter();
    let day = |y, m, d| Timestamp::from_civil(y, m, d, 0, 0).millis();
    assert_eq!(f.kinds, vec![Kind::Problem]);
    assert_eq!(f.status.as_deref(), Some("New"));
    assert_eq!(f.service.as_deref(), Some("svc"));
    assert_eq!(f.from, Some(day(2026, 3, 1)));
    assert_eq!(f.to, Some(day(2026, 4, 1)));
    assert!(!f.public_only);
    assert_eq!(parse("").filter(), Filter::default());
}

#[test]
fn a_reversed_date_range_is_explained() {
    assert!(parse("from=2026-03-02&to=2026-03-01")
        .date_problem()
        .is_some());
    assert!(parse("from=2026-03-01&to=2026-03-01")
        .date_problem()
        .is_none());
    assert!(parse("to=2026-03-01").date_problem().is_none());
}

#[test]
fn the_count_line_says_how_many_and_what_to_try() {
    let p = parse("q=vpn");
    assert_eq!(count_line(&p, 23, 23), "23 results.");
    assert_eq!(count_line(&p, 1, 1), "1 result.");
    assert_eq!(count_line(&p, 230, 50), "230 results, showing the best 50.");
    let none = count_line(&p, 0, 0);
    assert!(none.starts_with("No results for “vpn”."), "{none}");
    assert!(!none.contains("filters"));
    assert!(count_line(&parse("q=vpn&kind=release"), 0, 0).contains("clear some filters"));
}

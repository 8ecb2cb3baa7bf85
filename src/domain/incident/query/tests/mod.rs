//! Unit tests for the incident queue query model: filters, counts, sorting, paging and
//! text search (the URL form, saved views and bulk moves are in `incident_query_url_tests`).

use super::*;
use crate::domain::kernel::lifecycle::Lifecycle;
use IncidentStatus::*;

/// Every sort key.
const ALL_KEYS: [SortKey; 12] = SortKey::ALL;

/// A plain open P3 row in production; tests change what they need.
fn row(n: u32, title: &str) -> IncidentRow {
    IncidentRow {
        id: format!("incident:{n}"),
        reference: format!("INC-TEST0-{n:04}"),
        title: title.to_owned(),
        title_lower: fold(title),
        priority: 3,
        status: New,
        assignment_group: None,
        assignee: None,
        service: None,
        environment: Environment::Production,
        release: None,
        known_error: None,
        category: String::new(),
        major: false,
        sla: SlaFilterState::OnTrack,
        created: Timestamp(i64::from(n) * 1000),
        updated: Timestamp(i64::from(n) * 1000),
        ranks: [0; 4],
        grams: 0,
        ref_grams: 0,
        title_key: 0,
        ref_key: 0,
    }
}

/// Twelve varied rows.
fn fixture() -> Vec<IncidentRow> {
    let statuses = [New, InProgress, OnHold, Resolved, Closed, Cancelled];
    let envs = Environment::ALL;
    let titles = [
        "Printer jam on floor 3",
        "Café Wi-Fi down",
        "VPN drops every hour",
        "Müller cannot log in",
        "Señor García's laptop",
        "Garçon app crash",
        "Email delayed",
        "printer out of toner",
        "Payroll export fails",
        "Badge reader offline",
        "Slow CRM search",
        "Disk full on build agent",
    ];
    (0..12u32)
        .map(|k| {
            let i = k as usize;
            let mut r = row(k + 1, titles[i]);
            r.status = statuses[i % 6];
            r.priority = (k % 5) as u8 + 1;
            r.environment = envs[i % 4];
            r.assignment_group = (k % 3 != 0).then(|| format!("group:{}", k % 3));
            r.assignee = (k % 4 != 0).then(|| format!("person:{}", k % 4));
            r.service = (k % 2 == 0).then(|| format!("service:{}", k % 3));
            r.release = (k % 5 == 1).then(|| "release:1".to_owned());
            r.major = k % 6 == 0;
            r.sla = SlaFilterState::ALL[i % 3];
            r.created = Timestamp(i64::from((k * 7) % 12) * 1000);
            r.updated = Timestamp(i64::from((k * 5) % 12) * 1000);
            r
        })
        .collect()
}

/// The references of a whole filtered view under `sort`.
fn refs(rows: &[IncidentRow], f: &IncidentFilter, sort: (SortKey, SortDir)) -> Vec<String> {
    let r = query(rows, f, sort, 0, usize::MAX);
    assert_eq!(r.page.len(), r.total);
    r.page.iter().map(|&i| rows[i].reference.clone()).collect()
}

/// The matching rows by brute force.
fn brute(rows: &[IncidentRow], keep: impl Fn(&IncidentRow) -> bool) -> usize {
    rows.iter().filter(|r| keep(r)).count()
}

fn total(rows: &[IncidentRow], f: IncidentFilter) -> usize {
    query(rows, &f, DEFAULT_SORT, 0, 10).total
}

#[test]
fn default_filter_shows_everything() {
    let rows = fixture();
    let r = query(&rows, &IncidentFilter::default(), DEFAULT_SORT, 0, 5);
    assert_eq!((r.total, r.page.len()), (12, 5));
    assert_eq!(r.counts.all(), 12);
    assert_eq!(r.counts.get(New), 2);
    assert_eq!(r.counts.open(), 6);
}

#[test]
fn each_filter_alone() {
    let rows = fixture();
    let d = IncidentFilter::default;
    let t = |f| total(&rows, f);
    let statuses = vec![New, Closed];
    let n = brute(&rows, |r| matches!(r.status, New | Closed));
    assert_eq!(t(IncidentFilter { statuses, ..d() }), n);
    let n = brute(&rows, |r| matches!(r.status, New | InProgress | OnHold));
    assert_eq!(
        t(IncidentFilter {
            open_only: true,
            ..d()
        }),
        n
    );
    let n = brute(&rows, |r| r.priority <= 2);
    assert_eq!(
        t(IncidentFilter {
            priorities: vec![1, 2],
            ..d()
        }),
        n
    );
    let g = Some("group:1".to_owned());
    let n = brute(&rows, |r| r.assignment_group == g);
    assert_eq!(
        t(IncidentFilter {
            group: g.clone(),
            ..d()
        }),
        n
    );
    let n = brute(&rows, |r| r.assignee.is_none());
    let assignee = AssigneeFilter::Unassigned;
    assert_eq!(t(IncidentFilter { assignee, ..d() }), n);
    let n = brute(&rows, |r| r.assignee.as_deref() == Some("person:2"));
    assert!(n > 0);
    let assignee = AssigneeFilter::Person("person:2".into());
    assert_eq!(t(IncidentFilter { assignee, ..d() }), n);
    let assignee = AssigneeFilter::Me("person:2".into());
    assert_eq!(t(IncidentFilter { assignee, ..d() }), n);
    let s = Some("service:0".to_owned());
    let n = brute(&rows, |r| r.service == s);
    assert_eq!(
        t(IncidentFilter {
            service: s.clone(),
            ..d()
        }),
        n
    );
    let n = brute(&rows, |r| r.environment == Environment::Staging);
    let environment = Some(Environment::Staging);
    assert_eq!(t(IncidentFilter { environment, ..d() }), n);
    let n = brute(&rows, |r| r.environment != Environment::Production);
    assert_eq!(n, 9);
    let pre_production = Some(true);
    assert_eq!(
        t(IncidentFilter {
            pre_production,
            ..d()
        }),
        n
    );
    let pre_production = Some(false);
    assert_eq!(
        t(IncidentFilter {
            pre_production,
            ..d()
        }),
        12 - n
    );
    let release = Some("release:1".to_owned());
    let n = brute(&rows, |r| r.release == release);
    assert_eq!(t(IncidentFilter { release, ..d() }), n);
    assert_eq!(
        t(IncidentFilter {
            major: Some(true),
            ..d()
        }),
        2
    );
    assert_eq!(
        t(IncidentFilter {
            major: Some(false),
            ..d()
        }),
        10
    );
    let sla = vec![SlaFilterState::Breached];
    assert_eq!(t(IncidentFilter { sla, ..d() }), 4);
    let text = "printer".to_owned();
    assert_eq!(t(IncidentFilter { text, ..d() }), 2);
}

#[test]
fn filters_combine_with_and() {
    let rows = fixture();
    let f = IncidentFilter {
        open_only: true,
        priorities: vec![1, 2, 3],
        pre_production: Some(true),
        ..IncidentFilter::default()
    };
    let n = brute(&rows, |r| {
        matches!(r.status, New | InProgress | OnHold)
            && r.priority <= 3
            && r.environment.is_pre_production()
    });
    assert_eq!(total(&rows, f), n);
    // `statuses` and `open_only` both hold: Closed is never open.
    let f = IncidentFilter {
        statuses: vec![New, Closed],
        open_only: true,
        ..IncidentFilter::default()
    };
    assert_eq!(total(&rows, f), brute(&rows, |r| r.status == New));
}

#[test]
fn counts_ignore_only_the_status_filter() {
    let rows = fixture();
    let f = IncidentFilter {
        statuses: vec![Resolved],
        open_only: true,
        priorities: vec![1, 2],
        ..IncidentFilter::default()
    };
    let r = query(&rows, &f, DEFAULT_SORT, 0, 10);
    assert_eq!(r.total, 0);
    for s in IncidentStatus::all() {
        let n = brute(&rows, |r| r.priority <= 2 && r.status == *s);
        assert_eq!(r.counts.get(*s), n, "{s:?}");
    }
    assert_eq!(r.counts.all(), brute(&rows, |r| r.priority <= 2));
    let tabs: Vec<_> = r.counts.iter().map(|(s, _)| s).collect();
    assert_eq!(tabs, IncidentStatus::all());
}

#[test]
fn sorting_by_every_key_both_ways_is_total() {
    let mut rows = fixture();
    // Duplicate values galore, and one exact duplicate row but for its reference.
    let mut twin = rows[3].clone();
    twin.reference = "INC-TEST0-0000".into();
    rows.push(twin);
    let all = IncidentFilter::default();
    for key in ALL_KEYS {
        for dir in [SortDir::Asc, SortDir::Desc] {
            let full = query(&rows, &all, (key, dir), 0, usize::MAX).page;
            let mut expect: Vec<usize> = (0..rows.len()).collect();
            expect.sort_by(|&a, &b| compare(&rows, key, dir, a, b));
            assert_eq!(full, expect, "{key:?} {dir:?}");
            for w in full.windows(2) {
                let o = compare(&rows, key, dir, w[0], w[1]);
                assert_eq!(o, Ordering::Less, "{key:?} {dir:?} not strict");
            }
            // Every prefix taken by selection agrees with the full sort.
            for k in 0..=rows.len() {
                let page = query(&rows, &all, (key, dir), 0, k).page;
                assert_eq!(page, full[..k], "{key:?} {dir:?} first {k}");
            }
        }
    }
}

#[test]
fn sort_semantics() {
    let rows = fixture();
    let all = IncidentFilter::default();
    let first = |sort| rows[query(&rows, &all, sort, 0, 1).page[0]].clone();
    assert_eq!(first((SortKey::Priority, SortDir::Asc)).priority, 1);
    assert_eq!(first((SortKey::Priority, SortDir::Desc)).priority, 5);
    assert_eq!(
        first((SortKey::Sla, SortDir::Asc)).sla,
        SlaFilterState::Breached
    );
    assert_eq!(first(DEFAULT_SORT).updated, Timestamp(11_000));
    assert_eq!(first((SortKey::Age, SortDir::Asc)).created, Timestamp(0));
    // Empty group/assignee/service/release sort last both ways.
    for key in [SortKey::Group, SortKey::Assignee, SortKey::Service] {
        for dir in [SortDir::Asc, SortDir::Desc] {
            let order = refs(&rows, &all, (key, dir));
            let last = rows.iter().find(|r| r.reference == order[11]);
            let value = last.map(|r| match key {
                SortKey::Group => r.assignment_group.clone(),
                SortKey::Assignee => r.assignee.clone(),
                _ => r.service.clone(),
            });
            assert_eq!(value, Some(None), "{key:?} {dir:?}");
        }
    }
    // Title sort ignores case and accents: "Café" sorts with "cafe".
    let mut rows = vec![row(1, "cafe b"), row(2, "Café a"), row(3, "Badge")];
    rows[0].reference = "INC-TEST0-0009".into();
    let order = refs(&rows, &all, (SortKey::Title, SortDir::Asc));
    assert_eq!(
        order,
        ["INC-TEST0-0003", "INC-TEST0-0002", "INC-TEST0-0009"]
    );
}

#[test]
fn paging_at_the_ends() {
    let rows = fixture();
    let all = IncidentFilter::default();
    let sort = (SortKey::Reference, SortDir::Asc);
    let full = query(&rows, &all, sort, 0, usize::MAX).page;
    assert_eq!(full, (0..12).collect::<Vec<_>>());
    assert_eq!(query(&rows, &all, sort, 0, 5).page, full[..5]);
    assert_eq!(query(&rows, &all, sort, 5, 5).page, full[5..10]);
    assert_eq!(query(&rows, &all, sort, 10, 5).page, full[10..]);
    assert_eq!(query(&rows, &all, sort, 11, usize::MAX).page, full[11..]);
    for (offset, limit) in [(12, 5), (13, 5), (usize::MAX, usize::MAX), (0, 0), (3, 0)] {
        let r = query(&rows, &all, sort, offset, limit);
        assert!(r.page.is_empty(), "{offset} {limit}");
        assert_eq!(r.total, 12);
    }
    let r = query(&[], &all, sort, 0, 50);
    assert_eq!((r.page.len(), r.total, r.counts.all()), (0, 0, 0));
}

#[test]
fn fold_strips_case_and_accents() {
    assert_eq!(fold("Café MÜLLER"), "cafe muller");
    assert_eq!(fold("Señor García, garçon"), "senor garcia, garcon");
    assert_eq!(fold("Straße Æsir Œuvre Łódź"), "strasse aesir oeuvre lodz");
    // Decomposed input (e + combining acute) folds the same as composed.
    assert_eq!(fold("Cafe\u{301}"), "cafe");
    assert_eq!(fold("plain ascii 123"), "plain ascii 123");
    assert_eq!(fold("日本"), "日本");
}

#[test]
fn text_search_ignores_case_and_accents() {
    let rows = fixture();
    let find = |q: &str| {
        let f = IncidentFilter {
            text: q.into(),
            ..IncidentFilter::default()
        };
        refs(&rows, &f, (SortKey::Reference, SortDir::Asc))
    };
    assert_eq!(find("CAFE"), ["INC-TEST0-0002"]);
    assert_eq!(find("café"), ["INC-TEST0-0002"]);
    assert_eq!(find("muller"), ["INC-TEST0-0004"]);
    assert_eq!(find("MÜLLER"), ["INC-TEST0-0004"]);
    assert_eq!(find("garcia"), ["INC-TEST0-0005"]);
    assert_eq!(find("garcon"), ["INC-TEST0-0006"]);
    assert_eq!(find("senor"), ["INC-TEST0-0005"]);
    assert_eq!(find("  Printer "), ["INC-TEST0-0001", "INC-TEST0-0008"]);
    // References match in any case, in part or whole.
    assert_eq!(find("inc-test0-0012"), ["INC-TEST0-0012"]);
    assert_eq!(find("0011"), ["INC-TEST0-0011"]);
    assert_eq!(find("nothing like this").len(), 0);
    assert_eq!(find("   ").len(), 12);
}

#[test]
fn mask_positions_follow_display_order() {
    for (i, s) in IncidentStatus::all().iter().enumerate() {
        assert_eq!(status_index(*s), i, "{s:?}");
        assert_eq!(STATUSES[i], *s);
    }
    for (i, e) in Environment::ALL.iter().enumerate() {
        assert_eq!(env_index(*e) as usize, i, "{e:?}");
    }
    for (i, s) in SlaFilterState::ALL.iter().enumerate() {
        assert_eq!(s.index() as usize, i, "{s:?}");
    }
}

mod scale;

mod url;

#[test]
fn optional_columns_sort_by_name_once_ranked() {
    let mut rows = vec![row(1, "a"), row(2, "b"), row(3, "c"), row(4, "d")];
    rows[0].assignment_group = Some("group:1".into());
    rows[1].assignment_group = Some("group:2".into());
    rows[2].assignment_group = Some("group:3".into());
    let names = |id: &str| match id {
        "group:1" => "Zulu team".to_owned(),
        "group:2" => "alpha team".to_owned(),
        _ => "Échelon".to_owned(),
    };
    let all = IncidentFilter::default();
    let by_group = (SortKey::Group, SortDir::Asc);
    assert_eq!(
        refs(&rows, &all, by_group),
        [
            "INC-TEST0-0001",
            "INC-TEST0-0002",
            "INC-TEST0-0003",
            "INC-TEST0-0004"
        ]
    );
    rank_by_name(&mut rows, names);
    // alpha < Échelon (accent folded) < Zulu; no group stays last.
    assert_eq!(
        refs(&rows, &all, by_group),
        [
            "INC-TEST0-0002",
            "INC-TEST0-0003",
            "INC-TEST0-0001",
            "INC-TEST0-0004"
        ]
    );
    assert_eq!(
        refs(&rows, &all, (SortKey::Group, SortDir::Desc)),
        [
            "INC-TEST0-0001",
            "INC-TEST0-0003",
            "INC-TEST0-0002",
            "INC-TEST0-0004"
        ]
    );
}

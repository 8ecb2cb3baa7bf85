//! Unit tests for the queue filter's URL form, the saved views, bulk status moves and
//! building rows from incidents.

use super::*;

#[test]
fn url_writes_only_non_default_parts() {
    let f = IncidentFilter::default();
    assert_eq!(f.to_query(DEFAULT_SORT), "");
    let f = IncidentFilter {
        statuses: vec![New, InProgress],
        priorities: vec![1, 2],
        assignee: AssigneeFilter::Unassigned,
        text: "printer".into(),
        ..IncidentFilter::default()
    };
    let qs = f.to_query((SortKey::Priority, SortDir::Asc));
    assert_eq!(
        qs,
        "status=new,in_progress&priority=1,2&assignee=unassigned&sort=priority&dir=asc&q=printer"
    );
    assert_eq!(parse_query(&qs), (f, (SortKey::Priority, SortDir::Asc)));
}

#[test]
fn url_round_trip_of_every_field() {
    let f = IncidentFilter {
        statuses: vec![OnHold, Resolved, Closed, Cancelled],
        open_only: true,
        priorities: vec![5, 3],
        group: Some("group:service desk & co".into()),
        assignee: AssigneeFilter::Person("person:42".into()),
        service: Some("service:e-mail, calendar".into()),
        environment: Some(Environment::Uat),
        pre_production: Some(false),
        release: Some("release:2.4+hotfix".into()),
        major: Some(false),
        sla: vec![SlaFilterState::Breached, SlaFilterState::OnTrack],
        category: Some("Réseau & VPN".into()),
        created_from: Timestamp::parse_date("2026-10-29"),
        created_until: Timestamp::parse_date("2026-11-27"),
        text: " Café 100% =&? ".into(),
    };
    for sort in [
        (SortKey::Age, SortDir::Desc),
        (SortKey::Updated, SortDir::Asc),
    ] {
        let qs = f.to_query(sort);
        assert!(!qs.contains(' ') && !qs.contains('+'), "{qs}");
        assert_eq!(parse_query(&qs), (f.clone(), sort), "{qs}");
        assert_eq!(parse_query(&format!("?{qs}")), (f.clone(), sort));
    }
}

#[test]
fn url_assignee_keywords_and_me() {
    for id in ["me", "unassigned", "any", "@me", "@", "person:me"] {
        let f = IncidentFilter {
            assignee: AssigneeFilter::Person(id.into()),
            ..IncidentFilter::default()
        };
        assert_eq!(parse_query(&f.to_query(DEFAULT_SORT)).0, f, "{id}");
    }
    let mine = IncidentFilter {
        assignee: AssigneeFilter::Me("person:7".into()),
        ..IncidentFilter::default()
    };
    let qs = mine.to_query(DEFAULT_SORT);
    assert_eq!(qs, "assignee=me");
    assert_eq!(parse_query_for(&qs, "person:7").0, mine);
    let other = parse_query_for(&qs, "person:9").0.assignee;
    assert_eq!(other, AssigneeFilter::Me("person:9".into()));
    assert_eq!(
        parse_query(&qs).0.assignee,
        AssigneeFilter::Me(String::new())
    );
}

#[test]
fn malformed_query_strings_are_dropped_not_fatal() {
    let d = IncidentFilter::default();
    for qs in [
        "",
        "?",
        "&&&",
        "=",
        "status",
        "status=",
        "status=bogus",
        "priority=0,6,x,-1,256",
        "open=maybe",
        "env=moon",
        "major=perhaps",
        "preprod=2",
        "sort=weight",
        "dir=sideways",
        "group=",
        "assignee=",
        "assignee=any",
        "q=%",
        "q=%zz",
        "q=%C3",
        "q=%FF%FE",
        "unknown=1&also=2",
        "status=%E2%82",
    ] {
        assert_eq!(parse_query(qs), (d.clone(), DEFAULT_SORT), "{qs:?}");
    }
    let (f, sort) = parse_query("status=new,bogus,,closed&priority=2,9&sort=nope&dir=asc&x");
    assert_eq!(f.statuses, [New, Closed]);
    assert_eq!(f.priorities, [2]);
    assert_eq!(sort, (SortKey::Updated, SortDir::Asc));
    // Repeated list keys add up; scalars: the last valid value wins.
    let (f, _) = parse_query("status=new&status=closed&env=test&env=moon&q=a+b&q=c%20d");
    assert_eq!(f.statuses, [New, Closed]);
    assert_eq!(f.environment, Some(Environment::Test));
    assert_eq!(f.text, "c d");
}

#[test]
fn saved_views_are_what_they_say() {
    let views = saved_views("person:me");
    let names: Vec<_> = views.iter().map(|v| v.name).collect();
    assert_eq!(
        names,
        [
            "My open incidents",
            "Unassigned P1–P2",
            "Breaching soon",
            "Pre-production incidents",
            "Major incidents"
        ]
    );
    let mine = &views[0].filter;
    assert!(mine.open_only);
    assert_eq!(mine.assignee, AssigneeFilter::Me("person:me".into()));
    assert_eq!(views[1].filter.priorities, [1, 2]);
    assert_eq!(views[1].sort, (SortKey::Priority, SortDir::Asc));
    assert_eq!(views[2].sort.0, SortKey::Sla);
    assert_eq!(views[3].filter.pre_production, Some(true));
    assert_eq!(views[4].filter.major, Some(true));
    for v in &views {
        let back = parse_query_for(&v.filter.to_query(v.sort), "person:me");
        assert_eq!(back, (v.filter.clone(), v.sort), "{}", v.name);
    }
    let rows = fixture();
    let r = query(&rows, &views[4].filter, views[4].sort, 0, 10);
    assert_eq!(r.total, brute(&rows, |r| r.major && r.status == New));
}

#[test]
fn bulk_moves_are_legal_for_every_selected_status() {
    assert_eq!(bulk_allowed(&[]), []);
    assert_eq!(bulk_allowed(&[New]), New.allowed());
    assert_eq!(
        bulk_allowed(&[New, InProgress]),
        [OnHold, Resolved, Cancelled]
    );
    assert_eq!(bulk_allowed(&[InProgress, OnHold]), [Resolved, Cancelled]);
    assert_eq!(bulk_allowed(&[New, Resolved]), [InProgress]);
    assert_eq!(bulk_allowed(&[New, InProgress, Resolved]), []);
    assert_eq!(bulk_allowed(&[OnHold, Closed]), []);
    assert_eq!(bulk_allowed(&[Resolved, Resolved]), [InProgress, Closed]);
}

#[test]
fn row_from_incident_clamps_future_times() {
    let now = Timestamp::from_civil(2025, 3, 1, 12, 0);
    let incidents = crate::domain::demo::incidents(3, 7, now);
    let mut inc = incidents[0].clone();
    inc.updated = now.plus_ms(Timestamp::HOUR);
    let r = IncidentRow::from_incident(&inc, SlaFilterState::AtRisk, now);
    assert_eq!(r.updated, now);
    assert_eq!(r.created, inc.created);
    assert_eq!(r.reference, inc.reference.as_str());
    assert_eq!(r.title_lower, fold(&inc.title));
    assert_eq!(r.priority, inc.priority.number());
    assert_eq!(r.sla, SlaFilterState::AtRisk);
    assert!(!r.major);
}

#[test]
fn category_and_created_days_filter_and_travel_in_the_url() {
    let day = |d: &str| Timestamp::parse_date(d).unwrap();
    let mut rows = Vec::new();
    for (n, (category, created)) in [
        ("Network", day("2026-11-01")),
        (" réseau ", day("2026-11-01").plus_ms(Timestamp::DAY - 1)),
        ("Reseau", day("2026-11-02")),
        ("Network", day("2026-10-31").plus_ms(Timestamp::DAY - 1)),
        ("", day("2026-11-01")),
    ]
    .into_iter()
    .enumerate()
    {
        let mut inc = crate::domain::demo::incidents(1, 7, day("2030-01-01"))[0].clone();
        inc.created = created;
        inc.category = category.to_owned();
        let r0 = IncidentRow::from_incident(&inc, SlaFilterState::OnTrack, day("2030-01-01"));
        assert_eq!(r0.category, fold(category.trim()));
        let mut r = r0;
        r.id = format!("incident:{n}");
        rows.push(r);
    }
    let ids = |qs: &str| {
        let (f, sort) = parse_query(qs);
        let result = query(&rows, &f, sort, 0, 100);
        let mut ids: Vec<String> = result.page.iter().map(|&i| rows[i].id.clone()).collect();
        ids.sort();
        ids
    };
    // One day, both ends inclusive: the last millisecond of the day is in, the first
    // of the next day and the last of the day before are out.
    assert_eq!(
        ids("created_from=2026-11-01&created_to=2026-11-01"),
        ["incident:0", "incident:1", "incident:4"]
    );
    // Category: whole value, case, accents and spaces ignored; not a substring.
    assert_eq!(ids("category=R%C3%A9SEAU"), ["incident:1", "incident:2"]);
    assert_eq!(ids("category=Net"), Vec::<String>::new());
    assert_eq!(
        ids("category=network&created_to=2026-10-31"),
        ["incident:3"]
    );
    // A broken date is dropped, not an error.
    assert_eq!(ids("created_from=2026-02-30").len(), 5);
}

//! Tests of the dashboard CSV: header, one row per figure with plain numbers, names
//! through the lookup, empty values where nothing is measured, neutralised cells.

use super::*;
use crate::domain::config::SlaPolicy;
use crate::domain::kernel::time::DAY;
use crate::domain::kpi::fixtures::{incidents, now};
use crate::domain::kpi::records::ArticleFigure;
use crate::domain::kpi::{incident_kpis, IncidentFacts, Range};

fn name(id: &str) -> String {
    match id {
        "service:vpn" => "VPN".into(),
        "service:mail" => "Mail, calendar".into(),
        "release:1" => "Payroll 2.4".into(),
        other => other.into(),
    }
}

fn csv() -> String {
    let policy = SlaPolicy::default();
    let facts: Vec<IncidentFacts> = incidents()
        .iter()
        .map(|i| IncidentFacts::of(i, &policy, now()))
        .collect();
    let k = incident_kpis(&facts, Range::last_days(7, now()), now());
    let aging = ProblemAging {
        buckets: [1, 0, 2, 0],
        oldest: Some(("PRB-1".into(), 45 * DAY + 3 * HOUR)),
    };
    let kes = KnownErrorFigures {
        active: 4,
        active_with_workaround: 3,
        draft: 1,
    };
    let fig = |n: u32, title: &str, value| ArticleFigure {
        id: format!("article:{n}"),
        reference: format!("KB-{n}"),
        title: title.into(),
        value,
    };
    let knowledge = KnowledgeFigures {
        published: 7,
        published_public: 5,
        most_viewed: vec![fig(2, "VPN drops", 300), fig(4, "-rf everything", 12)],
        most_helpful: vec![fig(2, "VPN drops", 9)],
        deflections: 3,
    };
    dashboard_csv(&k, &aging, &kes, &knowledge, 5, &name)
}

fn has(csv: &str, line: &str) -> bool {
    csv.split("\r\n").any(|l| l == line)
}

#[test]
fn header_and_line_ends() {
    let out = csv();
    assert!(out.starts_with("section,label,series,value\r\n"));
    assert!(out.ends_with("\r\n"));
    assert!(!out.replace("\r\n", "").contains('\n'));
}

#[test]
fn incident_rows_with_plain_numbers() {
    let out = csv();
    for line in [
        "Range,First day,,2027-01-09",
        "Range,Last day,,2027-01-15",
        "Backlog (open now),Open incidents,P3,2",
        "Volume,Created,Total,10",
        "Volume,Resolved,Total,6",
        "Volume,Created,2027-01-11,2",
        "Volume,Resolved,2027-01-09,2",
        "Volume,Resolved,2027-01-13,0",
        "Mean time to resolve,Mean time to resolve (hours),P2,56.0",
        "Mean time to resolve,Mean time to resolve (hours),P5,",
        "Mean time to resolve,Resolved incidents,P3,2",
        "SLA compliance,Response compliance (%),,62.5",
        "SLA compliance,Response met,,5",
        "SLA compliance,Response breached,,3",
        "SLA compliance,Resolution compliance (%),,71.4",
        "Reopens,Reopened incidents,,1",
        "Reopens,Reopen rate (%),,16.7",
        "Escalations,Functional escalations,,3",
        "Escalations,Hierarchical escalations,,2",
        "Major incidents,Created in range,,2",
        "Major incidents,Open now,,1",
        "Portal,Raised through the portal in range,,4",
    ] {
        assert!(has(&out, line), "missing {line:?} in\n{out}");
    }
    // 7 days of created and 7 of resolved, plus the two totals.
    assert_eq!(out.matches("\r\nVolume,").count(), 16);
}

#[test]
fn names_resolved_and_breakdowns() {
    let out = csv();
    for line in [
        "By service,VPN,,4",
        "By service,\"Mail, calendar\",,3",
        "By service,service:payroll,,2",
        "By service,No service,,1",
        "By category,Email,,3",
        "By category,No category,,1",
        "By release,Payroll 2.4,Pre-production,1",
        "By release,Payroll 2.4,Production,1",
        "By release,release:2,Pre-production,2",
        "By release,release:2,Production,0",
    ] {
        assert!(has(&out, line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn record_figures_and_deflection_rate() {
    let out = csv();
    for line in [
        "Problems,Open problems by age,Under 7 days,1",
        "Problems,Open problems by age,30–89 days,2",
        "Problems,Oldest open problem (hours),PRB-1,1083.0",
        "Known errors,Active,,4",
        "Known errors,Active with a workaround,,3",
        "Known errors,Draft,,1",
        "Knowledge,Published articles,,7",
        "Knowledge,Published public articles,,5",
        "Knowledge,Most viewed (views),KB-2 VPN drops,300",
        "Knowledge,Most helpful (helpful votes),KB-2 VPN drops,9",
        "Portal,Raised through the portal (all time),,5",
        "Portal,Deflections (all time),,3",
        "Portal,Deflection rate (%),,37.5",
    ] {
        assert!(has(&out, line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn formula_cells_are_neutralised() {
    let out = csv();
    assert!(has(&out, "By category,'=cmd,,1"), "{out}");
    assert!(!out.contains(",=cmd"));
    // A title after the reference is not at the start of the cell: left as written.
    assert!(has(
        &out,
        "Knowledge,Most viewed (views),KB-4 -rf everything,12"
    ));
}

#[test]
fn nothing_measured_leaves_values_empty() {
    let k = incident_kpis(&[], Range::last_days(1, now()), now());
    let out = dashboard_csv(
        &k,
        &ProblemAging::default(),
        &KnownErrorFigures::default(),
        &KnowledgeFigures::default(),
        0,
        &name,
    );
    assert!(has(&out, "SLA compliance,Response compliance (%),,"));
    assert!(has(&out, "Reopens,Reopen rate (%),,"));
    assert!(has(&out, "Portal,Deflection rate (%),,"));
    assert!(!out.contains("Oldest open problem"));
    assert!(!out.contains("By service"));
}

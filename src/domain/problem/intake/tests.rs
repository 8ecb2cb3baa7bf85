//! Tests of making a problem from incidents: the suggested draft and the incident link.
use super::*;
use crate::domain::config::priority::{Impact, Priority, PriorityMatrix, Urgency};
use crate::domain::incident::IncidentDraft;
use crate::domain::kernel::history::Change;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};

fn incident(n: u32, title: &str, impact: Impact, urgency: Urgency) -> Incident {
    let draft = IncidentDraft {
        title: title.into(),
        impact,
        urgency,
        ..IncidentDraft::blank()
    };
    let r = Reference::new(RefKind::Incident, &DeviceTag::from_bits(7), n);
    Incident::create(
        draft,
        format!("incident:{n}"),
        r,
        Timestamp(1_000),
        "agent",
        &PriorityMatrix::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn one_incident_gives_its_title_priority_service_and_release() {
    let mut i = incident(
        1,
        "  VPN drops every hour ",
        Impact::Medium,
        Urgency::Medium,
    );
    i.service = Some("service:vpn".into());
    i.release = Some("release:9".into());
    let d = draft_from_incidents(std::slice::from_ref(&i)).unwrap_or_else(|| panic!("draft"));
    assert_eq!(d.title, "Investigate: VPN drops every hour");
    assert_eq!(d.priority, Priority::P3);
    assert_eq!(d.service.as_deref(), Some("service:vpn"));
    assert_eq!(d.release_found.as_deref(), Some("release:9"));
    assert!(d.description.contains(i.reference.as_str()));
    assert!(d.validate().is_ok());
}

#[test]
fn several_incidents_take_the_highest_priority_and_the_first_release_found() {
    let mut a = incident(1, "Payslips blank", Impact::Low, Urgency::Low);
    a.service = Some("service:payroll".into());
    let mut b = incident(2, "Payslip PDF empty", Impact::High, Urgency::Medium);
    b.service = Some("service:other".into());
    b.release = Some("release:payroll-7".into());
    let c = incident(3, "Payslip export fails", Impact::Medium, Urgency::Medium);
    let d = draft_from_incidents(&[a, b, c]).unwrap_or_else(|| panic!("draft"));
    assert_eq!(
        d.title,
        "Investigate: Payslips blank (and 2 more incidents)"
    );
    assert_eq!(d.priority, Priority::P2, "highest of P5, P2, P3");
    assert_eq!(
        d.service.as_deref(),
        Some("service:payroll"),
        "first incident's"
    );
    assert_eq!(d.release_found.as_deref(), Some("release:payroll-7"));
    assert_eq!(d.description.lines().count(), 4);
}

#[test]
fn no_incidents_give_no_draft_and_a_message() {
    assert_eq!(draft_from_incidents(&[]), None);
    let errs = check_incidents(&[]).err().unwrap_or_default();
    assert!(errs.for_field("incidents").is_some());
}

#[test]
fn long_titles_and_large_selections_stay_valid() {
    let long = "x".repeat(199);
    let many: Vec<Incident> = (1..=120)
        .map(|n| incident(n, &long, Impact::Low, Urgency::Low))
        .collect();
    let d = draft_from_incidents(&many).unwrap_or_else(|| panic!("draft"));
    assert!(d.title.chars().count() <= 200, "{}", d.title.len());
    assert!(d.title.ends_with("(and 119 more incidents)"));
    assert!(d.title.contains('…'));
    assert!(d.description.ends_with("- and 70 more"));
    assert_eq!(d.validate(), Ok(()));
}

#[test]
fn an_incident_already_linked_to_a_problem_is_refused() {
    let a = incident(1, "Printer jams", Impact::Low, Urgency::Low);
    let mut b = incident(2, "Printer jams again", Impact::Low, Urgency::Low);
    b.problem = Some("problem:old".into());
    let errs = check_incidents(&[a.clone(), b.clone()])
        .err()
        .unwrap_or_default();
    let msg = errs.for_field("incidents").unwrap_or_default();
    assert!(msg.contains(b.reference.as_str()), "{msg}");
    assert!(check_incidents(&[a]).is_ok());
}

#[test]
fn linking_sets_the_problem_and_records_the_reference() {
    let mut i = incident(1, "Printer jams", Impact::Low, Urgency::Low);
    let draft = draft_from_incidents(std::slice::from_ref(&i)).unwrap_or_else(|| panic!("draft"));
    let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(7), 3);
    let p = Problem::create(draft, "problem:3".into(), r, Timestamp(5_000), "pm")
        .unwrap_or_else(|e| panic!("{e}"));
    let before = i.history.len();
    link_incident_to_problem(&mut i, &p, Timestamp(5_000), "pm");
    assert_eq!(i.problem.as_deref(), Some("problem:3"));
    assert_eq!(i.history.len(), before + 1);
    assert_eq!(
        i.history.last().map(|e| e.change.clone()),
        Some(Change::Linked {
            what: "problem".into(),
            target: p.id.clone()
        })
    );
    assert_eq!((i.updated, i.updated_by.as_str()), (Timestamp(5_000), "pm"));
}

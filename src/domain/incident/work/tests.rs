//! Tests for the agent's work on an incident: the work note a re-rating needs,
//! cancel and reopen reasons, major incidents, links, note checks, resolution codes.

use super::super::tests::{draft, in_status, incident};
use super::*;
use crate::domain::config::priority::{Impact, Urgency};
use crate::domain::incident::{MajorFlag, ResolutionCode};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::validation::ValidationErrors;

#[test]
fn changing_impact_or_urgency_needs_a_work_note() {
    let m = PriorityMatrix::default();
    for change in [
        |d: &mut IncidentDraft| d.impact = Impact::High,
        |d: &mut IncidentDraft| d.urgency = Urgency::Low,
    ] {
        let mut i = incident();
        let before = i.clone();
        let mut d = draft();
        change(&mut d);
        let refused = i.apply_edit(d.clone(), Timestamp(50), "lead", &m).err();
        let msg = refused.as_ref().and_then(|e| e.for_field("work_note"));
        assert_eq!(
            msg,
            Some("Impact or urgency changed: add a work note saying why.")
        );
        assert_eq!(i, before, "nothing changes when refused");
        let blank = i.apply_edit_noted(d.clone(), "   ", Timestamp(50), "lead", &m);
        assert!(blank.is_err());
        assert_eq!(i, before);
        assert!(i
            .apply_edit_noted(
                d,
                "Caller says the whole floor is down",
                Timestamp(60),
                "lead",
                &m
            )
            .is_ok());
        let last = i.history.last().map(|e| e.change.clone());
        assert_eq!(
            last,
            Some(Change::WorkNote {
                text: "Caller says the whole floor is down".into()
            })
        );
    }
    // Other fields need no note; a given note is kept even then.
    let mut i = incident();
    let mut d = draft();
    d.title = "VPN drops every hour".into();
    assert!(i.apply_edit(d.clone(), Timestamp(50), "lead", &m).is_ok());
    assert!(i
        .apply_edit_noted(d, "Checked again", Timestamp(60), "lead", &m)
        .is_ok());
    assert_eq!(i.updated, Timestamp(60));
    // Field errors and the note error are reported together.
    let mut d = draft();
    d.title = String::new();
    d.impact = Impact::Low;
    let errs = i
        .apply_edit(d, Timestamp(70), "lead", &m)
        .err()
        .unwrap_or_default();
    assert!(errs.for_field("title").is_some());
    assert!(errs.for_field("work_note").is_some());
}

#[test]
fn cancel_and_reopen_need_reasons() {
    let mut i = incident();
    let e = i.cancel(" ", Timestamp(5), "a").err().map(|e| e.reason);
    assert_eq!(
        e.as_deref(),
        Some("An incident cannot go from New to Cancelled: say why it is cancelled")
    );
    assert_eq!(i.status, IncidentStatus::New);
    assert!(i.cancel("Duplicate of INC-1", Timestamp(6), "a").is_ok());
    let last = i.history.last().map(|e| e.change.describe());
    assert_eq!(
        last.as_deref(),
        Some("Status New → Cancelled (Duplicate of INC-1)")
    );
    assert!(i.cancel("again", Timestamp(7), "a").is_err());

    let mut i = in_status(IncidentStatus::InProgress);
    let e = i.reopen("still broken", Timestamp(5), "a").err();
    assert!(e.is_some_and(|e| e.reason.contains("only a resolved incident")));
    let mut i = in_status(IncidentStatus::Resolved);
    let before = i.clone();
    assert!(i.reopen("", Timestamp(5), "a").is_err());
    assert_eq!(i, before);
    assert!(i
        .reopen("Caller says it is back", Timestamp(6), "caller")
        .is_ok());
    assert_eq!(i.status, IncidentStatus::InProgress);
    let last = i.history.last().map(|e| e.change.describe());
    assert_eq!(
        last.as_deref(),
        Some("Status Resolved → In progress (Caller says it is back)")
    );
}

#[test]
fn major_incidents_record_who_and_when() {
    let mut i = incident();
    assert!(i.stand_down_major(Timestamp(4), "lead").is_err());
    assert!(i.declare_major(Timestamp(5), "Grace").is_ok());
    assert_eq!(
        i.major,
        Some(MajorFlag {
            by: "Grace".into(),
            at: Timestamp(5)
        })
    );
    assert_eq!(i.updated_by, "Grace");
    let last = i.history.last().map(|e| e.change.describe());
    assert_eq!(last.as_deref(), Some("Declared a major incident"));
    let again = i.declare_major(Timestamp(6), "Tom").err();
    let msg = again.as_ref().and_then(|e| e.for_field("major"));
    assert!(
        msg.is_some_and(|m| m.contains("declared by Grace")),
        "{msg:?}"
    );
    assert!(i.stand_down_major(Timestamp(7), "Grace").is_ok());
    assert_eq!(i.major, None);
    let last = i.history.last().map(|e| e.change.describe());
    assert_eq!(last.as_deref(), Some("Major incident stood down"));
    let mut closed = in_status(IncidentStatus::Closed);
    let before = closed.clone();
    assert!(closed.declare_major(Timestamp(9), "Grace").is_err());
    assert_eq!(closed, before);
}

#[test]
fn links_record_history_and_refuse_wrong_targets() {
    let mut i = incident();
    let before = i.clone();
    let refused = |r: Result<(), ValidationErrors>| {
        r.err()
            .and_then(|e| e.for_field("target").map(str::to_owned))
            .unwrap_or_default()
    };
    let t = Timestamp(5);
    assert_eq!(
        refused(i.link(LinkKind::Problem, " ", t, "a")),
        "Choose a problem."
    );
    assert_eq!(
        refused(i.link(LinkKind::Problem, "known_error:1", t, "a")),
        "That is not a problem."
    );
    assert_eq!(i, before);
    assert!(i.link(LinkKind::Problem, "problem:1", t, "a").is_ok());
    assert!(i
        .link(LinkKind::KnownError, "known_error:1", t, "a")
        .is_ok());
    assert!(i.link(LinkKind::Article, "article:1", t, "a").is_ok());
    assert!(i.link(LinkKind::Article, "article:2", t, "a").is_ok());
    assert_eq!(
        refused(i.link(LinkKind::Article, "article:2", t, "a")),
        "Already linked."
    );
    assert!(i
        .link(LinkKind::Problem, "problem:2", Timestamp(6), "b")
        .is_ok());
    assert_eq!(i.problem.as_deref(), Some("problem:2"));
    assert_eq!(i.known_error.as_deref(), Some("known_error:1"));
    assert_eq!(i.articles, ["article:1", "article:2"]);
    assert_eq!(i.links(LinkKind::Article).len(), 2);
    let linked: Vec<String> = i
        .history
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Linked { what, target } => Some(format!("{what}={target}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        linked,
        [
            "problem=problem:1",
            "known_error=known_error:1",
            "article=article:1",
            "article=article:2",
            "problem=problem:2"
        ]
    );
    assert_eq!(i.updated, Timestamp(6));
}

#[test]
fn notes_are_checked_and_resolution_codes_read_back() {
    assert!(check_note("  ").is_err());
    assert!(check_note("Called the user").is_ok());
    assert!(check_note(&"x".repeat(20_001)).is_err());
    for code in ResolutionCode::ALL {
        assert_eq!(ResolutionCode::from_key(code.key()), Some(code));
        assert_eq!(ResolutionCode::label_of(code.key()), code.label());
    }
    assert_eq!(ResolutionCode::label_of("fixed"), "Fixed");
    assert_eq!(ResolutionCode::label_of("legacy_code"), "legacy_code");
}

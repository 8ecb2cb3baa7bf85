//! Tests of problems: lifecycle, validation, edits and linked incidents.
use super::*;
use crate::domain::kernel::lifecycle::{exhaustive_transition_check, lint};
use crate::domain::kernel::reference::{DeviceTag, RefKind};

fn draft() -> ProblemDraft {
    ProblemDraft {
        title: "VPN concentrator drops sessions".into(),
        description: "Several incidents".into(),
        priority: Priority::P2,
        service: Some("service:vpn".into()),
        root_cause: String::new(),
        workaround: String::new(),
        fix_notes: String::new(),
        release_found: None,
        target_fix_release: None,
    }
}

fn problem() -> Problem {
    let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(1), 1);
    Problem::create(draft(), "problem:1".into(), r, Timestamp(1), "pm")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lifecycle_is_sound() {
    assert_eq!(lint::<ProblemStatus>(), Ok(()));
    assert_eq!(exhaustive_transition_check::<ProblemStatus>(), Ok(()));
}

#[test]
fn every_transition_from_every_state() {
    use ProblemStatus::*;
    for &from in ProblemStatus::all() {
        for &to in ProblemStatus::all() {
            let mut p = problem();
            p.root_cause = "Firmware bug".into();
            p.fix_notes = "Upgrade firmware".into();
            let path: &[ProblemStatus] = match from {
                New => &[],
                UnderInvestigation => &[UnderInvestigation],
                KnownError => &[UnderInvestigation, KnownError],
                Resolved => &[UnderInvestigation, Resolved],
                Closed => &[UnderInvestigation, Resolved, Closed],
            };
            for &s in path {
                assert!(p.transition(s, Timestamp(2), "pm", None).is_ok());
            }
            let ok = p.transition(to, Timestamp(3), "pm", None).is_ok();
            assert_eq!(ok, from.allowed().contains(&to), "{from:?}→{to:?}");
        }
    }
}

#[test]
fn policies() {
    let mut p = problem();
    assert!(p
        .transition(ProblemStatus::UnderInvestigation, Timestamp(2), "pm", None)
        .is_ok());
    let e = p.transition(ProblemStatus::KnownError, Timestamp(3), "pm", None);
    assert_eq!(
        e.err().map(|e| e.reason).as_deref(),
        Some(
            "A problem cannot go from Under investigation to Known error: policy “A problem becomes a known error only with a root cause or a workaround”"
        )
    );
    let e = p.transition(ProblemStatus::Resolved, Timestamp(3), "pm", None);
    let reason = e.err().map(|e| e.reason).unwrap_or_default();
    assert!(
        reason.contains("policy “A resolved problem has fix notes”"),
        "{reason}"
    );
    p.workaround = "Reconnect".into();
    assert!(p
        .transition(ProblemStatus::KnownError, Timestamp(3), "pm", None)
        .is_ok());
    assert!(p.is_open());
}

#[test]
fn edits_and_links() {
    let mut p = problem();
    let mut d = draft();
    d.root_cause = "Firmware bug".into();
    d.priority = Priority::P1;
    assert!(p.apply_edit(d, Timestamp(5), "pm",).is_ok());
    assert_eq!(p.history.len(), 3);
    p.link_incident("incident:1", Timestamp(6), "pm");
    p.link_incident("incident:1", Timestamp(7), "pm");
    assert_eq!(p.incidents, ["incident:1"]);
    assert_eq!(p.updated, Timestamp(6));
    let mut bad = draft();
    bad.title = String::new();
    let errs = p.apply_edit(bad, Timestamp(8), "pm").err();
    assert!(errs.is_some_and(|e| e.for_field("title").is_some()));
}

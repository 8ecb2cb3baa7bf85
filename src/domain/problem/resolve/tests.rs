//! Tests of resolving a problem with its incidents: which are offered, the note they
//! get, and a plan that is all or nothing, naming each incident it refuses.
use super::*;
use crate::domain::config::priority::{Priority, PriorityMatrix};
use crate::domain::incident::{IncidentDraft, IncidentStatus};
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::problem::intake::link_incident_to_problem;
use crate::domain::problem::ProblemDraft;

fn problem(fix_notes: &str) -> Problem {
    let draft = ProblemDraft {
        title: "Payslip PDF renderer drops accents".into(),
        description: String::new(),
        priority: Priority::P2,
        service: None,
        root_cause: "Font fallback".into(),
        workaround: String::new(),
        fix_notes: fix_notes.into(),
        release_found: None,
        target_fix_release: None,
    };
    let r = Reference::new(RefKind::Problem, &DeviceTag::from_bits(3), 1);
    let mut p = Problem::create(draft, "problem:1".into(), r, Timestamp(10), "pm")
        .unwrap_or_else(|e| panic!("{e}"));
    p.transition(ProblemStatus::UnderInvestigation, Timestamp(11), "pm", None)
        .unwrap_or_else(|e| panic!("{e}"));
    p
}

/// An incident linked both ways to `p`, moved to `status`.
fn linked(p: &mut Problem, n: u32, status: IncidentStatus) -> Incident {
    let draft = IncidentDraft {
        title: format!("Payslip {n} blank"),
        ..IncidentDraft::blank()
    };
    let r = Reference::new(RefKind::Incident, &DeviceTag::from_bits(3), n);
    let id = format!("incident:{n}");
    let matrix = PriorityMatrix::default();
    let mut i = Incident::create(draft, id, r, Timestamp(1), "agent", &matrix)
        .unwrap_or_else(|e| panic!("{e}"));
    p.link_incident(&i.id, Timestamp(12), "pm");
    link_incident_to_problem(&mut i, p, Timestamp(12), "pm");
    match status {
        IncidentStatus::Resolved => {
            i.resolve(None, "done", Timestamp(13), "agent")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        IncidentStatus::Cancelled => {
            i.cancel("duplicate", Timestamp(13), "agent")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        other => {
            if other != IncidentStatus::New {
                i.transition(other, Timestamp(13), "agent", None)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    i
}

fn choose(i: &Incident, note: &str) -> IncidentResolution {
    IncidentResolution {
        incident_id: i.id.clone(),
        note: note.into(),
    }
}

#[test]
fn only_open_incidents_are_offered_and_the_note_comes_from_the_fix_notes() {
    let mut p = problem("  Embedded the full font.  ");
    let a = linked(&mut p, 1, IncidentStatus::New);
    let b = linked(&mut p, 2, IncidentStatus::Resolved);
    let c = linked(&mut p, 3, IncidentStatus::InProgress);
    let d = linked(&mut p, 4, IncidentStatus::Cancelled);
    let all = [a, b, c, d];
    let open: Vec<&str> = still_open(&all).iter().map(|i| i.id.as_str()).collect();
    assert_eq!(open, vec!["incident:1", "incident:3"]);
    assert_eq!(
        default_note(&p),
        format!(
            "Fixed by problem {}: Embedded the full font.",
            p.reference.as_str()
        )
    );
    assert_eq!(default_note(&problem(" ")), "");
}

#[test]
fn resolves_the_problem_and_the_chosen_incidents_together() {
    let mut p = problem("Embedded the full font.");
    let a = linked(&mut p, 1, IncidentStatus::New);
    let b = linked(&mut p, 2, IncidentStatus::InProgress);
    let note = default_note(&p);
    let chosen = [choose(&a, &note), choose(&a, "twice")];
    let reason = Some("Release 2.5 deployed".to_owned());
    let (solved, incidents) =
        plan(&p, &[a, b], &chosen, reason, Timestamp(20), "pm").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(solved.status, ProblemStatus::Resolved);
    assert_eq!(solved.updated, Timestamp(20));
    assert_eq!(
        incidents.len(),
        1,
        "the unchecked one and the repeat are left out"
    );
    let i = &incidents[0];
    assert_eq!(i.status, IncidentStatus::Resolved);
    assert_eq!(i.resolution_code.as_deref(), Some("fixed"));
    assert_eq!(i.resolution_notes.as_deref(), Some(note.as_str()));
    assert_eq!(i.updated_by, "pm");
}

#[test]
fn a_problem_without_fix_notes_is_refused_first() {
    let mut p = problem("");
    let a = linked(&mut p, 1, IncidentStatus::New);
    let chosen = [choose(&a, "fixed")];
    let r = plan(&p, &[a], &chosen, None, Timestamp(20), "pm");
    match r {
        Err(ResolveRefusal::Problem(e)) => assert!(e.reason.contains("fix notes"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_incident_that_cannot_be_resolved_is_named_with_its_reason() {
    let mut p = problem("Embedded the full font.");
    let a = linked(&mut p, 1, IncidentStatus::New);
    let b = linked(&mut p, 2, IncidentStatus::Resolved);
    let c = linked(&mut p, 3, IncidentStatus::InProgress);
    let mut other = problem("x");
    let stranger = linked(&mut other, 9, IncidentStatus::New);
    let chosen = [
        choose(&a, "   "),
        choose(&b, "again"),
        choose(&c, &"x".repeat(NOTE_MAX + 1)),
        choose(&c, "fine"),
        choose(&stranger, "fine"),
    ];
    let all = [a.clone(), b.clone(), c.clone(), stranger];
    let r = plan(&p, &all, &chosen, None, Timestamp(20), "pm");
    let Err(ResolveRefusal::Incidents(list)) = r else {
        panic!("{r:?}");
    };
    let refs: Vec<&str> = list.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(
        refs,
        vec![
            a.reference.as_str(),
            b.reference.as_str(),
            c.reference.as_str(),
            "incident:9"
        ],
        "c's second choice is the valid one and passes"
    );
    assert!(list[0].reason.contains("resolution note"), "{list:?}");
    assert!(list[1].reason.contains("Resolved"), "{list:?}");
    assert!(list[2].reason.contains("longer than"), "{list:?}");
    assert!(list[3].reason.contains("not linked"), "{list:?}");
    let message = ResolveRefusal::Incidents(list).to_string();
    assert!(
        message.starts_with(&format!("{} cannot be resolved: ", a.reference.as_str())),
        "{message}"
    );
}

#[test]
fn an_incident_pointing_at_another_problem_is_refused() {
    let mut p = problem("Embedded the full font.");
    let mut a = linked(&mut p, 1, IncidentStatus::New);
    a.problem = Some("problem:other".into());
    let chosen = [choose(&a, "fixed")];
    let r = plan(&p, &[a], &chosen, None, Timestamp(20), "pm");
    let Err(ResolveRefusal::Incidents(list)) = r else {
        panic!("{r:?}");
    };
    assert!(list[0].reason.contains("another problem"), "{list:?}");
}

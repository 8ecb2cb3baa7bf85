//! Tests for escalation: procedure validation, current level and next step with due
//! and overdue times, functional and hierarchical escalation, and the demo procedures.

use super::*;
use crate::domain::config::priority::{Impact, PriorityMatrix, Urgency};
use crate::domain::incident::{Channel, Environment, HoldReason, IncidentDraft};
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::DAY;

const T0: Timestamp = Timestamp(1_800_000_000_000);

fn at(ms: i64) -> Timestamp {
    T0.plus_ms(ms)
}

fn incident() -> Incident {
    let draft = IncidentDraft {
        title: "Payslips not generated".into(),
        description: String::new(),
        service: Some("service:payroll".into()),
        category: String::new(),
        impact: Impact::High,
        urgency: Urgency::High,
        environment: Environment::Production,
        release: None,
        reporter_name: "Ana".into(),
        reporter_contact: String::new(),
        channel: Channel::Email,
    };
    let r = Reference::new(RefKind::Incident, &DeviceTag::from_bits(9), 4);
    let made = Incident::create(
        draft,
        "incident:9".into(),
        r,
        T0,
        "agent",
        &PriorityMatrix::default(),
    );
    made.unwrap_or_else(|e| panic!("valid draft refused: {e}"))
}

fn level(name: &str, group: Option<&str>, after_ms: i64) -> EscalationLevel {
    EscalationLevel {
        name: name.into(),
        group: group.map(str::to_owned),
        contact: None,
        after_ms,
    }
}

fn procedure() -> EscalationProcedure {
    EscalationProcedure {
        id: "escalation_procedure:payroll".into(),
        service: "service:payroll".into(),
        levels: vec![
            level("Level 1: Service desk", Some("group:desk"), 0),
            level("Level 2: Payroll apps", Some("group:payroll"), 30 * MINUTE),
            level("Level 3: Vendor", Some("group:vendor"), 2 * HOUR),
        ],
        updated: T0,
    }
}

#[test]
fn a_valid_procedure_validates() {
    assert_eq!(procedure().validate(), Ok(()));
}

#[test]
fn validation_messages() {
    let mut p = procedure();
    p.levels.clear();
    let errs = p.validate().err().unwrap_or_default();
    assert_eq!(
        errs.for_field("levels"),
        Some("Add at least one escalation level.")
    );
    let mut p = procedure();
    p.service = " ".into();
    p.levels[1].name = "  ".into();
    p.levels[2].after_ms = 30 * MINUTE;
    let errs = p.validate().err().unwrap_or_default();
    assert!(errs.for_field("service").is_some());
    let messages: Vec<&str> = errs.0.iter().map(|e| e.message.as_str()).collect();
    assert!(messages.contains(&"Level 2 needs a name."), "{messages:?}");
    assert!(
        messages.contains(&"Level 3 must be due later than level 2."),
        "{messages:?}"
    );
    let mut p = procedure();
    p.levels[0].after_ms = -1;
    let errs = p.validate().err().unwrap_or_default();
    assert_eq!(
        errs.for_field("levels"),
        Some("Level 1 cannot be due before opening.")
    );
}

#[test]
fn not_escalated_is_level_zero_with_level_one_next() {
    let i = incident();
    let s = escalation_status(&procedure(), &i, at(10 * MINUTE));
    assert_eq!(s.current_level, Some(0));
    let next = s.next.unwrap_or_else(|| panic!("a next step"));
    assert_eq!(next.level, 1);
    assert_eq!(next.name, "Level 2: Payroll apps");
    assert_eq!(next.due, at(30 * MINUTE));
    assert!(!next.overdue);
}

#[test]
fn overdue_only_after_the_due_time() {
    let i = incident();
    let p = procedure();
    let due = |now| escalation_status(&p, &i, now).next.map(|n| n.overdue);
    assert_eq!(due(at(30 * MINUTE)), Some(false));
    assert_eq!(due(at(30 * MINUTE + 1)), Some(true));
}

#[test]
fn functional_escalation_moves_the_current_level() {
    let mut i = incident();
    let p = procedure();
    let done = i.escalate_functional(
        " group:payroll ",
        "needs payroll DB access",
        at(HOUR),
        "ana",
    );
    assert_eq!(done, Ok(()));
    let s = escalation_status(&p, &i, at(90 * MINUTE));
    assert_eq!(s.current_level, Some(1));
    let next = s.next.unwrap_or_else(|| panic!("a next step"));
    assert_eq!(
        (next.level, next.due, next.overdue),
        (2, at(2 * HOUR), false)
    );
    assert!(escalation_status(&p, &i, at(3 * HOUR))
        .next
        .is_some_and(|n| n.overdue));
    // Before the escalation happened, it does not count.
    assert_eq!(escalation_status(&p, &i, at(1)).current_level, Some(0));
    // At the last level there is no next step.
    assert!(i
        .escalate_functional("group:vendor", "vendor bug", at(4 * HOUR), "ana")
        .is_ok());
    let s = escalation_status(&p, &i, at(5 * HOUR));
    assert_eq!((s.current_level, s.next), (Some(2), None));
    // The highest level reached wins, even after a step back down.
    assert!(i
        .escalate_functional("group:desk", "back to desk", at(6 * HOUR), "ana")
        .is_ok());
    assert_eq!(
        escalation_status(&p, &i, at(7 * HOUR)).current_level,
        Some(2)
    );
}

#[test]
fn hierarchical_escalation_does_not_change_the_level() {
    let mut i = incident();
    i.assign(
        Some("group:desk".into()),
        Some("person:tom".into()),
        at(1),
        "tom",
    );
    let before = i.history.len();
    let done = i.escalate_hierarchical("Grace Adeyemi", "customer complaint", at(HOUR), "tom");
    assert_eq!(done, Ok(()));
    assert_eq!(i.history.len(), before + 1);
    assert_eq!(
        i.history.last().map(|e| e.change.clone()),
        Some(Change::Escalated {
            functional: false,
            to: "Grace Adeyemi".into(),
            reason: "customer complaint".into(),
        })
    );
    assert_eq!(i.assignee.as_deref(), Some("person:tom"));
    assert_eq!(i.assignment_group.as_deref(), Some("group:desk"));
    assert_eq!((i.updated, i.updated_by.as_str()), (at(HOUR), "tom"));
    let s = escalation_status(&procedure(), &i, at(2 * HOUR));
    assert_eq!(s.current_level, Some(0));
    assert!(s.next.is_some_and(|n| n.overdue));
}

#[test]
fn functional_escalation_reassigns_and_records_both_events() {
    let mut i = incident();
    i.assign(
        Some("group:desk".into()),
        Some("person:tom".into()),
        at(1),
        "tom",
    );
    let before = i.history.len();
    assert!(i
        .escalate_functional("group:payroll", " payslip job fails ", at(HOUR), "tom")
        .is_ok());
    assert_eq!(i.assignment_group.as_deref(), Some("group:payroll"));
    assert_eq!(i.assignee, None);
    let new: Vec<Change> = i.history.events()[before..]
        .iter()
        .map(|e| e.change.clone())
        .collect();
    assert_eq!(
        new,
        vec![
            Change::Escalated {
                functional: true,
                to: "group:payroll".into(),
                reason: "payslip job fails".into(),
            },
            Change::Assigned {
                group: Some("group:payroll".into()),
                assignee: None,
            },
        ]
    );
    assert_eq!(i.updated, at(HOUR));
}

#[test]
fn escalation_needs_a_target_and_a_reason() {
    let mut i = incident();
    let before = i.clone();
    let errs = i
        .escalate_functional(" ", "", at(1), "a")
        .err()
        .unwrap_or_default();
    assert!(errs.for_field("group").is_some());
    assert!(errs.for_field("reason").is_some());
    let errs = i
        .escalate_hierarchical("", "why", at(1), "a")
        .err()
        .unwrap_or_default();
    assert!(errs.for_field("manager").is_some());
    assert!(errs.for_field("reason").is_none());
    assert!(i.escalate_hierarchical("Boss", " ", at(1), "a").is_err());
    assert_eq!(i, before, "nothing changes on error");
}

#[test]
fn closed_or_cancelled_incidents_cannot_be_escalated() {
    let mut closed = incident();
    closed.resolution_notes = Some("Re-ran the job.".into());
    for s in [IncidentStatus::Resolved, IncidentStatus::Closed] {
        assert!(closed.transition(s, at(1), "a", None).is_ok());
    }
    let mut cancelled = incident();
    assert!(cancelled
        .transition(IncidentStatus::Cancelled, at(1), "a", None)
        .is_ok());
    for (mut i, word) in [(closed, "closed"), (cancelled, "cancelled")] {
        let expected = format!("A {word} incident cannot be escalated.");
        let e = i.escalate_functional("group:payroll", "why", at(2), "a");
        let e = e.err().unwrap_or_default();
        assert_eq!(e.for_field("escalation"), Some(expected.as_str()));
        let e = i.escalate_hierarchical("Boss", "why", at(2), "a");
        assert!(e
            .err()
            .unwrap_or_default()
            .for_field("escalation")
            .is_some());
        let s = escalation_status(&procedure(), &i, at(DAY));
        assert_eq!((s.current_level, s.next), (Some(0), None));
    }
}

#[test]
fn resolved_has_no_next_step_but_on_hold_does() {
    let p = procedure();
    let mut i = incident();
    i.hold_reason = Some(HoldReason::AwaitingVendor);
    assert!(i
        .transition(IncidentStatus::OnHold, at(1), "a", None)
        .is_ok());
    assert!(escalation_status(&p, &i, at(HOUR))
        .next
        .is_some_and(|n| n.overdue));
    assert!(i.resolve(None, "fixed", at(2), "a").is_ok());
    assert_eq!(escalation_status(&p, &i, at(HOUR)).next, None);
    // A resolved incident can still be escalated (e.g. the fix did not hold).
    assert!(i
        .escalate_hierarchical("Boss", "unhappy", at(3), "a")
        .is_ok());
}

#[test]
fn an_empty_procedure_has_no_level() {
    let mut p = procedure();
    p.levels.clear();
    let s = escalation_status(&p, &incident(), at(1));
    assert_eq!((s.current_level, s.next), (None, None));
}

#[test]
fn demo_procedures_are_valid_and_deterministic() {
    let svc = |id: &str, name: &str| Service {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        updated: T0,
    };
    let grp = |id: &str, name: &str| Group {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        updated: T0,
    };
    let services = [svc("service:a1", "VPN"), svc("service:b2", "Coffee")];
    let groups = [
        grp("group:d", "Service desk"),
        grp("group:n", "Network team"),
        grp("group:p", "Platform ops"),
    ];
    let all = demo_procedures(&services, &groups, T0);
    assert_eq!(all.len(), 2);
    assert_eq!(all, demo_procedures(&services, &groups, T0));
    assert_eq!(all[0].id, "escalation_procedure:a1");
    assert_eq!(all[1].id, "escalation_procedure:b2");
    assert_eq!(all[0].service, "service:a1");
    assert_eq!(all[0].levels[0].group.as_deref(), Some("group:d"));
    assert_eq!(all[0].levels[1].group.as_deref(), Some("group:n"));
    assert_eq!(all[0].levels[1].name, "Level 2: Network team");
    assert!(all[0].levels[2].contact.is_some());
    assert!(all[1].levels[1].group.is_some());
    for p in &all {
        assert_eq!(p.validate(), Ok(()), "{}", p.id);
        let json = serde_json::to_string(p).unwrap_or_default();
        assert!(
            json.starts_with(r#"{"_id":"escalation_procedure:"#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<EscalationProcedure>(&json)
                .ok()
                .as_ref(),
            Some(p)
        );
    }
    assert!(demo_procedures(&services, &[], T0).iter().all(|p| p
        .levels
        .iter()
        .all(|l| l.group.is_none())
        && p.validate().is_ok()));
}

//! Tests of reading an incident's dashboard facts: resolution instant, reopenings,
//! escalations, SLA outcomes, events after "now" and out-of-order histories.

use super::*;
use crate::domain::config::priority::Priority;
use crate::domain::kernel::time::HOUR;
use crate::domain::kpi::fixtures::{at, escalate, incident, incidents, mv, now, spec};

fn facts_of(n: u32) -> IncidentFacts {
    let all = incidents();
    let i = all
        .iter()
        .find(|i| i.id == format!("incident:{n}"))
        .unwrap();
    IncidentFacts::of(i, &SlaPolicy::default(), now())
}

#[test]
fn copies_the_record_fields() {
    let f = facts_of(11);
    assert_eq!(f.id, "incident:11");
    assert_eq!(f.priority, 4);
    assert_eq!(f.status, IncidentStatus::Closed);
    assert_eq!(f.service.as_deref(), Some("service:payroll"));
    assert_eq!(f.category, "Payroll");
    assert_eq!(f.environment, Environment::Staging);
    assert_eq!(f.release.as_deref(), Some("release:1"));
    assert_eq!(f.channel, Channel::Testing);
    assert_eq!(f.created, at(14, 9, 0));
    assert!(!f.major);
    assert!(facts_of(14).major);
}

#[test]
fn resolved_at_the_resolution_not_the_closure() {
    let f = facts_of(11);
    assert_eq!(f.resolved, Some(at(15, 9, 0)));
    assert_eq!(f.reopens, 0);
    assert_eq!(f.response, SlaOutcome::Met);
    assert_eq!(f.resolution, SlaOutcome::Met);
}

#[test]
fn closed_directly_from_new_is_resolved_at_the_closure() {
    let f = facts_of(8);
    assert_eq!(f.resolved, Some(at(9, 6, 0)));
    // The response came with the closure, 6 h after creation (target 4 h).
    assert_eq!(f.response, SlaOutcome::Breached);
    assert_eq!(f.resolution, SlaOutcome::Met);
}

#[test]
fn reopened_and_resolved_again_counts_the_last_resolution() {
    let f = facts_of(2);
    assert_eq!(f.resolved, Some(at(12, 10, 0)));
    assert_eq!(f.reopens, 1);
    assert_eq!(f.response, SlaOutcome::Breached);
    assert_eq!(f.resolution, SlaOutcome::Met);
}

#[test]
fn reopened_and_open_is_not_resolved() {
    let f = facts_of(12);
    assert_eq!(f.resolved, None);
    assert_eq!(f.reopens, 1);
    // 2 h before the resolution and 28 h since the reopening: 90 h of 120 h left.
    assert_eq!(
        f.resolution,
        SlaOutcome::Running {
            due: Some(now().plus_ms(90 * HOUR))
        }
    );
}

#[test]
fn reopened_from_closed_counts_too() {
    let mut i = incident(spec(40, Priority::P3, at(10, 8, 0)));
    mv(&mut i, at(10, 9, 0), IncidentStatus::Closed);
    mv(&mut i, at(11, 9, 0), IncidentStatus::OnHold);
    let f = IncidentFacts::of(&i, &SlaPolicy::default(), now());
    assert_eq!((f.reopens, f.resolved), (1, None));
}

#[test]
fn cancelled_is_never_resolved() {
    let f = facts_of(9);
    assert_eq!(f.resolved, None);
    assert_eq!(f.response, SlaOutcome::NotApplicable);
    assert_eq!(f.resolution, SlaOutcome::NotApplicable);
    let mut i = incident(spec(41, Priority::P3, at(10, 8, 0)));
    mv(&mut i, at(10, 9, 0), IncidentStatus::Resolved);
    mv(&mut i, at(10, 10, 0), IncidentStatus::Cancelled);
    let f = IncidentFacts::of(&i, &SlaPolicy::default(), now());
    assert_eq!(f.resolved, None);
}

#[test]
fn running_and_paused_clocks() {
    let f = facts_of(4);
    assert_eq!(f.response, SlaOutcome::Breached);
    assert_eq!(
        f.resolution,
        SlaOutcome::Running {
            due: Some(at(17, 10, 0))
        }
    );
    assert_eq!(facts_of(7).resolution, SlaOutcome::Running { due: None });
    assert_eq!(facts_of(10).resolution, SlaOutcome::NotApplicable);
    assert_eq!(facts_of(3).resolution, SlaOutcome::Breached);
}

#[test]
fn escalations_in_time_order_whatever_the_append_order() {
    // 14's escalations were appended 13:30 functional, then 13:00 hierarchical.
    assert_eq!(
        facts_of(14).escalations,
        vec![(at(11, 13, 0), false), (at(11, 13, 30), true)]
    );
}

#[test]
fn events_after_now_are_ignored() {
    let mut i = incident(spec(42, Priority::P3, at(15, 8, 0)));
    mv(&mut i, at(15, 9, 0), IncidentStatus::InProgress);
    mv(&mut i, at(15, 13, 0), IncidentStatus::Resolved);
    escalate(&mut i, at(15, 14, 0), true);
    let f = IncidentFacts::of(&i, &SlaPolicy::default(), now());
    assert_eq!(f.resolved, None, "resolved after now");
    assert!(f.escalations.is_empty());
    let later = IncidentFacts::of(&i, &SlaPolicy::default(), at(15, 15, 0));
    assert_eq!(later.resolved, Some(at(15, 13, 0)));
    assert_eq!(later.escalations, vec![(at(15, 14, 0), true)]);
}

#[test]
fn same_history_in_another_order_gives_the_same_facts() {
    let mut i = incidents().swap_remove(1);
    assert_eq!(i.id, "incident:2");
    let before = IncidentFacts::of(&i, &SlaPolicy::default(), now());
    let mut events = i.history.events().to_vec();
    events.reverse();
    i.history = Default::default();
    for e in events {
        i.history.push(e);
    }
    assert_eq!(IncidentFacts::of(&i, &SlaPolicy::default(), now()), before);
}

#[test]
fn no_status_history_falls_back_to_the_last_update() {
    let mut i = incident(spec(43, Priority::P4, at(10, 8, 0)));
    i.status = IncidentStatus::Closed;
    i.updated = at(11, 8, 0);
    let f = IncidentFacts::of(&i, &SlaPolicy::default(), now());
    assert_eq!(f.resolved, Some(at(11, 8, 0)));
}

#[test]
fn priority_in_force_and_blank_ids() {
    let mut i = incident(spec(44, Priority::P4, at(10, 8, 0)));
    i.history
        .record_field(at(10, 9, 0), "agent", "priority", "P4 Low", "P2 High");
    i.priority = Priority::P2;
    i.service = Some("  ".into());
    i.category = "  Email ".into();
    let f = IncidentFacts::of(&i, &SlaPolicy::default(), now());
    assert_eq!(f.priority, 2);
    assert_eq!(f.priority_index(), 1);
    assert_eq!(f.service, None);
    assert_eq!(f.category, "Email");
    let before = IncidentFacts::of(&i, &SlaPolicy::default(), at(10, 8, 30));
    assert_eq!(before.priority, 4, "the change came later");
}

#[test]
fn outcome_at_a_later_instant() {
    let due = at(16, 11, 0);
    let running = SlaOutcome::Running { due: Some(due) };
    assert_eq!(running.at(due.plus_ms(-1)), running);
    assert_eq!(
        running.at(due),
        running,
        "exactly at due is not yet a breach"
    );
    assert_eq!(running.at(due.plus_ms(1)), SlaOutcome::Breached);
    let paused = SlaOutcome::Running { due: None };
    assert_eq!(paused.at(at(31, 0, 0)), paused);
    assert_eq!(SlaOutcome::Met.at(at(31, 0, 0)), SlaOutcome::Met);
    assert_eq!(
        SlaOutcome::NotApplicable.at(at(31, 0, 0)),
        SlaOutcome::NotApplicable
    );
    assert_eq!(SlaOutcome::Breached.at(at(1, 0, 0)), SlaOutcome::Breached);
}

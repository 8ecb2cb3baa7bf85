//! Tests for the SLA clocks: every default target, the at-risk and breach boundaries,
//! holds, reopen, cancel and priority changes (event order: `sla_order_tests.rs`).

use super::*;
use crate::domain::config::priority::PriorityMatrix;
use crate::domain::incident::IncidentDraft;
use crate::domain::kernel::history::History;
use crate::domain::kernel::reference::{DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::{DAY, HOUR, MINUTE};

/// Creation time of every test incident.
pub(super) const T0: Timestamp = Timestamp(1_800_000_000_000);

pub(super) fn at(offset_ms: i64) -> Timestamp {
    T0.plus_ms(offset_ms)
}

/// A new incident created at `T0` with `priority` and only its Created event.
pub(super) fn incident(priority: Priority) -> Incident {
    let draft = IncidentDraft {
        title: "VPN drops every 10 minutes".into(),
        reporter_name: "Ana".into(),
        ..IncidentDraft::blank()
    };
    let r = Reference::new(RefKind::Incident, &DeviceTag::from_bits(3), 1);
    let made = Incident::create(
        draft,
        "incident:1".into(),
        r,
        T0,
        "agent",
        &PriorityMatrix::default(),
    );
    let mut i = made.unwrap_or_else(|e| panic!("valid draft refused: {e}"));
    i.priority = priority;
    i
}

pub(super) fn status(from: &str, to: &str) -> Change {
    Change::Status {
        from: from.into(),
        to: to.into(),
        reason: None,
    }
}

pub(super) fn priority_change(from: Priority, to: Priority) -> Change {
    Change::Field {
        field: "priority".into(),
        from: from.label().into(),
        to: to.label().into(),
    }
}

pub(super) fn push(i: &mut Incident, offset_ms: i64, change: Change) {
    i.history.record(at(offset_ms), "agent", change);
}

/// An incident with `events` (offset, change) appended in the given order.
pub(super) fn with(priority: Priority, events: Vec<(i64, Change)>) -> Incident {
    let mut i = incident(priority);
    for (offset, change) in events {
        push(&mut i, offset, change);
    }
    i
}

pub(super) fn status_at(i: &Incident, offset_ms: i64) -> SlaStatus {
    sla_status(i, &SlaPolicy::default(), at(offset_ms))
}

#[test]
fn each_default_target_applies_from_creation() {
    let expected = [
        (Priority::P1, 15 * MINUTE, Some(4 * HOUR)),
        (Priority::P2, 30 * MINUTE, Some(8 * HOUR)),
        (Priority::P3, 4 * HOUR, Some(3 * DAY)),
        (Priority::P4, DAY, Some(5 * DAY)),
        (Priority::P5, 5 * DAY, None),
    ];
    for (p, response, resolution) in expected {
        let s = status_at(&incident(p), 0);
        assert_eq!(s.response.target_ms, Some(response), "{p:?}");
        assert_eq!(s.response.due, Some(at(response)), "{p:?}");
        assert_eq!(s.response.remaining_ms, Some(response), "{p:?}");
        assert_eq!(s.response.state, SlaState::OnTrack, "{p:?}");
        assert_eq!(s.resolution.target_ms, resolution, "{p:?}");
        assert_eq!(s.resolution.due, resolution.map(at), "{p:?}");
        assert_eq!(s.resolution.elapsed_ms, 0);
        assert_eq!(s.overall, SlaState::OnTrack, "{p:?}");
    }
}

#[test]
fn at_risk_exactly_at_75_percent() {
    let i = incident(Priority::P1);
    // Response 15 min: 75 % is 11 min 15 s.
    let r = |ms| status_at(&i, ms).response.state;
    assert_eq!(r(675_000 - 1), SlaState::OnTrack);
    assert_eq!(r(675_000), SlaState::AtRisk);
    // Resolution 4 h, once responded: 75 % is 3 h.
    let i = with(Priority::P1, vec![(MINUTE, status("New", "In progress"))]);
    let s = |ms| status_at(&i, ms).resolution.state;
    assert_eq!(s(3 * HOUR - 1), SlaState::OnTrack);
    assert_eq!(s(3 * HOUR), SlaState::AtRisk);
    assert_eq!(status_at(&i, 3 * HOUR).overall, SlaState::AtRisk);
}

#[test]
fn breach_is_after_the_target_not_at_it() {
    let i = incident(Priority::P1);
    let at_target = status_at(&i, 15 * MINUTE).response;
    assert_eq!(at_target.state, SlaState::AtRisk);
    assert_eq!(at_target.remaining_ms, Some(0));
    let late = status_at(&i, 20 * MINUTE).response;
    assert_eq!(late.state, SlaState::Breached);
    assert_eq!(late.remaining_ms, Some(-5 * MINUTE));
    assert_eq!(
        late.due,
        Some(at(15 * MINUTE)),
        "due stays when it breached"
    );
    let res = status_at(&i, 4 * HOUR + 1);
    assert_eq!(res.resolution.state, SlaState::Breached);
    assert_eq!(res.overall, SlaState::Breached);
}

#[test]
fn response_met_by_leaving_new_assignment_or_public_comment() {
    let assigned = Change::Assigned {
        group: Some("group:net".into()),
        assignee: None,
    };
    let comment = Change::PublicComment {
        text: "Looking at it".into(),
    };
    for first in [status("New", "In progress"), assigned, comment] {
        let i = with(Priority::P2, vec![(10 * MINUTE, first.clone())]);
        let r = status_at(&i, 2 * HOUR).response;
        assert_eq!(r.state, SlaState::Met, "{first:?}");
        assert_eq!(r.elapsed_ms, 10 * MINUTE, "{first:?}");
        assert_eq!(r.due, None);
        assert_eq!(r.remaining_ms, Some(20 * MINUTE));
    }
    let not_responses = vec![
        (MINUTE, Change::WorkNote { text: "hm".into() }),
        (
            2 * MINUTE,
            Change::Assigned {
                group: None,
                assignee: None,
            },
        ),
    ];
    let i = with(Priority::P2, not_responses);
    assert_eq!(status_at(&i, 10 * MINUTE).response.state, SlaState::OnTrack);
    let late = with(Priority::P2, vec![(HOUR, status("New", "On hold"))]);
    let r = status_at(&late, 2 * HOUR).response;
    assert_eq!((r.state, r.elapsed_ms), (SlaState::Breached, HOUR));
}

#[test]
fn pauses_and_resumes_over_several_holds() {
    let i = with(
        Priority::P2,
        vec![
            (10 * MINUTE, status("New", "In progress")),
            (HOUR, status("In progress", "On hold")),
            (3 * HOUR, status("On hold", "In progress")),
            (4 * HOUR, status("In progress", "On hold")),
            (10 * HOUR, status("On hold", "In progress")),
        ],
    );
    let paused = status_at(&i, 2 * HOUR).resolution;
    assert_eq!(paused.state, SlaState::Paused);
    assert_eq!(paused.elapsed_ms, HOUR);
    assert_eq!(paused.due, None);
    assert_eq!(paused.remaining_ms, Some(7 * HOUR));
    assert_eq!(status_at(&i, 2 * HOUR).overall, SlaState::Paused);
    let second_hold = status_at(&i, 9 * HOUR).resolution;
    assert_eq!(
        (second_hold.state, second_hold.elapsed_ms),
        (SlaState::Paused, 2 * HOUR)
    );
    let resumed = status_at(&i, 12 * HOUR).resolution;
    assert_eq!(resumed.state, SlaState::OnTrack);
    assert_eq!(resumed.elapsed_ms, 4 * HOUR);
    assert_eq!(resumed.due, Some(at(16 * HOUR)));
    assert_eq!(status_at(&i, 14 * HOUR).resolution.state, SlaState::AtRisk);
    assert_eq!(
        status_at(&i, 16 * HOUR + 1).resolution.state,
        SlaState::Breached
    );
}

#[test]
fn hold_after_breach_stays_breached() {
    let i = with(
        Priority::P1,
        vec![
            (MINUTE, status("New", "In progress")),
            (5 * HOUR, status("In progress", "On hold")),
        ],
    );
    let s = status_at(&i, 6 * HOUR).resolution;
    assert_eq!(
        (s.state, s.elapsed_ms, s.due),
        (SlaState::Breached, 5 * HOUR, None)
    );
}

#[test]
fn reopen_resumes_without_counting_resolved_time() {
    let i = with(
        Priority::P1,
        vec![
            (MINUTE, status("New", "In progress")),
            (2 * HOUR, status("In progress", "Resolved")),
            (5 * HOUR, status("Resolved", "In progress")),
            (7 * HOUR, status("In progress", "Resolved")),
        ],
    );
    let met = status_at(&i, 3 * HOUR).resolution;
    assert_eq!(
        (met.state, met.elapsed_ms, met.due),
        (SlaState::Met, 2 * HOUR, None)
    );
    let reopened = status_at(&i, 6 * HOUR).resolution;
    assert_eq!(
        (reopened.state, reopened.elapsed_ms),
        (SlaState::AtRisk, 3 * HOUR)
    );
    assert_eq!(reopened.due, Some(at(7 * HOUR)));
    // Resolved again after exactly 4 h of counted time: met on the boundary.
    let again = status_at(&i, 30 * DAY).resolution;
    assert_eq!((again.state, again.elapsed_ms), (SlaState::Met, 4 * HOUR));
    assert_eq!(status_at(&i, 30 * DAY).overall, SlaState::Met);
}

#[test]
fn closed_freezes_the_clocks() {
    let i = with(
        Priority::P3,
        vec![
            (MINUTE, status("New", "In progress")),
            (HOUR, status("In progress", "Resolved")),
            (2 * HOUR, status("Resolved", "Closed")),
            // Illegal after Closed (an offline merge): ignored.
            (3 * HOUR, status("Closed", "In progress")),
        ],
    );
    let s = status_at(&i, 90 * DAY);
    assert_eq!(
        (s.resolution.state, s.resolution.elapsed_ms),
        (SlaState::Met, HOUR)
    );
    assert_eq!(s.overall, SlaState::Met);
}

#[test]
fn cancelled_is_not_applicable_unless_already_breached() {
    let early = with(
        Priority::P2,
        vec![(10 * MINUTE, status("New", "Cancelled"))],
    );
    let s = status_at(&early, 30 * DAY);
    assert_eq!(s.response.state, SlaState::NotApplicable);
    assert_eq!(s.response.elapsed_ms, 10 * MINUTE);
    assert_eq!(s.resolution.state, SlaState::NotApplicable);
    assert_eq!(s.resolution.elapsed_ms, 10 * MINUTE);
    assert_eq!(s.overall, SlaState::NotApplicable);
    let late = with(Priority::P2, vec![(9 * HOUR, status("New", "Cancelled"))]);
    let s = status_at(&late, 30 * DAY);
    assert_eq!(s.response.state, SlaState::Breached);
    assert_eq!(s.resolution.state, SlaState::Breached);
    assert_eq!(s.resolution.elapsed_ms, 9 * HOUR);
    // Responded, then cancelled: the response stays met.
    let worked = with(
        Priority::P2,
        vec![
            (5 * MINUTE, status("New", "In progress")),
            (HOUR, status("In progress", "Cancelled")),
            (2 * HOUR, Change::PublicComment { text: "x".into() }),
        ],
    );
    let s = status_at(&worked, DAY);
    assert_eq!(
        (s.response.state, s.response.elapsed_ms),
        (SlaState::Met, 5 * MINUTE)
    );
    assert_eq!(s.resolution.state, SlaState::NotApplicable);
}

#[test]
fn p5_planned_has_no_resolution_target() {
    let i = with(Priority::P5, vec![(HOUR, status("New", "In progress"))]);
    let s = status_at(&i, 60 * DAY);
    assert_eq!(s.resolution.state, SlaState::NotApplicable);
    assert_eq!(s.resolution.target_ms, None);
    assert_eq!(s.resolution.due, None);
    assert_eq!(s.resolution.remaining_ms, None);
    assert_eq!(s.resolution.elapsed_ms, 60 * DAY);
    assert_eq!(s.response.state, SlaState::Met);
    assert_eq!(s.overall, SlaState::Met);
}

#[test]
fn priority_change_applies_the_new_target_to_the_whole_time() {
    // Logged P3, raised to P1 after 1 h; responded after 10 min.
    let i = with(
        Priority::P1,
        vec![
            (10 * MINUTE, status("New", "In progress")),
            (HOUR, priority_change(Priority::P3, Priority::P1)),
        ],
    );
    let before = status_at(&i, 30 * MINUTE);
    assert_eq!(priority_in_force(&i, at(30 * MINUTE)), Priority::P3);
    assert_eq!(before.resolution.target_ms, Some(3 * DAY));
    assert_eq!(before.resolution.state, SlaState::OnTrack);
    let after = status_at(&i, 2 * HOUR);
    assert_eq!(after.resolution.target_ms, Some(4 * HOUR));
    assert_eq!(after.resolution.due, Some(at(4 * HOUR)));
    assert_eq!(after.response.state, SlaState::Met);
    assert_eq!(status_at(&i, 5 * HOUR).resolution.state, SlaState::Breached);
    // Lowered later: the latest priority wins, retroactively too.
    let mut lowered = i.clone();
    push(
        &mut lowered,
        6 * HOUR,
        priority_change(Priority::P1, Priority::P4),
    );
    assert_eq!(
        status_at(&lowered, 7 * HOUR).resolution.state,
        SlaState::OnTrack
    );
    // No recorded change: the stored priority.
    assert_eq!(priority_in_force(&incident(Priority::P4), T0), Priority::P4);
}

#[test]
fn states_labels_keys_and_worst() {
    for s in SlaState::ALL {
        assert_eq!(SlaState::from_key(s.key()), Some(s));
        assert!(!s.label().is_empty());
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(json, format!("\"{}\"", s.key()));
    }
    assert_eq!(SlaState::AtRisk.label(), "At risk");
    assert_eq!(SlaState::NotApplicable.label(), "Not applicable");
    assert_eq!(SlaState::Met.worst(SlaState::Breached), SlaState::Breached);
    assert_eq!(SlaState::Paused.worst(SlaState::OnTrack), SlaState::OnTrack);
    assert_eq!(SlaState::NotApplicable.worst(SlaState::Met), SlaState::Met);
    assert_eq!(SlaState::from_key("late"), None);
    let empty = Incident {
        history: History::new(),
        ..incident(Priority::P1)
    };
    assert_eq!(status_at(&empty, -HOUR).response.elapsed_ms, 0);
}

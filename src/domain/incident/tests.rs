//! Tests for incidents: every legal and illegal transition, policies, edit history and
//! validation messages.

use super::*;
use crate::domain::kernel::lifecycle::{exhaustive_transition_check, lint, reaches_terminal};
use crate::domain::kernel::reference::{DeviceTag, RefKind};

pub(crate) fn draft() -> IncidentDraft {
    IncidentDraft {
        title: "VPN drops every 10 minutes".into(),
        description: "Since this morning.".into(),
        service: Some("service:vpn".into()),
        category: "Network".into(),
        impact: Impact::Medium,
        urgency: Urgency::High,
        environment: Environment::Production,
        release: None,
        reporter_name: "Ana Lima".into(),
        reporter_contact: "ana@example.com".into(),
        channel: Channel::Phone,
    }
}

pub(crate) fn incident() -> Incident {
    let r = Reference::new(RefKind::Incident, &DeviceTag::from_bits(7), 1);
    let made = Incident::create(
        draft(),
        "incident:1".into(),
        r,
        Timestamp(1_000),
        "agent",
        &PriorityMatrix::default(),
    );
    made.unwrap_or_else(|e| panic!("valid draft refused: {e}"))
}

/// An incident in `status`, reached by legal moves.
pub(crate) fn in_status(status: IncidentStatus) -> Incident {
    use IncidentStatus::*;
    let mut i = incident();
    i.resolution_notes = Some("Restarted the VPN concentrator.".into());
    i.hold_reason = Some(HoldReason::AwaitingCaller);
    let path: &[IncidentStatus] = match status {
        New => &[],
        InProgress => &[InProgress],
        OnHold => &[OnHold],
        Resolved => &[Resolved],
        Closed => &[Resolved, Closed],
        Cancelled => &[Cancelled],
    };
    for &s in path {
        let moved = i.transition(s, Timestamp(2_000), "agent", None);
        assert!(moved.is_ok(), "{moved:?}");
    }
    i
}

#[test]
fn lifecycle_is_sound() {
    assert_eq!(lint::<IncidentStatus>(), Ok(()));
    assert_eq!(exhaustive_transition_check::<IncidentStatus>(), Ok(()));
    assert!(reaches_terminal::<IncidentStatus>());
}

#[test]
fn create_sets_priority_status_history() {
    let i = incident();
    assert_eq!(i.status, IncidentStatus::New);
    assert_eq!(i.priority, Priority::P2);
    assert_eq!(i.history.len(), 1);
    assert_eq!(i.history.events()[0].change, Change::Created);
    assert!(i.is_open());
    assert_eq!(i.draft(), draft());
}

#[test]
fn every_transition_from_every_state() {
    for &from in IncidentStatus::all() {
        for &to in IncidentStatus::all() {
            let mut i = in_status(from);
            i.hold_reason = Some(HoldReason::AwaitingChange);
            let before = i.history.len();
            let result = i.transition(to, Timestamp(9_000), "lead", None);
            if from.allowed().contains(&to) {
                assert!(result.is_ok(), "{from:?}→{to:?}: {result:?}");
                assert_eq!(i.status, to);
                assert_eq!(i.history.len(), before + 1);
                assert_eq!(i.updated, Timestamp(9_000));
                assert_eq!(i.updated_by, "lead");
            } else {
                assert!(result.is_err(), "{from:?}→{to:?} accepted");
                assert_eq!(i.status, from);
                assert_eq!(i.history.len(), before);
            }
        }
    }
}

#[test]
fn closed_is_final_with_a_human_reason() {
    let mut i = in_status(IncidentStatus::Closed);
    let e = i.transition(IncidentStatus::InProgress, Timestamp(5), "a", None);
    assert_eq!(
        e.err().map(|e| e.to_string()).as_deref(),
        Some("An incident cannot go from Closed to In progress: Closed is final")
    );
}

#[test]
fn resolving_needs_a_note() {
    let mut i = incident();
    let e = i.transition(IncidentStatus::Resolved, Timestamp(5), "a", None);
    let reason = e.err().map(|e| e.reason).unwrap_or_default();
    assert!(
        reason.contains("policy “A resolved incident has a resolution note”"),
        "{reason}"
    );
    assert!(i.resolve(None, "  ", Timestamp(5), "a").is_err());
    assert_eq!(i.status, IncidentStatus::New);
    assert!(i
        .resolve(Some("fixed".into()), "Replaced cable", Timestamp(5), "a")
        .is_ok());
    assert_eq!(i.status, IncidentStatus::Resolved);
    assert_eq!(i.resolution_notes.as_deref(), Some("Replaced cable"));
    assert!(!i.is_open());
}

#[test]
fn hold_needs_a_reason_and_reopen_works() {
    let mut i = incident();
    assert!(i
        .transition(IncidentStatus::OnHold, Timestamp(5), "a", None)
        .is_err());
    assert!(i
        .put_on_hold(HoldReason::AwaitingVendor, Timestamp(6), "a")
        .is_ok());
    let last = i.history.last().map(|e| e.change.describe());
    assert_eq!(
        last.as_deref(),
        Some("Status New → On hold (Awaiting vendor)")
    );
    assert!(i
        .transition(IncidentStatus::InProgress, Timestamp(7), "a", None)
        .is_ok());
    assert_eq!(i.hold_reason, None);
    assert!(i.resolve(None, "Vendor patched", Timestamp(8), "a").is_ok());
    let reopen = Some("Still broken".to_string());
    assert!(i
        .transition(IncidentStatus::InProgress, Timestamp(9), "caller", reopen)
        .is_ok());
    assert!(i.is_open());
}

#[test]
fn edit_records_one_event_per_changed_field() {
    let mut i = incident();
    let mut d = draft();
    d.title = "VPN drops every 5 minutes".into();
    d.impact = Impact::High;
    d.service = Some("  ".into());
    let m = PriorityMatrix::default();
    let note = "Whole team affected";
    assert!(i
        .apply_edit_noted(d, note, Timestamp(50), "lead", &m)
        .is_ok());
    let fields: Vec<String> = i
        .history
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Field { field, .. } => Some(field.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(fields, ["title", "service", "impact", "priority"]);
    assert_eq!(i.priority, Priority::P1);
    assert_eq!(i.service, None);
    assert_eq!(i.updated, Timestamp(50));
    let events = i.history.events();
    let last_two: Vec<Change> = events[events.len() - 2..]
        .iter()
        .map(|e| e.change.clone())
        .collect();
    assert_eq!(
        last_two,
        [
            Change::Field {
                field: "priority".into(),
                from: "P2 High".into(),
                to: "P1 Critical".into()
            },
            Change::WorkNote {
                text: "Whole team affected".into()
            }
        ]
    );
    // An unchanged draft records nothing and keeps the update stamp.
    let before = i.history.len();
    let same = i.draft();
    assert!(i.apply_edit(same, Timestamp(60), "x", &m).is_ok());
    assert_eq!(i.history.len(), before);
    assert_eq!(i.updated, Timestamp(50));
}

#[test]
fn invalid_edit_changes_nothing() {
    let mut i = incident();
    let before = i.clone();
    let mut d = draft();
    d.title = "x".into();
    let m = PriorityMatrix::default();
    assert!(i.apply_edit(d, Timestamp(50), "lead", &m).is_err());
    assert_eq!(i, before);
}

#[test]
fn validation_messages_per_field() {
    let mut d = draft();
    d.title = "  ".into();
    d.description = "x".repeat(20_001);
    d.reporter_name = "n".repeat(201);
    d.reporter_contact = "c".repeat(201);
    d.category = "k".repeat(101);
    let errs = d.validate().err().unwrap_or_default();
    assert_eq!(errs.for_field("title"), Some("This field is required."));
    assert!(errs.for_field("description").is_some());
    assert!(errs.for_field("reporter_name").is_some());
    assert!(errs.for_field("reporter_contact").is_some());
    assert!(errs.for_field("category").is_some());
    let mut d = draft();
    d.title = "ab".into();
    let errs = d.validate().err().unwrap_or_default();
    assert_eq!(errs.for_field("title"), Some("Use at least 3 characters."));
    d.title = "t".repeat(201);
    assert!(d.validate().is_err());
    d.title = "t".repeat(200);
    d.environment = Environment::Staging;
    d.channel = Channel::Testing;
    assert!(d.validate().is_ok(), "pre-production needs nothing extra");
}

#[test]
fn serialises_index_fields_and_loads_partial_documents() {
    let i = incident();
    let json = serde_json::to_value(&i).unwrap_or_default();
    assert_eq!(json["_id"], "incident:1");
    assert_eq!(json["status"], "new");
    assert_eq!(json["priority"], 2);
    assert_eq!(json["updated"], 1_000);
    assert!(json["reference"].as_str().is_some());
    assert!(json.get("type").is_none());
    let partial = r#"{"_id":"incident:2","reference":"INC-00007-0002","title":"Old",
        "impact":"low","urgency":"low","priority":5,"status":"in_progress",
        "created":1,"updated":2}"#;
    let old: Option<Incident> = serde_json::from_str(partial).ok();
    assert_eq!(old.map(|i| i.status), Some(IncidentStatus::InProgress));
}

#[test]
fn labels_and_environments() {
    assert!(Environment::Staging.is_pre_production());
    assert!(!Environment::Production.is_pre_production());
    assert_eq!(Channel::WalkIn.label(), "Walk-in");
    assert_eq!(IncidentStatus::InProgress.label(), "In progress");
    assert!(HoldReason::ALL.iter().all(|r| !r.label().is_empty()));
}

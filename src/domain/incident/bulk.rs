//! Bulk actions on a selection of incidents: what can be asked (assign, change status
//! with what that status needs) and applying it to each incident with the same rules
//! as one at a time. The caller writes all or nothing.

use crate::domain::incident::{HoldReason, Incident, IncidentStatus};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;

/// What to do to every selected incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkAction {
    /// Set the assignment group and assignee (either may be empty).
    Assign {
        /// Group id.
        group: Option<String>,
        /// Person id.
        assignee: Option<String>,
    },
    /// Move to a status, with what that move needs.
    Status {
        /// Target status.
        to: IncidentStatus,
        /// Hold reason (On hold).
        hold: Option<HoldReason>,
        /// Resolution code key (Resolved).
        code: Option<String>,
        /// Resolution notes (Resolved) or reason (Cancelled, reopening).
        text: String,
    },
}

/// Applies `action` to `incident` as the single-incident actions would; the message
/// of the first rule it breaks otherwise (the incident may then be half-changed: the
/// caller discards it).
pub fn apply(
    incident: &mut Incident,
    action: &BulkAction,
    now: Timestamp,
    by: &str,
) -> Result<(), String> {
    match action {
        BulkAction::Assign { group, assignee } => {
            if !incident.is_open() {
                return Err(format!(
                    "{} is {} and can no longer be reassigned",
                    incident.reference,
                    incident.status.label().to_lowercase()
                ));
            }
            incident.assign(group.clone(), assignee.clone(), now, by);
            Ok(())
        }
        BulkAction::Status {
            to,
            hold,
            code,
            text,
        } => {
            let result = match to {
                IncidentStatus::OnHold => match hold {
                    Some(reason) => incident.put_on_hold(*reason, now, by),
                    None => return Err("Choose why the incidents are on hold.".into()),
                },
                IncidentStatus::Resolved => incident.resolve(code.clone(), text, now, by),
                IncidentStatus::Cancelled => incident.cancel(text, now, by),
                IncidentStatus::InProgress if incident.status == IncidentStatus::Resolved => {
                    incident.reopen(text, now, by)
                }
                _ => incident.transition(*to, now, by, None),
            };
            result.map_err(|e| format!("{}: {e}", incident.reference))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::couch::record::Record;
    use crate::domain::demo::scenario;

    fn demo() -> Vec<Incident> {
        scenario(Timestamp::from_civil(2026, 11, 26, 9, 0))
            .into_iter()
            .filter_map(|r| match r {
                Record::Incident(i) => Some(i),
                _ => None,
            })
            .collect()
    }

    fn with_status(status: IncidentStatus) -> Incident {
        demo()
            .into_iter()
            .find(|i| i.status == status)
            .unwrap_or_else(|| panic!("the demo has a {status:?} incident"))
    }

    const NOW: Timestamp = Timestamp(1_800_000_000_000);

    #[test]
    fn assign_records_history_and_refuses_closed_incidents() {
        let mut open = with_status(IncidentStatus::New);
        let before = open.history.len();
        let action = BulkAction::Assign {
            group: Some("group:x".into()),
            assignee: None,
        };
        apply(&mut open, &action, NOW, "Ada").unwrap();
        assert_eq!(open.assignment_group.as_deref(), Some("group:x"));
        assert_eq!(open.history.len(), before + 1);
        let mut closed = with_status(IncidentStatus::Closed);
        let err = apply(&mut closed, &action, NOW, "Ada").unwrap_err();
        assert!(err.contains("closed"), "{err}");
    }

    #[test]
    fn status_moves_need_what_a_single_move_needs() {
        let status = |to, hold, text: &str| BulkAction::Status {
            to,
            hold,
            code: Some("fixed".into()),
            text: text.into(),
        };
        let mut i = with_status(IncidentStatus::InProgress);
        let err = apply(&mut i, &status(IncidentStatus::OnHold, None, ""), NOW, "A");
        assert!(err.is_err());
        let err = apply(
            &mut i,
            &status(IncidentStatus::Resolved, None, " "),
            NOW,
            "A",
        );
        assert!(err.unwrap_err().contains("resolution note"));
        apply(
            &mut i,
            &status(IncidentStatus::Resolved, None, "Reset"),
            NOW,
            "A",
        )
        .unwrap();
        assert_eq!(i.status, IncidentStatus::Resolved);
        // Resolved → In progress is a reopen and needs a reason.
        let err = apply(
            &mut i,
            &status(IncidentStatus::InProgress, None, ""),
            NOW,
            "A",
        );
        assert!(err.is_err());
        apply(
            &mut i,
            &status(IncidentStatus::InProgress, None, "Back"),
            NOW,
            "A",
        )
        .unwrap();
        let hold = status(IncidentStatus::OnHold, Some(HoldReason::AwaitingVendor), "");
        apply(&mut i, &hold, NOW, "A").unwrap();
        assert_eq!(i.status, IncidentStatus::OnHold);
        let err = apply(
            &mut i,
            &status(IncidentStatus::Cancelled, None, ""),
            NOW,
            "A",
        );
        assert!(err.is_err());
        let mut closed = with_status(IncidentStatus::Closed);
        let err = apply(
            &mut closed,
            &status(IncidentStatus::InProgress, None, "x"),
            NOW,
            "A",
        );
        assert!(err.unwrap_err().starts_with(closed.reference.as_str()));
    }
}

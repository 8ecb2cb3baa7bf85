//! The append-only history of a record: who changed what, when. Events can be added,
//! never edited or removed; timelines and SLA clocks are derived from them.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;

/// One thing that happened to a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened.
    pub at: Timestamp,
    /// Who did it (person id or name).
    pub by: String,
    /// What changed.
    pub change: Change,
}

/// What an event changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The record was created.
    Created,
    /// A field's value changed (values as displayed).
    Field {
        /// Field name (`title`, `impact`, …).
        field: String,
        /// Old value.
        from: String,
        /// New value.
        to: String,
    },
    /// The status changed.
    Status {
        /// Old status label.
        from: String,
        /// New status label.
        to: String,
        /// Why, when given (hold reason, reopen reason, …).
        #[serde(default)]
        reason: Option<String>,
    },
    /// An internal note for agents.
    WorkNote {
        /// The note.
        text: String,
    },
    /// A comment visible on the portal.
    PublicComment {
        /// The comment.
        text: String,
    },
    /// Assignment changed.
    Assigned {
        /// Assignment group id.
        #[serde(default)]
        group: Option<String>,
        /// Assignee id.
        #[serde(default)]
        assignee: Option<String>,
    },
    /// Escalated: functional (to another group or tier) or hierarchical (to a manager).
    Escalated {
        /// True for functional, false for hierarchical.
        functional: bool,
        /// Group, tier or manager escalated to.
        to: String,
        /// Why.
        reason: String,
    },
    /// Linked to another record.
    Linked {
        /// What kind of link (`problem`, `known_error`, `article`, …).
        what: String,
        /// The linked record's id or reference.
        target: String,
    },
}

impl Change {
    /// One line for a timeline: `Status New → In progress`, `Title changed`, …
    pub fn describe(&self) -> String {
        match self {
            Change::Created => "Created".into(),
            Change::Field { field, .. } => format!("{} changed", field_label(field)),
            Change::Status { from, to, reason } => match reason {
                Some(r) if !r.is_empty() => format!("Status {from} → {to} ({r})"),
                _ => format!("Status {from} → {to}"),
            },
            Change::WorkNote { .. } => "Work note added".into(),
            Change::PublicComment { .. } => "Public comment added".into(),
            Change::Assigned { group, assignee } => match (group, assignee) {
                (_, Some(a)) => format!("Assigned to {a}"),
                (Some(g), None) => format!("Assigned to group {g}"),
                (None, None) => "Unassigned".into(),
            },
            Change::Escalated { functional, to, .. } => {
                let kind = if *functional {
                    "Functional"
                } else {
                    "Hierarchical"
                };
                format!("{kind} escalation to {to}")
            }
            Change::Linked { what, target } => {
                format!("Linked {} {target}", field_label(what).to_lowercase())
            }
        }
    }
}

/// `resolution_notes` → `Resolution notes`.
pub fn field_label(field: &str) -> String {
    let spaced = field.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A record's events, oldest first. Append-only: there is no way to edit or remove one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct History(Vec<Event>);

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an event.
    pub fn push(&mut self, event: Event) {
        self.0.push(event);
    }

    /// Appends `change` made at `at` by `by`.
    pub fn record(&mut self, at: Timestamp, by: &str, change: Change) {
        self.push(Event {
            at,
            by: by.to_owned(),
            change,
        });
    }

    /// Records a [`Change::Field`] when `from` and `to` differ; returns whether it did.
    pub fn record_field(
        &mut self,
        at: Timestamp,
        by: &str,
        field: &str,
        from: &str,
        to: &str,
    ) -> bool {
        if from == to {
            return false;
        }
        self.record(
            at,
            by,
            Change::Field {
                field: field.to_owned(),
                from: from.to_owned(),
                to: to.to_owned(),
            },
        );
        true
    }

    /// All events, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.0
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The most recent event.
    pub fn last(&self) -> Option<&Event> {
        self.0.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes() {
        let s = Change::Status {
            from: "New".into(),
            to: "In progress".into(),
            reason: None,
        };
        assert_eq!(s.describe(), "Status New → In progress");
        let f = Change::Field {
            field: "title".into(),
            from: "a".into(),
            to: "b".into(),
        };
        assert_eq!(f.describe(), "Title changed");
        assert_eq!(field_label("resolution_notes"), "Resolution notes");
        let e = Change::Escalated {
            functional: true,
            to: "Network team".into(),
            reason: "needs router access".into(),
        };
        assert_eq!(e.describe(), "Functional escalation to Network team");
        let l = Change::Linked {
            what: "known_error".into(),
            target: "KE-DEM00-0001".into(),
        };
        assert_eq!(l.describe(), "Linked known error KE-DEM00-0001");
    }

    #[test]
    fn serialises_with_kind_tag() {
        let mut h = History::new();
        h.record(Timestamp(5), "ana", Change::Created);
        h.record(
            Timestamp(6),
            "ana",
            Change::WorkNote {
                text: "called user".into(),
            },
        );
        assert_eq!(h.len(), 2);
        let json = serde_json::to_string(&h).unwrap_or_default();
        assert_eq!(
            json,
            r#"[{"at":5,"by":"ana","change":{"kind":"created"}},{"at":6,"by":"ana","change":{"kind":"work_note","text":"called user"}}]"#
        );
        assert_eq!(serde_json::from_str::<History>(&json).ok(), Some(h));
        let partial = r#"{"kind":"status","from":"New","to":"Closed"}"#;
        assert!(serde_json::from_str::<Change>(partial).is_ok());
    }
}

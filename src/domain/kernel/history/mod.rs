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
    /// A known error's workaround was given to the reporter; the public comment next
    /// to it holds the words.
    Workaround {
        /// The known error's id.
        known_error: String,
    },
}

/// How a timeline marks an entry (one CSS class and one visible tag per kind).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// The record was created.
    Created,
    /// A field changed.
    Field,
    /// The status changed.
    Status,
    /// An internal work note.
    WorkNote,
    /// A comment the reporter sees.
    PublicComment,
    /// Assignment changed.
    Assignment,
    /// Functional or hierarchical escalation.
    Escalation,
    /// A link to another record.
    Link,
    /// Declared or stood down as a major incident.
    Major,
    /// A known error's workaround given to the reporter.
    Workaround,
}

impl EntryKind {
    /// Stable name for styling (`work-note`).
    pub fn key(self) -> &'static str {
        match self {
            EntryKind::Created => "created",
            EntryKind::Field => "field",
            EntryKind::Status => "status",
            EntryKind::WorkNote => "work-note",
            EntryKind::PublicComment => "public-comment",
            EntryKind::Assignment => "assignment",
            EntryKind::Escalation => "escalation",
            EntryKind::Link => "link",
            EntryKind::Major => "major",
            EntryKind::Workaround => "workaround",
        }
    }

    /// The tag shown on the entry (`Work note (internal)`).
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Created => "Created",
            EntryKind::Field => "Change",
            EntryKind::Status => "Status",
            EntryKind::WorkNote => "Work note (internal)",
            EntryKind::PublicComment => "Public comment",
            EntryKind::Assignment => "Assignment",
            EntryKind::Escalation => "Escalation",
            EntryKind::Link => "Link",
            EntryKind::Major => "Major incident",
            EntryKind::Workaround => "Workaround",
        }
    }
}

/// One timeline entry in words: its kind, a one-line summary and, for notes and
/// escalations, the text written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    /// How to mark it.
    pub kind: EntryKind,
    /// `Impact: Medium → High`, `Assigned to Ada Lovelace (Network team)`, …
    pub summary: String,
    /// The note, comment or escalation reason, when there is one.
    pub detail: Option<String>,
}

/// Fields whose stored values are record ids, shown through the name lookup.
const ID_FIELDS: [&str; 10] = [
    "service",
    "release",
    "assignment_group",
    "assignee",
    "problem",
    "article",
    "release_introduced",
    "fix_release",
    "release_found",
    "target_fix_release",
];

/// A value on a timeline: `—` when empty.
fn shown(value: &str) -> String {
    if value.trim().is_empty() {
        "—".into()
    } else {
        value.to_owned()
    }
}

impl Change {
    /// One line for a timeline, with ids shown as they are stored: `Status New → In
    /// progress`, `Title: old → new`, …
    pub fn describe(&self) -> String {
        self.describe_with(&|id: &str| id.to_owned()).summary
    }

    /// The timeline entry, turning record ids (groups, people, services, releases,
    /// linked records) into names with `name` (which returns the id when unknown).
    pub fn describe_with(&self, name: &dyn Fn(&str) -> String) -> Described {
        let entry = |kind, summary: String, detail: Option<String>| Described {
            kind,
            summary,
            detail,
        };
        match self {
            Change::Created => entry(EntryKind::Created, "Created".into(), None),
            Change::Field { field, to, .. } if field == "major" => {
                let summary = if to == "Yes" {
                    "Declared a major incident"
                } else {
                    "Major incident stood down"
                };
                entry(EntryKind::Major, summary.into(), None)
            }
            Change::Field { field, to, .. } if field == "restored" => entry(
                EntryKind::Field,
                format!("Restored {to} as the draft"),
                None,
            ),
            Change::Field { field, from, to } => {
                let value = |v: &str| {
                    if ID_FIELDS.contains(&field.as_str()) && !v.trim().is_empty() {
                        name(v)
                    } else {
                        shown(v)
                    }
                };
                let summary = format!("{}: {} → {}", field_label(field), value(from), value(to));
                entry(EntryKind::Field, summary, None)
            }
            Change::Status { from, to, reason } => {
                let summary = match reason {
                    Some(r) if !r.trim().is_empty() => format!("Status {from} → {to} ({r})"),
                    _ => format!("Status {from} → {to}"),
                };
                entry(EntryKind::Status, summary, None)
            }
            Change::WorkNote { text } => entry(
                EntryKind::WorkNote,
                "Work note added".into(),
                Some(text.clone()),
            ),
            Change::PublicComment { text } => entry(
                EntryKind::PublicComment,
                "Public comment added".into(),
                Some(text.clone()),
            ),
            Change::Assigned { group, assignee } => {
                let summary = match (group.as_deref(), assignee.as_deref()) {
                    (Some(g), Some(a)) => format!("Assigned to {} ({})", name(a), name(g)),
                    (None, Some(a)) => format!("Assigned to {}", name(a)),
                    (Some(g), None) => format!("Assigned to group {}", name(g)),
                    (None, None) => "Unassigned".into(),
                };
                entry(EntryKind::Assignment, summary, None)
            }
            Change::Escalated {
                functional,
                to,
                reason,
            } => {
                let summary = if *functional {
                    format!("Functional escalation to {}", name(to))
                } else {
                    format!("Hierarchical escalation to {}", name(to))
                };
                let detail = (!reason.trim().is_empty()).then(|| reason.clone());
                entry(EntryKind::Escalation, summary, detail)
            }
            Change::Linked { what, target } => {
                let summary = format!(
                    "Linked {} {}",
                    field_label(what).to_lowercase(),
                    name(target)
                );
                entry(EntryKind::Link, summary, None)
            }
            Change::Workaround { known_error } => entry(
                EntryKind::Workaround,
                format!(
                    "Workaround from {} given to the reporter",
                    name(known_error)
                ),
                None,
            ),
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
mod tests;

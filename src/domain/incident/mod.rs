//! Incidents: the record, its lifecycle (New → In progress → Resolved → Closed, with
//! hold, cancel and reopen), the form draft with its validation, and edits with history.

pub mod bulk;
pub mod kinds;
pub mod query;
pub mod sla;

use serde::{Deserialize, Serialize};

use crate::domain::config::practice::Rule;
use crate::domain::config::priority::{Impact, Priority, PriorityMatrix, Urgency};
use crate::domain::kernel::history::{Change, History};
use crate::domain::kernel::lifecycle::{check_transition, Lifecycle, TransitionError};
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{max_text, require_text_between, ValidationErrors};

pub use crate::domain::incident::kinds::{
    Channel, Environment, HoldReason, IncidentStatus, ResolutionCode,
};

mod work;
pub use work::{check_note, LinkKind};

/// Who reported the incident and how to reach them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporter {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Email address or phone number.
    #[serde(default)]
    pub contact: String,
}

/// Who declared an incident major, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MajorFlag {
    /// Who declared it.
    pub by: String,
    /// When.
    pub at: Timestamp,
}

/// An unplanned interruption to a service or reduction in its quality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Document id, `incident:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Human reference, `INC-…`.
    pub reference: Reference,
    /// Short summary.
    pub title: String,
    /// What happened, in the reporter's words.
    #[serde(default)]
    pub description: String,
    /// Who reported it.
    #[serde(default)]
    pub reporter: Reporter,
    /// How it was reported.
    #[serde(default)]
    pub channel: Channel,
    /// Affected service record id.
    #[serde(default)]
    pub service: Option<String>,
    /// Free-text category.
    #[serde(default)]
    pub category: String,
    /// Environment found in.
    #[serde(default)]
    pub environment: Environment,
    /// Release record id, when known.
    #[serde(default)]
    pub release: Option<String>,
    /// Business impact.
    pub impact: Impact,
    /// Urgency.
    pub urgency: Urgency,
    /// Always the matrix result for impact and urgency; stored for lists and indexes.
    pub priority: Priority,
    /// Lifecycle status.
    pub status: IncidentStatus,
    /// Set while on hold.
    #[serde(default)]
    pub hold_reason: Option<HoldReason>,
    /// Assignment group id.
    #[serde(default)]
    pub assignment_group: Option<String>,
    /// Assignee (person) id.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Set when declared a major incident.
    #[serde(default)]
    pub major: Option<MajorFlag>,
    /// Linked problem id.
    #[serde(default)]
    pub problem: Option<String>,
    /// Linked known error id.
    #[serde(default)]
    pub known_error: Option<String>,
    /// Linked knowledge article ids.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Resolution code (`workaround`, `fixed`, …).
    #[serde(default)]
    pub resolution_code: Option<String>,
    /// How it was resolved; required to resolve.
    #[serde(default)]
    pub resolution_notes: Option<String>,
    /// When created.
    pub created: Timestamp,
    /// Who created it.
    #[serde(default)]
    pub created_by: String,
    /// Last change.
    pub updated: Timestamp,
    /// Who made the last change.
    #[serde(default)]
    pub updated_by: String,
    /// Append-only event history.
    #[serde(default)]
    pub history: History,
}

/// The incident form's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentDraft {
    /// Short summary (3–200 characters).
    pub title: String,
    /// What happened (up to 20 000 characters).
    pub description: String,
    /// Affected service id.
    pub service: Option<String>,
    /// Free-text category.
    pub category: String,
    /// Business impact.
    pub impact: Impact,
    /// Urgency.
    pub urgency: Urgency,
    /// Environment found in.
    pub environment: Environment,
    /// Release id.
    pub release: Option<String>,
    /// Reporter's name.
    pub reporter_name: String,
    /// Reporter's email or phone.
    pub reporter_contact: String,
    /// How it was reported.
    pub channel: Channel,
}

impl IncidentDraft {
    /// An empty form: medium impact and urgency, found in production, by phone.
    pub fn blank() -> IncidentDraft {
        IncidentDraft {
            title: String::new(),
            description: String::new(),
            service: None,
            category: String::new(),
            impact: Impact::Medium,
            urgency: Urgency::Medium,
            environment: Environment::Production,
            release: None,
            reporter_name: String::new(),
            reporter_contact: String::new(),
            channel: Channel::Phone,
        }
    }

    /// Checks every field; one message per field in error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text_between("title", &self.title, 3, 200));
        errs.check(max_text("description", &self.description, 20_000));
        errs.check(max_text("category", &self.category, 100));
        errs.check(max_text("reporter_name", &self.reporter_name, 200));
        errs.check(max_text("reporter_contact", &self.reporter_contact, 200));
        errs.into_result()
    }
}

fn clean(value: &Option<String>) -> Option<String> {
    crate::domain::kernel::validation::non_blank(value)
}

impl Incident {
    /// A new incident from a valid draft: status New, priority from `matrix`, history
    /// holding the creation.
    pub fn create(
        draft: IncidentDraft,
        id: String,
        reference: Reference,
        now: Timestamp,
        by: &str,
        matrix: &PriorityMatrix,
    ) -> Result<Incident, ValidationErrors> {
        draft.validate()?;
        let mut history = History::new();
        history.record(now, by, Change::Created);
        Ok(Incident {
            id,
            reference,
            title: draft.title.trim().to_owned(),
            description: draft.description.trim().to_owned(),
            reporter: Reporter {
                name: draft.reporter_name.trim().to_owned(),
                contact: draft.reporter_contact.trim().to_owned(),
            },
            channel: draft.channel,
            service: clean(&draft.service),
            category: draft.category.trim().to_owned(),
            environment: draft.environment,
            release: clean(&draft.release),
            impact: draft.impact,
            urgency: draft.urgency,
            priority: matrix.priority(draft.impact, draft.urgency),
            status: IncidentStatus::initial(),
            hold_reason: None,
            assignment_group: None,
            assignee: None,
            major: None,
            problem: None,
            known_error: None,
            articles: Vec::new(),
            resolution_code: None,
            resolution_notes: None,
            created: now,
            created_by: by.to_owned(),
            updated: now,
            updated_by: by.to_owned(),
            history,
        })
    }

    /// The form's input for editing this incident.
    pub fn draft(&self) -> IncidentDraft {
        IncidentDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            service: self.service.clone(),
            category: self.category.clone(),
            impact: self.impact,
            urgency: self.urgency,
            environment: self.environment,
            release: self.release.clone(),
            reporter_name: self.reporter.name.clone(),
            reporter_contact: self.reporter.contact.clone(),
            channel: self.channel,
        }
    }

    /// Moves to `to`, refusing illegal moves and policy breaches (a resolved incident
    /// needs a resolution note; an incident on hold needs a hold reason).
    pub fn transition(
        &mut self,
        to: IncidentStatus,
        now: Timestamp,
        by: &str,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        let from = self.status;
        check_transition(from, to)?;
        if to == IncidentStatus::Resolved && clean(&self.resolution_notes).is_none() {
            return Err(TransitionError::policy(
                from,
                to,
                &Rule::ResolutionNote.cite(),
            ));
        }
        if to == IncidentStatus::OnHold && self.hold_reason.is_none() {
            return Err(TransitionError::policy(
                from,
                to,
                "an incident on hold needs a hold reason",
            ));
        }
        let reason = clean(&reason).or_else(|| match to {
            IncidentStatus::OnHold => self.hold_reason.map(|r| r.label().to_owned()),
            _ => None,
        });
        if to != IncidentStatus::OnHold {
            self.hold_reason = None;
        }
        self.status = to;
        self.history.record(
            now,
            by,
            Change::Status {
                from: from.label().to_owned(),
                to: to.label().to_owned(),
                reason,
            },
        );
        self.touch(now, by);
        Ok(())
    }

    /// Puts the incident on hold for `reason`.
    pub fn put_on_hold(
        &mut self,
        reason: HoldReason,
        now: Timestamp,
        by: &str,
    ) -> Result<(), TransitionError> {
        check_transition(self.status, IncidentStatus::OnHold)?;
        self.hold_reason = Some(reason);
        self.transition(IncidentStatus::OnHold, now, by, None)
    }

    /// Resolves with a resolution code and note (the note is required).
    pub fn resolve(
        &mut self,
        code: Option<String>,
        notes: &str,
        now: Timestamp,
        by: &str,
    ) -> Result<(), TransitionError> {
        let to = IncidentStatus::Resolved;
        check_transition(self.status, to)?;
        if notes.trim().is_empty() {
            return Err(TransitionError::policy(
                self.status,
                to,
                &Rule::ResolutionNote.cite(),
            ));
        }
        self.resolution_code = clean(&code);
        self.resolution_notes = Some(notes.trim().to_owned());
        self.transition(to, now, by, None)
    }

    /// Sets the assignment group and assignee, recording the change.
    pub fn assign(
        &mut self,
        group: Option<String>,
        assignee: Option<String>,
        now: Timestamp,
        by: &str,
    ) {
        let (group, assignee) = (clean(&group), clean(&assignee));
        if group == self.assignment_group && assignee == self.assignee {
            return;
        }
        self.assignment_group = group.clone();
        self.assignee = assignee.clone();
        self.history
            .record(now, by, Change::Assigned { group, assignee });
        self.touch(now, by);
    }

    /// Adds an internal work note or a public (portal-visible) comment.
    pub fn add_note(&mut self, text: &str, public: bool, now: Timestamp, by: &str) {
        let text = text.trim().to_owned();
        let change = if public {
            Change::PublicComment { text }
        } else {
            Change::WorkNote { text }
        };
        self.history.record(now, by, change);
        self.touch(now, by);
    }

    /// True until resolved, closed or cancelled.
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            IncidentStatus::New | IncidentStatus::InProgress | IncidentStatus::OnHold
        )
    }

    fn touch(&mut self, now: Timestamp, by: &str) {
        self.updated = now;
        by.clone_into(&mut self.updated_by);
    }
}

#[cfg(test)]
mod tests;

//! Problems: the cause, or potential cause, of incidents. The record, its lifecycle
//! (New → Under investigation → Known error → Resolved → Closed), draft and edits.

pub mod intake;
pub mod query;
pub mod resolve;

use serde::{Deserialize, Serialize};

use crate::domain::config::practice::Rule;
use crate::domain::config::priority::Priority;
use crate::domain::kernel::edit::Edit;
use crate::domain::kernel::history::{Change, History};
use crate::domain::kernel::lifecycle::{check_transition, move_status, Lifecycle, TransitionError};
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{
    max_text, non_blank, require_text_between, ValidationErrors,
};

/// Where a problem is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemStatus {
    /// Logged.
    New,
    /// Root cause being looked for.
    UnderInvestigation,
    /// Analysed, not yet resolved (a known error record exists).
    KnownError,
    /// Fixed.
    Resolved,
    /// Done.
    Closed,
}

impl Lifecycle for ProblemStatus {
    fn all() -> &'static [Self] {
        use ProblemStatus::*;
        &[New, UnderInvestigation, KnownError, Resolved, Closed]
    }
    fn initial() -> Self {
        ProblemStatus::New
    }
    fn allowed(self) -> &'static [Self] {
        use ProblemStatus::*;
        match self {
            New => &[UnderInvestigation],
            UnderInvestigation => &[KnownError, Resolved],
            KnownError => &[Resolved],
            Resolved => &[Closed, UnderInvestigation],
            Closed => &[],
        }
    }
    fn is_terminal(self) -> bool {
        self == ProblemStatus::Closed
    }
    fn label(self) -> &'static str {
        match self {
            ProblemStatus::New => "New",
            ProblemStatus::UnderInvestigation => "Under investigation",
            ProblemStatus::KnownError => "Known error",
            ProblemStatus::Resolved => "Resolved",
            ProblemStatus::Closed => "Closed",
        }
    }
    fn record_noun() -> &'static str {
        "problem"
    }
}

/// A cause, or potential cause, of one or more incidents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Document id, `problem:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Human reference, `PRB-…`.
    pub reference: Reference,
    /// Short summary.
    pub title: String,
    /// What is known so far.
    #[serde(default)]
    pub description: String,
    /// Lifecycle status.
    pub status: ProblemStatus,
    /// Priority (set by the problem manager).
    pub priority: Priority,
    /// Affected service id.
    #[serde(default)]
    pub service: Option<String>,
    /// Linked incident ids.
    #[serde(default)]
    pub incidents: Vec<String>,
    /// Root cause, once found.
    #[serde(default)]
    pub root_cause: String,
    /// Workaround, when one exists.
    #[serde(default)]
    pub workaround: String,
    /// How it was (or will be) fixed.
    #[serde(default)]
    pub fix_notes: String,
    /// Release it was found in (id).
    #[serde(default)]
    pub release_found: Option<String>,
    /// Release expected to fix it (id).
    #[serde(default)]
    pub target_fix_release: Option<String>,
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

/// The problem form's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProblemDraft {
    /// Short summary (3–200 characters).
    pub title: String,
    /// Description (up to 20 000 characters).
    pub description: String,
    /// Priority.
    pub priority: Priority,
    /// Affected service id.
    pub service: Option<String>,
    /// Root cause.
    pub root_cause: String,
    /// Workaround.
    pub workaround: String,
    /// Fix notes.
    pub fix_notes: String,
    /// Release found in (id).
    pub release_found: Option<String>,
    /// Target fix release (id).
    pub target_fix_release: Option<String>,
}

impl ProblemDraft {
    /// Checks every field; one message per field in error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text_between("title", &self.title, 3, 200));
        errs.check(max_text("description", &self.description, 20_000));
        errs.check(max_text("root_cause", &self.root_cause, 20_000));
        errs.check(max_text("workaround", &self.workaround, 20_000));
        errs.check(max_text("fix_notes", &self.fix_notes, 20_000));
        errs.into_result()
    }
}

impl Problem {
    /// A new problem from a valid draft: status New, history holding the creation.
    pub fn create(
        draft: ProblemDraft,
        id: String,
        reference: Reference,
        now: Timestamp,
        by: &str,
    ) -> Result<Problem, ValidationErrors> {
        draft.validate()?;
        let mut history = History::new();
        history.record(now, by, Change::Created);
        Ok(Problem {
            id,
            reference,
            title: draft.title.trim().to_owned(),
            description: draft.description.trim().to_owned(),
            status: ProblemStatus::initial(),
            priority: draft.priority,
            service: non_blank(&draft.service),
            incidents: Vec::new(),
            root_cause: draft.root_cause.trim().to_owned(),
            workaround: draft.workaround.trim().to_owned(),
            fix_notes: draft.fix_notes.trim().to_owned(),
            release_found: non_blank(&draft.release_found),
            target_fix_release: non_blank(&draft.target_fix_release),
            created: now,
            created_by: by.to_owned(),
            updated: now,
            updated_by: by.to_owned(),
            history,
        })
    }

    /// The form's input for editing this problem.
    pub fn draft(&self) -> ProblemDraft {
        ProblemDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            priority: self.priority,
            service: self.service.clone(),
            root_cause: self.root_cause.clone(),
            workaround: self.workaround.clone(),
            fix_notes: self.fix_notes.clone(),
            release_found: self.release_found.clone(),
            target_fix_release: self.target_fix_release.clone(),
        }
    }

    /// Applies an edited draft, recording one history event per changed field.
    pub fn apply_edit(
        &mut self,
        draft: ProblemDraft,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        draft.validate()?;
        let mut edit = Edit::new();
        edit.text("title", &mut self.title, &draft.title)
            .text("description", &mut self.description, &draft.description)
            .text("root_cause", &mut self.root_cause, &draft.root_cause)
            .text("workaround", &mut self.workaround, &draft.workaround)
            .text("fix_notes", &mut self.fix_notes, &draft.fix_notes)
            .optional("service", &mut self.service, &draft.service)
            .optional(
                "release_found",
                &mut self.release_found,
                &draft.release_found,
            )
            .optional(
                "target_fix_release",
                &mut self.target_fix_release,
                &draft.target_fix_release,
            )
            .value("priority", &mut self.priority, draft.priority, |p| {
                p.label()
            });
        if edit.record(&mut self.history, now, by) {
            self.touch(now, by);
        }
        Ok(())
    }

    /// Moves to `to`. A known error needs a root cause or workaround; a resolved
    /// problem needs fix notes.
    pub fn transition(
        &mut self,
        to: ProblemStatus,
        now: Timestamp,
        by: &str,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        check_transition(self.status, to)?;
        let blank = |s: &str| s.trim().is_empty();
        if to == ProblemStatus::KnownError && blank(&self.root_cause) && blank(&self.workaround) {
            return Err(TransitionError::policy(
                self.status,
                to,
                &Rule::KnownErrorAnalysed.cite(),
            ));
        }
        if to == ProblemStatus::Resolved && blank(&self.fix_notes) {
            return Err(TransitionError::policy(
                self.status,
                to,
                &Rule::ProblemFixNotes.cite(),
            ));
        }
        move_status(&mut self.status, to, &mut self.history, now, by, reason)?;
        self.touch(now, by);
        Ok(())
    }

    /// Links an incident (by id); linking twice does nothing.
    pub fn link_incident(&mut self, incident_id: &str, now: Timestamp, by: &str) {
        if self.incidents.iter().any(|i| i == incident_id) {
            return;
        }
        self.incidents.push(incident_id.to_owned());
        let change = Change::Linked {
            what: "incident".into(),
            target: incident_id.to_owned(),
        };
        self.history.record(now, by, change);
        self.touch(now, by);
    }

    /// True until resolved or closed.
    pub fn is_open(&self) -> bool {
        !matches!(self.status, ProblemStatus::Resolved | ProblemStatus::Closed)
    }

    fn touch(&mut self, now: Timestamp, by: &str) {
        self.updated = now;
        by.clone_into(&mut self.updated_by);
    }
}

#[cfg(test)]
mod tests;

//! The agent's work on an incident beyond the lifecycle basics: edits (a work note is
//! required when impact or urgency changes), cancelling and reopening with a reason,
//! declaring and standing down a major incident, links to problems, known errors and
//! articles, and note validation. Every method changes nothing when it refuses.

use super::{Incident, IncidentDraft, IncidentStatus, MajorFlag};
use crate::domain::config::priority::PriorityMatrix;
use crate::domain::couch::record::kind_of_id;
use crate::domain::kernel::edit::Edit;
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::{check_transition, TransitionError};
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{max_text, require_text, ValidationErrors};

/// Longest note, comment or reason accepted (characters).
const NOTE_MAX: usize = 20_000;

/// Checks a work note or public comment (field `note`): required, at most 20 000
/// characters.
pub fn check_note(text: &str) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    errs.check(require_text("note", text, NOTE_MAX));
    errs.into_result()
}

/// What a link points at: the field it fills and the document kind it accepts.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// The problem behind the incident.
    Problem,
    /// The known error (with its workaround) the incident matches.
    KnownError,
    /// A knowledge article used on the incident.
    Article,
}

impl LinkKind {
    /// Every kind, in form order.
    pub const ALL: [LinkKind; 3] = [LinkKind::Problem, LinkKind::KnownError, LinkKind::Article];

    /// The document kind of the target (`known_error`); also the `what` of
    /// [`Change::Linked`].
    pub fn key(self) -> &'static str {
        match self {
            LinkKind::Problem => "problem",
            LinkKind::KnownError => "known_error",
            LinkKind::Article => "article",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Problem => "Problem",
            LinkKind::KnownError => "Known error",
            LinkKind::Article => "Knowledge article",
        }
    }
}

impl Incident {
    /// Applies an edited draft with no work note: refused (field `work_note`) when
    /// impact or urgency changes. See [`Incident::apply_edit_noted`].
    pub fn apply_edit(
        &mut self,
        draft: IncidentDraft,
        now: Timestamp,
        by: &str,
        matrix: &PriorityMatrix,
    ) -> Result<(), ValidationErrors> {
        self.apply_edit_noted(draft, "", now, by, matrix)
    }

    /// Applies an edited draft, recording one history event per changed field
    /// (priority included when the matrix gives a new one) and, when given, the work
    /// note. Changing impact or urgency after creation needs a work note saying why
    /// (field `work_note`), as in ServiceNow. Nothing changes on error.
    pub fn apply_edit_noted(
        &mut self,
        draft: IncidentDraft,
        work_note: &str,
        now: Timestamp,
        by: &str,
        matrix: &PriorityMatrix,
    ) -> Result<(), ValidationErrors> {
        let mut errs = draft.validate().err().unwrap_or_default();
        let rated_again = draft.impact != self.impact || draft.urgency != self.urgency;
        if rated_again && work_note.trim().is_empty() {
            errs.push(
                "work_note",
                "Impact or urgency changed: add a work note saying why.",
            );
        }
        errs.check(max_text("work_note", work_note, NOTE_MAX));
        errs.into_result()?;
        let mut changed = self.record_edit(draft, now, by, matrix);
        if !work_note.trim().is_empty() {
            let text = work_note.trim().to_owned();
            self.history.record(now, by, Change::WorkNote { text });
            changed = true;
        }
        if changed {
            self.touch(now, by);
        }
        Ok(())
    }

    /// Writes a valid draft's values, one history event per changed field; returns
    /// whether anything changed.
    fn record_edit(
        &mut self,
        draft: IncidentDraft,
        now: Timestamp,
        by: &str,
        matrix: &PriorityMatrix,
    ) -> bool {
        let priority = matrix.priority(draft.impact, draft.urgency);
        let mut edit = Edit::new();
        edit.text("title", &mut self.title, &draft.title)
            .text("description", &mut self.description, &draft.description)
            .text("category", &mut self.category, &draft.category)
            .text(
                "reporter_name",
                &mut self.reporter.name,
                &draft.reporter_name,
            )
            .text(
                "reporter_contact",
                &mut self.reporter.contact,
                &draft.reporter_contact,
            )
            .optional("service", &mut self.service, &draft.service)
            .optional("release", &mut self.release, &draft.release)
            .value("impact", &mut self.impact, draft.impact, |v| v.label())
            .value("urgency", &mut self.urgency, draft.urgency, |v| v.label())
            .value(
                "environment",
                &mut self.environment,
                draft.environment,
                |v| v.label(),
            )
            .value("channel", &mut self.channel, draft.channel, |v| v.label())
            .value("priority", &mut self.priority, priority, |v| v.label());
        edit.record(&mut self.history, now, by)
    }

    /// Cancels the incident (logged in error, a duplicate, …); needs a reason.
    pub fn cancel(
        &mut self,
        reason: &str,
        now: Timestamp,
        by: &str,
    ) -> Result<(), TransitionError> {
        let to = IncidentStatus::Cancelled;
        check_transition(self.status, to)?;
        if reason.trim().is_empty() {
            return Err(TransitionError::policy(
                self.status,
                to,
                "say why it is cancelled",
            ));
        }
        self.transition(to, now, by, Some(reason.to_owned()))
    }

    /// Reopens a resolved incident (Resolved → In progress); needs a reason.
    pub fn reopen(
        &mut self,
        reason: &str,
        now: Timestamp,
        by: &str,
    ) -> Result<(), TransitionError> {
        let to = IncidentStatus::InProgress;
        if self.status != IncidentStatus::Resolved {
            return Err(TransitionError::policy(
                self.status,
                to,
                "only a resolved incident can be reopened",
            ));
        }
        if reason.trim().is_empty() {
            return Err(TransitionError::policy(
                self.status,
                to,
                "say why it is reopened",
            ));
        }
        self.transition(to, now, by, Some(reason.to_owned()))
    }

    /// Declares a major incident, recording who and when. Refused (field `major`) when
    /// it already is one or when the incident is no longer open.
    pub fn declare_major(&mut self, now: Timestamp, by: &str) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if let Some(flag) = &self.major {
            errs.push(
                "major",
                format!(
                    "Already a major incident (declared by {} at {}).",
                    flag.by,
                    flag.at.display()
                ),
            );
        } else if !self.is_open() {
            errs.push(
                "major",
                "Only an open incident can be declared a major incident.",
            );
        }
        errs.into_result()?;
        self.major = Some(MajorFlag {
            by: by.to_owned(),
            at: now,
        });
        self.history.record_field(now, by, "major", "No", "Yes");
        self.touch(now, by);
        Ok(())
    }

    /// Stands down a major incident (it stays in the history). Refused (field `major`)
    /// when it is not one.
    pub fn stand_down_major(&mut self, now: Timestamp, by: &str) -> Result<(), ValidationErrors> {
        if self.major.is_none() {
            let mut errs = ValidationErrors::new();
            errs.push("major", "This is not a major incident.");
            return Err(errs);
        }
        self.major = None;
        self.history.record_field(now, by, "major", "Yes", "No");
        self.touch(now, by);
        Ok(())
    }

    /// Links the incident to a problem, known error or article (document id `target`
    /// of the matching kind), recording a [`Change::Linked`]. A problem or known error
    /// link replaces the previous one; articles accumulate. Refused (field `target`)
    /// for a missing or mismatched id, or one already linked.
    pub fn link(
        &mut self,
        kind: LinkKind,
        target: &str,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        let target = target.trim();
        let mut errs = ValidationErrors::new();
        if target.is_empty() {
            errs.push(
                "target",
                format!("Choose a {}.", kind.label().to_lowercase()),
            );
        } else if kind_of_id(target) != Some(kind.key()) {
            errs.push(
                "target",
                format!("That is not a {}.", kind.label().to_lowercase()),
            );
        } else if self.links(kind).iter().any(|id| id == target) {
            errs.push("target", "Already linked.");
        }
        errs.into_result()?;
        let id = Some(target.to_owned());
        match kind {
            LinkKind::Problem => self.problem = id,
            LinkKind::KnownError => self.known_error = id,
            LinkKind::Article => self.articles.push(target.to_owned()),
        }
        let change = Change::Linked {
            what: kind.key().to_owned(),
            target: target.to_owned(),
        };
        self.history.record(now, by, change);
        self.touch(now, by);
        Ok(())
    }

    /// The ids linked as `kind`.
    pub fn links(&self, kind: LinkKind) -> Vec<String> {
        match kind {
            LinkKind::Problem => self.problem.iter().cloned().collect(),
            LinkKind::KnownError => self.known_error.iter().cloned().collect(),
            LinkKind::Article => self.articles.clone(),
        }
    }
}

#[cfg(test)]
mod tests;

//! Known errors: analysed problems not yet resolved, with their workaround, the release
//! they came in with, and whether they were carried forward into production.

pub mod prefill;
pub mod query;
pub mod workaround;

use serde::{Deserialize, Serialize};

use crate::domain::config::practice::Rule;
use crate::domain::kernel::edit::Edit;
use crate::domain::kernel::history::{Change, History};
use crate::domain::kernel::lifecycle::{check_transition, move_status, Lifecycle, TransitionError};
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{
    max_text, non_blank, require_text, require_text_between, ValidationErrors,
};

/// Where a known error is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KnownErrorStatus {
    /// Being written.
    Draft,
    /// Published to agents; the workaround applies.
    Active,
    /// The fix is deployed.
    Fixed,
    /// No longer relevant.
    Retired,
}

impl Lifecycle for KnownErrorStatus {
    fn all() -> &'static [Self] {
        use KnownErrorStatus::*;
        &[Draft, Active, Fixed, Retired]
    }
    fn initial() -> Self {
        KnownErrorStatus::Draft
    }
    fn allowed(self) -> &'static [Self] {
        use KnownErrorStatus::*;
        match self {
            Draft => &[Active, Retired],
            Active => &[Fixed, Retired],
            Fixed => &[Retired],
            Retired => &[],
        }
    }
    fn is_terminal(self) -> bool {
        self == KnownErrorStatus::Retired
    }
    fn label(self) -> &'static str {
        match self {
            KnownErrorStatus::Draft => "Draft",
            KnownErrorStatus::Active => "Active",
            KnownErrorStatus::Fixed => "Fixed",
            KnownErrorStatus::Retired => "Retired",
        }
    }
    fn record_noun() -> &'static str {
        "known error"
    }
}

/// A problem that has been analysed and has not been resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownError {
    /// Document id, `known_error:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Human reference, `KE-…`.
    pub reference: Reference,
    /// Short summary.
    pub title: String,
    /// What people see.
    #[serde(default)]
    pub symptoms: String,
    /// Why it happens.
    #[serde(default)]
    pub root_cause: String,
    /// How to get going again.
    #[serde(default)]
    pub workaround: String,
    /// Error code or message users see, for search.
    #[serde(default)]
    pub error_code: Option<String>,
    /// Lifecycle status.
    pub status: KnownErrorStatus,
    /// Problem id.
    #[serde(default)]
    pub problem: Option<String>,
    /// Knowledge article id holding the workaround.
    #[serde(default)]
    pub article: Option<String>,
    /// Release that introduced it (id).
    #[serde(default)]
    pub release_introduced: Option<String>,
    /// True when it went into production with that release unfixed.
    #[serde(default)]
    pub carried_forward: bool,
    /// Release that fixes it (id).
    #[serde(default)]
    pub fix_release: Option<String>,
    /// Times a portal user said its workaround solved their problem instead of
    /// reporting one.
    #[serde(default)]
    pub deflections: u32,
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

/// The known-error form's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownErrorDraft {
    /// Short summary (3–200 characters).
    pub title: String,
    /// Symptoms (required).
    pub symptoms: String,
    /// Root cause.
    pub root_cause: String,
    /// Workaround (required to activate).
    pub workaround: String,
    /// Error code.
    pub error_code: Option<String>,
    /// Problem id.
    pub problem: Option<String>,
    /// Article id.
    pub article: Option<String>,
    /// Release introduced (id).
    pub release_introduced: Option<String>,
    /// Carried forward into production.
    pub carried_forward: bool,
    /// Fix release (id).
    pub fix_release: Option<String>,
}

impl KnownErrorDraft {
    /// Checks every field; one message per field in error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text_between("title", &self.title, 3, 200));
        errs.check(require_text("symptoms", &self.symptoms, 20_000));
        errs.check(max_text("root_cause", &self.root_cause, 20_000));
        errs.check(max_text("workaround", &self.workaround, 20_000));
        let code = self.error_code.as_deref().unwrap_or("");
        errs.check(max_text("error_code", code, 200));
        if self.carried_forward && non_blank(&self.release_introduced).is_none() {
            errs.push(
                "release_introduced",
                "Say which release carried it into production.",
            );
        }
        errs.into_result()
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

impl KnownError {
    /// A new known error from a valid draft: status Draft.
    pub fn create(
        draft: KnownErrorDraft,
        id: String,
        reference: Reference,
        now: Timestamp,
        by: &str,
    ) -> Result<KnownError, ValidationErrors> {
        draft.validate()?;
        let mut history = History::new();
        history.record(now, by, Change::Created);
        Ok(KnownError {
            id,
            reference,
            title: draft.title.trim().to_owned(),
            symptoms: draft.symptoms.trim().to_owned(),
            root_cause: draft.root_cause.trim().to_owned(),
            workaround: draft.workaround.trim().to_owned(),
            error_code: non_blank(&draft.error_code),
            status: KnownErrorStatus::initial(),
            problem: non_blank(&draft.problem),
            article: non_blank(&draft.article),
            release_introduced: non_blank(&draft.release_introduced),
            carried_forward: draft.carried_forward,
            fix_release: non_blank(&draft.fix_release),
            deflections: 0,
            created: now,
            created_by: by.to_owned(),
            updated: now,
            updated_by: by.to_owned(),
            history,
        })
    }

    /// The form's input for editing this known error.
    pub fn draft(&self) -> KnownErrorDraft {
        KnownErrorDraft {
            title: self.title.clone(),
            symptoms: self.symptoms.clone(),
            root_cause: self.root_cause.clone(),
            workaround: self.workaround.clone(),
            error_code: self.error_code.clone(),
            problem: self.problem.clone(),
            article: self.article.clone(),
            release_introduced: self.release_introduced.clone(),
            carried_forward: self.carried_forward,
            fix_release: self.fix_release.clone(),
        }
    }

    /// Applies an edited draft, recording one history event per changed field.
    pub fn apply_edit(
        &mut self,
        draft: KnownErrorDraft,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        draft.validate()?;
        let mut edit = Edit::new();
        edit.text("title", &mut self.title, &draft.title)
            .text("symptoms", &mut self.symptoms, &draft.symptoms)
            .text("root_cause", &mut self.root_cause, &draft.root_cause)
            .text("workaround", &mut self.workaround, &draft.workaround)
            .optional("error_code", &mut self.error_code, &draft.error_code)
            .optional("problem", &mut self.problem, &draft.problem)
            .optional("article", &mut self.article, &draft.article)
            .optional(
                "release_introduced",
                &mut self.release_introduced,
                &draft.release_introduced,
            )
            .optional("fix_release", &mut self.fix_release, &draft.fix_release)
            .value(
                "carried_forward",
                &mut self.carried_forward,
                draft.carried_forward,
                |c| yes_no(*c),
            );
        if edit.record(&mut self.history, now, by) {
            self.touch(now, by);
        }
        Ok(())
    }

    /// Moves to `to`. An active known error needs a workaround.
    pub fn transition(
        &mut self,
        to: KnownErrorStatus,
        now: Timestamp,
        by: &str,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        check_transition(self.status, to)?;
        if to == KnownErrorStatus::Active && self.workaround.trim().is_empty() {
            return Err(TransitionError::policy(
                self.status,
                to,
                &Rule::KnownErrorWorkaround.cite(),
            ));
        }
        move_status(&mut self.status, to, &mut self.history, now, by, reason)?;
        self.touch(now, by);
        Ok(())
    }

    /// True when the portal may show it: active, with a workaround to give.
    pub fn is_public(&self) -> bool {
        self.status == KnownErrorStatus::Active && !self.workaround.trim().is_empty()
    }

    /// True while draft or active (the workaround still matters).
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            KnownErrorStatus::Draft | KnownErrorStatus::Active
        )
    }

    /// Counts a portal user whose problem the workaround solved (not part of the
    /// history).
    pub fn deflected(&mut self) {
        self.deflections = self.deflections.saturating_add(1);
    }

    fn touch(&mut self, now: Timestamp, by: &str) {
        self.updated = now;
        by.clone_into(&mut self.updated_by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kernel::lifecycle::{exhaustive_transition_check, lint};
    use crate::domain::kernel::reference::{DeviceTag, RefKind};

    fn draft() -> KnownErrorDraft {
        KnownErrorDraft {
            title: "Payslip PDF blank in Firefox".into(),
            symptoms: "The payslip opens as a blank page".into(),
            root_cause: String::new(),
            workaround: String::new(),
            error_code: None,
            problem: None,
            article: None,
            release_introduced: None,
            carried_forward: false,
            fix_release: None,
        }
    }

    fn known_error() -> KnownError {
        let r = Reference::new(RefKind::KnownError, &DeviceTag::from_bits(1), 1);
        KnownError::create(draft(), "known_error:1".into(), r, Timestamp(1), "pm")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn lifecycle_is_sound() {
        assert_eq!(lint::<KnownErrorStatus>(), Ok(()));
        assert_eq!(exhaustive_transition_check::<KnownErrorStatus>(), Ok(()));
    }

    #[test]
    fn every_transition_from_every_state() {
        use KnownErrorStatus::*;
        for &from in KnownErrorStatus::all() {
            for &to in KnownErrorStatus::all() {
                let mut k = known_error();
                k.workaround = "Download instead".into();
                let path: &[KnownErrorStatus] = match from {
                    Draft => &[],
                    Active => &[Active],
                    Fixed => &[Active, Fixed],
                    Retired => &[Retired],
                };
                for &s in path {
                    assert!(k.transition(s, Timestamp(2), "pm", None).is_ok());
                }
                let ok = k.transition(to, Timestamp(3), "pm", None).is_ok();
                assert_eq!(ok, from.allowed().contains(&to), "{from:?}→{to:?}");
            }
        }
    }

    #[test]
    fn activation_needs_workaround() {
        let mut k = known_error();
        let e = k.transition(KnownErrorStatus::Active, Timestamp(2), "pm", None);
        let reason = e.err().map(|e| e.reason).unwrap_or_default();
        assert_eq!(
            reason,
            "A known error cannot go from Draft to Active: policy “An active known error has a workaround”"
        );
    }

    #[test]
    fn validation_and_edits() {
        let mut d = draft();
        d.symptoms = " ".into();
        d.carried_forward = true;
        let errs = d.validate().err().unwrap_or_default();
        assert!(errs.for_field("symptoms").is_some());
        assert!(errs.for_field("release_introduced").is_some());
        let mut k = known_error();
        let mut d = draft();
        d.workaround = "Download the PDF".into();
        d.carried_forward = true;
        d.release_introduced = Some("release:1".into());
        assert!(k.apply_edit(d, Timestamp(4), "pm").is_ok());
        assert_eq!(k.history.len(), 4);
        assert!(k.carried_forward);
        assert!(k.is_open());
    }

    #[test]
    fn deflections_count_without_history_and_default_to_zero() {
        let mut k = known_error();
        let events = k.history.len();
        k.deflected();
        assert_eq!((k.deflections, k.history.len()), (1, events));
        let json = serde_json::to_string(&k).unwrap_or_default();
        let old = json.replace(r#""deflections":1,"#, "");
        let read: Result<KnownError, _> = serde_json::from_str(&old);
        assert_eq!(read.map(|k| k.deflections).ok(), Some(0), "{old}");
    }
}

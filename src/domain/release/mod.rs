//! Releases: what is deployed when, through testing and early life support until it
//! is accepted into operation, and which known errors it carries into production.

pub mod els;
pub mod exit_criteria;
pub mod feedback;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod readiness;
pub mod report;

use serde::{Deserialize, Serialize};

use crate::domain::kernel::edit::{clean_list, Edit};
use crate::domain::kernel::history::{Change, History};
use crate::domain::kernel::lifecycle::{check_transition, move_status, Lifecycle, TransitionError};
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{require_text, ValidationErrors};
use crate::domain::release::exit_criteria::ExitCriteria;

/// Where a release is in its life (linear).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseStatus {
    /// Scheduled.
    Planned,
    /// Being tested in pre-production.
    InTesting,
    /// Deployed to production.
    Deployed,
    /// In early life support after deployment.
    EarlyLifeSupport,
    /// Accepted into operation.
    Accepted,
}

impl Lifecycle for ReleaseStatus {
    fn all() -> &'static [Self] {
        use ReleaseStatus::*;
        &[Planned, InTesting, Deployed, EarlyLifeSupport, Accepted]
    }
    fn initial() -> Self {
        ReleaseStatus::Planned
    }
    fn allowed(self) -> &'static [Self] {
        use ReleaseStatus::*;
        match self {
            Planned => &[InTesting],
            InTesting => &[Deployed],
            Deployed => &[EarlyLifeSupport],
            EarlyLifeSupport => &[Accepted],
            Accepted => &[],
        }
    }
    fn is_terminal(self) -> bool {
        self == ReleaseStatus::Accepted
    }
    fn label(self) -> &'static str {
        match self {
            ReleaseStatus::Planned => "Planned",
            ReleaseStatus::InTesting => "In testing",
            ReleaseStatus::Deployed => "Deployed",
            ReleaseStatus::EarlyLifeSupport => "Early life support",
            ReleaseStatus::Accepted => "Accepted",
        }
    }
    fn record_noun() -> &'static str {
        "release"
    }
}

/// A release of one or more services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// Document id, `release:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Human reference, `REL-…`.
    pub reference: Reference,
    /// Name (`Payroll`).
    pub name: String,
    /// Version (`2.4`).
    #[serde(default)]
    pub version: String,
    /// Service ids it changes.
    #[serde(default)]
    pub services: Vec<String>,
    /// Lifecycle status.
    pub status: ReleaseStatus,
    /// When it was (or will be) deployed to production.
    #[serde(default)]
    pub deployment_date: Option<Timestamp>,
    /// Length of the early-life-support window in days.
    #[serde(default)]
    pub els_days: u32,
    /// Known error ids carried forward into production.
    #[serde(default)]
    pub known_errors_carried: Vec<String>,
    /// What early life support must show before acceptance into operation.
    #[serde(default)]
    pub exit_criteria: ExitCriteria,
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

/// The release form's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseDraft {
    /// Name (required, up to 100 characters).
    pub name: String,
    /// Version (required, up to 40 characters).
    pub version: String,
    /// Service ids.
    pub services: Vec<String>,
    /// Planned deployment date.
    pub deployment_date: Option<Timestamp>,
    /// Early-life-support window in days (up to 365).
    pub els_days: u32,
}

impl ReleaseDraft {
    /// Checks every field; one message per field in error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text("name", &self.name, 100));
        errs.check(require_text("version", &self.version, 40));
        if self.els_days > 365 {
            errs.push("els_days", "Early life support lasts at most 365 days.");
        }
        errs.into_result()
    }
}

fn show_date(t: Option<Timestamp>) -> String {
    t.map(|t| t.display()).unwrap_or_default()
}

impl Release {
    /// A new release from a valid draft: status Planned.
    pub fn create(
        draft: ReleaseDraft,
        id: String,
        reference: Reference,
        now: Timestamp,
        by: &str,
    ) -> Result<Release, ValidationErrors> {
        draft.validate()?;
        let mut history = History::new();
        history.record(now, by, Change::Created);
        Ok(Release {
            id,
            reference,
            name: draft.name.trim().to_owned(),
            version: draft.version.trim().to_owned(),
            services: clean_list(&draft.services),
            status: ReleaseStatus::initial(),
            deployment_date: draft.deployment_date,
            els_days: draft.els_days,
            known_errors_carried: Vec::new(),
            exit_criteria: ExitCriteria::default(),
            created: now,
            created_by: by.to_owned(),
            updated: now,
            updated_by: by.to_owned(),
            history,
        })
    }

    /// `Payroll 2.4`.
    pub fn title(&self) -> String {
        format!("{} {}", self.name, self.version).trim().to_owned()
    }

    /// The form's input for editing this release.
    pub fn draft(&self) -> ReleaseDraft {
        ReleaseDraft {
            name: self.name.clone(),
            version: self.version.clone(),
            services: self.services.clone(),
            deployment_date: self.deployment_date,
            els_days: self.els_days,
        }
    }

    /// Applies an edited draft, recording one history event per changed field.
    pub fn apply_edit(
        &mut self,
        draft: ReleaseDraft,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        if self.is_deployed() && draft.deployment_date != self.deployment_date {
            let mut errs = ValidationErrors::new();
            errs.push(
                "deployment_date",
                "The deployment date is when it deployed; it cannot be changed now.",
            );
            return Err(errs);
        }
        draft.validate()?;
        let mut edit = Edit::new();
        edit.text("name", &mut self.name, &draft.name)
            .text("version", &mut self.version, &draft.version)
            // Unlike `Edit::list`, the cleaned list is stored even when it reads the same.
            .value(
                "services",
                &mut self.services,
                clean_list(&draft.services),
                |s| s.join(", "),
            )
            .value(
                "deployment_date",
                &mut self.deployment_date,
                draft.deployment_date,
                |d| show_date(*d),
            )
            .value("els_days", &mut self.els_days, draft.els_days, |d| {
                d.to_string()
            });
        if edit.record(&mut self.history, now, by) {
            self.touch(now, by);
        }
        Ok(())
    }

    /// Moves to `to`. Deploying records `now` as the deployment date (a planned date
    /// gives way to the real one).
    pub fn transition(
        &mut self,
        to: ReleaseStatus,
        now: Timestamp,
        by: &str,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        check_transition(self.status, to)?;
        move_status(&mut self.status, to, &mut self.history, now, by, reason)?;
        if to == ReleaseStatus::Deployed && self.deployment_date != Some(now) {
            // The planned date gives way to the real one.
            let planned = show_date(self.deployment_date);
            self.history
                .record_field(now, by, "deployment_date", &planned, &now.display());
            self.deployment_date = Some(now);
        }
        self.touch(now, by);
        Ok(())
    }

    /// Stops carrying a known error (by id) forward; recorded in the history.
    pub fn stop_carrying(&mut self, known_error_id: &str, label: &str, now: Timestamp, by: &str) {
        let before = self.known_errors_carried.len();
        self.known_errors_carried.retain(|k| k != known_error_id);
        if self.known_errors_carried.len() != before {
            self.history
                .record_field(now, by, "known_error_carried", label, "");
            self.touch(now, by);
        }
    }

    /// Records a known error (by id) as carried forward into production.
    pub fn carry_forward(&mut self, known_error_id: &str, now: Timestamp, by: &str) {
        if self
            .known_errors_carried
            .iter()
            .any(|k| k == known_error_id)
        {
            return;
        }
        self.known_errors_carried.push(known_error_id.to_owned());
        let change = Change::Linked {
            what: "known_error".into(),
            target: known_error_id.to_owned(),
        };
        self.history.record(now, by, change);
        self.touch(now, by);
    }

    /// When early life support ends (deployment date + window), once deployed.
    pub fn els_end(&self) -> Option<Timestamp> {
        let days = i64::from(self.els_days);
        self.deployment_date
            .map(|d| d.plus_ms(days * Timestamp::DAY))
    }

    fn touch(&mut self, now: Timestamp, by: &str) {
        self.updated = now;
        by.clone_into(&mut self.updated_by);
    }
}

mod gate;

#[cfg(test)]
mod tests;

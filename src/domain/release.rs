//! Releases: what is deployed when, through testing and early life support until it
//! is accepted into operation, and which known errors it carries into production.

use serde::{Deserialize, Serialize};

use super::exit_criteria::ExitCriteria;
use super::history::{Change, History};
use super::lifecycle::{check_transition, move_status, Lifecycle, TransitionError};
use super::practice::Rule;
use super::reference::Reference;
use super::time::Timestamp;
use super::validation::{require_text, ValidationErrors};

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

fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_owned());
        }
    }
    out
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
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
        draft.validate()?;
        let h = &mut self.history;
        let mut changed = false;
        for (field, old, new) in [
            ("name", &mut self.name, draft.name),
            ("version", &mut self.version, draft.version),
        ] {
            let new = new.trim();
            if h.record_field(now, by, field, old, new) {
                *old = new.to_owned();
                changed = true;
            }
        }
        let services = clean_list(&draft.services);
        let (old_s, new_s) = (self.services.join(", "), services.join(", "));
        changed |= h.record_field(now, by, "services", &old_s, &new_s);
        self.services = services;
        let (old_d, new_d) = (
            show_date(self.deployment_date),
            show_date(draft.deployment_date),
        );
        changed |= h.record_field(now, by, "deployment_date", &old_d, &new_d);
        self.deployment_date = draft.deployment_date;
        let (old_e, new_e) = (self.els_days.to_string(), draft.els_days.to_string());
        changed |= h.record_field(now, by, "els_days", &old_e, &new_e);
        self.els_days = draft.els_days;
        if changed {
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

    /// Moves to `to` through its policy gate: deploying needs every carried known
    /// error documented ([`Rule::ArticleBeforeDeploy`]), accepting into operation
    /// needs the exit criteria met ([`Rule::ExitCriteriaBeforeAcceptance`]).
    /// `blockers` are what the gate found (empty = open). With blockers the move is
    /// refused, naming the policy and the blockers, unless `override_reason` is given
    /// (not blank): then it goes ahead and the history records the override, its
    /// reason and what was not met.
    pub fn transition_gated(
        &mut self,
        to: ReleaseStatus,
        blockers: &[String],
        override_reason: Option<&str>,
        now: Timestamp,
        by: &str,
    ) -> Result<(), TransitionError> {
        check_transition(self.status, to)?;
        let rule = match to {
            ReleaseStatus::Deployed => Some(Rule::ArticleBeforeDeploy),
            ReleaseStatus::Accepted => Some(Rule::ExitCriteriaBeforeAcceptance),
            _ => None,
        };
        let reason = match (rule, blockers.is_empty()) {
            (Some(rule), false) => {
                let why = override_reason.map(str::trim).unwrap_or_default();
                if why.is_empty() {
                    let what = format!("{}. Not met: {}", rule.cite(), blockers.join(" "));
                    return Err(TransitionError::policy(self.status, to, &what));
                }
                if why.chars().count() > 2_000 {
                    let what = "an override reason is at most 2 000 characters";
                    return Err(TransitionError::policy(self.status, to, what));
                }
                Some(format!(
                    "Override of {}: {why}. Not met: {}",
                    rule.cite(),
                    blockers.join(" ")
                ))
            }
            _ => override_reason
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
        };
        self.transition(to, now, by, reason)
    }

    /// True once it reached production (deployed, in early life support or accepted):
    /// before that, its deployment date is a plan.
    pub fn is_deployed(&self) -> bool {
        matches!(
            self.status,
            ReleaseStatus::Deployed | ReleaseStatus::EarlyLifeSupport | ReleaseStatus::Accepted
        )
    }

    /// When it was accepted into operation (the history's move to Accepted).
    pub fn accepted_at(&self) -> Option<Timestamp> {
        let label = ReleaseStatus::Accepted.label();
        self.history
            .events()
            .iter()
            .rev()
            .find_map(|e| match &e.change {
                Change::Status { to, .. } if to == label => Some(e.at),
                _ => None,
            })
    }

    /// Replaces the exit criteria (validated), recording the change.
    pub fn set_exit_criteria(
        &mut self,
        criteria: ExitCriteria,
        now: Timestamp,
        by: &str,
    ) -> Result<(), super::validation::ValidationErrors> {
        criteria.validate()?;
        let show = |c: &ExitCriteria| {
            format!(
                "no open P1/P2: {}; at most {} a day for {} days; known errors documented: {}; escalation defined: {}",
                yes(c.no_open_p1_p2),
                c.max_incidents_per_day,
                c.quiet_days,
                yes(c.known_errors_documented),
                yes(c.escalation_defined)
            )
        };
        let (old, new) = (show(&self.exit_criteria), show(&criteria));
        if self
            .history
            .record_field(now, by, "exit_criteria", &old, &new)
        {
            self.exit_criteria = criteria;
            self.touch(now, by);
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{exhaustive_transition_check, lint};
    use crate::domain::reference::{DeviceTag, RefKind};

    fn draft() -> ReleaseDraft {
        ReleaseDraft {
            name: "Payroll".into(),
            version: "2.4".into(),
            services: vec!["service:payroll".into()],
            deployment_date: None,
            els_days: 14,
        }
    }

    fn release() -> Release {
        let r = Reference::new(RefKind::Release, &DeviceTag::from_bits(1), 1);
        Release::create(draft(), "release:1".into(), r, Timestamp(1), "rm")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn lifecycle_is_sound() {
        assert_eq!(lint::<ReleaseStatus>(), Ok(()));
        assert_eq!(exhaustive_transition_check::<ReleaseStatus>(), Ok(()));
    }

    #[test]
    fn walks_to_accepted() {
        use ReleaseStatus::*;
        let mut r = release();
        assert_eq!(r.title(), "Payroll 2.4");
        assert!(r.transition(Deployed, Timestamp(2), "rm", None).is_err());
        for s in [InTesting, Deployed, EarlyLifeSupport, Accepted] {
            assert!(r.transition(s, Timestamp(2), "rm", None).is_ok());
        }
        assert_eq!(r.deployment_date, Some(Timestamp(2)));
        assert_eq!(r.els_end(), Some(Timestamp(2 + 14 * Timestamp::DAY)));
        let e = r.transition(Planned, Timestamp(3), "rm", None).err();
        assert!(e.is_some_and(|e| e.reason.contains("Accepted is final")));
    }

    #[test]
    fn validation_edits_and_carry_forward() {
        let mut d = draft();
        d.name = String::new();
        d.els_days = 400;
        let errs = d.validate().err().unwrap_or_default();
        assert!(errs.for_field("name").is_some());
        assert!(errs.for_field("els_days").is_some());
        let mut r = release();
        let mut d = draft();
        d.version = "2.5".into();
        d.els_days = 30;
        assert!(r.apply_edit(d, Timestamp(5), "rm").is_ok());
        assert_eq!(r.history.len(), 3);
        r.carry_forward("known_error:1", Timestamp(6), "rm");
        r.carry_forward("known_error:1", Timestamp(7), "rm");
        assert_eq!(r.known_errors_carried, ["known_error:1"]);
    }
}

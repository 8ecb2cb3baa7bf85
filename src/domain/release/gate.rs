//! The release's policy gates: deploying needs every carried known error documented,
//! accepting into operation needs the exit criteria met (or a recorded override);
//! changing the criteria during early life support needs a reason.

use super::{Release, ReleaseStatus};
use crate::domain::config::practice::Rule;
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::{check_transition, Lifecycle, TransitionError};
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::release::exit_criteria::ExitCriteria;

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

impl Release {
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

    /// Replaces the exit criteria (validated), recording the change. During early
    /// life support a change needs `reason` (not blank), kept in the history beside it:
    /// relaxing the criteria then is as visible as an override. Refused once accepted.
    pub fn set_exit_criteria(
        &mut self,
        criteria: ExitCriteria,
        reason: Option<&str>,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
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
        if self.exit_criteria == criteria {
            return Ok(());
        }
        let mut errs = ValidationErrors::new();
        let why = reason.map(str::trim).unwrap_or_default();
        match self.status {
            ReleaseStatus::Accepted => errs.push(
                "criteria",
                "The release is accepted: its exit criteria are final.",
            ),
            ReleaseStatus::EarlyLifeSupport if why.is_empty() => errs.push(
                "reason",
                "Say why the exit criteria change during early life support.",
            ),
            _ if why.chars().count() > 2_000 => {
                errs.push("reason", "Keep the reason under 2 000 characters.")
            }
            _ => {}
        }
        errs.into_result()?;
        let (old, new) = (show(&self.exit_criteria), show(&criteria));
        self.history
            .record_field(now, by, "exit_criteria", &old, &new);
        if !why.is_empty() {
            let text = format!("Exit criteria changed: {why}");
            self.history.record(now, by, Change::WorkNote { text });
        }
        self.exit_criteria = criteria;
        self.touch(now, by);
        Ok(())
    }
}

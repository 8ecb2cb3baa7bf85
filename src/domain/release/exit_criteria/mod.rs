//! Early-life-support exit criteria: what a release must show before it is accepted
//! into operation (configurable per release), and the verdict on each from the facts.

use serde::{Deserialize, Serialize};

use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::ValidationErrors;

/// The criteria a release in early life support must meet. Every check can be turned
/// off; the quiet-period check is off when `quiet_days` is 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExitCriteria {
    /// No P1 or P2 incident of the release is open.
    pub no_open_p1_p2: bool,
    /// At most this many production incidents a day…
    pub max_incidents_per_day: u32,
    /// …on each of the last this many days in production (0 = not checked).
    pub quiet_days: u32,
    /// Every known error carried forward has a published article.
    pub known_errors_documented: bool,
    /// Every service of the release has an escalation procedure.
    pub escalation_defined: bool,
}

impl Default for ExitCriteria {
    fn default() -> Self {
        ExitCriteria {
            no_open_p1_p2: true,
            max_incidents_per_day: 2,
            quiet_days: 3,
            known_errors_documented: true,
            escalation_defined: true,
        }
    }
}

impl ExitCriteria {
    /// Checks the numbers: a threshold of at most 10 000 a day and a quiet period of
    /// at most 90 days.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.max_incidents_per_day > 10_000 {
            errs.push(
                "max_incidents_per_day",
                "Give a threshold of at most 10 000 incidents a day.",
            );
        }
        if self.quiet_days > 90 {
            errs.push("quiet_days", "Give a quiet period of at most 90 days.");
        }
        errs.into_result()
    }
}

/// What the release's records say, for the verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExitFacts {
    /// References of its open P1/P2 production incidents.
    pub open_p1_p2: Vec<String>,
    /// Production incidents per complete UTC day in production, oldest first.
    pub per_day: Vec<(Timestamp, u32)>,
    /// Carried known errors without a published article (references).
    pub undocumented: Vec<String>,
    /// Names of the release's services without an escalation procedure.
    pub services_without_procedure: Vec<String>,
}

/// One criterion's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// What is checked, as people read it.
    pub label: String,
    /// Whether it holds.
    pub met: bool,
    /// The evidence, in a sentence.
    pub detail: String,
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// The verdict on every enabled criterion, in a fixed order.
pub fn evaluate(criteria: &ExitCriteria, facts: &ExitFacts) -> Vec<Verdict> {
    let mut out = Vec::new();
    if criteria.no_open_p1_p2 {
        let open = &facts.open_p1_p2;
        out.push(Verdict {
            label: "No open P1 or P2 incident".into(),
            met: open.is_empty(),
            detail: if open.is_empty() {
                "None open.".into()
            } else {
                format!("{} open: {}.", open.len(), list(open))
            },
        });
    }
    if criteria.quiet_days > 0 {
        out.push(quiet_verdict(criteria, &facts.per_day));
    }
    if criteria.known_errors_documented {
        let missing = &facts.undocumented;
        out.push(Verdict {
            label: "Every carried known error has a published article".into(),
            met: missing.is_empty(),
            detail: if missing.is_empty() {
                "All documented.".into()
            } else {
                format!("Without a published article: {}.", list(missing))
            },
        });
    }
    if criteria.escalation_defined {
        let missing = &facts.services_without_procedure;
        out.push(Verdict {
            label: "An escalation procedure for each service of the release".into(),
            met: missing.is_empty(),
            detail: if missing.is_empty() {
                "Every service has one.".into()
            } else {
                format!("No procedure for: {}.", list(missing))
            },
        });
    }
    out
}

fn quiet_verdict(criteria: &ExitCriteria, per_day: &[(Timestamp, u32)]) -> Verdict {
    let (days, max) = (criteria.quiet_days as usize, criteria.max_incidents_per_day);
    let label = format!(
        "At most {max} production incident{} a day for the last {days} day{}",
        if max == 1 { "" } else { "s" },
        if days == 1 { "" } else { "s" }
    );
    if per_day.len() < days {
        return Verdict {
            label,
            met: false,
            detail: format!(
                "Only {} of {days} full day{} in production so far.",
                per_day.len(),
                if days == 1 { "" } else { "s" }
            ),
        };
    }
    let recent = &per_day[per_day.len() - days..];
    let over: Vec<String> = recent
        .iter()
        .filter(|(_, n)| *n > max)
        .map(|(day, n)| format!("{} had {n}", day.date()))
        .collect();
    Verdict {
        label,
        met: over.is_empty(),
        detail: if over.is_empty() {
            let counts: Vec<String> = recent.iter().map(|(_, n)| n.to_string()).collect();
            format!("Last {days} days: {}.", counts.join(", "))
        } else {
            format!("Over the threshold: {}.", list(&over))
        },
    }
}

/// The criteria not met, as sentences (`label: detail`), for refusals and overrides.
pub fn unmet(verdicts: &[Verdict]) -> Vec<String> {
    verdicts
        .iter()
        .filter(|v| !v.met)
        .map(|v| format!("{}: {}", v.label, v.detail))
        .collect()
}

#[cfg(test)]
mod tests;

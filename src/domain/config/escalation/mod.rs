//! Escalation procedures per service (levels with groups, contacts and time
//! thresholds), where an incident stands in its procedure, and the functional and
//! hierarchical escalation of an incident.
//!
//! The current level is the highest level whose group the incident was functionally
//! escalated to (level 0 when none); the next level is due `after_ms` after the
//! incident was opened, and overdue once that has passed while the incident is open.

use serde::{Deserialize, Serialize};

use crate::domain::config::{Group, Service};
use crate::domain::incident::{Incident, IncidentStatus};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::reference::new_id;
use crate::domain::kernel::time::{Timestamp, HOUR, MINUTE};
use crate::domain::kernel::validation::{max_text, require_text, ValidationErrors};

/// One level of an escalation procedure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationLevel {
    /// Name shown to agents (`Level 2: Network team`).
    pub name: String,
    /// Assignment group id to escalate to (functional escalation), if any.
    #[serde(default)]
    pub group: Option<String>,
    /// Person to call (name and phone), if any.
    #[serde(default)]
    pub contact: Option<String>,
    /// Time since the incident was opened at which this level is due, in ms.
    pub after_ms: i64,
}

/// The escalation procedure of one service: levels in order, level 0 first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationProcedure {
    /// Document id, `escalation_procedure:<service uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Service record id.
    pub service: String,
    /// Levels, level 0 first, with strictly increasing `after_ms`.
    pub levels: Vec<EscalationLevel>,
    /// Last change.
    #[serde(default)]
    pub updated: Timestamp,
}

impl EscalationProcedure {
    /// Checks the service, that there is at least one level, that every level has a
    /// name, and that thresholds are non-negative and strictly increasing. Level
    /// problems are reported on field `levels`, naming the level (1-based).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text("service", &self.service, 200));
        if self.levels.is_empty() {
            errs.push("levels", "Add at least one escalation level.");
        }
        let mut previous: Option<i64> = None;
        for (k, level) in self.levels.iter().enumerate() {
            let n = k + 1;
            if level.name.trim().is_empty() {
                errs.push("levels", format!("Level {n} needs a name."));
            } else if let Err(e) = max_text("levels", &level.name, 200) {
                errs.push("levels", format!("Level {n} name: {}", e.message));
            }
            if level.after_ms < 0 {
                errs.push("levels", format!("Level {n} cannot be due before opening."));
            } else if previous.is_some_and(|p| level.after_ms <= p) {
                errs.push(
                    "levels",
                    format!("Level {n} must be due later than level {k}."),
                );
            }
            previous = Some(level.after_ms);
        }
        errs.into_result()
    }
}

/// The next level of a procedure and when it is due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    /// Index of the level in the procedure.
    pub level: usize,
    /// The level's name.
    pub name: String,
    /// Opened + the level's `after_ms`.
    pub due: Timestamp,
    /// True when `now` is past `due` and the incident is still open.
    pub overdue: bool,
}

/// Where an incident stands in its service's escalation procedure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationStatus {
    /// Index of the level reached; `None` only when the procedure has no levels.
    pub current_level: Option<usize>,
    /// The next level; `None` at the last level or when the incident is resolved,
    /// closed or cancelled.
    pub next: Option<NextStep>,
}

/// Where `incident` stands in `procedure` at `now`: the highest level whose group it
/// was functionally escalated to (events at or before `now`; level 0 when none), and
/// the following level, due `after_ms` after the incident was opened.
pub fn escalation_status(
    procedure: &EscalationProcedure,
    incident: &Incident,
    now: Timestamp,
) -> EscalationStatus {
    if procedure.levels.is_empty() {
        return EscalationStatus {
            current_level: None,
            next: None,
        };
    }
    let reached = incident
        .history
        .events()
        .iter()
        .filter(|e| e.at <= now)
        .filter_map(|e| match &e.change {
            Change::Escalated {
                functional: true,
                to,
                ..
            } => procedure
                .levels
                .iter()
                .rposition(|l| l.group.as_deref() == Some(to.trim())),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let next = procedure
        .levels
        .get(reached + 1)
        .filter(|_| incident.is_open())
        .map(|level| {
            let due = incident.created.plus_ms(level.after_ms);
            NextStep {
                level: reached + 1,
                name: level.name.clone(),
                due,
                overdue: now > due,
            }
        });
    EscalationStatus {
        current_level: Some(reached),
        next,
    }
}

/// Refuses escalation of a closed or cancelled incident, and checks that the target
/// (`field`) and the reason are given.
fn check_escalation(
    incident: &Incident,
    field: &'static str,
    target: &str,
    reason: &str,
) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    if matches!(
        incident.status,
        IncidentStatus::Closed | IncidentStatus::Cancelled
    ) {
        let status = match incident.status {
            IncidentStatus::Closed => "closed",
            _ => "cancelled",
        };
        errs.push(
            "escalation",
            format!("A {status} incident cannot be escalated."),
        );
    }
    errs.check(require_text(field, target, 200));
    errs.check(require_text("reason", reason, 2_000));
    errs.into_result()
}

impl Incident {
    /// Functional escalation to another group or tier: needs a reason; assigns the
    /// incident to `to_group` with no assignee and records the escalation and the
    /// assignment. Refused (field `escalation`) on a closed or cancelled incident;
    /// nothing changes on error.
    pub fn escalate_functional(
        &mut self,
        to_group: &str,
        reason: &str,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        check_escalation(self, "group", to_group, reason)?;
        let group = to_group.trim().to_owned();
        self.history.record(
            now,
            by,
            Change::Escalated {
                functional: true,
                to: group.clone(),
                reason: reason.trim().to_owned(),
            },
        );
        self.assignment_group = Some(group.clone());
        self.assignee = None;
        let assigned = Change::Assigned {
            group: Some(group),
            assignee: None,
        };
        self.history.record(now, by, assigned);
        self.mark_updated(now, by);
        Ok(())
    }

    /// Hierarchical escalation to a manager: needs the manager and a reason; records
    /// the escalation without reassigning. Refused (field `escalation`) on a closed or
    /// cancelled incident; nothing changes on error.
    pub fn escalate_hierarchical(
        &mut self,
        manager: &str,
        reason: &str,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        check_escalation(self, "manager", manager, reason)?;
        let change = Change::Escalated {
            functional: false,
            to: manager.trim().to_owned(),
            reason: reason.trim().to_owned(),
        };
        self.history.record(now, by, change);
        self.mark_updated(now, by);
        Ok(())
    }

    fn mark_updated(&mut self, now: Timestamp, by: &str) {
        self.updated = now;
        by.clone_into(&mut self.updated_by);
    }
}

/// The name of `group`, `Service desk` when there is none.
fn team(group: Option<&Group>) -> &str {
    group.map_or("Service desk", |g| g.name.as_str())
}

/// Which demo group (by name) a service escalates to at level 1.
const SPECIALISTS: [(&str, &str); 6] = [
    ("Email", "Platform ops"),
    ("VPN", "Network team"),
    ("Payroll", "Payroll apps"),
    ("Customer portal", "Platform ops"),
    ("Printing", "Network team"),
    ("Laptop & desktop", "Platform ops"),
];

/// Demo escalation procedures, one per service: level 0 the service desk (first group),
/// level 1 the specialist team after 30 min, level 2 the duty manager by phone after
/// 2 h. Ids are `escalation_procedure:<service id suffix>`, independent of `now`.
pub fn demo_procedures(
    services: &[Service],
    groups: &[Group],
    now: Timestamp,
) -> Vec<EscalationProcedure> {
    let desk = groups.first();
    services
        .iter()
        .enumerate()
        .map(|(k, service)| {
            let specialist = SPECIALISTS
                .iter()
                .find(|(s, _)| *s == service.name)
                .and_then(|(_, g)| groups.iter().find(|group| group.name == *g))
                .or_else(|| groups.get(1 + k % groups.len().saturating_sub(1).max(1)))
                .or(desk);
            let level = |name: String, group: Option<&Group>, contact: Option<&str>, after| {
                EscalationLevel {
                    name,
                    group: group.map(|g| g.id.clone()),
                    contact: contact.map(str::to_owned),
                    after_ms: after,
                }
            };
            let suffix = service
                .id
                .split_once(':')
                .map_or(service.id.as_str(), |(_, s)| s);
            EscalationProcedure {
                id: new_id("escalation_procedure", suffix),
                service: service.id.clone(),
                levels: vec![
                    level(format!("Level 1: {}", team(desk)), desk, None, 0),
                    level(
                        format!("Level 2: {}", team(specialist)),
                        specialist,
                        None,
                        30 * MINUTE,
                    ),
                    level(
                        format!("Level 3: {} duty manager", service.name),
                        None,
                        Some("Duty manager, +44 20 7946 0000"),
                        2 * HOUR,
                    ),
                ],
                updated: now,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;

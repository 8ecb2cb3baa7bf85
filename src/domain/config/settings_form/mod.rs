//! The settings forms as plain data (pure): SLA targets per priority and a service's
//! escalation levels, as typed, converted to and from the domain records with the
//! messages a person needs when something does not add up.

use super::escalation::{EscalationLevel, EscalationProcedure};
use crate::domain::config::{SlaPolicy, SlaTarget, SLA_FIELDS};
use crate::domain::kernel::duration_input::{DurationInput, DurationUnit};
use crate::domain::kernel::time::{Timestamp, HOUR};
use crate::domain::kernel::validation::ValidationErrors;

/// One priority's row of the SLA form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlaRow {
    /// Time to first response.
    pub response: DurationInput,
    /// Time to resolution (ignored while `planned`).
    pub resolution: DurationInput,
    /// No resolution target: the work is planned.
    pub planned: bool,
}

/// What a planned row's resolution field shows if a person unticks "no target".
const PLANNED_PLACEHOLDER_MS: i64 = 8 * HOUR;

impl SlaRow {
    /// The row showing `target`.
    pub fn from_target(target: SlaTarget) -> SlaRow {
        SlaRow {
            response: DurationInput::from_ms(target.response_ms),
            resolution: DurationInput::from_ms(
                target
                    .resolution_ms
                    .unwrap_or(PLANNED_PLACEHOLDER_MS.max(target.response_ms)),
            ),
            planned: target.resolution_ms.is_none(),
        }
    }
}

/// The SLA form: one row per priority, P1 first.
pub type SlaForm = [SlaRow; 5];

/// The form showing `policy`.
pub fn sla_form(policy: &SlaPolicy) -> SlaForm {
    policy.targets.map(SlaRow::from_target)
}

/// The policy the form describes, or one message per field in error (field names from
/// [`SLA_FIELDS`]): numbers that are not whole or positive first, then the policy's
/// own rules (resolution no shorter than response).
pub fn sla_policy(form: &SlaForm) -> Result<SlaPolicy, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let mut targets = SlaPolicy::default().targets;
    for ((row, target), (response, resolution)) in form.iter().zip(&mut targets).zip(SLA_FIELDS) {
        match row.response.to_ms(false) {
            Ok(ms) => target.response_ms = ms,
            Err(m) => errs.push(response, m),
        }
        target.resolution_ms = if row.planned {
            None
        } else {
            match row.resolution.to_ms(false) {
                Ok(ms) => Some(ms),
                Err(m) => {
                    errs.push(resolution, m);
                    None
                }
            }
        };
    }
    errs.into_result()?;
    let policy = SlaPolicy { targets };
    policy.validate()?;
    Ok(policy)
}

/// One level of the escalation form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelRow {
    /// Name (`Level 2: Network team`).
    pub name: String,
    /// Assignment group id; empty for none.
    pub group: String,
    /// Person to call; empty for none.
    pub contact: String,
    /// Due this long after the incident was opened.
    pub after: DurationInput,
}

impl LevelRow {
    /// The row showing `level`.
    pub fn from_level(level: &EscalationLevel) -> LevelRow {
        LevelRow {
            name: level.name.clone(),
            group: level.group.clone().unwrap_or_default(),
            contact: level.contact.clone().unwrap_or_default(),
            after: DurationInput::from_ms(level.after_ms),
        }
    }

    /// A new level placed after `previous` levels: named by its number, due an hour
    /// after the last one (or at once when it is the first).
    pub fn next_after(previous: &[LevelRow]) -> LevelRow {
        let last_ms = previous
            .last()
            .and_then(|l| l.after.to_ms(true).ok())
            .map(|ms| ms + HOUR);
        LevelRow {
            name: format!("Level {}", previous.len() + 1),
            group: String::new(),
            contact: String::new(),
            after: DurationInput {
                amount: last_ms
                    .map_or(0, |ms| ms / DurationUnit::Minutes.ms())
                    .to_string(),
                unit: DurationUnit::Minutes,
            },
        }
        .normalised()
    }

    /// The same threshold in the largest exact unit (120 minutes → 2 hours), when the
    /// amount is a valid number; unchanged otherwise.
    fn normalised(mut self) -> LevelRow {
        if let Ok(ms) = self.after.to_ms(true) {
            self.after = DurationInput::from_ms(ms);
        }
        self
    }
}

/// The form showing `procedure`'s levels.
pub fn level_rows(procedure: &EscalationProcedure) -> Vec<LevelRow> {
    procedure.levels.iter().map(LevelRow::from_level).collect()
}

/// Swaps level `k` with the one above it (`up`) or below it; out of range does nothing.
pub fn move_level<T>(rows: &mut [T], k: usize, up: bool) {
    let other = if up {
        k.checked_sub(1)
    } else {
        k.checked_add(1)
    };
    if let Some(j) = other.filter(|&j| j < rows.len() && k < rows.len()) {
        rows.swap(k, j);
    }
}

/// The procedure the form describes for `service` (document `id`), or the messages on
/// field `levels`, each naming its level: thresholds that are not numbers first, then
/// [`EscalationProcedure::validate`]'s rules. Blank group or contact become `None`.
pub fn procedure_from_rows(
    id: &str,
    service: &str,
    rows: &[LevelRow],
    now: Timestamp,
) -> Result<EscalationProcedure, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let mut levels = Vec::with_capacity(rows.len());
    for (k, row) in rows.iter().enumerate() {
        let after_ms = row.after.to_ms(true).unwrap_or_else(|m| {
            errs.push("levels", format!("Level {} threshold: {m}", k + 1));
            0
        });
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        levels.push(EscalationLevel {
            name: row.name.trim().to_owned(),
            group: text(&row.group),
            contact: text(&row.contact),
            after_ms,
        });
    }
    errs.into_result()?;
    let procedure = EscalationProcedure {
        id: id.to_owned(),
        service: service.to_owned(),
        levels,
        updated: now,
    };
    procedure.validate()?;
    Ok(procedure)
}

/// The document id of `service`'s escalation procedure (`escalation_procedure:<uuid>`
/// for `service:<uuid>`): one per service, so devices editing it converge on one
/// document, as the demo procedures do.
pub fn procedure_id(service: &str) -> String {
    let suffix = service.split_once(':').map_or(service, |(_, s)| s);
    crate::domain::kernel::reference::new_id("escalation_procedure", suffix)
}

#[cfg(test)]
mod tests;

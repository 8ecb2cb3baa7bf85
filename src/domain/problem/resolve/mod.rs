//! Resolving a problem's linked incidents in one step: which linked incidents are still
//! open, the note each gets (from the fix notes), and the plan that resolves the
//! problem and the chosen incidents together, or says which cannot be resolved and why.

use crate::domain::incident::{Incident, ResolutionCode};
use crate::domain::kernel::lifecycle::TransitionError;
use crate::domain::kernel::time::Timestamp;
use crate::domain::problem::{Problem, ProblemStatus};

/// Longest resolution note accepted (the same limit as incident notes).
const NOTE_MAX: usize = 20_000;

/// The resolution code an incident gets when the problem behind it is fixed: the cause
/// was removed, not worked around.
pub const CODE: ResolutionCode = ResolutionCode::Fixed;

/// One linked incident the person chose to resolve with the problem, and its note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentResolution {
    /// The incident's document id.
    pub incident_id: String,
    /// Its resolution note.
    pub note: String,
}

/// Why one incident cannot be resolved with the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentRefusal {
    /// The incident's reference (its id when it is not at hand).
    pub reference: String,
    /// The reason, in words.
    pub reason: String,
}

/// Why resolving the problem with its incidents was refused (nothing changes).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveRefusal {
    /// The problem itself cannot be resolved (e.g. no fix notes).
    #[error("{0}")]
    Problem(TransitionError),
    /// These incidents cannot be resolved; each says why.
    #[error("{}", describe(.0))]
    Incidents(Vec<IncidentRefusal>),
}

fn describe(refusals: &[IncidentRefusal]) -> String {
    refusals
        .iter()
        .map(|r| format!("{} cannot be resolved: {}", r.reference, r.reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The linked incidents still open (not resolved, closed or cancelled), in link order:
/// the ones offered for resolving with the problem.
pub fn still_open(linked: &[Incident]) -> Vec<&Incident> {
    linked.iter().filter(|i| i.is_open()).collect()
}

/// The resolution note offered for each incident: the problem's fix notes, saying which
/// problem fixed it; empty while the problem has no fix notes.
pub fn default_note(problem: &Problem) -> String {
    let fix = problem.fix_notes.trim();
    if fix.is_empty() {
        String::new()
    } else {
        format!("Fixed by problem {}: {fix}", problem.reference.as_str())
    }
}

/// Resolves `problem` (with an optional reason) and each chosen incident (code
/// [`CODE`], its note), on copies: returns the problem and incidents to write together,
/// or every refusal, changing nothing. `linked` holds the problem's incidents as read;
/// a chosen incident must be one of them and linked to this problem.
pub fn plan(
    problem: &Problem,
    linked: &[Incident],
    chosen: &[IncidentResolution],
    reason: Option<String>,
    now: Timestamp,
    by: &str,
) -> Result<(Problem, Vec<Incident>), ResolveRefusal> {
    let mut resolved = problem.clone();
    resolved
        .transition(ProblemStatus::Resolved, now, by, reason)
        .map_err(ResolveRefusal::Problem)?;
    let mut out: Vec<Incident> = Vec::with_capacity(chosen.len());
    let mut refusals = Vec::new();
    for choice in chosen {
        if out.iter().any(|i| i.id == choice.incident_id) {
            continue;
        }
        let found = linked.iter().find(|i| i.id == choice.incident_id);
        let refuse = |reference: &str, reason: String| IncidentRefusal {
            reference: reference.to_owned(),
            reason,
        };
        let Some(incident) = found.filter(|_| problem.incidents.contains(&choice.incident_id))
        else {
            let reason = format!("it is not linked to {}", problem.reference.as_str());
            refusals.push(refuse(&choice.incident_id, reason));
            continue;
        };
        let reference = incident.reference.as_str();
        if incident
            .problem
            .as_deref()
            .is_some_and(|id| id != problem.id)
        {
            let reason = format!("it points at another problem, not {}", problem.reference);
            refusals.push(refuse(reference, reason));
            continue;
        }
        if choice.note.chars().count() > NOTE_MAX {
            let reason = format!("its resolution note is longer than {NOTE_MAX} characters");
            refusals.push(refuse(reference, reason));
            continue;
        }
        let mut copy = incident.clone();
        let code = Some(CODE.key().to_owned());
        match copy.resolve(code, &choice.note, now, by) {
            Ok(()) => out.push(copy),
            Err(e) => refusals.push(refuse(reference, e.reason)),
        }
    }
    if refusals.is_empty() {
        Ok((resolved, out))
    } else {
        Err(ResolveRefusal::Incidents(refusals))
    }
}

#[cfg(test)]
mod tests;

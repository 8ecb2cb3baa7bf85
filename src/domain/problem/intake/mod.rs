//! Creating a problem from incidents (pure): the draft a set of incidents suggests
//! (title, priority, service, release) and the link written on each incident.

use crate::domain::incident::Incident;
use crate::domain::kernel::history::Change;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::problem::{Problem, ProblemDraft};

/// Longest problem title (the draft's limit).
const TITLE_MAX: usize = 200;

/// Incidents named one per line in the description; the rest are counted, so a large
/// selection stays within the description's 20 000 characters.
const LISTED_MAX: usize = 50;

/// What the title of a problem made from incidents starts with.
pub const TITLE_PREFIX: &str = "Investigate: ";

/// Checks that incidents can become one new problem: at least one, none already
/// linked to a problem (relinking is a separate, deliberate action). Messages go on
/// field `incidents`.
pub fn check_incidents(incidents: &[Incident]) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    if incidents.is_empty() {
        errs.push("incidents", "Select at least one incident.");
    }
    for i in incidents.iter().filter(|i| i.problem.is_some()) {
        errs.push(
            "incidents",
            format!(
                "{} is already linked to a problem: an incident belongs to one problem.",
                i.reference.as_str()
            ),
        );
    }
    errs.into_result()
}

/// The draft a set of incidents suggests: title from the first incident (prefixed,
/// noting how many others there are), priority the highest of them, service the first
/// incident's, release found the first release any of them names, and a description
/// listing them. `None` for no incidents.
pub fn draft_from_incidents(incidents: &[Incident]) -> Option<ProblemDraft> {
    let first = incidents.first()?;
    let others = incidents.len() - 1;
    let suffix = match others {
        0 => String::new(),
        1 => " (and 1 more incident)".to_owned(),
        n => format!(" (and {n} more incidents)"),
    };
    let room = TITLE_MAX - TITLE_PREFIX.len() - suffix.chars().count();
    let mut title: String = first.title.trim().chars().take(room).collect();
    if first.title.trim().chars().count() > room {
        title.pop();
        title.push('…');
    }
    let priority = incidents.iter().map(|i| i.priority).min()?;
    let mut lines: Vec<String> = incidents
        .iter()
        .take(LISTED_MAX)
        .map(|i| format!("- {}: {}", i.reference.as_str(), i.title.trim()))
        .collect();
    if incidents.len() > LISTED_MAX {
        lines.push(format!("- and {} more", incidents.len() - LISTED_MAX));
    }
    Some(ProblemDraft {
        title: format!("{TITLE_PREFIX}{title}{suffix}"),
        description: format!("Created from incidents:\n{}", lines.join("\n")),
        priority,
        service: first.service.clone(),
        root_cause: String::new(),
        workaround: String::new(),
        fix_notes: String::new(),
        release_found: incidents.iter().find_map(|i| i.release.clone()),
        target_fix_release: None,
    })
}

/// Points `incident` at `problem`: sets its problem field and records a
/// `Linked { what: "problem", target: <problem id> }` event, as linking from the
/// incident page does (timelines show the problem's reference and title for the id).
pub fn link_incident_to_problem(
    incident: &mut Incident,
    problem: &Problem,
    now: Timestamp,
    by: &str,
) {
    incident.problem = Some(problem.id.clone());
    let change = Change::Linked {
        what: "problem".into(),
        target: problem.id.clone(),
    };
    incident.history.record(now, by, change);
    incident.updated = now;
    by.clone_into(&mut incident.updated_by);
}

#[cfg(test)]
mod tests;

//! Article drafts prefilled from a known error (its symptoms and workaround) or
//! from a resolved incident (its symptoms and resolution), so the knowledge is written
//! where the work happened.

use super::article::{ArticleDraft, Audience};
use crate::domain::incident::kinds::IncidentStatus;
use crate::domain::incident::Incident;
use crate::domain::known_error::KnownError;

/// Why an article cannot be started from a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefillError {
    /// Only resolved or closed incidents have a resolution to write up.
    #[error("{0} is not resolved yet; write the article once it has a resolution.")]
    NotResolved(String),
}

/// A Markdown section, left out when `text` is blank.
fn section(out: &mut String, heading: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str("## ");
    out.push_str(heading);
    out.push('\n');
    out.push_str(text);
}

/// The first sentence or line of `text`, at most 200 characters, for a summary.
fn first_sentence(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default().trim();
    let end = line.find(". ").map(|i| i + 1).unwrap_or(line.len());
    line[..end].chars().take(200).collect()
}

/// A public workaround article for a known error: symptoms, error code and workaround,
/// tagged with its error code and linked to it. The root cause is left out: it is the
/// desk's analysis, often internal, and readers need the workaround.
pub fn from_known_error(ke: &KnownError) -> ArticleDraft {
    let mut body = String::new();
    section(&mut body, "Symptoms", &ke.symptoms);
    if let Some(code) = ke.error_code.as_deref().filter(|c| !c.trim().is_empty()) {
        section(&mut body, "Error code", &format!("`{}`", code.trim()));
    }
    section(&mut body, "Workaround", &ke.workaround);
    ArticleDraft {
        title: ke.title.clone(),
        summary: first_sentence(&ke.symptoms),
        body,
        audience: Audience::Public,
        tags: ke.error_code.iter().map(|c| c.trim().to_owned()).collect(),
        services: Vec::new(),
        known_errors: vec![ke.id.clone()],
        review_due: None,
    }
}

/// An internal article from a resolved (or closed) incident: its symptoms and how it
/// was resolved, with its service and known error. Internal by default: incident text
/// may name people; the author decides whether it becomes public.
pub fn from_incident(incident: &Incident) -> Result<ArticleDraft, PrefillError> {
    if !matches!(
        incident.status,
        IncidentStatus::Resolved | IncidentStatus::Closed
    ) {
        return Err(PrefillError::NotResolved(incident.reference.to_string()));
    }
    let mut body = String::new();
    section(&mut body, "Symptoms", &incident.description);
    section(
        &mut body,
        "Resolution",
        incident.resolution_notes.as_deref().unwrap_or_default(),
    );
    Ok(ArticleDraft {
        title: incident.title.clone(),
        summary: first_sentence(&incident.description),
        body,
        audience: Audience::Internal,
        tags: Vec::new(),
        services: incident.service.iter().cloned().collect(),
        known_errors: incident.known_error.iter().cloned().collect(),
        review_due: None,
    })
}

#[cfg(test)]
mod tests;

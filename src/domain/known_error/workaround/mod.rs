//! Applying a known error's workaround to incidents: the link, the public comment and
//! the timeline event, for one incident (apply) or all its open linked incidents at
//! once (communicate). An incident that already got this exact workaround is never
//! sent it twice; picking a known error by what an agent types.

use crate::domain::incident::{Incident, LinkKind};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;
use crate::domain::known_error::query::text_matches;
use crate::domain::known_error::{KnownError, KnownErrorStatus};

/// Why a workaround was not given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkaroundError {
    /// The known error has no workaround text.
    #[error("{0} has no workaround yet. Write one (Edit) before sharing it.")]
    NoWorkaround(String),
    /// Only an active known error's workaround is shared.
    #[error("{0} is {1}: only an active known error's workaround can be shared.")]
    NotActive(String, String),
    /// Resolved, closed or cancelled incidents get no more comments.
    #[error("{0} is {1}: a workaround only helps an open incident.")]
    IncidentNotOpen(String, String),
    /// The incident's thread already holds this exact workaround.
    #[error("{0} already got this workaround (already communicated).")]
    AlreadyCommunicated(String),
}

/// The public comment that carries the workaround: `Workaround (KE-…): <text>`.
pub fn comment_text(k: &KnownError) -> String {
    format!("Workaround ({}): {}", k.reference, k.workaround.trim())
}

/// Refuses a known error whose workaround cannot be shared: not active, or empty.
pub fn check_shareable(k: &KnownError) -> Result<(), WorkaroundError> {
    if k.status != KnownErrorStatus::Active {
        return Err(WorkaroundError::NotActive(
            k.reference.to_string(),
            k.status.label().to_lowercase(),
        ));
    }
    if k.workaround.trim().is_empty() {
        return Err(WorkaroundError::NoWorkaround(k.reference.to_string()));
    }
    Ok(())
}

/// True when `incident` already has the exact comment for `k`'s current workaround
/// (an edited workaround may be shared again).
pub fn already_communicated(incident: &Incident, k: &KnownError) -> bool {
    let text = comment_text(k);
    incident
        .history
        .events()
        .iter()
        .any(|e| matches!(&e.change, Change::PublicComment { text: t } if *t == text))
}

/// Gives `k`'s workaround to `incident`: links the known error (unless already
/// linked), records a [`Change::Workaround`] event and adds the workaround as a public
/// comment. Changes nothing when refused.
pub fn apply(
    incident: &mut Incident,
    k: &KnownError,
    now: Timestamp,
    by: &str,
) -> Result<(), WorkaroundError> {
    check_shareable(k)?;
    if !incident.is_open() {
        return Err(WorkaroundError::IncidentNotOpen(
            incident.reference.to_string(),
            incident.status.label().to_lowercase(),
        ));
    }
    if already_communicated(incident, k) {
        return Err(WorkaroundError::AlreadyCommunicated(
            incident.reference.to_string(),
        ));
    }
    if incident.known_error.as_deref() != Some(k.id.as_str()) {
        // Cannot be refused: the id is a known error's and it is not linked yet.
        let _ = incident.link(LinkKind::KnownError, &k.id, now, by);
    }
    let event = Change::Workaround {
        known_error: k.id.clone(),
    };
    incident.history.record(now, by, event);
    incident.add_note(&comment_text(k), true, now, by);
    Ok(())
}

/// What communicating a workaround did to the linked incidents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Communicated {
    /// The incidents that got the workaround now (to be saved).
    pub updated: Vec<Incident>,
    /// References of open incidents that already had it.
    pub already: Vec<String>,
    /// How many linked incidents were not open (left alone).
    pub not_open: usize,
}

impl Communicated {
    /// One sentence for the person: how many incidents were updated and why others
    /// were not.
    pub fn summary(&self) -> String {
        let n = self.updated.len();
        let mut out = match n {
            0 => "No incident was updated".to_owned(),
            1 => "Workaround sent to 1 open incident".to_owned(),
            n => format!("Workaround sent to {n} open incidents"),
        };
        match self.already.len() {
            0 => {}
            1 => out.push_str(&format!("; {} already communicated", self.already[0])),
            a => out.push_str(&format!("; {a} incidents already communicated")),
        }
        if n == 0 && self.already.is_empty() {
            out.push_str(": no open incident is linked to this known error");
        }
        out.push('.');
        out
    }
}

/// Gives `k`'s workaround to every open incident of `incidents` linked to it, skipping
/// those that already have it. Refused as a whole when the workaround cannot be
/// shared; incidents not linked to `k` are ignored.
pub fn communicate(
    k: &KnownError,
    incidents: Vec<Incident>,
    now: Timestamp,
    by: &str,
) -> Result<Communicated, WorkaroundError> {
    check_shareable(k)?;
    let mut out = Communicated::default();
    for mut incident in incidents {
        if incident.known_error.as_deref() != Some(k.id.as_str()) {
            continue;
        }
        match apply(&mut incident, k, now, by) {
            Ok(()) => out.updated.push(incident),
            Err(WorkaroundError::AlreadyCommunicated(r)) => out.already.push(r),
            Err(_) => out.not_open += 1,
        }
    }
    Ok(out)
}

/// `KE-… · Title (CODE)`, as the workaround picker offers a known error.
pub fn pick_label(k: &KnownError) -> String {
    match k
        .error_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => format!("{} · {} ({code})", k.reference, k.title),
        None => format!("{} · {}", k.reference, k.title),
    }
}

/// The known error an agent meant by `typed` among `candidates`: the exact picker
/// label, else a reference (first word, any case), else the only one whose error code,
/// title, symptoms or workaround match (see [`text_matches`]).
pub fn resolve_pick<'a>(
    typed: &str,
    candidates: &[&'a KnownError],
) -> Result<&'a KnownError, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(
            "Type a reference, an error code or words of the title, then pick a known error."
                .into(),
        );
    }
    if let Some(k) = candidates.iter().find(|k| pick_label(k) == typed) {
        return Ok(k);
    }
    let first = typed.split_whitespace().next().unwrap_or(typed);
    if let Some(k) = candidates
        .iter()
        .find(|k| k.reference.as_str().eq_ignore_ascii_case(first))
    {
        return Ok(k);
    }
    let hits: Vec<&&KnownError> = candidates
        .iter()
        .filter(|k| text_matches(k, typed))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("No active known error matches “{typed}”.")),
        many => Err(format!(
            "{} active known errors match “{typed}”: pick one from the list.",
            many.len()
        )),
    }
}

#[cfg(test)]
mod tests;

//! Desk configuration actions for the settings page: read the settings and escalation
//! procedures, save SLA targets or the priority matrix (each touching only its part, on
//! the revision the page read), and save one service's escalation procedure.

use crate::domain::config::escalation::EscalationProcedure;
use crate::domain::config::priority::PriorityMatrix;
use crate::domain::config::{DeskSettings, SlaPolicy, SETTINGS_ID};
use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::storage::Store;

use super::directory::{self, Directory};
use super::error::AppError;
use super::records::{all_of_kind, save};

/// Document type of escalation procedures.
pub const PROCEDURE_KIND: &str = "escalation_procedure";

/// Everything the settings page shows.
#[derive(Debug, Clone, Default)]
pub struct SettingsData {
    /// Matrix and SLA targets (defaults when none are stored).
    pub settings: DeskSettings,
    /// The revision `settings` was read at (None when none are stored): saves of the
    /// SLA targets and the matrix are made on it.
    pub settings_rev: Option<Rev>,
    /// Each stored procedure with the revision it was read at.
    pub procedures: Vec<(EscalationProcedure, Rev)>,
    /// Services and groups, for names and pickers.
    pub directory: Directory,
}

/// Loads the settings, the escalation procedures and the directory.
pub async fn load<S: Store>(store: &S) -> Result<SettingsData, AppError> {
    let (settings, settings_rev) = current(store).await?;
    let mut procedures = Vec::new();
    for record in all_of_kind(store, PROCEDURE_KIND).await? {
        if let Record::EscalationProcedure(p) = record {
            if let Some(state) = store.get(&p.id).await? {
                procedures.push((p, state.rev));
            }
        }
    }
    Ok(SettingsData {
        settings,
        settings_rev,
        procedures,
        directory: directory::load(store).await?,
    })
}

/// The stored settings and their revision; defaults and `None` when none are stored
/// (or they were deleted: writing with no parent then re-creates them).
async fn current<S: Store>(store: &S) -> Result<(DeskSettings, Option<Rev>), AppError> {
    match store.get(SETTINGS_ID).await? {
        Some(state) if !state.deleted => match Record::from_json(&state.body) {
            Ok(Record::Settings(s)) => Ok((s, Some(state.rev))),
            Ok(_) => Err(AppError::Corrupt {
                id: SETTINGS_ID.into(),
                reason: "not a settings record".into(),
            }),
            Err(e) => Err(AppError::Corrupt {
                id: SETTINGS_ID.into(),
                reason: e.to_string(),
            }),
        },
        _ => Ok((DeskSettings::default(), None)),
    }
}

/// Applies `change` to the settings stored at revision `parent` (None = none stored)
/// and writes them on that revision, so saving one part keeps the other part as
/// stored. When they changed since `parent` was read (another tab, a sync), nothing is
/// written and the save is refused as [`AppError::Stale`]: the other change is never
/// lost. Returns the settings as stored and their new revision.
async fn update<S: Store>(
    store: &S,
    parent: Option<Rev>,
    change: impl FnOnce(&mut DeskSettings),
) -> Result<(DeskSettings, Rev), AppError> {
    let (mut settings, rev) = current(store).await?;
    if rev != parent {
        return Err(AppError::Stale);
    }
    change(&mut settings);
    settings.updated = super::clock::now();
    let written = save(store, &Record::Settings(settings.clone()), parent).await?;
    Ok((settings, written.rev))
}

/// Saves the SLA targets on revision `parent` of the settings after checking them;
/// nothing is written when they are invalid or the settings changed since (stale).
pub async fn save_sla<S: Store>(
    store: &S,
    sla: SlaPolicy,
    parent: Option<Rev>,
) -> Result<(DeskSettings, Rev), AppError> {
    sla.validate()?;
    update(store, parent, |s| s.sla = sla).await
}

/// Saves the priority matrix on revision `parent` of the settings; refused as stale
/// when they changed since.
pub async fn save_matrix<S: Store>(
    store: &S,
    matrix: PriorityMatrix,
    parent: Option<Rev>,
) -> Result<(DeskSettings, Rev), AppError> {
    update(store, parent, |s| s.matrix = matrix).await
}

/// Saves a service's escalation procedure, made on revision `parent` (None = new);
/// refused when invalid, or [`AppError::Stale`] when it changed elsewhere since read.
/// Returns the new revision.
pub async fn save_procedure<S: Store>(
    store: &S,
    procedure: &EscalationProcedure,
    parent: Option<Rev>,
) -> Result<Rev, AppError> {
    procedure.validate()?;
    let written = save(
        store,
        &Record::EscalationProcedure(procedure.clone()),
        parent,
    )
    .await?;
    Ok(written.rev)
}

#[cfg(test)]
mod tests;

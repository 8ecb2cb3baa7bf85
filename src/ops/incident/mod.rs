//! Incident reads and creation for the pages: one incident by reference, and a new
//! incident in one committed write (edits live in `incident_actions`, the queue in
//! `queue`).

pub mod actions;
pub mod bulk;

use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::{Incident, IncidentDraft};
use crate::domain::kernel::reference::RefKind;
use crate::storage::Store;

use super::error::AppError;
use super::records::{decode, new_id, next_reference, save, settings};

/// Document type of incidents.
pub const KIND: &str = "incident";

/// The incident with this reference and the revision it was read at.
pub async fn by_reference<S: Store>(
    store: &S,
    reference: &str,
) -> Result<(Incident, Rev), AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        if let Record::Incident(i) = decode(&row)? {
            return Ok((i, row.rev));
        }
    }
    Err(AppError::NotFound(format!("Incident {wanted}")))
}

/// Creates an incident from the form; returns it as stored.
pub async fn create<S: Store>(
    store: &S,
    draft: IncidentDraft,
    by: &str,
) -> Result<Incident, AppError> {
    draft.validate()?;
    let desk = settings(store).await?;
    let reference = next_reference(store, RefKind::Incident).await?;
    let incident = Incident::create(
        draft,
        new_id(KIND),
        reference,
        super::clock::now(),
        by,
        &desk.matrix,
    )?;
    save(store, &Record::Incident(incident.clone()), None).await?;
    Ok(incident)
}

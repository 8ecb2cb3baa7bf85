//! Incident actions for the pages: list a page of the queue, open one by reference,
//! create and edit, each through the store in one committed write.

use crate::domain::incident::{Incident, IncidentDraft};
use crate::domain::record::Record;
use crate::domain::reference::RefKind;
use crate::domain::revision::Rev;
use crate::storage::{ListFilter, ListQuery, Store};

use super::error::AppError;
use super::records::{decode, new_id, next_reference, save, settings};

/// Document type of incidents.
pub const KIND: &str = "incident";

/// One page of the incident queue and the number of matching incidents.
#[derive(Debug, Clone, Default)]
pub struct IncidentPage {
    pub items: Vec<Incident>,
    pub total: u32,
}

/// Newest-updated incidents first, filtered by status when given.
pub async fn list<S: Store>(
    store: &S,
    status: Option<String>,
    limit: u32,
) -> Result<IncidentPage, AppError> {
    let q = ListQuery {
        kind: KIND.to_string(),
        filter: status.map(ListFilter::Status).unwrap_or(ListFilter::All),
        limit,
        offset: 0,
    };
    let rows = store.list(&q).await?;
    let total = store.count(&q).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Record::Incident(i) = decode(row)? {
            items.push(i);
        }
    }
    Ok(IncidentPage { items, total })
}

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

/// Saves an edit made on revision `rev`; refuses it when the incident changed since.
pub async fn update<S: Store>(
    store: &S,
    mut incident: Incident,
    rev: Rev,
    draft: IncidentDraft,
    by: &str,
) -> Result<Incident, AppError> {
    let desk = settings(store).await?;
    incident.apply_edit(draft, super::clock::now(), by, &desk.matrix)?;
    save(store, &Record::Incident(incident.clone()), Some(rev)).await?;
    Ok(incident)
}

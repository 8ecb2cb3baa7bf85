//! Conflicts left by sync: listing conflicted records, loading both versions of one,
//! and resolving by keeping one version or a field-by-field merge. Resolving writes a
//! new revision on the winner and deletes the losing leaf, in one transaction, so the
//! resolution replicates to every device.

use crate::domain::couch::conflict_merge::{differing_fields, FieldDiff};
use crate::domain::couch::document::RemoteRevision;
use crate::domain::couch::revision::{next_rev, Rev};
use crate::storage::{DocRow, Store, StoreError};

use super::error::AppError;

/// A conflicted record as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRow {
    pub id: String,
    pub reference: String,
    pub title: String,
    /// How many other versions it has.
    pub others: usize,
}

/// The reference and title a body carries (blank when it has none).
fn title_of(body: &str) -> (String, String) {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    (field("reference"), field("title"))
}

/// Every live record with conflicting versions.
pub async fn list(store: &impl Store) -> Result<Vec<ConflictRow>, AppError> {
    let rows: Vec<DocRow> = store.conflicted(0).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let states = store.get_many(&ids).await?;
    Ok(rows
        .into_iter()
        .zip(states)
        .filter_map(|(row, state)| {
            let others = state?.tree.conflicts().len();
            (others > 0).then(|| {
                let (reference, title) = title_of(&row.body);
                ConflictRow {
                    reference: if reference.is_empty() {
                        row.id.clone()
                    } else {
                        reference
                    },
                    id: row.id,
                    title,
                    others,
                }
            })
        })
        .collect())
}

/// The two versions the conflict view compares: the winner and the highest other
/// live leaf.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub current_rev: Rev,
    pub current: String,
    pub other_rev: Rev,
    pub other: String,
    pub fields: Vec<FieldDiff>,
    /// Other versions after this one (resolved one at a time).
    pub remaining: usize,
}

/// Loads the conflict of `id`; `None` when it has none (any more).
pub async fn load(store: &impl Store, id: &str) -> Result<Option<ConflictView>, AppError> {
    let Some(state) = store.get(id).await? else {
        return Ok(None);
    };
    let conflicts = state.tree.conflicts();
    let Some(other_rev) = conflicts.first().cloned() else {
        return Ok(None);
    };
    let other = state
        .others
        .iter()
        .find(|l| l.rev == other_rev)
        .map(|l| l.body.clone())
        .ok_or_else(|| StoreError::Corrupt {
            id: id.to_owned(),
            reason: format!("no body for conflicting revision {other_rev}"),
        })?;
    let fields = differing_fields(&state.body, &other).map_err(AppError::Refused)?;
    let (reference, title) = title_of(&state.body);
    Ok(Some(ConflictView {
        id: state.id,
        reference,
        title,
        current_rev: state.rev,
        current: state.body,
        other_rev,
        other,
        fields,
        remaining: conflicts.len() - 1,
    }))
}

/// Resolves the conflict shown in `view` with `body` as the record's content: a new
/// revision on the winner (unless `body` is the winner's own) and a deletion of the
/// other version, in one write. Refused when the record changed since it was shown.
pub async fn resolve(
    store: &impl Store,
    view: &ConflictView,
    body: String,
) -> Result<(), AppError> {
    let Some(state) = store.get(&view.id).await? else {
        return Err(StoreError::NotFound {
            id: view.id.clone(),
        }
        .into());
    };
    if state.rev != view.current_rev || !state.tree.conflicts().contains(&view.other_rev) {
        return Err(AppError::Stale);
    }
    let mut writes = Vec::with_capacity(2);
    if body != state.body {
        let new = next_rev(Some(&state.rev), false, &body);
        let mut path = vec![new];
        path.extend(state.tree.ancestry(&state.rev));
        writes.push(RemoteRevision {
            id: view.id.clone(),
            path,
            deleted: false,
            body,
        });
    }
    let tomb_body = format!("{{\"_id\":{}}}", serde_json::Value::String(view.id.clone()));
    let tomb = next_rev(Some(&view.other_rev), true, &tomb_body);
    let mut path = vec![tomb];
    path.extend(state.tree.ancestry(&view.other_rev));
    writes.push(RemoteRevision {
        id: view.id.clone(),
        path,
        deleted: true,
        body: tomb_body,
    });
    store.merge_remote(writes).await?;
    Ok(())
}

/// Whether the document `id` has conflicting versions (for a notice on its page).
pub async fn has_conflict(store: &impl Store, id: &str) -> bool {
    matches!(store.get(id).await, Ok(Some(s)) if !s.tree.conflicts().is_empty())
}

#[cfg(test)]
mod tests;

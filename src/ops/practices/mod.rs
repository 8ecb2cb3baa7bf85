//! Practice roles and policies: loading every practice (a blank one with the default
//! guidance when none is stored) and saving one on the revision it was read at.

use crate::domain::config::practice::{Practice, PracticeForm, PracticeKind};
use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::storage::Store;

use super::directory::{self, Directory};
use super::error::AppError;
use super::records::{all_of_kind, save};

/// Document type of practices.
pub const KIND: &str = "practice";

/// One practice and the revision it was read at (`None`: not stored yet, or deleted;
/// saving then creates it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPractice {
    /// The practice (blank with the default guidance when none is stored).
    pub practice: Practice,
    /// Its revision, if stored.
    pub rev: Option<Rev>,
}

/// Everything the practices page shows.
#[derive(Debug, Clone, Default)]
pub struct PracticesData {
    /// Every practice, in [`PracticeKind::ALL`] order.
    pub practices: Vec<StoredPractice>,
    /// People (for the role pickers) and their names.
    pub directory: Directory,
}

/// One practice as stored, or blank with the default guidance.
pub async fn get<S: Store>(store: &S, kind: PracticeKind) -> Result<StoredPractice, AppError> {
    let id = kind.doc_id();
    match store.get(&id).await? {
        Some(state) if !state.deleted => match Record::from_json(&state.body) {
            Ok(Record::Practice(p)) if p.practice == kind => Ok(StoredPractice {
                practice: p,
                rev: Some(state.rev),
            }),
            Ok(_) => Err(AppError::Corrupt {
                id,
                reason: format!("not the {} record", kind.label().to_lowercase()),
            }),
            Err(e) => Err(AppError::Corrupt {
                id,
                reason: e.to_string(),
            }),
        },
        _ => Ok(StoredPractice {
            practice: Practice::blank(kind, super::clock::now()),
            rev: None,
        }),
    }
}

/// All four practices, in the order the desk shows them.
pub async fn load_all<S: Store>(store: &S) -> Result<Vec<StoredPractice>, AppError> {
    let mut out = Vec::with_capacity(PracticeKind::ALL.len());
    for kind in PracticeKind::ALL {
        out.push(get(store, kind).await?);
    }
    Ok(out)
}

/// The practices and the directory, for the practices page.
pub async fn load<S: Store>(store: &S) -> Result<PracticesData, AppError> {
    Ok(PracticesData {
        practices: load_all(store).await?,
        directory: directory::load(store).await?,
    })
}

/// Saves `form` over `read` (the practice as it was read, at `read.rev`), by `by`.
/// Refused with messages at the fields when the form is invalid (people must be in the
/// directory), or [`AppError::Stale`] when the practice changed elsewhere since it was
/// read; nothing is written then. Returns the practice as saved, with its revision.
pub async fn save_practice<S: Store>(
    store: &S,
    read: &StoredPractice,
    form: &PracticeForm,
    by: &str,
) -> Result<StoredPractice, AppError> {
    let people: Vec<String> = all_of_kind(store, "person")
        .await?
        .iter()
        .map(|r| r.id().to_owned())
        .collect();
    let practice = read
        .practice
        .apply(form, &people, super::clock::now(), by)?;
    let written = save(store, &Record::Practice(practice.clone()), read.rev.clone()).await?;
    Ok(StoredPractice {
        practice,
        rev: Some(written.rev),
    })
}

#[cfg(test)]
mod tests;

//! Release actions for the pages: list, open by reference, create, edit, carry known
//! errors forward, and move through the lifecycle with the readiness gate (deploy)
//! and the exit criteria (accept into operation); plus everything the release page
//! and the feedback report read.

use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::kernel::reference::RefKind;
use crate::domain::known_error::KnownError;
use crate::domain::release::exit_criteria::ExitCriteria;
use crate::domain::release::{Release, ReleaseDraft, ReleaseStatus};
use crate::storage::{Store, StoreError};

use super::error::AppError;
use super::queue::Queue;
use super::records::{all_of_kind, decode, new_id, next_reference, revision, save};

mod facts;
pub use facts::{gather, Gathered};

/// Document type of releases.
pub const KIND: &str = "release";

/// The release with this reference and the revision it was read at.
pub async fn by_reference<S: Store>(
    store: &S,
    reference: &str,
) -> Result<(Release, Rev), AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        if let Record::Release(r) = decode(&row)? {
            return Ok((r, row.rev));
        }
    }
    Err(AppError::NotFound(format!("Release {wanted}")))
}

/// Every release: those still moving first (in lifecycle order, latest deployment
/// first), accepted ones after, newest first.
pub async fn list<S: Store>(store: &S) -> Result<Vec<Release>, AppError> {
    let mut out: Vec<Release> = all_of_kind(store, KIND)
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Release(r) => Some(r),
            _ => None,
        })
        .collect();
    let rank = |s: ReleaseStatus| match s {
        ReleaseStatus::EarlyLifeSupport => 0,
        ReleaseStatus::Deployed => 1,
        ReleaseStatus::InTesting => 2,
        ReleaseStatus::Planned => 3,
        ReleaseStatus::Accepted => 4,
    };
    out.sort_by(|a, b| {
        (
            rank(a.status),
            std::cmp::Reverse(a.deployment_date),
            std::cmp::Reverse(a.created),
        )
            .cmp(&(
                rank(b.status),
                std::cmp::Reverse(b.deployment_date),
                std::cmp::Reverse(b.created),
            ))
    });
    Ok(out)
}

/// Creates a release (status Planned, reference `REL-…`).
pub async fn create<S: Store>(
    store: &S,
    draft: ReleaseDraft,
    by: &str,
) -> Result<Release, AppError> {
    draft.validate()?;
    let reference = next_reference(store, RefKind::Release).await?;
    let release = Release::create(draft, new_id(KIND), reference, super::clock::now(), by)?;
    save(store, &Record::Release(release.clone()), None).await?;
    Ok(release)
}

/// Reads release `reference` and checks it is still at `seen` (the revision the page
/// shows); a change made elsewhere meanwhile gives [`AppError::Stale`].
async fn current<S: Store>(store: &S, reference: &str, seen: &Rev) -> Result<Release, AppError> {
    let (release, rev) = by_reference(store, reference).await?;
    if &rev != seen {
        return Err(AppError::Stale);
    }
    Ok(release)
}

/// Saves an edit made on revision `seen`.
pub async fn update<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
    draft: ReleaseDraft,
    by: &str,
) -> Result<Release, AppError> {
    let mut release = current(store, reference, seen).await?;
    release.apply_edit(draft, super::clock::now(), by)?;
    save(store, &Record::Release(release.clone()), Some(seen.clone())).await?;
    Ok(release)
}

/// Replaces the exit criteria, on revision `seen`; during early life support with a
/// reason (see [`Release::set_exit_criteria`]).
pub async fn set_exit_criteria<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
    criteria: ExitCriteria,
    reason: Option<&str>,
    by: &str,
) -> Result<Release, AppError> {
    let mut release = current(store, reference, seen).await?;
    release.set_exit_criteria(criteria, reason, super::clock::now(), by)?;
    save(store, &Record::Release(release.clone()), Some(seen.clone())).await?;
    Ok(release)
}

/// Carries known error `known_error_id` forward into production with the release:
/// the release lists it and the known error says so (carried forward into production
/// with this release), in one atomic write on revision `seen` of the release. Refused for a fixed or retired known error and once the
/// release is deployed (the gate has been passed).
pub async fn carry_forward<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
    known_error_id: &str,
    by: &str,
) -> Result<Release, AppError> {
    let mut release = current(store, reference, seen).await?;
    if !matches!(
        release.status,
        ReleaseStatus::Planned | ReleaseStatus::InTesting
    ) {
        return Err(AppError::Refused(format!(
            "{} is {}: known errors are carried forward before it deploys.",
            release.title(),
            crate::domain::kernel::lifecycle::Lifecycle::label(release.status).to_lowercase()
        )));
    }
    let missing = || AppError::NotFound(format!("Known error {known_error_id}"));
    let state = store.get(known_error_id).await?.ok_or_else(missing)?;
    let mut ke: KnownError = match Record::from_json(&state.body) {
        Ok(Record::KnownError(k)) if !state.deleted => k,
        _ => return Err(missing()),
    };
    if !ke.is_open() {
        return Err(AppError::Refused(format!(
            "{} is {}: only draft or active known errors are carried forward.",
            ke.reference,
            crate::domain::kernel::lifecycle::Lifecycle::label(ke.status).to_lowercase()
        )));
    }
    let now = super::clock::now();
    release.carry_forward(&ke.id, now, by);
    let mut draft = ke.draft();
    draft.carried_forward = true;
    draft.release_introduced = Some(release.id.clone());
    ke.apply_edit(draft, now, by)?;
    let batch = vec![
        revision(&Record::Release(release.clone()), Some(seen.clone()))?,
        revision(&Record::KnownError(ke), Some(state.rev))?,
    ];
    match store.put_batch(batch).await {
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
        Ok(_) => Ok(release),
    }
}

/// Stops carrying known error `known_error_id` forward with the release (carried by
/// mistake, or fixed before deployment): the release drops it and the known error no
/// longer says it went into production with this release, in one atomic write on
/// revision `seen`. Refused once the release is deployed.
pub async fn stop_carrying<S: Store>(
    store: &S,
    reference: &str,
    seen: &Rev,
    known_error_id: &str,
    by: &str,
) -> Result<Release, AppError> {
    let mut release = current(store, reference, seen).await?;
    if release.is_deployed() {
        return Err(AppError::Refused(format!(
            "{} is deployed: what it carried into production stays on record.",
            release.title()
        )));
    }
    let missing = || AppError::NotFound(format!("Known error {known_error_id}"));
    let state = store.get(known_error_id).await?.ok_or_else(missing)?;
    let mut ke: KnownError = match Record::from_json(&state.body) {
        Ok(Record::KnownError(k)) if !state.deleted => k,
        _ => return Err(missing()),
    };
    let now = super::clock::now();
    release.stop_carrying(&ke.id, ke.reference.as_str(), now, by);
    let mut batch = vec![revision(
        &Record::Release(release.clone()),
        Some(seen.clone()),
    )?];
    if ke.carried_forward && ke.release_introduced.as_deref() == Some(release.id.as_str()) {
        let mut draft = ke.draft();
        draft.carried_forward = false;
        ke.apply_edit(draft, now, by)?;
        batch.push(revision(&Record::KnownError(ke), Some(state.rev))?);
    }
    match store.put_batch(batch).await {
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
        Ok(_) => Ok(release),
    }
}

/// Moves the release to `to` on revision `seen`. Deploying passes the readiness gate
/// and accepting passes the exit criteria (both worked out here from the records, not
/// taken from the page; `incidents` is the queue and the data revision to read the
/// release's incidents through); with blockers the move needs `override_reason`,
/// which the history records.
pub async fn move_to<S: Store>(
    store: &S,
    incidents: (&Queue, u64),
    reference: &str,
    seen: &Rev,
    to: ReleaseStatus,
    override_reason: Option<&str>,
    by: &str,
) -> Result<Release, AppError> {
    let mut release = current(store, reference, seen).await?;
    let now = super::clock::now();
    let blockers = match to {
        ReleaseStatus::Deployed | ReleaseStatus::Accepted => {
            let g = gather(store, incidents.0, incidents.1, &release, now).await?;
            if to == ReleaseStatus::Deployed {
                g.readiness_missing(&release)
            } else {
                crate::domain::release::exit_criteria::unmet(&g.verdicts(&release, now))
            }
        }
        _ => Vec::new(),
    };
    release.transition_gated(to, &blockers, override_reason, now, by)?;
    save(store, &Record::Release(release.clone()), Some(seen.clone())).await?;
    Ok(release)
}

#[cfg(test)]
mod tests;

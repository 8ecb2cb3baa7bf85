//! Known error actions for the pages: list, open by reference, the records a known
//! error points at, create (from a problem, optionally moving it to "Known error" in
//! the same atomic write), edit and move on the revision read, find its linked
//! incidents, apply its workaround to one incident and communicate it to all.

use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::Incident;
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::reference::RefKind;
use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::known_error::prefill;
use crate::domain::known_error::workaround::{self, Communicated};
use crate::domain::known_error::{KnownError, KnownErrorDraft, KnownErrorStatus};
use crate::domain::problem::{Problem, ProblemStatus};
use crate::storage::{Store, StoreError};

use super::clock;
use super::error::AppError;
use super::queue::Queue;
use super::records::{all_of_kind, decode, new_id, next_reference, revision, save};
use crate::ops::incident;
use crate::ops::problem::{self, incident_by_id};

/// Document type of known errors.
pub const KIND: &str = "known_error";

/// Every live known error, newest change first.
pub async fn all<S: Store>(store: &S) -> Result<Vec<KnownError>, AppError> {
    Ok(all_of_kind(store, KIND)
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::KnownError(k) => Some(k),
            _ => None,
        })
        .collect())
}

/// The known error with this reference and the revision it was read at.
pub async fn by_reference<S: Store>(
    store: &S,
    reference: &str,
) -> Result<(KnownError, Rev), AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        if let Record::KnownError(k) = decode(&row)? {
            return Ok((k, row.rev));
        }
    }
    Err(AppError::NotFound(format!("Known error {wanted}")))
}

/// A live record of `kind` by document id, with its revision.
async fn record_by_id<S: Store>(
    store: &S,
    id: &str,
    what: &str,
) -> Result<(Record, Rev), AppError> {
    let missing = || AppError::NotFound(format!("{what} {id}"));
    let state = store.get(id).await?.ok_or_else(missing)?;
    if state.deleted {
        return Err(missing());
    }
    let record = Record::from_json(&state.body).map_err(|e| AppError::Corrupt {
        id: id.to_owned(),
        reason: e.to_string(),
    })?;
    Ok((record, state.rev))
}

/// A record a known error points at, as pages show and pick it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Document id.
    pub id: String,
    /// Human reference (`PRB-…`, `KB-…`, `REL-…`).
    pub reference: String,
    /// Title, or release name and version.
    pub title: String,
    /// Status label.
    pub status: &'static str,
    /// For articles: published (what the release readiness gate needs).
    pub published: bool,
    /// For articles: the known errors they document (by id).
    pub about: Vec<String>,
}

impl Related {
    /// `PRB-… · Title`, as pickers offer it.
    pub fn label(&self) -> String {
        format!("{} · {}", self.reference, self.title)
    }
}

/// The problems, articles and releases known errors point at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelatedRecords {
    /// Problems, by reference.
    pub problems: Vec<Related>,
    /// Knowledge articles, by reference.
    pub articles: Vec<Related>,
    /// Releases, by reference.
    pub releases: Vec<Related>,
}

impl RelatedRecords {
    /// The record with document id `id` in `list`.
    pub fn find<'a>(list: &'a [Related], id: Option<&str>) -> Option<&'a Related> {
        id.and_then(|id| list.iter().find(|r| r.id == id))
    }
}

/// Reads every problem, article and release for the known error pages.
pub async fn related<S: Store>(store: &S) -> Result<RelatedRecords, AppError> {
    let mut out = RelatedRecords::default();
    for kind in ["problem", "article", "release"] {
        for record in all_of_kind(store, kind).await? {
            let about = match &record {
                Record::Article(a) => a.known_errors.clone(),
                _ => Vec::new(),
            };
            let (list, item) = match record {
                Record::Problem(p) => (
                    &mut out.problems,
                    (p.id, p.reference, p.title, p.status.label(), false),
                ),
                Record::Article(a) => {
                    let published = crate::domain::release::readiness::is_published(&a);
                    let item = (a.id, a.reference, a.title, a.status.label(), published);
                    (&mut out.articles, item)
                }
                Record::Release(r) => {
                    let name = format!("{} {}", r.name, r.version).trim().to_owned();
                    (
                        &mut out.releases,
                        (r.id, r.reference, name, r.status.label(), false),
                    )
                }
                _ => continue,
            };
            let (id, reference, title, status, published) = item;
            list.push(Related {
                id,
                reference: reference.as_str().to_owned(),
                title,
                status,
                published,
                about,
            });
        }
    }
    for list in [&mut out.problems, &mut out.articles, &mut out.releases] {
        list.sort_by(|a, b| a.reference.cmp(&b.reference));
    }
    Ok(out)
}

/// Where a new known error starts: blank, or prefilled from a problem.
#[derive(Debug, Clone)]
pub struct Start {
    /// The form's first values.
    pub draft: KnownErrorDraft,
    /// The problem it was started from.
    pub problem: Option<Problem>,
}

/// The new known error form: blank for an empty `from`, else prefilled from problem
/// `from` (`PRB-…`).
pub async fn start<S: Store>(store: &S, from: &str) -> Result<Start, AppError> {
    if from.trim().is_empty() {
        return Ok(Start {
            draft: prefill::blank(),
            problem: None,
        });
    }
    let (problem, _) = problem::by_reference(store, from).await?;
    Ok(Start {
        draft: prefill::from_problem(&problem),
        problem: Some(problem),
    })
}

/// Creates a draft known error. With `move_problem`, its problem (which must be under
/// investigation, or already a known error) moves to "Known error" and records the
/// link, written with the known error in one atomic batch: all or nothing.
pub async fn create<S: Store>(
    store: &S,
    draft: KnownErrorDraft,
    move_problem: bool,
    by: &str,
) -> Result<KnownError, AppError> {
    draft.validate()?;
    let problem = match (move_problem, draft.problem.as_deref().map(str::trim)) {
        (true, Some(id)) if !id.is_empty() => match record_by_id(store, id, "Problem").await? {
            (Record::Problem(p), rev) => Some((p, rev)),
            _ => return Err(AppError::NotFound(format!("Problem {id}"))),
        },
        _ => None,
    };
    let now = clock::now();
    let reference = next_reference(store, RefKind::KnownError).await?;
    let known_error = KnownError::create(draft, new_id(KIND), reference, now, by)?;
    let mut batch = vec![revision(&Record::KnownError(known_error.clone()), None)?];
    if let Some((mut p, rev)) = problem {
        if p.status != ProblemStatus::KnownError {
            p.transition(ProblemStatus::KnownError, now, by, None)?;
            let link = Change::Linked {
                what: KIND.into(),
                target: known_error.id.clone(),
            };
            p.history.record(now, by, link);
            batch.push(revision(&Record::Problem(p), Some(rev))?);
        }
    }
    write(store, batch).await?;
    Ok(known_error)
}

/// Writes `batch` atomically; a document changed since it was read is [`AppError::Stale`].
async fn write<S: Store>(
    store: &S,
    batch: Vec<crate::domain::couch::document::NewRevision>,
) -> Result<(), AppError> {
    match store.put_batch(batch).await {
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
        Ok(_) => Ok(()),
    }
}

/// Saves an edit made on revision `rev`; refused as stale when it changed since.
pub async fn update<S: Store>(
    store: &S,
    mut known_error: KnownError,
    rev: Rev,
    draft: KnownErrorDraft,
    by: &str,
) -> Result<KnownError, AppError> {
    known_error.apply_edit(draft, clock::now(), by)?;
    save(store, &Record::KnownError(known_error.clone()), Some(rev)).await?;
    Ok(known_error)
}

/// Moves the known error through its lifecycle, refused as stale when it changed
/// since revision `seen` was shown.
pub async fn move_to<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    to: KnownErrorStatus,
    reason: Option<String>,
    seen: Option<&Rev>,
) -> Result<KnownError, AppError> {
    let (mut k, rev) = by_reference(store, reference).await?;
    if seen.is_some_and(|seen| *seen != rev) {
        return Err(AppError::Stale);
    }
    k.transition(to, clock::now(), by, reason)?;
    save(store, &Record::KnownError(k.clone()), Some(rev)).await?;
    Ok(k)
}

/// The live incidents linked to known error `id`, by reference, found through the
/// in-memory incident rows (brought up to date for data revision `revision` first).
pub async fn linked_incidents<S: Store>(
    store: &S,
    queue: &Queue,
    revision: u64,
    id: &str,
) -> Result<Vec<Incident>, AppError> {
    queue.sync(store, revision, clock::now()).await?;
    let mut out = Vec::new();
    for incident_id in queue.ids_where(|r| r.known_error.as_deref() == Some(id)) {
        match incident_by_id(store, &incident_id).await {
            Ok((i, _)) => out.push(i),
            Err(AppError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    out.sort_by(|a, b| a.reference.as_str().cmp(b.reference.as_str()));
    Ok(out)
}

/// Gives known error `known_error` (id)'s workaround to incident `reference`: the
/// link, the timeline event and the public comment, saved on the incident's revision.
/// Refusals come back at field `known_error`.
pub async fn apply_workaround<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    known_error: &str,
) -> Result<Incident, AppError> {
    let k = match record_by_id(store, known_error, "Known error").await? {
        (Record::KnownError(k), _) => k,
        _ => return Err(AppError::NotFound(format!("Known error {known_error}"))),
    };
    let (mut incident, rev) = incident::by_reference(store, reference).await?;
    if let Err(e) = workaround::apply(&mut incident, &k, clock::now(), by) {
        let mut errs = ValidationErrors::new();
        errs.push("known_error", e.to_string());
        return Err(errs.into());
    }
    save(store, &Record::Incident(incident.clone()), Some(rev)).await?;
    Ok(incident)
}

/// Gives known error `reference`'s workaround to every open incident of
/// `incident_ids` still linked to it that does not have it yet, in one atomic batch.
/// Refused when the known error changed since revision `seen` was shown, or its
/// workaround cannot be shared (not active, or empty).
pub async fn communicate_workaround<S: Store>(
    store: &S,
    reference: &str,
    seen: Option<&Rev>,
    incident_ids: &[String],
    by: &str,
) -> Result<Communicated, AppError> {
    let (k, rev) = by_reference(store, reference).await?;
    if seen.is_some_and(|seen| *seen != rev) {
        return Err(AppError::Stale);
    }
    workaround::check_shareable(&k).map_err(|e| AppError::Refused(e.to_string()))?;
    let mut read: Vec<(Incident, Rev)> = Vec::with_capacity(incident_ids.len());
    for id in incident_ids {
        if read.iter().any(|(i, _)| &i.id == id) {
            continue;
        }
        match incident_by_id(store, id).await {
            Ok(found) => read.push(found),
            Err(AppError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let plain: Vec<Incident> = read.iter().map(|(i, _)| i.clone()).collect();
    let outcome = workaround::communicate(&k, plain, clock::now(), by)
        .map_err(|e| AppError::Refused(e.to_string()))?;
    let mut batch = Vec::with_capacity(outcome.updated.len());
    for incident in &outcome.updated {
        let parent = read
            .iter()
            .find(|(i, _)| i.id == incident.id)
            .map(|(_, rev)| rev.clone());
        batch.push(revision(&Record::Incident(incident.clone()), parent)?);
    }
    if !batch.is_empty() {
        write(store, batch).await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;

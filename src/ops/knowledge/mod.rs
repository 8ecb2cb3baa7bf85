//! Knowledge article actions for the desk: read one or all, start a draft (blank or
//! from a known error or resolved incident, linked both ways in one atomic write),
//! edit, move through review, and restore a published version.

use crate::domain::couch::record::Record;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::{Incident, LinkKind};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::reference::{RefKind, Reference};
use crate::domain::knowledge::article::version::RestoreError;
use crate::domain::knowledge::article::{ArticleDraft, ArticleStatus, KnowledgeArticle};
use crate::domain::knowledge::prefill::{self, PrefillError};
use crate::domain::known_error::KnownError;
use crate::storage::{Store, StoreError};

use super::error::AppError;
use super::records::{all_of_kind, decode, new_id, next_reference, revision, save, Choice};

/// Document type of articles.
pub const KIND: &str = "article";

/// The article with this reference and the revision it was read at.
pub async fn by_reference<S: Store>(
    store: &S,
    reference: &str,
) -> Result<(KnowledgeArticle, Rev), AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        if let Record::Article(a) = decode(&row)? {
            return Ok((a, row.rev));
        }
    }
    Err(AppError::NotFound(format!("Article {wanted}")))
}

/// Every live article, newest change first.
pub async fn all<S: Store>(store: &S) -> Result<Vec<KnowledgeArticle>, AppError> {
    Ok(all_of_kind(store, KIND)
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Article(a) => Some(a),
            _ => None,
        })
        .collect())
}

/// Known errors for the article form's pickers: id and "KE-… title", newest first.
pub async fn known_error_choices<S: Store>(store: &S) -> Result<Vec<Choice>, AppError> {
    Ok(all_of_kind(store, "known_error")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::KnownError(k) => Some(Choice {
                id: k.id.clone(),
                name: format!("{} {}", k.reference, k.title),
            }),
            _ => None,
        })
        .collect())
}

/// The record an article is started from.
#[derive(Debug, Clone)]
enum Origin {
    KnownError(KnownError, Rev),
    Incident(Incident, Rev),
}

/// Reads the known error (`KE-…`) or incident (`INC-…`) with this reference.
async fn origin<S: Store>(store: &S, reference: &str) -> Result<Origin, AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        match decode(&row)? {
            Record::KnownError(k) => return Ok(Origin::KnownError(k, row.rev)),
            Record::Incident(i) => return Ok(Origin::Incident(i, row.rev)),
            _ => {}
        }
    }
    Err(AppError::NotFound(format!(
        "Known error or incident {wanted}"
    )))
}

fn prefill_refused(e: PrefillError) -> AppError {
    AppError::Refused(e.to_string())
}

/// A draft prefilled from the known error or resolved incident `reference`.
pub async fn prefill<S: Store>(store: &S, reference: &str) -> Result<ArticleDraft, AppError> {
    match origin(store, reference).await? {
        Origin::KnownError(k, _) => Ok(prefill::from_known_error(&k)),
        Origin::Incident(i, _) => prefill::from_incident(&i).map_err(prefill_refused),
    }
}

/// Creates a draft article. Started `from` a known error, the known error is pointed
/// at the article when it has none yet; from an incident, the incident links it. The
/// article and that link are written in one atomic batch.
pub async fn create<S: Store>(
    store: &S,
    draft: ArticleDraft,
    from: Option<&str>,
    by: &str,
) -> Result<KnowledgeArticle, AppError> {
    draft.validate()?;
    let origin = match from.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => Some(origin(store, f).await?),
        None => None,
    };
    if let Some(Origin::Incident(i, _)) = &origin {
        prefill::from_incident(i).map_err(prefill_refused)?;
    }
    let now = super::clock::now();
    let reference: Reference = next_reference(store, RefKind::Article).await?;
    let article = KnowledgeArticle::create(draft, new_id(KIND), reference, now, by)?;
    let mut batch = vec![revision(&Record::Article(article.clone()), None)?];
    match origin {
        Some(Origin::KnownError(mut k, rev)) if k.article.is_none() => {
            k.article = Some(article.id.clone());
            k.history.record(
                now,
                by,
                Change::Linked {
                    what: KIND.into(),
                    target: article.id.clone(),
                },
            );
            k.updated = now;
            by.clone_into(&mut k.updated_by);
            batch.push(revision(&Record::KnownError(k), Some(rev))?);
        }
        Some(Origin::Incident(mut i, rev)) => {
            i.link(LinkKind::Article, &article.id, now, by)?;
            batch.push(revision(&Record::Incident(i), Some(rev))?);
        }
        _ => {}
    }
    match store.put_batch(batch).await {
        Err(StoreError::Conflict { .. }) => Err(AppError::Stale),
        Err(e) => Err(e.into()),
        Ok(_) => Ok(article),
    }
}

/// Saves an edit of a draft made on revision `rev`; published versions are never
/// changed in place (start a new version first).
pub async fn update<S: Store>(
    store: &S,
    mut article: KnowledgeArticle,
    rev: Rev,
    draft: ArticleDraft,
    by: &str,
) -> Result<KnowledgeArticle, AppError> {
    if article.status != ArticleStatus::Draft {
        return Err(AppError::Refused(format!(
            "{} is {}; only a draft can be edited. Start a new version first.",
            article.reference,
            crate::domain::kernel::lifecycle::Lifecycle::label(article.status).to_lowercase()
        )));
    }
    article.apply_edit(draft, super::clock::now(), by)?;
    save(store, &Record::Article(article.clone()), Some(rev)).await?;
    Ok(article)
}

/// Reads the article, applies `change` and saves it on the revision it was read at.
/// With `seen` (the revision the person was shown), an article changed since is
/// refused as stale: nobody publishes or restores over text they did not see.
async fn apply<S, F>(
    store: &S,
    reference: &str,
    by: &str,
    seen: Option<&Rev>,
    change: F,
) -> Result<KnowledgeArticle, AppError>
where
    S: Store,
    F: FnOnce(
        &mut KnowledgeArticle,
        crate::domain::kernel::time::Timestamp,
        &str,
    ) -> Result<(), AppError>,
{
    let (mut article, rev) = by_reference(store, reference).await?;
    if seen.is_some_and(|seen| *seen != rev) {
        return Err(AppError::Stale);
    }
    change(&mut article, super::clock::now(), by)?;
    save(store, &Record::Article(article.clone()), Some(rev)).await?;
    Ok(article)
}

/// Moves the article through its lifecycle (submit, publish, send back, retire, …),
/// refused as stale when it changed since revision `seen` was shown.
pub async fn move_to<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    to: ArticleStatus,
    reason: Option<String>,
    seen: Option<&Rev>,
) -> Result<KnowledgeArticle, AppError> {
    apply(store, reference, by, seen, |a, now, by| {
        Ok(a.transition(to, now, by, reason)?)
    })
    .await
}

/// Makes published version `version` the current draft, refused as stale when the
/// article changed since revision `seen` was shown.
pub async fn restore<S: Store>(
    store: &S,
    reference: &str,
    by: &str,
    version: u32,
    seen: Option<&Rev>,
) -> Result<KnowledgeArticle, AppError> {
    apply(store, reference, by, seen, |a, now, by| {
        a.restore_version(version, now, by).map_err(|e| match e {
            RestoreError::NoSuchVersion(n) => AppError::NotFound(format!("Version {n}")),
            RestoreError::Transition(t) => AppError::Transition(t),
        })
    })
    .await
}

#[cfg(test)]
mod tests;

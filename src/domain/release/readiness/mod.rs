//! The readiness gate: which known errors a release carries forward into production,
//! which of them lack a published knowledge article, and the verdict before deploying.

use crate::domain::knowledge::article::{ArticleStatus, KnowledgeArticle};
use crate::domain::known_error::{KnownError, KnownErrorStatus};
use crate::domain::release::Release;

/// A known error the release carries forward, with the article that documents it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carried<'a> {
    /// The known error.
    pub known_error: &'a KnownError,
    /// Its published article (published now, or a published version still shown
    /// while the next one is drafted), if any.
    pub published: Option<&'a KnowledgeArticle>,
    /// An article about it that is not published (yet), when there is no published
    /// one: the page says what it is waiting for.
    pub unpublished: Option<&'a KnowledgeArticle>,
}

impl Carried<'_> {
    /// True when a published article documents the known error.
    pub fn documented(&self) -> bool {
        self.published.is_some()
    }

    /// Why it blocks deployment, in a sentence; `None` when documented.
    pub fn missing_reason(&self) -> Option<String> {
        if self.documented() {
            return None;
        }
        let ke = self.known_error;
        Some(match self.unpublished {
            Some(a) => format!(
                "{} “{}”: its article {} is {}, not published.",
                ke.reference.as_str(),
                ke.title,
                a.reference.as_str(),
                a.status_label().to_lowercase()
            ),
            None => format!(
                "{} “{}” has no knowledge article.",
                ke.reference.as_str(),
                ke.title
            ),
        })
    }
}

/// True when `article` is readable as published: published now, or drafting a new
/// version of a text that was published before.
pub fn is_published(article: &KnowledgeArticle) -> bool {
    match article.status {
        ArticleStatus::Published => true,
        ArticleStatus::Draft | ArticleStatus::InReview => !article.versions.is_empty(),
        ArticleStatus::Retired => false,
    }
}

/// True when `article` documents `ke`: the known error names it, or it names the
/// known error.
pub fn documents(article: &KnowledgeArticle, ke: &KnownError) -> bool {
    ke.article.as_deref() == Some(article.id.as_str())
        || article.known_errors.iter().any(|k| k == &ke.id)
}

/// Every known error `release` carried forward, whatever became of it since: those its
/// list names and those that say they went into production with it. In the
/// release's order, then by reference. The feedback report uses this.
pub fn carried_ever<'a>(release: &Release, known_errors: &'a [KnownError]) -> Vec<&'a KnownError> {
    let mut out: Vec<&KnownError> = release
        .known_errors_carried
        .iter()
        .filter_map(|id| known_errors.iter().find(|k| &k.id == id))
        .collect();
    let mut flagged: Vec<&KnownError> = known_errors
        .iter()
        .filter(|k| {
            k.carried_forward
                && k.release_introduced.as_deref() == Some(release.id.as_str())
                && !out.iter().any(|o| o.id == k.id)
        })
        .collect();
    flagged.sort_by(|a, b| a.reference.as_str().cmp(b.reference.as_str()));
    out.extend(flagged);
    out
}

/// The known errors `release` carries forward now: [`carried_ever`] without the fixed
/// and retired ones (no longer carried). The gate and the exit criteria use this.
pub fn carried_known_errors<'a>(
    release: &Release,
    known_errors: &'a [KnownError],
) -> Vec<&'a KnownError> {
    let mut out = carried_ever(release, known_errors);
    out.retain(|k| {
        !matches!(
            k.status,
            KnownErrorStatus::Fixed | KnownErrorStatus::Retired
        )
    });
    out
}

/// Every carried known error with its documentation.
pub fn readiness<'a>(
    release: &Release,
    known_errors: &'a [KnownError],
    articles: &'a [KnowledgeArticle],
) -> Vec<Carried<'a>> {
    carried_known_errors(release, known_errors)
        .into_iter()
        .map(|ke| {
            let about: Vec<&KnowledgeArticle> =
                articles.iter().filter(|a| documents(a, ke)).collect();
            let published = about.iter().copied().find(|a| is_published(a));
            let unpublished = if published.is_none() {
                about
                    .iter()
                    .copied()
                    .find(|a| a.status != ArticleStatus::Retired)
            } else {
                None
            };
            Carried {
                known_error: ke,
                published,
                unpublished,
            }
        })
        .collect()
}

/// The sentences naming what blocks deployment (empty when the gate is open).
pub fn missing(carried: &[Carried<'_>]) -> Vec<String> {
    carried.iter().filter_map(Carried::missing_reason).collect()
}

#[cfg(test)]
mod tests;

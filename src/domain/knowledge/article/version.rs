//! Published versions of a knowledge article: each publish keeps a snapshot of what
//! readers saw, so any old version can be read, compared or restored.

use serde::{Deserialize, Serialize};

use super::{ArticleStatus, Audience, KnowledgeArticle};
use crate::domain::kernel::history::Change;
use crate::domain::kernel::lifecycle::TransitionError;
use crate::domain::kernel::time::Timestamp;

/// What readers saw of one published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleVersion {
    /// Version number (1, 2, …).
    pub version: u32,
    /// Title as published.
    pub title: String,
    /// Summary as published.
    #[serde(default)]
    pub summary: String,
    /// Markdown body as published.
    pub body: String,
    /// When it was published.
    pub published: Timestamp,
    /// Who published (reviewed) it.
    pub published_by: String,
    /// Who wrote the version (the last editor before review).
    #[serde(default)]
    pub author: String,
}

impl ArticleVersion {
    /// The snapshot of what `article` shows now.
    fn of(article: &KnowledgeArticle, author: String, now: Timestamp, by: &str) -> Self {
        ArticleVersion {
            version: article.version,
            title: article.title.clone(),
            summary: article.summary.clone(),
            body: article.body.clone(),
            published: now,
            published_by: by.to_owned(),
            author,
        }
    }
}

/// How long a published article stays fresh when nobody set a review date.
pub const DEFAULT_REVIEW_DAYS: i64 = 180;

/// Why a version could not be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    /// No published version has that number.
    #[error("Version {0} does not exist.")]
    NoSuchVersion(u32),
    /// Moving the article back to draft was refused.
    #[error(transparent)]
    Transition(#[from] TransitionError),
}

impl KnowledgeArticle {
    /// Records the reviewer and a snapshot of the version just published (replacing an
    /// earlier snapshot of the same number), and sets the next review date when none
    /// is set or it has passed.
    pub(super) fn record_publication(&mut self, author: String, now: Timestamp, by: &str) {
        self.reviewed_by = Some(by.to_owned());
        self.reviewed_at = Some(now);
        let snapshot = ArticleVersion::of(self, author, now, by);
        self.versions.retain(|v| v.version != snapshot.version);
        self.versions.push(snapshot);
        self.versions.sort_by_key(|v| v.version);
        if self.review_due.is_none_or(|due| due <= now) {
            let due = now.plus_ms(DEFAULT_REVIEW_DAYS * 86_400_000);
            let show = |t: Option<Timestamp>| t.map(|t| t.date()).unwrap_or_default();
            let old = show(self.review_due);
            self.history
                .record_field(now, by, "review_due", &old, &due.date());
            self.review_due = Some(due);
        }
    }

    /// One published version by number.
    pub fn version_snapshot(&self, version: u32) -> Option<&ArticleVersion> {
        self.versions.iter().find(|v| v.version == version)
    }

    /// True when its review date has come (`now` or earlier), and it is not retired.
    pub fn review_is_due(&self, now: Timestamp) -> bool {
        self.status != ArticleStatus::Retired && self.review_due.is_some_and(|d| d <= now)
    }

    /// Makes the content of published version `version` the current draft: a
    /// published or retired article first becomes a draft of a new version, one in
    /// review goes back to draft. The restore is recorded in the history.
    pub fn restore_version(
        &mut self,
        version: u32,
        now: Timestamp,
        by: &str,
    ) -> Result<(), RestoreError> {
        let snapshot = self
            .version_snapshot(version)
            .cloned()
            .ok_or(RestoreError::NoSuchVersion(version))?;
        if self.status != ArticleStatus::Draft {
            let reason = format!("Restoring version {version}");
            self.transition(ArticleStatus::Draft, now, by, Some(reason))?;
        }
        self.history.record(
            now,
            by,
            Change::Field {
                field: "restored".into(),
                from: String::new(),
                to: format!("version {version}"),
            },
        );
        self.title = snapshot.title;
        self.summary = snapshot.summary;
        self.body = snapshot.body;
        self.updated = now;
        by.clone_into(&mut self.updated_by);
        Ok(())
    }
}

impl KnowledgeArticle {
    /// What the portal shows of this article: the article itself when it is public and
    /// published; while a new version of a public article is drafted or in review, its
    /// last published version (readers keep their answer meanwhile); nothing when it is
    /// internal, retired or was never published.
    pub fn portal_view(&self) -> Option<KnowledgeArticle> {
        if self.is_public() {
            return Some(self.clone());
        }
        let drafting = matches!(self.status, ArticleStatus::Draft | ArticleStatus::InReview);
        if !drafting || self.audience != Audience::Public {
            return None;
        }
        let last = self.versions.last()?;
        let mut view = self.clone();
        view.title = last.title.clone();
        view.summary = last.summary.clone();
        view.body = last.body.clone();
        view.version = last.version;
        view.status = ArticleStatus::Published;
        Some(view)
    }

    /// True when this draft's text differs from its last published version (or it was
    /// never published): restoring over it would replace unpublished work.
    pub fn has_unpublished_text(&self) -> bool {
        match self.versions.last() {
            None => true,
            Some(v) => v.title != self.title || v.summary != self.summary || v.body != self.body,
        }
    }
}

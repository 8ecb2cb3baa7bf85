//! Knowledge articles: Markdown knowledge for agents (internal) or the portal (public),
//! with a review lifecycle, versions, links to known errors and reader feedback.

pub mod version;

use serde::{Deserialize, Serialize};

use crate::domain::kernel::edit::{clean_list, Edit};
use crate::domain::kernel::history::{Change, History};
use crate::domain::kernel::lifecycle::{check_transition, move_status, Lifecycle, TransitionError};
use crate::domain::kernel::reference::Reference;
use crate::domain::kernel::time::Timestamp;
use crate::domain::kernel::validation::{
    max_text, require_text, require_text_between, ValidationErrors,
};
use version::ArticleVersion;

/// Where an article is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    /// Being written (also a new version of a published article).
    Draft,
    /// Waiting for a reviewer.
    InReview,
    /// Visible to its audience.
    Published,
    /// Withdrawn; can be revived as a new draft.
    Retired,
}

impl Lifecycle for ArticleStatus {
    fn all() -> &'static [Self] {
        use ArticleStatus::*;
        &[Draft, InReview, Published, Retired]
    }
    fn initial() -> Self {
        ArticleStatus::Draft
    }
    fn allowed(self) -> &'static [Self] {
        use ArticleStatus::*;
        match self {
            Draft => &[InReview],
            InReview => &[Published, Draft],
            Published => &[Retired, Draft],
            Retired => &[Draft],
        }
    }
    /// Retired counts as terminal (work on the article has ended), even though it can
    /// be revived as a new draft.
    fn is_terminal(self) -> bool {
        self == ArticleStatus::Retired
    }
    fn label(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "Draft",
            ArticleStatus::InReview => "In review",
            ArticleStatus::Published => "Published",
            ArticleStatus::Retired => "Retired",
        }
    }
    fn record_noun() -> &'static str {
        "article"
    }
}

/// Who may read an article.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone, on the self-service portal.
    Public,
    /// Service-desk staff only.
    #[default]
    Internal,
}

impl Audience {
    /// Both audiences.
    pub const ALL: [Audience; 2] = [Audience::Public, Audience::Internal];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Public => "Public",
            Audience::Internal => "Internal",
        }
    }
}

/// A knowledge article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeArticle {
    /// Document id, `article:<uuid>`.
    #[serde(rename = "_id")]
    pub id: String,
    /// Human reference, `KB-…`.
    pub reference: Reference,
    /// Title.
    pub title: String,
    /// One-paragraph summary for lists and suggestions.
    #[serde(default)]
    pub summary: String,
    /// Markdown body.
    #[serde(default)]
    pub body: String,
    /// Who may read it.
    #[serde(default)]
    pub audience: Audience,
    /// Lifecycle status.
    pub status: ArticleStatus,
    /// Version, starting at 1; a published article sent back to draft gets a new one.
    #[serde(default = "first_version")]
    pub version: u32,
    /// Search tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Service ids it is about.
    #[serde(default)]
    pub services: Vec<String>,
    /// Known error ids whose workaround it holds.
    #[serde(default)]
    pub known_errors: Vec<String>,
    /// When it should be reviewed next.
    #[serde(default)]
    pub review_due: Option<Timestamp>,
    /// "This helped" votes.
    #[serde(default)]
    pub helpful: u32,
    /// "This did not help" votes.
    #[serde(default)]
    pub not_helpful: u32,
    /// Times read.
    #[serde(default)]
    pub views: u32,
    /// Times a portal user said it solved their problem instead of reporting one.
    #[serde(default)]
    pub deflections: u32,
    /// Who last reviewed it (moved it from In review to Published).
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// When it was last reviewed.
    #[serde(default)]
    pub reviewed_at: Option<Timestamp>,
    /// Every published version, oldest first.
    #[serde(default)]
    pub versions: Vec<ArticleVersion>,
    /// When created.
    pub created: Timestamp,
    /// Who created it.
    #[serde(default)]
    pub created_by: String,
    /// Last change.
    pub updated: Timestamp,
    /// Who made the last change.
    #[serde(default)]
    pub updated_by: String,
    /// Append-only event history.
    #[serde(default)]
    pub history: History,
}

fn first_version() -> u32 {
    1
}

/// The article form's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDraft {
    /// Title (3–200 characters).
    pub title: String,
    /// Summary (up to 500 characters).
    pub summary: String,
    /// Markdown body (required, up to 100 000 characters).
    pub body: String,
    /// Audience.
    pub audience: Audience,
    /// Tags (up to 20, each up to 40 characters).
    pub tags: Vec<String>,
    /// Service ids.
    pub services: Vec<String>,
    /// Known error ids.
    pub known_errors: Vec<String>,
    /// Review due date.
    pub review_due: Option<Timestamp>,
}

impl ArticleDraft {
    /// Checks every field; one message per field in error.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        errs.check(require_text_between("title", &self.title, 3, 200));
        errs.check(max_text("summary", &self.summary, 500));
        errs.check(require_text("body", &self.body, 100_000));
        if self.tags.len() > 20 {
            errs.push("tags", "Use at most 20 tags.");
        } else if self.tags.iter().any(|t| t.trim().chars().count() > 40) {
            errs.push("tags", "Keep each tag to 40 characters or fewer.");
        }
        errs.into_result()
    }
}

impl KnowledgeArticle {
    /// A new article from a valid draft: status Draft, version 1.
    pub fn create(
        draft: ArticleDraft,
        id: String,
        reference: Reference,
        now: Timestamp,
        by: &str,
    ) -> Result<KnowledgeArticle, ValidationErrors> {
        draft.validate()?;
        let mut history = History::new();
        history.record(now, by, Change::Created);
        Ok(KnowledgeArticle {
            id,
            reference,
            title: draft.title.trim().to_owned(),
            summary: draft.summary.trim().to_owned(),
            body: draft.body.trim().to_owned(),
            audience: draft.audience,
            status: ArticleStatus::initial(),
            version: 1,
            tags: clean_list(&draft.tags),
            services: clean_list(&draft.services),
            known_errors: clean_list(&draft.known_errors),
            review_due: draft.review_due,
            helpful: 0,
            not_helpful: 0,
            views: 0,
            deflections: 0,
            reviewed_by: None,
            reviewed_at: None,
            versions: Vec::new(),
            created: now,
            created_by: by.to_owned(),
            updated: now,
            updated_by: by.to_owned(),
            history,
        })
    }

    /// The form's input for editing this article.
    pub fn draft(&self) -> ArticleDraft {
        ArticleDraft {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            audience: self.audience,
            tags: self.tags.clone(),
            services: self.services.clone(),
            known_errors: self.known_errors.clone(),
            review_due: self.review_due,
        }
    }

    /// Applies an edited draft, recording one history event per changed field (the
    /// body change is recorded without its text).
    pub fn apply_edit(
        &mut self,
        draft: ArticleDraft,
        now: Timestamp,
        by: &str,
    ) -> Result<(), ValidationErrors> {
        draft.validate()?;
        let mut edit = Edit::new();
        edit.text("title", &mut self.title, &draft.title)
            .text("summary", &mut self.summary, &draft.summary)
            .long_text("body", &mut self.body, &draft.body)
            .list("tags", &mut self.tags, &draft.tags)
            .list("services", &mut self.services, &draft.services)
            .list("known_errors", &mut self.known_errors, &draft.known_errors)
            .value("audience", &mut self.audience, draft.audience, |a| {
                a.label()
            })
            .value("review_due", &mut self.review_due, draft.review_due, |t| {
                t.map(|t| t.date()).unwrap_or_default()
            });
        if edit.record(&mut self.history, now, by) {
            self.touch(now, by);
        }
        Ok(())
    }

    /// Moves to `to`. Sending a published article back to draft starts a new version;
    /// publishing (the reviewer's step) records who reviewed it and keeps a snapshot of
    /// the version readers now see.
    pub fn transition(
        &mut self,
        to: ArticleStatus,
        now: Timestamp,
        by: &str,
        reason: Option<String>,
    ) -> Result<(), TransitionError> {
        check_transition(self.status, to)?;
        let new_version = to == ArticleStatus::Draft
            && matches!(
                self.status,
                ArticleStatus::Published | ArticleStatus::Retired
            );
        let author = self.updated_by.clone();
        move_status(&mut self.status, to, &mut self.history, now, by, reason)?;
        if to == ArticleStatus::Published {
            self.record_publication(author, now, by);
        }
        if new_version {
            let (old, new) = (self.version.to_string(), (self.version + 1).to_string());
            self.history.record_field(now, by, "version", &old, &new);
            self.version += 1;
        }
        self.touch(now, by);
        Ok(())
    }

    /// The status as people read it, lower case ("draft", "in review").
    pub fn status_label(&self) -> String {
        self.status.label().to_lowercase()
    }

    /// True when the portal may show it.
    pub fn is_public(&self) -> bool {
        self.audience == Audience::Public && self.status == ArticleStatus::Published
    }

    /// Counts a reader's vote (not part of the history).
    pub fn vote(&mut self, helpful: bool) {
        if helpful {
            self.helpful = self.helpful.saturating_add(1);
        } else {
            self.not_helpful = self.not_helpful.saturating_add(1);
        }
    }

    /// Counts a view (not part of the history).
    pub fn viewed(&mut self) {
        self.views = self.views.saturating_add(1);
    }

    /// Counts a portal user who said it solved their problem (not part of the history).
    pub fn deflected(&mut self) {
        self.deflections = self.deflections.saturating_add(1);
    }

    fn touch(&mut self, now: Timestamp, by: &str) {
        self.updated = now;
        by.clone_into(&mut self.updated_by);
    }
}

#[cfg(test)]
mod tests;

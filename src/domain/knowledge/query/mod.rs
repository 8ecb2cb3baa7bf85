//! The desk's knowledge list as a pure query: filter by status, audience, due review
//! and text; order by last change, or by review date when listing what is due.

use super::article::{ArticleStatus, Audience, KnowledgeArticle};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;

/// What the knowledge list shows (all fields optional; empty = everything).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// One status.
    pub status: Option<ArticleStatus>,
    /// One audience.
    pub audience: Option<Audience>,
    /// Only articles whose review date has come.
    pub review_due: bool,
    /// Words that must all appear in the reference, title, summary or tags.
    pub text: String,
}

/// The URL key of a status (`in_review`).
pub fn status_key(s: ArticleStatus) -> &'static str {
    match s {
        ArticleStatus::Draft => "draft",
        ArticleStatus::InReview => "in_review",
        ArticleStatus::Published => "published",
        ArticleStatus::Retired => "retired",
    }
}

/// The URL key of an audience (`public`).
pub fn audience_key(a: Audience) -> &'static str {
    match a {
        Audience::Public => "public",
        Audience::Internal => "internal",
    }
}

impl ArticleFilter {
    /// Reads a filter from URL query values; unknown values mean "any".
    pub fn from_query(status: &str, audience: &str, due: &str, text: &str) -> ArticleFilter {
        ArticleFilter {
            status: ArticleStatus::all()
                .iter()
                .copied()
                .find(|s| status_key(*s) == status),
            audience: Audience::ALL
                .into_iter()
                .find(|a| audience_key(*a) == audience),
            review_due: matches!(due, "1" | "true" | "yes"),
            text: text.trim().to_owned(),
        }
    }

    /// The query string for this filter (without `?`; empty when it shows everything).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status={}", status_key(s)));
        }
        if let Some(a) = self.audience {
            parts.push(format!("audience={}", audience_key(a)));
        }
        if self.review_due {
            parts.push("due=1".to_owned());
        }
        if !self.text.is_empty() {
            let encoded: String = self
                .text
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            parts.push(format!("q={encoded}"));
        }
        parts.join("&")
    }

    /// True when `a` belongs in the list at `now`.
    pub fn matches(&self, a: &KnowledgeArticle, now: Timestamp) -> bool {
        if self.status.is_some_and(|s| s != a.status)
            || self.audience.is_some_and(|x| x != a.audience)
            || (self.review_due && !a.review_is_due(now))
        {
            return false;
        }
        let hay = format!(
            "{} {} {} {}",
            a.reference,
            a.title,
            a.summary,
            a.tags.join(" ")
        )
        .to_lowercase();
        self.text
            .to_lowercase()
            .split_whitespace()
            .all(|w| hay.contains(w))
    }

    /// The matching articles: by review date (soonest first) when listing what is
    /// due, otherwise newest change first; ties by reference.
    pub fn apply<'a>(
        &self,
        all: &'a [KnowledgeArticle],
        now: Timestamp,
    ) -> Vec<&'a KnowledgeArticle> {
        let mut out: Vec<&KnowledgeArticle> = all.iter().filter(|a| self.matches(a, now)).collect();
        if self.review_due {
            out.sort_by(|x, y| {
                x.review_due
                    .cmp(&y.review_due)
                    .then_with(|| x.reference.as_str().cmp(y.reference.as_str()))
            });
        } else {
            out.sort_by(|x, y| {
                y.updated
                    .cmp(&x.updated)
                    .then_with(|| x.reference.as_str().cmp(y.reference.as_str()))
            });
        }
        out
    }
}

/// How many articles are due for review at `now`.
pub fn due_count(all: &[KnowledgeArticle], now: Timestamp) -> usize {
    all.iter().filter(|a| a.review_is_due(now)).count()
}

#[cfg(test)]
mod tests;

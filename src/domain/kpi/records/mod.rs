//! The dashboard's figures about problems, known errors and knowledge.
//!
//! Definitions, for the practice owners:
//! - **Problem aging**: problems not Resolved or Closed, by how long ago they were
//!   logged: under 7 days, 7 to 29 days, 30 to 89 days, 90 days or more (a problem
//!   exactly 7 days old is in "7–29 days"). The oldest one is named (ties: the lower
//!   reference).
//! - **Known errors**: how many are Active, how many of those carry a workaround, and
//!   how many are still Draft.
//! - **Knowledge**: published articles (and how many of them are public); the five
//!   published articles viewed most and voted helpful most (articles with no views or
//!   no helpful vote are left out; ties by title, then reference).
//! - **Deflections**: people who said on the portal that an article or a known error's
//!   workaround solved their problem, on every article and known error whatever its
//!   status now, all time (the counters carry no date).
//! - **Portal deflection rate**: deflections in percent of deflections plus incidents
//!   raised through the portal, all time.

use crate::domain::kernel::time::{Timestamp, DAY};
use crate::domain::knowledge::article::{ArticleStatus, Audience, KnowledgeArticle};
use crate::domain::known_error::{KnownError, KnownErrorStatus};
use crate::domain::problem::{Problem, ProblemStatus};

/// The age buckets' names, youngest first.
pub const AGING_LABELS: [&str; 4] = ["Under 7 days", "7–29 days", "30–89 days", "90 days or more"];

/// Lower bounds, in days, of the age buckets after the first.
const AGING_BOUNDS_DAYS: [i64; 3] = [7, 30, 90];

/// How many articles each top list shows.
pub const TOP_ARTICLES: usize = 5;

/// Open problems by age.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProblemAging {
    /// Open problems (not Resolved/Closed) by age: <7 days, 7–29, 30–89, ≥90 days.
    pub buckets: [u32; 4],
    /// The oldest open problem: its reference and age in milliseconds.
    pub oldest: Option<(String, i64)>,
}

/// Open problems at `now` by age (see the module doc).
pub fn problem_aging(problems: &[Problem], now: Timestamp) -> ProblemAging {
    let mut aging = ProblemAging::default();
    let mut oldest: Option<(&Problem, i64)> = None;
    for p in problems {
        if matches!(p.status, ProblemStatus::Resolved | ProblemStatus::Closed) {
            continue;
        }
        let age = now.since(p.created).max(0);
        let bucket = AGING_BOUNDS_DAYS
            .iter()
            .take_while(|&&d| age >= d * DAY)
            .count();
        aging.buckets[bucket] += 1;
        let older = match oldest {
            None => true,
            Some((o, o_age)) => {
                age > o_age || (age == o_age && p.reference.as_str() < o.reference.as_str())
            }
        };
        if older {
            oldest = Some((p, age));
        }
    }
    aging.oldest = oldest.map(|(p, age)| (p.reference.as_str().to_owned(), age));
    aging
}

/// Known error counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnownErrorFigures {
    /// Active known errors.
    pub active: u32,
    /// Active known errors with a workaround written.
    pub active_with_workaround: u32,
    /// Known errors still being written.
    pub draft: u32,
}

/// Known error counts (see the module doc).
pub fn known_error_figures(kes: &[KnownError]) -> KnownErrorFigures {
    let mut f = KnownErrorFigures::default();
    for k in kes {
        match k.status {
            KnownErrorStatus::Active => {
                f.active += 1;
                if !k.workaround.trim().is_empty() {
                    f.active_with_workaround += 1;
                }
            }
            KnownErrorStatus::Draft => f.draft += 1,
            KnownErrorStatus::Fixed | KnownErrorStatus::Retired => {}
        }
    }
    f
}

/// One article in a top list.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFigure {
    /// Document id.
    pub id: String,
    /// `KB-…`.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Views or helpful votes.
    pub value: u32,
}

/// Knowledge figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnowledgeFigures {
    /// Published articles.
    pub published: u32,
    /// Published articles for the public audience.
    pub published_public: u32,
    /// Top 5 published by views (value = views), ties by title.
    pub most_viewed: Vec<ArticleFigure>,
    /// Top 5 published by helpful votes (value = helpful), ties by title.
    pub most_helpful: Vec<ArticleFigure>,
    /// Deflections recorded on articles and known errors (all time: the counters carry
    /// no date).
    pub deflections: u32,
}

/// The top [`TOP_ARTICLES`] of `published` by `value`, zero values left out.
fn top(published: &[&KnowledgeArticle], value: fn(&KnowledgeArticle) -> u32) -> Vec<ArticleFigure> {
    let mut ranked: Vec<&&KnowledgeArticle> = published.iter().filter(|a| value(a) > 0).collect();
    ranked.sort_by(|a, b| {
        value(b)
            .cmp(&value(a))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.reference.as_str().cmp(b.reference.as_str()))
    });
    ranked
        .into_iter()
        .take(TOP_ARTICLES)
        .map(|a| ArticleFigure {
            id: a.id.clone(),
            reference: a.reference.as_str().to_owned(),
            title: a.title.clone(),
            value: value(a),
        })
        .collect()
}

/// Knowledge figures (see the module doc).
pub fn knowledge_figures(articles: &[KnowledgeArticle], kes: &[KnownError]) -> KnowledgeFigures {
    let published: Vec<&KnowledgeArticle> = articles
        .iter()
        .filter(|a| a.status == ArticleStatus::Published)
        .collect();
    let deflections = articles
        .iter()
        .map(|a| a.deflections)
        .chain(kes.iter().map(|k| k.deflections))
        .fold(0u32, u32::saturating_add);
    KnowledgeFigures {
        published: count(published.len()),
        published_public: count(
            published
                .iter()
                .filter(|a| a.audience == Audience::Public)
                .count(),
        ),
        most_viewed: top(&published, |a| a.views),
        most_helpful: top(&published, |a| a.helpful),
        deflections,
    }
}

/// A count as `u32`, saturating.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Portal deflection rate in percent: deflections / (deflections + incidents raised
/// through the portal), all time; None when both are 0.
pub fn deflection_rate(deflections: u32, portal_incidents: u32) -> Option<f64> {
    let whole = u64::from(deflections) + u64::from(portal_incidents);
    (whole > 0).then(|| deflections as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests;

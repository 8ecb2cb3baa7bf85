//! Search over the desk's records, pure Rust: the tokenizer ([`tokenize`]), a compact
//! inverted index kept current record by record ([`index`]), the query with prefix and
//! typo-tolerant matching ranked by BM25F ([`query`]), highlighting of matched words
//! ([`highlight`]) and what of each record kind is searchable ([`extract`]).

pub mod distance;
pub mod extract;
pub mod highlight;
pub mod index;
pub mod query;
pub mod text;
pub mod tokenize;

#[cfg(test)]
mod ranking_tests;

pub use index::{DocMeta, Index, PersistError};
pub use query::{Filter, Hit, Results, SearchQuery};

/// The kinds of record search covers, in the order results are grouped.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Incident,
    Problem,
    KnownError,
    Article,
    Release,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 5] = [
        Kind::Incident,
        Kind::Problem,
        Kind::KnownError,
        Kind::Article,
        Kind::Release,
    ];

    /// The document type (`incident`, `known_error`, …), also used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Problem => "problem",
            Kind::KnownError => "known_error",
            Kind::Article => "article",
            Kind::Release => "release",
        }
    }

    /// The kind for a document type or URL key.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Plural heading ("Known errors").
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Incident => "Incidents",
            Kind::Problem => "Problems",
            Kind::KnownError => "Known errors",
            Kind::Article => "Articles",
            Kind::Release => "Releases",
        }
    }

    /// Singular noun ("known error").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Problem => "problem",
            Kind::KnownError => "known error",
            Kind::Article => "article",
            Kind::Release => "release",
        }
    }

    /// The status label of this kind spelt `label` (`In progress`), as the static
    /// label the lifecycle uses; `None` when this kind has no such status.
    pub fn status_label(self, label: &str) -> Option<&'static str> {
        use crate::domain::kernel::lifecycle::Lifecycle;
        fn find<S: Lifecycle>(label: &str) -> Option<&'static str> {
            S::all().iter().map(|s| s.label()).find(|l| *l == label)
        }
        match self {
            Kind::Incident => find::<crate::domain::incident::kinds::IncidentStatus>(label),
            Kind::Problem => find::<crate::domain::problem::ProblemStatus>(label),
            Kind::KnownError => find::<crate::domain::known_error::KnownErrorStatus>(label),
            Kind::Article => find::<crate::domain::knowledge::article::ArticleStatus>(label),
            Kind::Release => find::<crate::domain::release::ReleaseStatus>(label),
        }
    }

    /// Position in [`Kind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What of one record is searchable, field by field, and what a result shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDoc {
    /// Document id (`incident:…`).
    pub id: String,
    pub kind: Kind,
    /// Human reference (`INC-7K3QF-0042`).
    pub reference: String,
    /// Error code of a known error.
    pub code: Option<String>,
    pub title: String,
    /// Symptoms, summary, category: what describes it in a line.
    pub summary: String,
    /// Description, body, root cause, notes.
    pub body: String,
    /// A line or two shown under the title in results (already shortened).
    pub snippet: String,
    /// Status label (`In progress`).
    pub status: &'static str,
    /// Service ids.
    pub services: Vec<String>,
    /// Milliseconds since the epoch.
    pub created: i64,
    pub updated: i64,
    /// True when the portal may show it (public published article, active known error
    /// with a workaround).
    pub public: bool,
}

#[cfg(test)]
impl SearchDoc {
    /// For tests: an incident with only an id, a title and whether it is public.
    pub(crate) fn sample(id: &str, title: &str, public: bool) -> SearchDoc {
        SearchDoc {
            id: id.to_owned(),
            kind: Kind::Incident,
            reference: String::new(),
            code: None,
            title: title.to_owned(),
            summary: String::new(),
            body: String::new(),
            snippet: String::new(),
            status: "New",
            services: Vec::new(),
            created: 0,
            updated: 0,
            public,
        }
    }
}

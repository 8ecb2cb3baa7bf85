//! What of each record kind is searchable and in which field, read straight from a
//! stored document body: only the fields search needs are decoded (a history of a
//! hundred entries is skipped, not built), which keeps building the index at 50k
//! records within budget.

use serde::Deserialize;

use super::{Kind, SearchDoc};
use crate::domain::couch::record::Record;
use crate::domain::incident::kinds::IncidentStatus;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::{ArticleStatus, Audience};
use crate::domain::known_error::KnownErrorStatus;
use crate::domain::problem::ProblemStatus;
use crate::domain::release::ReleaseStatus;

/// Longest snippet, in characters.
const SNIPPET: usize = 160;

#[derive(Deserialize)]
struct Tag<'a> {
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reporter {
    name: String,
}

/// The searchable fields of every kind; each kind fills its own.
#[derive(Deserialize)]
struct Fields<S> {
    #[serde(rename = "_id")]
    id: String,
    reference: String,
    status: S,
    #[serde(default)]
    title: String,
    #[serde(default)]
    name: String,
    /// A release's version text (an article's version is a number, not searched).
    #[serde(default)]
    version: Option<serde_json::Value>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    reporter: Reporter,
    #[serde(default)]
    resolution_notes: Option<String>,
    #[serde(default)]
    root_cause: String,
    #[serde(default)]
    workaround: String,
    #[serde(default)]
    fix_notes: String,
    #[serde(default)]
    symptoms: String,
    #[serde(default)]
    error_code: Option<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    audience: Audience,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    services: Vec<String>,
    created: Timestamp,
    updated: Timestamp,
}

impl<S: Lifecycle> Fields<S> {
    fn doc(self, kind: Kind) -> SearchDoc {
        let mut services = self.services;
        services.extend(self.service);
        SearchDoc {
            id: self.id,
            kind,
            reference: self.reference,
            code: self.error_code.filter(|c| !c.trim().is_empty()),
            title: self.title,
            summary: String::new(),
            body: String::new(),
            snippet: String::new(),
            status: self.status.label(),
            services,
            created: self.created.0,
            updated: self.updated.0,
            public: false,
        }
    }
}

fn lines(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first words of `text` on one line, at most `SNIPPET` (160) characters.
pub fn snippet(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let len = out.chars().count();
        if len + 1 + word.chars().count() > SNIPPET {
            if len == 0 {
                out = word.chars().take(SNIPPET - 1).collect();
            }
            out.push('…');
            break;
        }
        if len > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The searchable part of a stored document body; `Ok(None)` for kinds search does
/// not cover (settings, people, …).
pub fn from_json(body: &str) -> Result<Option<SearchDoc>, serde_json::Error> {
    let tag: Tag = serde_json::from_str(body)?;
    let doc = match tag.kind.as_ref() {
        "incident" => {
            let f: Fields<IncidentStatus> = serde_json::from_str(body)?;
            let (summary, snippet_text) = (f.category.clone(), f.description.clone());
            let body = lines(&[
                &f.description,
                f.resolution_notes.as_deref().unwrap_or(""),
                &f.reporter.name,
            ]);
            SearchDoc {
                summary,
                body,
                snippet: snippet(&snippet_text),
                ..f.doc(Kind::Incident)
            }
        }
        "problem" => {
            let f: Fields<ProblemStatus> = serde_json::from_str(body)?;
            let summary = lines(&[&f.root_cause, &f.workaround]);
            let body = lines(&[&f.description, &f.fix_notes]);
            SearchDoc {
                summary,
                snippet: snippet(&f.description),
                body,
                ..f.doc(Kind::Problem)
            }
        }
        "known_error" => {
            let f: Fields<KnownErrorStatus> = serde_json::from_str(body)?;
            let public = f.status == KnownErrorStatus::Active && !f.workaround.trim().is_empty();
            let summary = f.symptoms.clone();
            let body = lines(&[&f.root_cause, &f.workaround]);
            SearchDoc {
                snippet: snippet(&summary),
                summary,
                body,
                public,
                ..f.doc(Kind::KnownError)
            }
        }
        "article" => {
            let f: Fields<ArticleStatus> = serde_json::from_str(body)?;
            let public = f.audience == Audience::Public && f.status == ArticleStatus::Published;
            let summary = lines(&[&f.summary, &f.tags.join(", ")]);
            SearchDoc {
                snippet: snippet(&f.summary),
                summary,
                body: f.body.clone(),
                public,
                ..f.doc(Kind::Article)
            }
        }
        "release" => {
            let f: Fields<ReleaseStatus> = serde_json::from_str(body)?;
            let version = match &f.version {
                Some(serde_json::Value::String(v)) => v.as_str(),
                _ => "",
            };
            let title = lines(&[&f.name, version]).replace('\n', " ");
            SearchDoc {
                title,
                ..f.doc(Kind::Release)
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(doc))
}

/// The searchable part of a record (through its stored form, so both paths agree).
pub fn from_record(record: &Record) -> Option<SearchDoc> {
    let json = record.to_json().ok()?;
    from_json(&json).ok().flatten()
}

#[cfg(test)]
mod tests;

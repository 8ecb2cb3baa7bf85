//! Published versions of a knowledge article: each publish keeps a snapshot of what
//! readers saw, so any old version can be read, compared or restored.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;

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

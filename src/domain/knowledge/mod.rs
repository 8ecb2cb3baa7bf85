//! Knowledge management: articles (with their published versions), line comparison,
//! drafts prefilled from other records, the knowledge list query and safe Markdown.

pub mod article;
pub mod line_diff;
pub mod markdown;
pub mod prefill;
pub mod query;

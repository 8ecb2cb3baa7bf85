//! The kernel every record builds on: time, the lifecycle trait, validation results,
//! the append-only history and edits that feed it, human references and fresh ids,
//! and small text helpers.

pub mod duration_input;
pub mod edit;
pub mod history;
pub mod lifecycle;
pub mod percent;
pub mod reference;
pub mod storage_usage;
pub mod time;
pub mod validation;

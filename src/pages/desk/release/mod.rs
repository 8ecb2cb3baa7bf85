//! The release pages: list, detail (lifecycle, readiness gate, pre-production
//! incidents, early life support, feedback report), new and edit.

pub mod detail;
pub mod edit;
pub mod els;
pub mod lifecycle;
pub mod list;
pub mod new;
pub mod preprod;
pub mod readiness;
pub mod report;

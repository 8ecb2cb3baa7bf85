//! The knowledge pages: list, article with its versions, new and edit.

pub mod detail;
pub mod edit;
pub mod list;
pub mod new;
pub mod versions;

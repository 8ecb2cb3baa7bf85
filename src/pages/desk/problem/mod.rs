//! The problem pages: list, detail with its actions and linked incidents, new and edit.

pub mod actions;
pub mod detail;
pub mod edit;
pub mod links;
pub mod list;
pub mod new;
pub mod resolve_form;

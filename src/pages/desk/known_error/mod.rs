//! The known error pages: list, detail with its actions and incidents, new and edit.

pub mod actions;
pub mod detail;
pub mod edit;
pub mod incidents;
pub mod list;
pub mod new;

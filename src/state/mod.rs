//! Leptos glue between pages and storage: context handles (database, toasts) and the
//! actions pages call. Pages never open transactions themselves.

pub mod clock;
pub mod db;
pub mod demo;
pub mod error;
pub mod incidents;
pub mod records;
pub mod toast;

/// Name recorded as the author of desk changes until people can sign in.
pub const AGENT: &str = "Desk agent";

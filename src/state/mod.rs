//! The reactive handles pages and components share, as Leptos context: the database
//! (and its tabs), toasts, who is at the desk or the portal, the theme, sync status,
//! app updates and the browser's storage manager. The work itself is in [`crate::ops`].

pub mod app_update;
pub mod db;
pub mod identity;
pub mod persistence;
pub mod portal_identity;
pub mod prefs;
pub mod sync;
pub mod theme;
pub mod toast;

/// Name recorded as the author of desk changes while nobody has said who they are.
pub const AGENT: &str = "Desk agent";

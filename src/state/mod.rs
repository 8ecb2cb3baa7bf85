//! Leptos glue between pages and storage: context handles (database, toasts) and the
//! actions pages call. Pages never open transactions themselves.

pub mod app_update;
pub mod articles;
pub mod backup;
pub mod bulk;
pub mod clock;
pub mod conflicts;
pub mod csv_export;
pub mod csv_import;
pub mod dashboard;
pub mod db;
pub mod db_tabs;
pub mod demo;
pub mod directory;
pub mod error;
pub mod home;
pub mod identity;
pub mod incident_actions;
pub mod incidents;
pub mod known_errors;
pub mod persistence;
pub mod portal;
pub mod portal_identity;
pub mod practices;
pub mod prefs;
pub mod problems;
pub mod queue;
pub mod records;
pub mod releases;
pub mod search;
pub mod settings;
pub mod sync;
pub mod sync_model;
pub mod sync_session;
pub mod sync_support;
pub mod sync_tabs;
pub mod theme;
pub mod toast;

/// Name recorded as the author of desk changes while nobody has said who they are.
pub const AGENT: &str = "Desk agent";

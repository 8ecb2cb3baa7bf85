//! Pure domain: records, lifecycles, rules, figures and file formats, and the CouchDB
//! document model storage and sync share. No web types, no Leptos. The kernel and
//! couch folders are what every record builds on; each practice has a folder of its
//! own (see docs/ARCHITECTURE.md).

pub mod config;
pub mod couch;
pub mod demo;
pub mod incident;
pub mod kernel;
pub mod knowledge;
pub mod known_error;
pub mod kpi;
pub mod portal_me;
pub mod portal_words;
pub mod problem;
pub mod release;
pub mod transfer;

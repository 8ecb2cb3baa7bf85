//! Pure domain: records, lifecycles, priority, SLA, validation, history, references,
//! demo data and the CouchDB document model. No web types, no Leptos.

pub mod couch;
pub mod kernel;
pub mod knowledge;
pub mod transfer;

pub mod config;
pub mod demo;
pub mod incident;
pub mod known_error;
pub mod kpi;
pub mod portal_words;
pub mod problem;
pub mod release;

//! Pure domain: records, lifecycles, priority, SLA, validation, history, references,
//! demo data and the CouchDB document model. No web types, no Leptos.

pub mod article;
pub mod article_prefill;
pub mod article_query;
pub mod article_version;
pub mod config;
pub mod demo;
pub mod document;
pub mod duration_input;
pub mod escalation;
pub mod feedback;
pub mod history;
pub mod incident;
pub mod incident_bulk;
pub mod incident_kinds;
pub mod incident_query;
pub mod known_error;
pub mod lifecycle;
pub mod line_diff;
pub mod markdown;
pub mod portal_words;
pub mod priority;
pub mod problem;
pub mod problem_intake;
pub mod record;
pub mod reference;
pub mod release;
pub mod revision;
pub mod settings_form;
pub mod sla;
pub mod sla_schedule;
pub mod suggest;
pub mod time;
pub mod validation;

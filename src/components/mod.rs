//! Reusable UI pieces, one per file.

pub mod article_form;
pub mod command_palette;
pub mod db_gate;
pub mod demo_offer;
pub mod download;
pub mod error_panel;
pub mod field_error;
pub mod incident_form;
pub mod known_error_form;
pub mod markdown_view;
pub mod policy_notes;
pub mod priority_badge;
pub mod problem_form;
pub mod release_form;
pub mod save_flow;
pub mod stable_page;
pub mod status_badge;
pub mod sync_notice;
pub mod toast_region;
pub mod top_nav;
pub mod update_prompt;
pub mod who_am_i;

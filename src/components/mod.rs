//! Reusable UI pieces, one per file; a family of them gets a folder (`form/` holds
//! what every form shares, `forms/` the record forms, `chart/`, `palette/`).

pub mod chart;
pub mod db_gate;
pub mod demo_offer;
pub mod download;
pub mod error_panel;
pub mod form;
pub mod forms;
pub mod markdown_view;
pub mod palette;
pub mod policy_notes;
pub mod print_button;
pub mod priority_badge;
pub mod stable_page;
pub mod status_badge;
pub mod sync_notice;
pub mod theme_toggle;
pub mod toast_region;
pub mod top_nav;
pub mod update_prompt;
pub mod who_am_i;

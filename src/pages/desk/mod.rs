//! The agents' desk: its layout (section navigation + outlet) and its pages.

pub mod article_detail;
pub mod article_edit;
pub mod article_list;
pub mod article_new;
pub mod article_versions;
pub mod conflicts;
pub mod dashboard;
pub mod dashboard_charts;
pub mod data;
pub mod home;
pub mod incident_detail;
pub mod incident_edit;
pub mod incident_import;
pub mod incident_list;
pub mod incident_new;
pub mod incident_save;
pub mod known_error_actions;
pub mod known_error_detail;
pub mod known_error_edit;
pub mod known_error_incidents;
pub mod known_error_list;
pub mod known_error_new;
pub mod practices;
pub mod problem_actions;
pub mod problem_detail;
pub mod problem_edit;
pub mod problem_links;
pub mod problem_list;
pub mod problem_new;
pub mod problem_resolve_form;
pub mod problem_save;
pub mod queue;
pub mod release_detail;
pub mod release_edit;
pub mod release_els;
pub mod release_lifecycle;
pub mod release_list;
pub mod release_new;
pub mod release_preprod;
pub mod release_readiness_panel;
pub mod release_report;
pub mod search;
pub mod settings;
pub mod sync;

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::components::command_palette::CommandPalette;
use crate::components::who_am_i::WhoAmI;
use crate::routes::AppRoute;

/// Desk frame: the section navigation beside the current desk page.
#[component]
pub fn DeskLayout() -> impl IntoView {
    view! {
        <div class="desk">
            <nav class="desk-nav" aria-label="Desk">
                <A href=AppRoute::DeskHome.href() exact=true>"Home"</A>
                <A href=AppRoute::Dashboard.href()>"Dashboard"</A>
                <A href=AppRoute::Incidents.href() exact=true>"Incidents"</A>
                <A href=AppRoute::NewIncident.href()>"New incident"</A>
                <A href=AppRoute::Problems.href()>"Problems"</A>
                <A href=AppRoute::KnownErrors.href()>"Known errors"</A>
                <A href=AppRoute::Releases.href()>"Releases"</A>
                <A href=AppRoute::Articles.href()>"Knowledge"</A>
                <A href=AppRoute::Practices.href()>"Practices"</A>
                <A href=AppRoute::Settings.href()>"Settings"</A>
                <A href=AppRoute::Sync.href()>"Sync"</A>
                <A href=AppRoute::Data.href()>"Data"</A>
                <WhoAmI/>
            </nav>
            <main id="main" class="page desk-main">
                <Outlet/>
            </main>
            <CommandPalette/>
        </div>
    }
}

//! The agents' desk: its layout (section navigation + outlet) and its pages.

pub mod article;
pub mod conflicts;
pub mod dashboard;
pub mod data;
pub mod home;
pub mod incident;
pub mod known_error;
pub mod practices;
pub mod problem;
pub mod queue;
pub mod release;
pub mod search;
pub mod settings;
pub mod sync;
pub mod url_filter;

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::components::palette::CommandPalette;
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

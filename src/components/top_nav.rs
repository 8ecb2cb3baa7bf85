//! The header: product name and the two areas, Desk (agents) and Portal (end users).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::AppRoute;

/// Site header with the main navigation.
#[component]
pub fn TopNav() -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href=AppRoute::Home.href()>"Service desk"</a>
            <nav aria-label="Main">
                <A href=AppRoute::Incidents.href()>"Desk"</A>
                <A href=AppRoute::Portal.href()>"Portal"</A>
            </nav>
        </header>
    }
}

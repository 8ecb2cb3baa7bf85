//! The page for any URL the app does not know.

use leptos::prelude::*;

use leptos_router::hooks::use_location;

use crate::components::top_nav::is_portal_path;
use crate::routes::AppRoute;

/// "Page not found", with ways back.
#[component]
pub fn NotFound() -> impl IntoView {
    // End users (the portal, or the portal-only build) are never sent to the desk.
    let path = use_location().pathname.get_untracked();
    let in_portal = cfg!(feature = "portal-only") || is_portal_path(&path);
    view! {
        <main id="main" class="page narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have been mistyped, or the record it pointed to no longer exists."</p>
            <ul class="link-list">
                {(!in_portal).then(|| view! { <li><a href=AppRoute::Incidents.href()>"Go to the incident queue"</a></li> })}
                <li><a href=AppRoute::Portal.href()>"Go to the self-service portal"</a></li>
                <li><a href=AppRoute::Home.href()>"Go to the start page"</a></li>
            </ul>
        </main>
    }
}

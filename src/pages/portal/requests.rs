//! Portal page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn PortalRequests() -> impl IntoView {
    view! { <main id="main" class="page portal"><h1>"PortalRequests"</h1></main> }
}

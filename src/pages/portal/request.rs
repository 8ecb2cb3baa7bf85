//! Portal page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn PortalRequest() -> impl IntoView {
    view! { <main id="main" class="page portal"><h1>"PortalRequest"</h1></main> }
}

//! Portal page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn PortalReport() -> impl IntoView {
    view! { <main id="main" class="page portal"><h1>"PortalReport"</h1></main> }
}

//! Portal page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn PortalFeedback() -> impl IntoView {
    view! { <main id="main" class="page portal"><h1>"PortalFeedback"</h1></main> }
}

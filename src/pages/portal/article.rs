//! Portal page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn PortalArticle() -> impl IntoView {
    view! { <main id="main" class="page portal"><h1>"PortalArticle"</h1></main> }
}

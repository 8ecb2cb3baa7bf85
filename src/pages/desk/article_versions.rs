//! Desk page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn ArticleVersions() -> impl IntoView {
    view! { <h1>"ArticleVersions"</h1> }
}

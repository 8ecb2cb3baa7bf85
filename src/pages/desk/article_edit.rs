//! Desk page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn EditArticle() -> impl IntoView {
    view! { <h1>"EditArticle"</h1> }
}

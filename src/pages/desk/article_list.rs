//! Desk page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn ArticleList() -> impl IntoView {
    view! { <h1>"ArticleList"</h1> }
}

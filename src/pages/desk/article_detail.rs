//! Desk page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn ArticleDetail() -> impl IntoView {
    view! { <h1>"ArticleDetail"</h1> }
}

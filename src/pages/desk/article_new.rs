//! Desk page (being built).

use leptos::prelude::*;

/// Placeholder.
#[component]
pub fn NewArticle() -> impl IntoView {
    view! { <h1>"NewArticle"</h1> }
}

//! The search page (`/desk/search`): every kind of record, with filters in the URL.

use leptos::prelude::*;

/// Search across incidents, problems, known errors, articles and releases.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <h1>"Search"</h1> }
}

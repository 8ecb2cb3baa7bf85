//! Editing a known error: the known-error form on its current revision.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn EditKnownError() -> impl IntoView {
    view! { <h1>"Edit known error"</h1> }
}

//! Editing a release: the release form on its current revision.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn EditRelease() -> impl IntoView {
    view! { <h1>"Edit release"</h1> }
}

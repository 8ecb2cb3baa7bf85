//! The form for a new release.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn NewRelease() -> impl IntoView {
    view! { <h1>"New release"</h1> }
}

//! Every release with its status and dates.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn ReleaseList() -> impl IntoView {
    view! { <h1>"Releases"</h1> }
}

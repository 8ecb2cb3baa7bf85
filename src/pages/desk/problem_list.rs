//! Every problem, with status filter, newest first.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn ProblemList() -> impl IntoView {
    view! { <h1>"Problems"</h1> }
}

//! The form for a new problem.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn NewProblem() -> impl IntoView {
    view! { <h1>"New problem"</h1> }
}

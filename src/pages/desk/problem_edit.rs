//! Editing a problem: the problem form on its current revision.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn EditProblem() -> impl IntoView {
    view! { <h1>"Edit problem"</h1> }
}

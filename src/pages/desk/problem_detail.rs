//! One problem, by reference: its fields and the incidents linked to it.

use leptos::prelude::*;

/// The problem page.
#[component]
pub fn ProblemDetail() -> impl IntoView {
    view! { <h1>"Problem"</h1> }
}

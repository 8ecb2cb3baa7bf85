//! Practice roles and policies: for incident, problem, knowledge and release, the owner, managers, practitioners and policies (enforced rules and guidance).

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn PracticesPage() -> impl IntoView {
    view! { <h1>"Practices"</h1> }
}

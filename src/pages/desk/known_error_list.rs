//! The known error database: every known error, searchable by error code and symptom text.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn KnownErrorList() -> impl IntoView {
    view! { <h1>"Known errors"</h1> }
}

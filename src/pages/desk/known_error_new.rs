//! The form for a new known error, prefilled from a problem with `?from=PRB-…`.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn NewKnownError() -> impl IntoView {
    view! { <h1>"New known error"</h1> }
}

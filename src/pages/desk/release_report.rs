//! A release's feedback report for development: viewed on the page, exported as Markdown and CSV.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn ReleaseReport() -> impl IntoView {
    view! { <h1>"Feedback report"</h1> }
}

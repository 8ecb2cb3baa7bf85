//! One release, by reference: lifecycle with the readiness gate, pre-production findings, carried-forward known errors and the early-life-support dashboard.

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn ReleaseDetail() -> impl IntoView {
    view! { <h1>"Release"</h1> }
}

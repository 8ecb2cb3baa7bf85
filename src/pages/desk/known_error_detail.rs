//! One known error, by reference: its fields, lifecycle, linked incidents and "Communicate workaround".

use leptos::prelude::*;

/// Placeholder until the page is built.
#[component]
pub fn KnownErrorDetail() -> impl IntoView {
    view! { <h1>"Known error"</h1> }
}

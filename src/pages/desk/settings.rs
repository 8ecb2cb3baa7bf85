//! Desk settings: SLA targets per priority, the priority matrix and the escalation
//! procedures per service.

use leptos::prelude::*;

/// The settings page.
#[component]
pub fn DeskSettingsPage() -> impl IntoView {
    view! { <h1>"Settings"</h1> }
}

//! A record status shown as a badge.

use leptos::prelude::*;

/// Badge for a lifecycle status label.
#[component]
pub fn StatusBadge(
    /// Human label of the status ("In progress").
    label: &'static str,
) -> impl IntoView {
    let class = format!(
        "badge status status-{}",
        label.to_lowercase().replace(' ', "-")
    );
    view! { <span class=class>{label}</span> }
}

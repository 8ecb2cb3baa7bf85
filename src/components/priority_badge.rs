//! A priority shown as a coloured badge ("P1 Critical").

use leptos::prelude::*;

use crate::domain::config::priority::Priority;

/// Badge for a priority; the colour is decoration, the text says it all.
#[component]
pub fn PriorityBadge(
    /// The priority to show.
    priority: Priority,
) -> impl IntoView {
    let class = format!("badge badge-{}", priority.short().to_lowercase());
    view! { <span class=class>{priority.label()}</span> }
}

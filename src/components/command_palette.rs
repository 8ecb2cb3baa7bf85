//! The desk's command palette (Ctrl/Cmd+K): search every record and run actions.

use leptos::prelude::*;

/// The palette, closed until Ctrl/Cmd+K or the header's search button opens it.
#[component]
pub fn CommandPalette() -> impl IntoView {}

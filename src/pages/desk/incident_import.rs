//! Importing incidents from CSV (`/desk/incidents/import`): choose a file, map its
//! columns, preview with per-row errors, then import the valid rows after confirmation.

use leptos::prelude::*;

/// The CSV import page.
#[component]
pub fn ImportIncidents() -> impl IntoView {
    view! {
        <div class="page-head">
            <div>
                <h1>"Import incidents"</h1>
                <p class="lead">"Bring incidents from another tool in a CSV file."</p>
            </div>
        </div>
    }
}

//! The data page (`/desk/data`): JSON backup of the whole desk, restore into an empty
//! database or merge into this one by revision, and links to CSV import and export.

use leptos::prelude::*;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <div class="page-head">
            <div>
                <h1>"Data"</h1>
                <p class="lead">"Back up, restore, import and export this desk's records."</p>
            </div>
        </div>
    }
}

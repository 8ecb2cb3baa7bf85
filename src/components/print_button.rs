//! The "Print" button of printable pages (the release feedback report, knowledge
//! articles): opens the browser's print dialog; the print stylesheet hides it on paper.

use leptos::prelude::*;

/// A button that calls `window.print()`.
#[component]
pub fn PrintButton() -> impl IntoView {
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            // A browser without a print dialog (or one that refuses it) simply does nothing.
            let _ = window.print();
        }
    };
    view! {
        <button type="button" class="button no-print" on:click=print>"Print"</button>
    }
}

//! The "new version available" banner: shown when a new deploy is waiting, it lets the
//! person reload into it when it suits them.

use leptos::prelude::*;

use crate::state::app_update::AppUpdate;

/// Starts the update watch (registers the service worker) and renders the banner in a
/// polite live region while a new version is waiting.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let update = AppUpdate::start();
    view! {
        <div role="status" aria-live="polite" class="update-region">
            <Show when=move || update.available.get()>
                <div class="update-banner">
                    <p>"A new version is available."</p>
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| update.reload()
                    >
                        "Reload"
                    </button>
                </div>
            </Show>
        </div>
    }
}

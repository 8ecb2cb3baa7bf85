//! The "Load demo data" offer shown on an empty desk.

use leptos::prelude::*;

use crate::state::db::Db;
use crate::state::toast::Toasts;

/// A button that fills an empty desk with the demo scenario.
#[component]
pub fn DemoOffer() -> impl IntoView {
    let db = Db::expect();
    let toasts = Toasts::expect();
    let busy = RwSignal::new(false);
    let load = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match db.store() {
                Ok(store) => crate::ops::demo::load(&*store, 0).await,
                Err(e) => Err(e.into()),
            };
            busy.set(false);
            match result {
                Ok(n) => {
                    toasts.success(format!("Demo data loaded: {n} records."));
                    db.changed();
                }
                Err(e) => toasts.error(format!("Demo data could not be loaded: {e}")),
            }
        });
    };
    view! {
        <div class="demo-offer">
            <p>
                "This desk is empty. Load a believable demo scenario (services, teams, releases, incidents, known errors and articles) to look around, or start with your own records."
            </p>
            <button type="button" class="button button-primary" on:click=load disabled=move || busy.get()>
                {move || if busy.get() { "Loading demo data…" } else { "Load demo data" }}
            </button>
        </div>
    }
}

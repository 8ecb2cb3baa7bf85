//! The "Load demo data" offer shown on an empty desk; loading is a write and runs
//! through the form's state (busy while it loads, the outcome in a toast).

use leptos::prelude::*;

use crate::components::form::state::{FormState, RefusalLine};

/// A button that fills an empty desk with the demo scenario.
#[component]
pub fn DemoOffer() -> impl IntoView {
    let form = FormState::new("demo");
    let busy = form.busy;
    let load = move |_| {
        form.run_with(
            |n: &usize| format!("Demo data loaded: {n} records."),
            |store| async move { crate::ops::demo::load(&*store, 0).await },
            |_| {},
        );
    };
    view! {
        <div class="demo-offer">
            <p>
                "This desk is empty. Load a believable demo scenario (services, teams, releases, incidents, known errors and articles) to look around, or start with your own records."
            </p>
            <button type="button" class="button button-primary" on:click=load disabled=move || busy.get()>
                {move || if busy.get() { "Loading demo data…" } else { "Load demo data" }}
            </button>
            <RefusalLine form=form/>
        </div>
    }
}

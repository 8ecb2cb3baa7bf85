//! Guards a record form against losing typed work: the first change inside it marks it
//! unsaved, and its Cancel link then asks before throwing the changes away.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::form::confirm::ConfirmStep;

/// A form with its Cancel link; Cancel asks first once something was changed.
#[component]
pub fn UnsavedGuard(
    /// Where Cancel leads (the record, or the list for a new one).
    #[prop(into)]
    back: String,
    /// The form.
    children: Children,
) -> impl IntoView {
    let dirty = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let link = NodeRef::<html::A>::new();
    let navigate = use_navigate();
    let target = back.clone();
    let leave = Callback::new(move |()| navigate(&target, Default::default()));
    let cancel = move |ev: leptos::ev::MouseEvent| {
        if dirty.get_untracked() {
            ev.prevent_default();
            asking.set(true);
        }
    };
    view! {
        <div class="unsaved-guard" on:input=move |_| dirty.set(true) on:change=move |_| dirty.set(true)>
            {children()}
        </div>
        <p><a href=back node_ref=link on:click=cancel>"Cancel"</a></p>
        <ConfirmStep open=asking back_link=link on_yes=leave yes="Yes, discard my changes"
            message="Discard your unsaved changes? What you typed in this form has not been saved and will be lost."/>
    }
}

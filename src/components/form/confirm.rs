//! The confirmation step shown before an action that destroys, overwrites or cannot be
//! undone: one sentence saying what will happen, a "Yes, …" button and Cancel. Focus
//! moves to "Yes, …" when the step opens; Cancel or Escape closes it, changes nothing
//! and gives focus back to the button that asked.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::html;
use leptos::prelude::*;

/// Numbers the steps so each sentence has its own id for `aria-labelledby`.
static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// Gives focus to the element behind `node` once the browser has laid it out.
pub fn focus_later(node: NodeRef<html::Button>) {
    request_animation_frame(move || {
        if let Some(b) = node.get_untracked() {
            let _ = b.focus();
        }
    });
}

/// An in-page confirmation step, shown while `open` is true.
#[component]
pub fn ConfirmStep(
    /// Shown while true; Cancel, Escape and "Yes, …" set it back to false.
    open: RwSignal<bool>,
    /// What will happen, in one or two sentences.
    #[prop(into)]
    message: Signal<String>,
    /// The confirming button's text, such as "Yes, close the incident".
    #[prop(into)]
    yes: Signal<String>,
    /// Runs once the person confirms (after the step has closed).
    on_yes: Callback<()>,
    /// The button that opened the step: focus returns there on Cancel or Escape.
    #[prop(optional)]
    back: Option<NodeRef<html::Button>>,
    /// The link that opened the step, when it was a link: focus returns there.
    #[prop(optional)]
    back_link: Option<NodeRef<html::A>>,
    /// True while the action runs, which disables "Yes, …".
    #[prop(optional, into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let text_id = format!("confirm-text-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let cancel = move || {
        open.set(false);
        if let Some(back) = back {
            focus_later(back);
        }
        if let Some(link) = back_link {
            request_animation_frame(move || {
                if let Some(a) = link.get_untracked() {
                    let _ = a.focus();
                }
            });
        }
    };
    let body = move || {
        let yes_ref = NodeRef::<html::Button>::new();
        focus_later(yes_ref);
        let (label_id, text_id) = (text_id.clone(), text_id.clone());
        view! {
            <div class="confirm" role="group" aria-labelledby=label_id
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        ev.stop_propagation();
                        cancel();
                    }
                }>
                <p id=text_id>{move || message.get()}</p>
                <button type="button" class="button button-primary" node_ref=yes_ref
                    disabled=move || busy.get()
                    on:click=move |_| { open.set(false); on_yes.run(()); }>
                    {move || yes.get()}
                </button>
                " "
                <button type="button" class="button" on:click=move |_| cancel()>"Cancel"</button>
            </div>
        }
    };
    view! { <Show when=move || open.get()>{body()}</Show> }
}

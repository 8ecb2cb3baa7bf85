//! The known error's lifecycle buttons (activate, mark fixed, retire) with an optional
//! reason, and the Edit link. Each acts on the revision shown: a known error changed
//! meanwhile is refused as stale; a refusal (such as activating without a workaround)
//! shows on the form's refusal line and changes nothing.

use leptos::prelude::*;

use crate::components::form::confirm::ConfirmStep;
use crate::components::form::state::FormState;
use crate::domain::couch::revision::Rev;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::{KnownError, KnownErrorStatus};
use crate::ops::known_error;
use crate::routes::AppRoute;
use crate::state::identity::Identity;

/// Button text and success toast of a move to `to`.
fn wording(to: KnownErrorStatus) -> (&'static str, &'static str) {
    match to {
        KnownErrorStatus::Active => ("Activate", "Known error activated."),
        KnownErrorStatus::Fixed => ("Mark fixed", "Known error marked fixed."),
        KnownErrorStatus::Retired => ("Retire", "Known error retired."),
        KnownErrorStatus::Draft => ("Back to draft", "Known error back to draft."),
    }
}

/// The action bar of the known error page.
#[component]
pub fn KnownErrorActions(
    /// The known error as shown.
    known_error: KnownError,
    /// The revision shown.
    rev: Rev,
) -> impl IntoView {
    let who = Identity::expect();
    let form = FormState::new("status");
    let busy = form.busy;
    let refusal = form.error("status");
    let reason = RwSignal::new(String::new());
    let reference = StoredValue::new(known_error.reference.as_str().to_owned());
    let seen = StoredValue::new(rev);
    let run = move |to: KnownErrorStatus| {
        let why = reason.get_untracked();
        let why = (!why.trim().is_empty()).then(|| why.trim().to_owned());
        let by = who.author();
        let (r, seen) = (reference.get_value(), seen.get_value());
        form.run(
            wording(to).1,
            move |store| async move {
                known_error::move_to(&*store, &r, &by, to, why, Some(&seen)).await
            },
            |_| {},
        );
    };
    let retiring = RwSignal::new(false);
    let retire_ref = NodeRef::<leptos::html::Button>::new();
    let r = known_error.reference.as_str().to_owned();
    let edit_label = format!("Edit {r}");
    let buttons = known_error
        .status
        .allowed()
        .iter()
        .map(|&to| {
            let (label, _) = wording(to);
            let class = if to == KnownErrorStatus::Active {
                "button button-primary"
            } else {
                "button"
            };
            if to == KnownErrorStatus::Retired {
                return view! {
                    <button type="button" class=class disabled=move || busy.get() node_ref=retire_ref
                        aria-expanded=move || retiring.get().to_string()
                        on:click=move |_| retiring.set(true)>{label}</button>
                }
                .into_any();
            }
            view! {
                <button type="button" class=class disabled=move || busy.get()
                    on:click=move |_| run(to)>{label}</button>
            }
            .into_any()
        })
        .collect_view();
    let has_moves = !known_error.status.allowed().is_empty();
    view! {
        <div class="record-actions" role="group" aria-label="Known error actions">
            <a class="button" href=AppRoute::EditKnownError(r.clone()).href() aria-label=edit_label>"Edit"</a>
            {buttons}
            {has_moves.then(|| view! {
                <label class="inline-field">
                    "Reason (optional) "
                    <input type="text" maxlength="500" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))/>
                </label>
            })}
            {(!has_moves).then(|| view! {
                <p class="muted">{format!("This known error is {}: no further status changes.", known_error.status.label().to_lowercase())}</p>
            })}
        </div>
        <ConfirmStep open=retiring back=retire_ref busy=busy
            message=format!("Retire {r}? A retired known error is no longer offered to agents or on the portal, and takes no further status changes.")
            yes="Yes, retire it" on_yes=Callback::new(move |()| run(KnownErrorStatus::Retired))/>
        {move || refusal.get().map(|m| view! { <p class="field-error ke-refusal" role="alert">{m}</p> })}
    }
}

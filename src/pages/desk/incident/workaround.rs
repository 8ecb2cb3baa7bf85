//! Apply workaround on an incident: pick an active known error (by reference, title or
//! error code); applying links it, posts its workaround as a public comment and records
//! it in the timeline, in one write on the incident's revision.

use leptos::prelude::*;

use super::act::Act;
use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::domain::incident::Incident;
use crate::domain::known_error::workaround::{already_communicated, pick_label, resolve_pick};
use crate::domain::known_error::KnownError;
use crate::ops::known_error;

/// The "Apply a workaround" panel of an open incident.
#[component]
pub fn WorkaroundPanel(
    /// The incident (its linked known error and thread).
    incident: Incident,
    /// The active known errors.
    known_errors: Vec<KnownError>,
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    let form = FormState::new("known_error");
    // The linked known error, when its workaround has not been given yet, is the
    // obvious choice: offer it first.
    let linked = incident
        .known_error
        .as_deref()
        .and_then(|id| known_errors.iter().find(|k| k.id == id))
        .filter(|k| !already_communicated(&incident, k));
    let typed = RwSignal::new(linked.map(pick_label).unwrap_or_default());
    let suggestion = linked.map(|k| {
        view! {
            <p class="hint">{format!("The linked known error {} has a workaround the reporter has not been given yet.", k.reference)}</p>
        }
    });
    let empty = known_errors.is_empty();
    let all = StoredValue::new(known_errors);
    let picked = move || {
        all.with_value(|all| {
            let refs: Vec<&KnownError> = all.iter().collect();
            resolve_pick(&typed.get(), &refs).ok().cloned()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let choice = all.with_value(|all| {
            let refs: Vec<&KnownError> = all.iter().collect();
            resolve_pick(&typed.get_untracked(), &refs)
                .map(|k| (k.id.clone(), k.reference.to_string()))
        });
        match choice {
            Err(message) => form.refuse("known_error", &message),
            Ok((id, reference)) => act.run(
                form,
                format!("Workaround from {reference} added as a public comment."),
                move |store, r, by| async move {
                    known_error::apply_workaround(&*store, &r, &by, &id).await
                },
            ),
        }
    };
    let options = move || {
        all.with_value(|all| {
            all.iter()
                .map(|k| view! { <option value=pick_label(k)></option> })
                .collect_view()
        })
    };
    view! {
        <section class="side-form ke-apply" aria-labelledby="workaround-heading">
            <h3 id="workaround-heading">"Apply a workaround"</h3>
            {if empty {
                view! { <p class="muted">"No active known error has a workaround to apply."</p> }.into_any()
            } else {
                view! {
                    {suggestion}
                    <form aria-labelledby="workaround-heading" on:submit=submit novalidate>
                        <div class="field">
                            <label for="workaround-known-error">"Known error"</label>
                            <input id="workaround-known-error" type="text" list="workaround-options"
                                autocomplete="off" placeholder="Reference, error code or title"
                                aria-invalid=form.invalid("known_error")
                                aria-describedby="workaround-known-error-error"
                                prop:value=move || typed.get()
                                on:input=move |ev| typed.set(event_target_value(&ev))/>
                            <datalist id="workaround-options">{options}</datalist>
                            <FieldError id="workaround-known-error-error" message=form.error("known_error")/>
                        </div>
                        {move || picked().map(|k| view! {
                            <p class="hint">{format!("{} will be posted as a public comment:", k.reference)}</p>
                            <blockquote class="ke-preview" aria-label="Workaround to be posted">{k.workaround.clone()}</blockquote>
                        })}
                        <button type="submit" class="button" disabled=move || form.busy.get()>"Apply workaround"</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

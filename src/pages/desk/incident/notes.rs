//! Adding to the timeline: one text box, and a choice between an internal work note
//! and a public comment the reporter sees on the portal.

use leptos::prelude::*;

use super::act::Act;
use crate::components::form::field_error::FieldError;
use crate::components::form::state::FormState;
use crate::ops::incident::actions;

/// The note form.
#[component]
pub fn NoteForm(
    /// The page's action runner.
    act: Act,
) -> impl IntoView {
    let form = FormState::new("note");
    let text = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (note, public) = (text.get_untracked(), public.get_untracked());
        let done = if public {
            "Public comment added."
        } else {
            "Work note added."
        };
        act.run(form, done, move |store, r, by| async move {
            actions::add_note(&*store, &r, &by, &note, public).await
        });
    };
    view! {
        <form class="note-form" aria-labelledby="note-heading" on:submit=submit novalidate>
            <h2 id="note-heading">"Add a note"</h2>
            <div class="field">
                <label for="note-text">"Note"</label>
                <textarea id="note-text" rows="3" required aria-invalid=form.invalid("note")
                    aria-describedby="note-text-error"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <FieldError id="note-text-error" message=form.error("note")/>
            </div>
            <fieldset class="choice">
                <legend>"Visibility"</legend>
                <label>
                    <input type="radio" name="note-visibility" value="internal"
                        prop:checked=move || !public.get() on:change=move |_| public.set(false)/>
                    " Work note (internal)"
                </label>
                <label>
                    <input type="radio" name="note-visibility" value="public"
                        prop:checked=move || public.get() on:change=move |_| public.set(true)/>
                    " Public comment (visible to the reporter)"
                </label>
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>
                    {move || if public.get() { "Add public comment" } else { "Add work note" }}
                </button>
            </div>
        </form>
    }
}

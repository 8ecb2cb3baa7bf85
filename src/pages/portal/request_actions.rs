//! What an end user can do on their request: add a comment, and once it is resolved
//! say "Yes, it's fixed" (closes it) or "No, it's still broken" with a reason (reopens
//! it). Each action runs through its form's state: messages at the fields, a refused
//! move (the request changed meanwhile) on the form's refusal line, other failures in
//! a toast; on success a toast and the page re-reads.

use leptos::prelude::*;

use crate::components::form::field_error::FieldError;
use crate::components::form::state::{FormState, RefusalLine};
use crate::domain::portal_me::PortalMe;
use crate::ops::portal;

/// Adding a comment the desk will see.
#[component]
pub fn CommentForm(
    /// The request's reference.
    reference: String,
    /// Who is writing.
    me: PortalMe,
) -> impl IntoView {
    let form = FormState::new("comment");
    let text = RwSignal::new(String::new());
    let (reference, me) = (StoredValue::new(reference), StoredValue::new(me));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (r, m, t) = (reference.get_value(), me.get_value(), text.get_untracked());
        form.run(
            "Comment sent.",
            move |store| async move { portal::comment(&*store, &r, &m, &t).await },
            |_| {},
        );
    };
    view! {
        <form class="form portal-form" aria-labelledby="comment-heading" on:submit=submit novalidate>
            <h2 id="comment-heading">"Add a comment"</h2>
            <div class="field">
                <label for="comment-text">"Your comment"</label>
                <textarea id="comment-text" rows="3" required aria-invalid=form.invalid("note")
                    aria-describedby="comment-text-error"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <FieldError id="comment-text-error" message=form.error("note")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || form.busy.get()>"Send comment"</button>
            </div>
            <RefusalLine form=form/>
        </form>
    }
}

/// "Is it fixed?" on a resolved request: confirm (closes) or reopen with a reason.
#[component]
pub fn ResolvedChoices(
    /// The request's reference.
    reference: String,
    /// Who is answering.
    me: PortalMe,
    /// The desk's resolution notes.
    notes: String,
) -> impl IntoView {
    let (confirm, reopen) = (FormState::new("fixed"), FormState::new("reopen"));
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let (reference, me) = (StoredValue::new(reference), StoredValue::new(me));
    let fixed = move |_| {
        let (r, m) = (reference.get_value(), me.get_value());
        confirm.run(
            "Thank you! Your request is closed.",
            move |store| async move { portal::confirm_fixed(&*store, &r, &m).await },
            |_| {},
        );
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (r, m, why) = (
            reference.get_value(),
            me.get_value(),
            reason.get_untracked(),
        );
        reopen.run(
            "Your request is open again.",
            move |store| async move { portal::reopen(&*store, &r, &m, &why).await },
            |_| {},
        );
    };
    view! {
        <section class="resolved-box" aria-labelledby="fixed-heading">
            <h2 id="fixed-heading">"Is it fixed?"</h2>
            <h3>"What we did"</h3>
            <p class="prose">{notes}</p>
            <div class="portal-actions">
                <button type="button" class="button button-primary" disabled=move || confirm.busy.get()
                    on:click=fixed>"Yes, it's fixed"</button>
                <button type="button" class="button" aria-expanded=move || asking.get().to_string()
                    aria-controls="reopen-form" on:click=move |_| asking.update(|a| *a = !*a)>
                    "No, it's still broken"
                </button>
            </div>
            <RefusalLine form=confirm/>
            <form id="reopen-form" class="form portal-form" aria-label="Reopen your request"
                hidden=move || !asking.get() on:submit=submit novalidate>
                <div class="field">
                    <label for="reopen-reason">"What is still wrong?"</label>
                    <textarea id="reopen-reason" rows="3" required aria-invalid=reopen.invalid("reason")
                        aria-describedby="reopen-reason-error"
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <FieldError id="reopen-reason-error" message=reopen.error("reason")/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || reopen.busy.get()>
                        "Reopen my request"
                    </button>
                </div>
                <RefusalLine form=reopen/>
            </form>
        </section>
    }
}

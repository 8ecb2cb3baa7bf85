//! What an end user can do on their request: add a comment, and once it is resolved
//! say "Yes, it's fixed" (closes it) or "No, it's still broken" with a reason (reopens
//! it). Each action saves through `state::portal` and refreshes the page.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::components::form::field_error::FieldError;
use crate::domain::incident::Incident;
use crate::domain::kernel::validation::ValidationErrors;
use crate::ops::error::AppError;
use crate::ops::portal;
use crate::state::db::Db;
use crate::state::portal_identity::PortalMe;
use crate::state::toast::Toasts;
use crate::storage::AppStore;

/// One form's busy flag and field messages, and the handles its action needs.
#[derive(Clone, Copy)]
struct Runner {
    db: Db,
    toasts: Toasts,
    busy: RwSignal<bool>,
    errors: RwSignal<Option<ValidationErrors>>,
}

impl Runner {
    fn new() -> Runner {
        Runner {
            db: Db::expect(),
            toasts: Toasts::expect(),
            busy: RwSignal::new(false),
            errors: RwSignal::new(None),
        }
    }

    fn error(self, field: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || {
            errors
                .read()
                .as_ref()
                .and_then(|e| e.for_field(field).map(str::to_owned))
        })
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> String + Copy {
        let errors = self.errors;
        move || {
            errors
                .read()
                .as_ref()
                .is_some_and(|e| e.for_field(field).is_some())
                .to_string()
        }
    }

    /// Runs `action`; on success a toast says `done` and the page re-reads.
    fn run<F, Fut>(self, done: &'static str, action: F)
    where
        F: FnOnce(Rc<AppStore>) -> Fut,
        Fut: Future<Output = Result<Incident, AppError>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        let store = match self.db.store() {
            Ok(s) => s,
            Err(e) => return self.toasts.error(format!("Nothing was saved: {e}")),
        };
        self.errors.set(None);
        self.busy.set(true);
        let fut = action(store);
        leptos::task::spawn_local(async move {
            let result = fut.await;
            self.busy.try_set(false);
            match result {
                Ok(_) => {
                    self.toasts.success(done);
                    self.db.changed();
                }
                Err(AppError::Validation(v)) => {
                    self.errors.try_set(Some(v));
                }
                Err(e) => self.toasts.error(format!("Nothing was saved: {e}")),
            }
        });
    }
}

/// Adding a comment the desk will see.
#[component]
pub fn CommentForm(
    /// The request's reference.
    reference: String,
    /// Who is writing.
    me: PortalMe,
) -> impl IntoView {
    let run = Runner::new();
    let text = RwSignal::new(String::new());
    let (reference, me) = (StoredValue::new(reference), StoredValue::new(me));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (r, m, t) = (reference.get_value(), me.get_value(), text.get_untracked());
        run.run("Comment sent.", move |store| async move {
            portal::comment(&*store, &r, &m, &t).await
        });
    };
    view! {
        <form class="form portal-form" aria-labelledby="comment-heading" on:submit=submit novalidate>
            <h2 id="comment-heading">"Add a comment"</h2>
            <div class="field">
                <label for="comment-text">"Your comment"</label>
                <textarea id="comment-text" rows="3" required aria-invalid=run.invalid("note")
                    aria-describedby="comment-text-error"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <FieldError id="comment-text-error" message=run.error("note")/>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || run.busy.get()>"Send comment"</button>
            </div>
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
    let (confirm, reopen) = (Runner::new(), Runner::new());
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let (reference, me) = (StoredValue::new(reference), StoredValue::new(me));
    let fixed = move |_| {
        let (r, m) = (reference.get_value(), me.get_value());
        confirm.run(
            "Thank you! Your request is closed.",
            move |store| async move { portal::confirm_fixed(&*store, &r, &m).await },
        );
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (r, m, why) = (
            reference.get_value(),
            me.get_value(),
            reason.get_untracked(),
        );
        reopen.run("Your request is open again.", move |store| async move {
            portal::reopen(&*store, &r, &m, &why).await
        });
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
            </form>
        </section>
    }
}

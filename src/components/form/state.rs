//! The one way a page runs a write: a form's state (the messages of its last refusal)
//! around a Leptos [`Action`], whose pending state is the form's `busy` (it disables
//! the controls) and which routes every outcome by one rule:
//!
//! - success: every reader refreshes (`Db::changed`), a toast says what was done, and
//!   the caller's `then` runs (navigate, close a dialog, move focus);
//! - field messages ([`AppError::Validation`]) go to their fields;
//! - a refusal of what was asked ([`AppError::Transition`], [`AppError::Refused`]) goes
//!   to the form's refusal field, next to the control that asked;
//! - anything else (a stale revision, storage, a missing record) goes to an error
//!   toast. Nothing is saved on error.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::kernel::validation::ValidationErrors;
use crate::ops::error::AppError;
use crate::state::db::Db;
use crate::state::toast::Toasts;
use crate::storage::AppStore;

/// The future a dispatch hands to the action: the whole write, outcome routing
/// included. Taken out once by the action (its input is only borrowed).
type Job = Rc<RefCell<Option<Pin<Box<dyn Future<Output = ()>>>>>>;

/// One form's state: busy while its write runs, and the messages of the last refusal.
#[derive(Clone, Copy)]
pub struct FormState {
    /// True while a write of this form runs (the action's pending state).
    pub busy: Memo<bool>,
    /// Messages per field from the last attempt.
    pub errors: RwSignal<Option<ValidationErrors>>,
    /// The field where a refusal of the whole action (a refused status move, a policy
    /// gate, a bulk refusal) is shown.
    pub refusal_field: &'static str,
    action: Action<Job, ()>,
    db: Option<Db>,
    toasts: Option<Toasts>,
}

impl FormState {
    /// A fresh form whose refusals show at `refusal_field`. Reads the database and
    /// toast handles from context, so it is created with the component, not in a
    /// handler.
    pub fn new(refusal_field: &'static str) -> FormState {
        let action = Action::new_local(|job: &Job| {
            let work = job.borrow_mut().take();
            async move {
                if let Some(work) = work {
                    work.await;
                }
            }
        });
        FormState {
            busy: action.pending(),
            errors: RwSignal::new(None),
            refusal_field,
            action,
            db: use_context::<Db>(),
            toasts: use_context::<Toasts>(),
        }
    }

    /// The message for `field`, if any (reactive).
    pub fn error(self, field: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || {
            errors
                .read()
                .as_ref()
                .and_then(|e| e.for_field(field).map(str::to_owned))
        })
    }

    /// `"true"` when `field` has a message, for `aria-invalid` (reactive).
    pub fn invalid(self, field: &'static str) -> impl Fn() -> &'static str + Copy {
        let errors = self.errors;
        move || {
            if errors
                .read()
                .as_ref()
                .is_some_and(|e| e.for_field(field).is_some())
            {
                "true"
            } else {
                "false"
            }
        }
    }

    /// Shows one message at `field` without running anything (checks the page makes
    /// before asking the domain, such as an empty picker).
    pub fn refuse(self, field: &'static str, message: &str) {
        let mut e = ValidationErrors::new();
        e.push(field, message);
        self.errors.try_set(Some(e));
    }

    /// Shows `message` at the refusal field.
    pub fn refuse_action(self, message: &str) {
        self.refuse(self.refusal_field, message);
    }

    /// Clears the messages of the last attempt.
    pub fn clear(self) {
        self.errors.try_set(None);
    }

    /// Runs the write `job(store)`, routed by the rule in the module doc: on success a
    /// toast says `done` (none when empty) and `then` gets what was written. Ignored
    /// while a write of this form runs.
    pub fn run<T, F, Fut>(self, done: impl Into<String>, job: F, then: impl FnOnce(T) + 'static)
    where
        T: 'static,
        F: FnOnce(Rc<AppStore>) -> Fut,
        Fut: Future<Output = Result<T, AppError>> + 'static,
    {
        let done = done.into();
        self.run_with(move |_: &T| done, job, then);
    }

    /// [`FormState::run`] with a success toast worded from what was written (empty for
    /// none).
    pub fn run_with<T, F, Fut>(
        self,
        done: impl FnOnce(&T) -> String + 'static,
        job: F,
        then: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        F: FnOnce(Rc<AppStore>) -> Fut,
        Fut: Future<Output = Result<T, AppError>> + 'static,
    {
        if self.busy.get_untracked() {
            return;
        }
        let (Some(db), Some(toasts)) = (self.db, self.toasts) else {
            self.refuse_action("Nothing was saved: the page is not ready.");
            return;
        };
        let store = match db.store() {
            Ok(store) => store,
            Err(e) => {
                toasts.error(format!("Nothing was saved: {e}"));
                return;
            }
        };
        self.errors.set(None);
        let write = job(store);
        let work = async move {
            match write.await {
                Ok(value) => {
                    db.changed();
                    let done = done(&value);
                    if !done.is_empty() {
                        toasts.success(done);
                    }
                    then(value);
                }
                Err(e) => self.show(&toasts, e),
            }
        };
        let job: Job = Rc::new(RefCell::new(Some(Box::pin(work))));
        self.action.dispatch_local(job);
    }

    /// Puts an error where the rule says.
    fn show(self, toasts: &Toasts, e: AppError) {
        match e {
            AppError::Validation(v) => {
                self.errors.try_set(Some(v));
            }
            AppError::Transition(t) => self.refuse_action(&t.reason),
            e @ AppError::Refused(_) => self.refuse_action(&e.to_string()),
            e => toasts.error(format!("Nothing was saved: {e}")),
        }
    }
}

/// The form's refusal line: the message of a refused action (a status move, a policy
/// gate, a refusal of the whole request), as an alert, while there is one.
#[component]
pub fn RefusalLine(
    /// The form whose refusal field is shown.
    form: FormState,
    /// The element id, for `aria-describedby`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let message = form.error(form.refusal_field);
    move || {
        message.get().map(|m| {
            view! { <p class="field-error form-failure" id=id role="alert">{m}</p> }
        })
    }
}

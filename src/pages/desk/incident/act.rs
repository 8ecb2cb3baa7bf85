//! Running one action of the incident page: busy while it saves, the domain's refusal
//! shown at the form's fields, success as a toast and a refresh of every reader.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::incident::Incident;
use crate::domain::kernel::validation::ValidationErrors;
use crate::ops::error::AppError;
use crate::state::db::{AppStore, Db};
use crate::state::identity::Identity;
use crate::state::toast::Toasts;

/// One form's state: busy while saving, and the messages of the last refusal.
#[derive(Clone, Copy)]
pub struct FormState {
    /// True while the action runs.
    pub busy: RwSignal<bool>,
    /// Messages per field from the last attempt.
    pub errors: RwSignal<Option<ValidationErrors>>,
    /// The field where a refused status move (a [`crate::domain::kernel::lifecycle::TransitionError`])
    /// is shown.
    pub refusal_field: &'static str,
}

impl FormState {
    /// A fresh form whose refused moves show at `refusal_field`.
    pub fn new(refusal_field: &'static str) -> FormState {
        FormState {
            busy: RwSignal::new(false),
            errors: RwSignal::new(None),
            refusal_field,
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
        self.errors.set(Some(e));
    }
}

/// Set when an action succeeded: the page re-renders with the saved incident, and the
/// new view moves keyboard focus to its heading instead of leaving it on the body.
#[derive(Clone, Copy)]
pub struct Refocus(pub StoredValue<bool>);

impl Refocus {
    /// Creates the flag and provides it to the page's parts.
    pub fn provide() -> Refocus {
        let r = Refocus(StoredValue::new(false));
        provide_context(r);
        r
    }

    /// True once after an action succeeded (reading clears it).
    pub fn take(self) -> bool {
        let was = self.0.get_value();
        self.0.set_value(false);
        was
    }
}

/// The page's action runner, created with the page (contexts are read once, here).
#[derive(Clone, Copy)]
pub struct Act {
    db: Db,
    toasts: Toasts,
    who: Identity,
    refocus: Option<Refocus>,
    reference: StoredValue<String>,
}

impl Act {
    /// A runner for incident `reference`.
    pub fn new(reference: String) -> Act {
        Act {
            db: Db::expect(),
            toasts: Toasts::expect(),
            who: Identity::expect(),
            refocus: use_context::<Refocus>(),
            reference: StoredValue::new(reference),
        }
    }

    /// Runs `action(store, reference, author)`. On success: every reader refreshes and
    /// a toast says `done`. A refusal goes to `form`'s fields; anything else (a stale
    /// revision, storage) to an error toast. Nothing is saved on error.
    pub fn run<F, Fut>(self, form: FormState, done: impl Into<String>, action: F)
    where
        F: FnOnce(Rc<AppStore>, String, String) -> Fut,
        Fut: Future<Output = Result<Incident, AppError>> + 'static,
    {
        if form.busy.get_untracked() {
            return;
        }
        let done = done.into();
        let store = match self.db.store() {
            Ok(store) => store,
            Err(e) => {
                self.toasts.error(format!("Nothing was saved: {e}"));
                return;
            }
        };
        form.errors.set(None);
        form.busy.set(true);
        let fut = action(store, self.reference.get_value(), self.who.author());
        let (db, toasts, refocus) = (self.db, self.toasts, self.refocus);
        leptos::task::spawn_local(async move {
            let result = fut.await;
            form.busy.set(false);
            match result {
                Ok(_) => {
                    if let Some(r) = refocus {
                        r.0.set_value(true);
                    }
                    toasts.success(done);
                    db.changed();
                }
                Err(AppError::Validation(v)) => form.errors.set(Some(v)),
                Err(AppError::Transition(t)) => form.refuse(form.refusal_field, &t.reason),
                Err(e) => toasts.error(format!("Nothing was saved: {e}")),
            }
        });
    }
}

//! The save flow shared by the new and edit problem pages: save, then show the problem
//! with a toast; field errors go back to the form, anything else (a stale revision,
//! storage) to an alert in the form, which keeps what the person typed.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::kernel::validation::ValidationErrors;
use crate::domain::problem::{Problem, ProblemDraft};
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::state::db::{AppStore, Db};
use crate::state::toast::Toasts;

/// The form's signals: field messages, busy, and why the last save failed as a whole.
#[derive(Clone, Copy)]
pub struct SaveState {
    /// Field messages of the last attempt.
    pub errors: RwSignal<Option<ValidationErrors>>,
    /// True while saving.
    pub busy: RwSignal<bool>,
    /// The last failure that is not about one field.
    pub failure: RwSignal<Option<String>>,
}

impl SaveState {
    /// Fresh signals.
    pub fn new() -> SaveState {
        SaveState {
            errors: RwSignal::new(None),
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }
}

impl Default for SaveState {
    fn default() -> Self {
        SaveState::new()
    }
}

/// Builds the form's submit callback around `save`, which writes the draft and returns
/// the problem as stored. `done` words the success toast ("created", "saved").
pub fn save_callback<F, Fut>(
    state: SaveState,
    done: &'static str,
    save: F,
) -> Callback<ProblemDraft>
where
    F: Fn(Rc<AppStore>, ProblemDraft) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Problem, AppError>> + 'static,
{
    let db = Db::expect();
    let toasts = Toasts::expect();
    let navigate = use_navigate();
    Callback::new(move |draft: ProblemDraft| {
        if state.busy.get_untracked() {
            return;
        }
        state.busy.set(true);
        state.failure.set(None);
        let navigate = navigate.clone();
        let fut = db.store().map(|store| save(store, draft));
        leptos::task::spawn_local(async move {
            let result = match fut {
                Ok(fut) => fut.await,
                Err(e) => Err(AppError::from(e)),
            };
            state.busy.try_set(false);
            match result {
                Ok(problem) => {
                    db.changed();
                    toasts.success(format!("Problem {} {done}.", problem.reference));
                    let href = AppRoute::Problem(problem.reference.as_str().to_owned()).href();
                    navigate(&href, NavigateOptions::default());
                }
                Err(AppError::Validation(v)) => {
                    state.errors.try_set(Some(v));
                }
                Err(e) => {
                    state
                        .failure
                        .try_set(Some(format!("The problem was not saved: {e}")));
                }
            }
        });
    })
}

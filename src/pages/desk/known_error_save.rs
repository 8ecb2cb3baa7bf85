//! The save flow shared by the new and edit known error pages: save, then show the
//! known error with a toast; field errors go back to the form, anything else (a stale
//! revision, a refused problem move, storage) to an error toast.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::known_error::{KnownError, KnownErrorDraft};
use crate::domain::validation::ValidationErrors;
use crate::routes::AppRoute;
use crate::state::db::{AppStore, Db};
use crate::state::error::AppError;
use crate::state::toast::Toasts;

/// Builds the form's submit callback around `save`, which writes the draft and returns
/// the known error as stored. `done` words the success toast ("created", "saved").
pub fn save_callback<F, Fut>(
    errors: RwSignal<Option<ValidationErrors>>,
    busy: RwSignal<bool>,
    done: &'static str,
    save: F,
) -> Callback<KnownErrorDraft>
where
    F: Fn(Rc<AppStore>, KnownErrorDraft) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<KnownError, AppError>> + 'static,
{
    let db = Db::expect();
    let toasts = Toasts::expect();
    let navigate = use_navigate();
    Callback::new(move |draft: KnownErrorDraft| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        let fut = db.store().map(|store| save(store, draft));
        leptos::task::spawn_local(async move {
            let result = match fut {
                Ok(fut) => fut.await,
                Err(e) => Err(AppError::from(e)),
            };
            busy.try_set(false);
            match result {
                Ok(k) => {
                    db.changed();
                    toasts.success(format!("Known error {} {done}.", k.reference));
                    let href = AppRoute::KnownError(k.reference.as_str().to_owned()).href();
                    navigate(&href, NavigateOptions::default());
                }
                Err(AppError::Validation(v)) => {
                    errors.try_set(Some(v));
                }
                Err(e) => toasts.error(format!("The known error was not saved: {e}")),
            }
        });
    })
}

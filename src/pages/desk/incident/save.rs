//! The save flow shared by the new and edit incident pages: validate, save, then show
//! the incident with a toast; field errors go back to the form, anything else to a toast.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::domain::incident::{Incident, IncidentDraft};
use crate::domain::kernel::validation::ValidationErrors;
use crate::ops::error::AppError;
use crate::routes::AppRoute;
use crate::state::db::{AppStore, Db};
use crate::state::toast::Toasts;

/// Builds the form's submit callback around `save`, which writes the draft and returns
/// the incident as stored. `done` words the success toast ("created", "saved").
pub fn save_callback<F, Fut>(
    errors: RwSignal<Option<ValidationErrors>>,
    busy: RwSignal<bool>,
    done: &'static str,
    save: F,
) -> Callback<IncidentDraft>
where
    F: Fn(Rc<AppStore>, IncidentDraft) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Incident, AppError>> + 'static,
{
    let db = Db::expect();
    let toasts = Toasts::expect();
    let navigate = use_navigate();
    Callback::new(move |draft: IncidentDraft| {
        if let Err(e) = draft.validate() {
            errors.set(Some(e));
            return;
        }
        errors.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        let fut = db.store().map(|store| save(store, draft));
        leptos::task::spawn_local(async move {
            let result = match fut {
                Ok(fut) => fut.await,
                Err(e) => Err(AppError::from(e)),
            };
            busy.set(false);
            match result {
                Ok(incident) => {
                    db.changed();
                    toasts.success(format!("Incident {} {done}.", incident.reference));
                    let href = AppRoute::Incident(incident.reference.as_str().to_string()).href();
                    navigate(&href, NavigateOptions::default());
                }
                Err(AppError::Validation(v)) => errors.set(Some(v)),
                Err(e) => toasts.error(format!("The incident was not saved: {e}")),
            }
        });
    })
}

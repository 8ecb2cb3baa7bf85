//! Editing an incident; a stale edit (changed elsewhere meanwhile) is refused, not lost.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::components::error_panel::error_panel;
use crate::components::incident_form::IncidentForm;
use crate::domain::incident::{Incident, IncidentDraft};
use crate::domain::revision::Rev;
use crate::domain::validation::ValidationErrors;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::error::AppError;
use crate::state::records::form_context;
use crate::state::toast::Toasts;
use crate::state::{incidents, AGENT};

/// The "Edit incident" page.
#[component]
pub fn EditIncident() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let errors = RwSignal::new(None::<ValidationErrors>);
    let busy = RwSignal::new(false);
    let data = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            let (incident, rev) = incidents::by_reference(&*store, &reference).await?;
            let ctx = form_context(&*store).await?;
            Ok::<_, AppError>((incident, rev, ctx))
        }
    });

    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (incident, rev, c) = data.await?;
                    let reference = incident.reference.as_str().to_string();
                    let initial = incident.draft();
                    let on_submit = save_on_submit(incident, rev, errors, busy);
                    Ok::<_, AppError>(view! {
                        <h1>{format!("Edit {reference}")}</h1>
                        <IncidentForm
                            initial=initial
                            services=c.services
                            releases=c.releases
                            matrix=c.settings.matrix
                            submit_label="Save changes"
                            errors=errors
                            busy=busy
                            on_submit=on_submit
                        />
                        <p><a href=AppRoute::Incident(reference).href()>"Cancel"</a></p>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The form's submit handler: validates, saves the edit made on `rev`, then shows the
/// incident; field errors go back to the form, anything else to a toast.
fn save_on_submit(
    incident: Incident,
    rev: Rev,
    errors: RwSignal<Option<ValidationErrors>>,
    busy: RwSignal<bool>,
) -> Callback<IncidentDraft> {
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
        let (incident, rev, navigate) = (incident.clone(), rev.clone(), navigate.clone());
        leptos::task::spawn_local(async move {
            let result = match db.store() {
                Ok(store) => incidents::update(&*store, incident, rev, draft, AGENT).await,
                Err(e) => Err(AppError::from(e)),
            };
            busy.set(false);
            match result {
                Ok(saved) => {
                    db.changed();
                    toasts.success(format!("Incident {} saved.", saved.reference));
                    let href = AppRoute::Incident(saved.reference.as_str().to_string()).href();
                    navigate(&href, NavigateOptions::default());
                }
                Err(AppError::Validation(v)) => errors.set(Some(v)),
                Err(e) => toasts.error(format!("The changes were not saved: {e}")),
            }
        });
    })
}

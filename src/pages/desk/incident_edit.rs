//! Editing an incident; a stale edit (changed elsewhere meanwhile) is refused, not lost.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::incident_form::IncidentForm;
use crate::domain::incident::IncidentDraft;
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
    let toasts = Toasts::expect();
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
    let navigate = use_navigate();

    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            {move || {
                let navigate = navigate.clone();
                Suspend::new(async move {
                match data.await {
                    Ok((incident, rev, c)) => {
                        let initial = incident.draft();
                        let reference = incident.reference.as_str().to_string();
                        let on_submit = Callback::new(move |draft: IncidentDraft| {
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
                                        navigate(&AppRoute::Incident(saved.reference.as_str().to_string()).href(), Default::default());
                                    }
                                    Err(AppError::Validation(v)) => errors.set(Some(v)),
                                    Err(e) => toasts.error(format!("The changes were not saved: {e}")),
                                }
                            });
                        });
                        view! {
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
                            <p><a href=AppRoute::Incident(reference.clone()).href()>"Cancel"</a></p>
                        }.into_any()
                    }
                    Err(e) => view! {
                        <h1>"Incident not available"</h1>
                        <p class="inline-error" role="alert">{e.to_string()}</p>
                        <p><a href=AppRoute::Incidents.href()>"Back to the incident queue"</a></p>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

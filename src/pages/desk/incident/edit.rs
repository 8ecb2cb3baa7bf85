//! Editing an incident; a stale edit (changed elsewhere meanwhile) is refused, not lost,
//! and a change of impact or urgency needs a work note saying why.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::incident::IncidentForm;
use crate::domain::couch::revision::Rev;
use crate::domain::incident::{Incident, IncidentDraft};
use crate::ops::error::AppError;
use crate::ops::incident;
use crate::ops::incident::actions;
use crate::ops::records::form_context;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "Edit incident" page.
#[component]
pub fn EditIncident() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let form = FormState::new("form");
    let work_note = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            let (incident, rev) = incident::by_reference(&*store, &reference).await?;
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
                    let on_submit = save_on_submit(incident, rev, form, work_note);
                    Ok::<_, AppError>(view! {
                        <h1>{format!("Edit {reference}")}</h1>
                        <UnsavedGuard back=AppRoute::Incident(reference).href()>
                            <IncidentForm
                                initial=initial
                                services=c.services
                                releases=c.releases
                                matrix=c.settings.matrix
                                submit_label="Save changes"
                                form=form
                                on_submit=on_submit
                                work_note=work_note
                            />
                        </UnsavedGuard>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The form's submit handler: saves the edit made on revision `rev` of `incident`,
/// with the work note.
fn save_on_submit(
    incident: Incident,
    rev: Rev,
    form: FormState,
    work_note: RwSignal<String>,
) -> Callback<IncidentDraft> {
    let who = Identity::expect();
    save_callback(form, "saved", move |store, draft| {
        let (incident, rev) = (incident.clone(), rev.clone());
        let by = who.author();
        let note = work_note.get_untracked();
        async move { actions::update(&*store, incident, rev, draft, &note, &by).await }
    })
}

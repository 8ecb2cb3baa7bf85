//! Logging a new incident from the desk.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::incident_form::IncidentForm;
use crate::domain::incident::IncidentDraft;
use crate::domain::validation::ValidationErrors;
use crate::pages::desk::incident_save::save_callback;
use crate::state::db::Db;
use crate::state::identity::Identity;
use crate::state::incidents;
use crate::state::records::form_context;

/// The "New incident" page.
#[component]
pub fn NewIncident() -> impl IntoView {
    let db = Db::expect();
    let errors = RwSignal::new(None::<ValidationErrors>);
    let busy = RwSignal::new(false);
    let ctx = LocalResource::new(move || async move { form_context(&*db.store()?).await });
    let who = Identity::expect();
    let on_submit = save_callback(errors, busy, "created", move |store, draft| async move {
        incidents::create(&*store, draft, &who.author()).await
    });
    view! {
        <h1>"New incident"</h1>
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                ctx.await.map(|c| view! {
                        <IncidentForm
                            initial=IncidentDraft::blank()
                            services=c.services
                            releases=c.releases
                            matrix=c.settings.matrix
                            submit_label="Create incident"
                            errors=errors
                            busy=busy
                            on_submit=on_submit
                        />
                })
            })}
            </ErrorBoundary>
        </Suspense>
    }
}

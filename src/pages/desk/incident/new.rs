//! Logging a new incident from the desk.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::forms::incident::IncidentForm;
use crate::domain::incident::IncidentDraft;
use crate::ops::incident;
use crate::ops::records::form_context;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "New incident" page.
#[component]
pub fn NewIncident() -> impl IntoView {
    let db = Db::expect();
    let form = FormState::new("form");
    let ctx = LocalResource::new(move || async move { form_context(&*db.store()?).await });
    let who = Identity::expect();
    let on_submit = save_callback(form, "created", move |store, draft| async move {
        incident::create(&*store, draft, &who.author()).await
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
                            form=form
                            on_submit=on_submit
                        />
                })
            })}
            </ErrorBoundary>
        </Suspense>
    }
}

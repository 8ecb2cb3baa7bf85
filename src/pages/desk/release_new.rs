//! The form for a new release.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::release_form::ReleaseForm;
use crate::components::save_flow::save_callback;
use crate::components::unsaved_guard::UnsavedGuard;
use crate::domain::release::ReleaseDraft;
use crate::domain::validation::ValidationErrors;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::error::AppError;
use crate::state::identity::Identity;
use crate::state::records::services;
use crate::state::releases;

/// The "New release" page.
#[component]
pub fn NewRelease() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let errors = RwSignal::new(None::<ValidationErrors>);
    let busy = RwSignal::new(false);
    let data = LocalResource::new(move || async move {
        let store = db.store()?;
        services(&*store).await
    });
    let blank = ReleaseDraft {
        name: String::new(),
        version: String::new(),
        services: Vec::new(),
        deployment_date: None,
        els_days: 14,
    };
    view! {
        <h1>"New release"</h1>
        <UnsavedGuard back=AppRoute::Releases.href()>
            <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                <ErrorBoundary fallback=error_panel>
                    {move || {
                        let blank = blank.clone();
                        Suspend::new(async move {
                            let services = data.await?;
                            let on_submit = save_callback(errors, busy, "created", move |store, draft| {
                                let by = who.author();
                                async move { releases::create(&*store, draft, &by).await }
                            });
                            Ok::<_, AppError>(view! {
                                <ReleaseForm initial=blank services=services submit_label="Create release"
                                    errors=errors busy=busy on_submit=on_submit/>
                            })
                        })
                    }}
                </ErrorBoundary>
            </Suspense>
        </UnsavedGuard>
    }
}

//! The form for a new release.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::release::ReleaseForm;
use crate::domain::release::ReleaseDraft;
use crate::ops::error::AppError;
use crate::ops::records::services;
use crate::ops::release;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "New release" page.
#[component]
pub fn NewRelease() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let form = FormState::new("form");
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
                            let on_submit = save_callback(form, "created", move |store, draft| {
                                let by = who.author();
                                async move { release::create(&*store, draft, &by).await }
                            });
                            Ok::<_, AppError>(view! {
                                <ReleaseForm initial=blank services=services submit_label="Create release"
                                    form=form on_submit=on_submit/>
                            })
                        })
                    }}
                </ErrorBoundary>
            </Suspense>
        </UnsavedGuard>
    }
}

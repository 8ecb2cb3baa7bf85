//! The form for a new release, and the save flow the new and edit pages share: save,
//! then show the release with a toast; field errors go back to the form.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::error_panel::error_panel;
use crate::components::release_form::ReleaseForm;
use crate::domain::release::{Release, ReleaseDraft};
use crate::domain::validation::ValidationErrors;
use crate::routes::AppRoute;
use crate::state::db::{AppStore, Db};
use crate::state::error::AppError;
use crate::state::identity::Identity;
use crate::state::records::services;
use crate::state::releases;
use crate::state::toast::Toasts;

/// Builds the form's submit callback around `save`, which writes the draft and returns
/// the release as stored. `done` words the success toast ("created", "saved").
pub fn save_callback<F, Fut>(
    errors: RwSignal<Option<ValidationErrors>>,
    busy: RwSignal<bool>,
    done: &'static str,
    save: F,
) -> Callback<ReleaseDraft>
where
    F: Fn(Rc<AppStore>, ReleaseDraft) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Release, AppError>> + 'static,
{
    let db = Db::expect();
    let toasts = Toasts::expect();
    let navigate = use_navigate();
    Callback::new(move |draft: ReleaseDraft| {
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
                Ok(r) => {
                    db.changed();
                    toasts.success(format!("Release {} {done}.", r.reference));
                    let href = AppRoute::Release(r.reference.as_str().to_owned()).href();
                    navigate(&href, NavigateOptions::default());
                }
                Err(AppError::Validation(v)) => {
                    errors.try_set(Some(v));
                }
                Err(e) => toasts.error(format!("The release was not saved: {e}")),
            }
        });
    })
}

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
        <p><a href=AppRoute::Releases.href()>"Cancel"</a></p>
    }
}

//! Editing a release: the release form on the revision the page read; a change made
//! elsewhere meanwhile is refused, not lost.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::release::ReleaseForm;
use crate::ops::error::AppError;
use crate::ops::records::services;
use crate::ops::release;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "Edit release" page.
#[component]
pub fn EditRelease() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let form = FormState::new("form");
    let data = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            let (release, rev) = release::by_reference(&*store, &reference).await?;
            Ok::<_, AppError>((release, rev, services(&*store).await?))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (release, rev, services) = data.await?;
                    let r = release.reference.as_str().to_owned();
                    let back = AppRoute::Release(r.clone()).href();
                    let initial = release.draft();
                    let locked = release.is_deployed();
                    let title = format!("Edit {}", release.title());
                    let on_submit = save_callback(form, "saved", move |store, draft| {
                        let (r, rev, by) = (r.clone(), rev.clone(), who.author());
                        async move { release::update(&*store, &r, &rev, draft, &by).await }
                    });
                    Ok::<_, AppError>(view! {
                        <h1>{title}</h1>
                        <UnsavedGuard back=back>
                            <ReleaseForm initial=initial services=services date_locked=locked submit_label="Save release"
                                form=form on_submit=on_submit/>
                        </UnsavedGuard>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

//! Editing a known error: the known-error form on the revision read; an edit made on a
//! known error changed elsewhere meanwhile is refused as stale, not lost.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::known_error::KnownErrorForm;
use crate::ops::error::AppError;
use crate::ops::known_error;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "Edit known error" page.
#[component]
pub fn EditKnownError() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let form = FormState::new("form");
    let data = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            let (k, rev) = known_error::by_reference(&*store, &reference).await?;
            let related = known_error::related(&*store).await?;
            Ok::<_, AppError>((k, rev, related))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (k, rev, related) = data.await?;
                    let r = k.reference.as_str().to_owned();
                    let back = AppRoute::KnownError(r.clone()).href();
                    let initial = k.draft();
                    let on_submit = save_callback(form, "saved", move |store, draft| {
                        let (k, rev, by) = (k.clone(), rev.clone(), who.author());
                        async move { known_error::update(&*store, k, rev, draft, &by).await }
                    });
                    Ok::<_, AppError>(view! {
                        <div class="page-head">
                            <h1>{format!("Edit {r}")}</h1>
                        </div>
                        <UnsavedGuard back=back>
                            <KnownErrorForm initial=initial problems=related.problems
                                articles=related.articles releases=related.releases
                                submit_label="Save changes" form=form on_submit=on_submit/>
                        </UnsavedGuard>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

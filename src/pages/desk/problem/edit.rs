//! Editing a problem: the problem form on the revision read. A problem changed
//! elsewhere meanwhile is refused with a clear message, and the form keeps what was
//! typed, so nothing is lost on either side.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::problem::ProblemForm;
use crate::ops::error::AppError;
use crate::ops::problem;
use crate::ops::records::{release_choices, services};
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "Edit problem" page.
#[component]
pub fn EditProblem() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let form = FormState::new("form");
    // Read once per reference (not on every write elsewhere): the form edits the
    // revision it opened, and a later save over a newer one is refused as stale.
    let data = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            let (problem, rev) = problem::by_reference(&*store, &reference).await?;
            let services = services(&*store).await?;
            let releases = release_choices(&*store).await?;
            Ok::<_, AppError>((problem, rev, services, releases))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (problem, rev, services, releases) = data.await?;
                    let r = problem.reference.as_str().to_owned();
                    let back = AppRoute::Problem(r.clone()).href();
                    let initial = problem.draft();
                    let on_submit = save_callback(form, "saved", move |store, draft| {
                        let (problem, rev, by) = (problem.clone(), rev.clone(), who.author());
                        async move { problem::update(&*store, problem, rev, draft, &by).await }
                    });
                    Ok::<_, AppError>(view! {
                        <h1>{format!("Edit {r}")}</h1>
                        <UnsavedGuard back=back>
                            <ProblemForm initial=initial services=services releases=releases
                                submit_label="Save problem" form=form on_submit=on_submit/>
                        </UnsavedGuard>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

//! The form for a new known error: blank, or prefilled from a problem with
//! `?from=PRB-…` (title, symptoms, root cause, workaround, problem, releases). A problem
//! still under investigation can move to "Known error" in the same save.

use leptos::prelude::*;

use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::domain::known_error::KnownErrorDraft;
use leptos_router::hooks::use_query_map;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::forms::known_error::{KnownErrorForm, ProblemMove};
use crate::domain::known_error::prefill::offers_problem_move;
use crate::ops::error::AppError;
use crate::ops::known_error;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "New known error" page.
#[component]
pub fn NewKnownError() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let query = use_query_map();
    let from = Memo::new(move |_| query.read().get("from").unwrap_or_default());
    let form = FormState::new("form");
    let data = LocalResource::new(move || {
        let from = from.get();
        async move {
            let store = db.store()?;
            let start = known_error::start(&*store, &from).await?;
            let related = known_error::related(&*store).await?;
            Ok::<_, AppError>((start, related))
        }
    });
    view! {
        <div class="page-head">
            <h1>"New known error"</h1>
        </div>
        <UnsavedGuard back=AppRoute::KnownErrors.href()>
            <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                <ErrorBoundary fallback=error_panel>
                    {move || Suspend::new(async move {
                        let (start, related) = data.await?;
                        let started = start.problem.as_ref().map(|p| {
                            let href = AppRoute::Problem(p.reference.as_str().to_owned()).href();
                            view! {
                                <p class="hint">
                                    "Started from problem " <a href=href>{p.reference.as_str().to_owned()}</a>
                                    ": its title, description (as symptoms), root cause, workaround and releases are copied. Saving links the known error to it."
                                </p>
                            }
                        });
                        let problem_move = start.problem.as_ref().filter(|p| offers_problem_move(p)).map(|p| ProblemMove {
                            problem: p.id.clone(),
                            reference: p.reference.as_str().to_owned(),
                            checked: RwSignal::new(true),
                        });
                        let moving = problem_move.as_ref().map(|m| (m.problem.clone(), m.checked));
                        let on_submit = save_callback(form, "created", move |store, draft: KnownErrorDraft| {
                            let by = who.author();
                            let move_problem = moving.as_ref().is_some_and(|(id, checked)| {
                                draft.problem.as_deref() == Some(id.as_str()) && checked.get_untracked()
                            });
                            async move { known_error::create(&*store, draft, move_problem, &by).await }
                        });
                        Ok::<_, AppError>(view! {
                            {started}
                            <KnownErrorForm initial=start.draft problems=related.problems
                                articles=related.articles releases=related.releases
                                submit_label="Create known error" form=form
                                on_submit=on_submit problem_move=problem_move/>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </UnsavedGuard>
    }
}

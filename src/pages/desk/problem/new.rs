//! The form for a new problem: blank, status New once saved.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::problem::ProblemForm;
use crate::domain::config::priority::Priority;
use crate::domain::problem::ProblemDraft;
use crate::ops::error::AppError;
use crate::ops::problem;
use crate::ops::records::{release_choices, services};
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

fn blank() -> ProblemDraft {
    ProblemDraft {
        title: String::new(),
        description: String::new(),
        priority: Priority::P3,
        service: None,
        root_cause: String::new(),
        workaround: String::new(),
        fix_notes: String::new(),
        release_found: None,
        target_fix_release: None,
    }
}

/// The "New problem" page.
#[component]
pub fn NewProblem() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let form = FormState::new("form");
    let data = LocalResource::new(move || async move {
        let store = db.store()?;
        let services = services(&*store).await?;
        let releases = release_choices(&*store).await?;
        Ok::<_, AppError>((services, releases))
    });
    view! {
        <h1>"New problem"</h1>
        <p class="hint">"A problem is the cause, or potential cause, of one or more incidents."</p>
        <UnsavedGuard back=AppRoute::Problems.href()>
            <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                <ErrorBoundary fallback=error_panel>
                    {move || Suspend::new(async move {
                        let (services, releases) = data.await?;
                        let on_submit = save_callback(form, "created", move |store, draft| {
                            let by = who.author();
                            async move { problem::create(&*store, draft, &by).await }
                        });
                        Ok::<_, AppError>(view! {
                            <ProblemForm initial=blank() services=services releases=releases
                                submit_label="Create problem" form=form on_submit=on_submit/>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </UnsavedGuard>
    }
}

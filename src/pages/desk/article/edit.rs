//! Editing a draft article; a stale edit (changed elsewhere meanwhile) is refused, not
//! lost, and published versions are never edited in place.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::article::ArticleForm;
use crate::domain::knowledge::article::ArticleStatus;
use crate::ops::error::AppError;
use crate::ops::knowledge;
use crate::ops::records::services;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

/// The "Edit article" page.
#[component]
pub fn EditArticle() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let form = FormState::new("form");
    let data = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            let (article, rev) = knowledge::by_reference(&*store, &reference).await?;
            let services = services(&*store).await?;
            let kes = knowledge::known_error_choices(&*store).await?;
            Ok::<_, AppError>((article, rev, services, kes))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (article, rev, services, kes) = data.await?;
                    let r = article.reference.as_str().to_owned();
                    let back = AppRoute::Article(r.clone()).href();
                    if article.status != ArticleStatus::Draft {
                        return Ok::<_, AppError>(view! {
                            <h1>{format!("Edit {r}")}</h1>
                            <p role="alert">"Only a draft can be edited. Start a new version from the article page first."</p>
                            <p><a href=back>"Back to the article"</a></p>
                        }.into_any());
                    }
                    let initial = article.draft();
                    let on_submit = save_callback(form, "saved", move |store, draft| {
                        let (article, rev, by) = (article.clone(), rev.clone(), who.author());
                        async move { knowledge::update(&*store, article, rev, draft, &by).await }
                    });
                    Ok(view! {
                        <h1>{format!("Edit {r}")}</h1>
                        <UnsavedGuard back=back>
                            <ArticleForm initial=initial services=services known_errors=kes
                                submit_label="Save draft" form=form on_submit=on_submit/>
                        </UnsavedGuard>
                    }.into_any())
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

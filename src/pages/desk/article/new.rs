//! Writing a new knowledge article: blank, or started from a known error or a resolved
//! incident (`?from=KE-…|INC-…`), prefilled with its symptoms, workaround or resolution.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::error_panel::error_panel;
use crate::components::form::save_flow::save_callback;
use crate::components::form::state::FormState;
use crate::components::form::unsaved_guard::UnsavedGuard;
use crate::components::forms::article::ArticleForm;
use crate::domain::knowledge::article::{ArticleDraft, Audience};
use crate::ops::error::AppError;
use crate::ops::knowledge;
use crate::ops::records::services;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;

fn blank() -> ArticleDraft {
    ArticleDraft {
        title: String::new(),
        summary: String::new(),
        body: String::new(),
        audience: Audience::Internal,
        tags: Vec::new(),
        services: Vec::new(),
        known_errors: Vec::new(),
        review_due: None,
    }
}

/// The "New article" page.
#[component]
pub fn NewArticle() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let query = use_query_map();
    let from = Memo::new(move |_| query.read().get("from").unwrap_or_default());
    let form = FormState::new("form");
    let data = LocalResource::new(move || {
        let from = from.get();
        async move {
            let store = db.store()?;
            let draft = match from.trim() {
                "" => blank(),
                f => knowledge::prefill(&*store, f).await?,
            };
            let services = services(&*store).await?;
            let kes = knowledge::known_error_choices(&*store).await?;
            Ok::<_, AppError>((draft, services, kes))
        }
    });
    view! {
        <h1>"New knowledge article"</h1>
        <UnsavedGuard back=AppRoute::Articles.href()>
            <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                <ErrorBoundary fallback=error_panel>
                    {move || Suspend::new(async move {
                        let (draft, services, kes) = data.await?;
                        let origin = from.get_untracked();
                        let source = (!origin.trim().is_empty()).then(|| origin.trim().to_uppercase());
                        let on_submit = save_callback(form, "created", move |store, draft| {
                            let (by, source) = (who.author(), source.clone());
                            async move { knowledge::create(&*store, draft, source.as_deref(), &by).await }
                        });
                        let started = (!origin.trim().is_empty()).then(|| view! {
                            <p class="hint">{format!("Started from {}. Saving links the article to it.", origin.trim().to_uppercase())}</p>
                        });
                        Ok::<_, AppError>(view! {
                            <StartFrom known_errors=kes.clone()/>
                            {started}
                            <ArticleForm initial=draft services=services known_errors=kes
                                submit_label="Create draft" form=form on_submit=on_submit/>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </UnsavedGuard>
    }
}

/// "Start from a known error": reloads the page prefilled from the chosen one.
#[component]
fn StartFrom(known_errors: Vec<crate::ops::records::Choice>) -> impl IntoView {
    let navigate = use_navigate();
    let chosen = RwSignal::new(String::new());
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pick = chosen.get_untracked();
        if let Some(reference) = pick.split_whitespace().next().filter(|r| !r.is_empty()) {
            let href = format!("{}?from={reference}", AppRoute::NewArticle.href());
            navigate(&href, NavigateOptions::default());
        }
    };
    (!known_errors.is_empty()).then(|| view! {
        <form class="start-from" on:submit=go>
            <label for="kb-start">"Start from a known error"</label>
            <select id="kb-start" on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">"— blank article —"</option>
                {known_errors.into_iter().map(|k| { let value = k.name.clone(); view! { <option value=value>{k.name}</option> } }).collect_view()}
            </select>
            <button type="submit" class="button">"Prefill"</button>
        </form>
    })
}

//! A public help article on the portal: its body rendered from Markdown (safely), one
//! view counted per visit, and "Was this helpful?". Internal, unpublished and missing
//! articles all read "not found", and their content is never sent to the page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{portal_error_panel, PortalNotFound};
use crate::components::form::state::{FormState, RefusalLine};
use crate::components::print_button::PrintButton;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::knowledge::markdown;
use crate::ops::error::AppError;
use crate::ops::portal;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The article page.
#[component]
pub fn PortalArticle() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    // Not tied to `db.revision`: a vote must not count another view.
    let article = LocalResource::new(move || {
        let reference = reference.get();
        async move {
            let store = db.store()?;
            match portal::visit_article(&*store, &reference).await {
                Ok(a) => Ok(Some(a)),
                Err(AppError::NotFound(_)) => Ok(None),
                Err(e) => Err(e),
            }
        }
    });
    view! {
        <main id="main" class="page portal narrow">
            <p class="no-print"><a href=AppRoute::Portal.href()>"← Back to help"</a></p>
            <Suspense fallback=|| view! { <p role="status">"Loading the article…"</p> }>
                <ErrorBoundary fallback=portal_error_panel>
                    {move || Suspend::new(async move {
                        article.await.map(|found| match found {
                            Some(a) => view! { <ArticleView article=a/> }.into_any(),
                            None => view! { <PortalNotFound what="article"/> }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

/// The article and its "Was this helpful?" question.
#[component]
fn ArticleView(article: KnowledgeArticle) -> impl IntoView {
    let a = article;
    let html = markdown::render(&a.body);
    view! {
        <article class="portal-article" aria-labelledby="article-title">
            <h1 id="article-title">{a.title.clone()}</h1>
            {(!a.summary.trim().is_empty()).then(|| view! { <p class="lead">{a.summary.clone()}</p> })}
            <div class="article-body" inner_html=html></div>
            <p class="hint">
                "Updated " <time datetime=a.updated.iso()>{a.updated.date()}</time>
            </p>
            <p class="no-print"><PrintButton/></p>
        </article>
        <Helpful article_id=a.id.clone()/>
        <p class="portal-next no-print">
            "Still stuck? "
            <a href=AppRoute::PortalReport.href()>"Report a problem"</a>
        </p>
    }
}

/// "Was this helpful?" with Yes and No; thanks the reader after one answer.
#[component]
fn Helpful(article_id: String) -> impl IntoView {
    let form = FormState::new("helpful");
    let voted = RwSignal::new(false);
    let id = StoredValue::new(article_id);
    let answer = move |helpful: bool| {
        move |_| {
            if voted.get_untracked() {
                return;
            }
            let id = id.get_value();
            // The thanks in place of the buttons says it was counted: no toast.
            form.run(
                "",
                move |store| async move { portal::vote(&*store, &id, helpful).await },
                move |()| {
                    voted.try_set(true);
                },
            );
        }
    };
    view! {
        <section class="helpful" aria-labelledby="helpful-heading">
            <h2 id="helpful-heading">"Was this helpful?"</h2>
            <div class="portal-actions" hidden=move || voted.get()>
                <button type="button" class="button" disabled=move || form.busy.get() on:click=answer(true)>"Yes"</button>
                <button type="button" class="button" disabled=move || form.busy.get() on:click=answer(false)>"No"</button>
            </div>
            <p role="status">{move || voted.get().then_some("Thank you for your answer.")}</p>
            <RefusalLine form=form/>
        </section>
    }
}

//! The self-service portal for end users: published public help articles.

use leptos::prelude::*;

use crate::components::error_panel::error_panel;
use crate::domain::article::{ArticleStatus, Audience};
use crate::domain::record::Record;
use crate::state::db::Db;
use crate::state::records::all_of_kind;

/// Portal start page listing the published public articles.
#[component]
pub fn PortalHome() -> impl IntoView {
    let db = Db::expect();
    let articles = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let all = all_of_kind(&*store, "article").await?;
            Ok::<_, crate::state::error::AppError>(
                all.into_iter()
                    .filter_map(|r| match r {
                        Record::Article(a)
                            if a.audience == Audience::Public
                                && a.status == ArticleStatus::Published =>
                        {
                            Some(a)
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            )
        }
    });
    view! {
        <main id="main" class="page portal">
            <h1>"How can we help?"</h1>
            <p class="lead">"Answers to common questions about our services."</p>
            <Suspense fallback=|| view! { <p role="status">"Loading articles…"</p> }>
                <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    articles.await.map(|list| match list {
                        list if list.is_empty() => view! {
                            <p class="empty">"No help articles have been published yet."</p>
                        }.into_any(),
                        list => view! {
                            <section aria-labelledby="articles-heading">
                                <h2 id="articles-heading">"Help articles"</h2>
                                <ul class="article-list">
                                    {list.into_iter().map(|a| view! {
                                        <li>
                                            <h3>{a.title.clone()}</h3>
                                            <p>{a.summary.clone()}</p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        }.into_any(),
                    })
                })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

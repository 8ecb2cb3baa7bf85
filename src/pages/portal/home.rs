//! The portal's start page: a big search box over public articles and known issues
//! with a workaround, the most read and most recently updated articles, and the way to
//! report a problem.

use leptos::prelude::*;

use super::{portal_error_panel, Debouncer, DEBOUNCE_MS};
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::portal_words::{popular, recent};
use crate::ops::error::AppError;
use crate::ops::portal::{self, Offer, SuggestionPool};
use crate::routes::AppRoute;
use crate::state::db::Db;

/// Most search results shown.
const RESULTS: usize = 8;
/// Articles in the "Help articles" list (the search box finds the others).
const MOST_READ: usize = 12;
/// Articles in the "Recently updated" list.
const RECENT: usize = 5;

/// Portal start page.
#[component]
pub fn PortalHome() -> impl IntoView {
    let db = Db::expect();
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let debounce = Debouncer::new(DEBOUNCE_MS);
    let data = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let articles = portal::public_articles(&*store).await?;
            let pool = portal::suggestion_pool(&*store).await?;
            Ok::<_, AppError>((articles, pool))
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        debounce.run(move || {
            query.try_set(value);
        });
    };
    view! {
        <main id="main" class="page portal">
            <section class="portal-hero">
                <h1>"How can we help?"</h1>
                <form role="search" class="portal-search" on:submit=move |ev| {
                    ev.prevent_default();
                    query.set(typed.get_untracked());
                }>
                    <label for="portal-search">"Search for help"</label>
                    <input id="portal-search" type="search" autocomplete="off"
                        placeholder="For example: VPN keeps dropping"
                        prop:value=move || typed.get() on:input=on_input/>
                </form>
                <p class="portal-report-cta">
                    "Cannot find an answer? "
                    <a class="button button-primary button-big" href=AppRoute::PortalReport.href()>"Report a problem"</a>
                </p>
            </section>
            <Suspense fallback=|| view! { <p role="status">"Loading articles…"</p> }>
                <ErrorBoundary fallback=portal_error_panel>
                    {move || Suspend::new(async move {
                        data.await.map(|(articles, pool)| view! {
                            <SearchResults pool=pool query=query/>
                            <ArticleLists articles=articles/>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}

/// The results for the search box, announced as they change.
#[component]
fn SearchResults(pool: SuggestionPool, query: RwSignal<String>) -> impl IntoView {
    let results = Memo::new(move |_| pool.suggest(&query.get(), RESULTS));
    let summary = move || {
        let q = query.get();
        match (q.trim().is_empty(), results.read().len()) {
            (true, _) => String::new(),
            (false, 0) => format!(
                "Nothing found for “{}”. Try other words, or report a problem.",
                q.trim()
            ),
            (false, 1) => format!("1 answer for “{}”.", q.trim()),
            (false, n) => format!("{n} answers for “{}”.", q.trim()),
        }
    };
    view! {
        <section class="search-results" aria-label="Search results">
            <p role="status">{summary}</p>
            <ul class="result-list" hidden=move || results.read().is_empty()>
                {move || results.get().into_iter().map(|o| view! { <SearchHit offer=o/> }).collect_view()}
            </ul>
        </section>
    }
}

/// One search result: an article as a link, a known issue with its workaround.
#[component]
fn SearchHit(offer: Offer) -> impl IntoView {
    match offer.reference.clone() {
        Some(reference) => view! {
            <li class="result">
                <a href=AppRoute::PortalArticle(reference).href()>{offer.title.clone()}</a>
                <p class="result-line">{offer.line.clone()}</p>
            </li>
        }
        .into_any(),
        None => view! {
            <li class="result">
                <details>
                    <summary>{format!("Known issue: {}", offer.title)}</summary>
                    <p class="result-line">{offer.line.clone()}</p>
                    <p class="prose workaround">{offer.body.clone()}</p>
                </details>
            </li>
        }
        .into_any(),
    }
}

/// The most read articles (with their summaries) and the recently updated ones.
#[component]
fn ArticleLists(articles: Vec<KnowledgeArticle>) -> impl IntoView {
    if articles.is_empty() {
        return view! {
            <p class="empty empty-state">"No help articles have been published yet. If something is not working, "
                <a href=AppRoute::PortalReport.href()>"report a problem"</a>"."</p>
        }
            .into_any();
    }
    let most_read = popular(&articles, MOST_READ);
    let latest = recent(&articles, RECENT);
    view! {
        <div class="portal-columns">
            <section aria-labelledby="articles-heading">
                <h2 id="articles-heading">"Help articles"</h2>
                <p class="hint">"Most read first."</p>
                <ul class="article-list">
                    {most_read.into_iter().map(|a| view! {
                        <li>
                            <h3><a href=AppRoute::PortalArticle(a.reference.as_str().to_owned()).href()>{a.title.clone()}</a></h3>
                            <p>{a.summary.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="recent-heading">
                <h2 id="recent-heading">"Recently updated"</h2>
                <ul class="link-list">
                    {latest.into_iter().map(|a| view! {
                        <li>
                            <a href=AppRoute::PortalArticle(a.reference.as_str().to_owned()).href()>{a.title.clone()}</a>
                            " " <time class="hint" datetime=a.updated.iso()>{a.updated.date()}</time>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
    .into_any()
}

//! The incident queue page: the URL holds filter, sort and page; rows come from the
//! in-memory queue (built from the store once, then kept current); counts per status,
//! saved views, bulk actions and keyboard shortcuts around the table.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::demo_offer::DemoOffer;
use crate::components::error_panel::error_panel;
use crate::domain::incident_query::parse_query_for;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::error::AppError;
use crate::state::identity::Identity;
use crate::state::{clock, directory};

use super::queue::bulk::BulkBar;
use super::queue::filters::{FilterBar, SavedViews, StatusTabs};
use super::queue::keys::{install, ShortcutsDialog};
use super::queue::table::QueueTable;
use super::queue::{page_of, QueueCtx, PAGE};

/// Marks the moment the first rows are on screen, for the benchmark's navigation figure.
fn mark_list_shown() {
    #[cfg(target_arch = "wasm32")]
    request_animation_frame(|| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("incident-list-shown");
        }
    });
}

/// The queue page.
#[component]
pub fn IncidentList() -> impl IntoView {
    let db = Db::expect();
    let who = Identity::expect();
    let location = use_location();
    let navigate = use_navigate();
    let view = Memo::new(move |_| parse_query_for(&location.search.get(), &who.id()));
    let page = Memo::new(move |_| page_of(&location.search.get()));
    let go = Callback::new(move |(url, replace): (String, bool)| {
        navigate(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        )
    });
    let ctx = QueueCtx {
        view,
        page,
        go,
        selected: RwSignal::new(Vec::new()),
        cursor: RwSignal::new(None),
        rows: RwSignal::new(Vec::new()),
    };
    provide_context(ctx);
    let help = RwSignal::new(false);
    install(ctx, help);

    // Pickers change only with the data, not with the filter: kept apart so typing in
    // the search box never rebuilds the filter bar under the cursor.
    let names = LocalResource::new(move || {
        let _ = db.revision.get();
        async move { directory::load(&*db.store()?).await }
    });
    let data = LocalResource::new(move || {
        let (filter, sort) = view.get();
        let n = page.get();
        let revision = db.revision.get();
        async move {
            let store = db.store()?;
            let queue = db.queue();
            let now = clock::now();
            let dir = queue.sync(&*store, revision, now).await?;
            let mut result = queue.page(&filter, sort, (n - 1) * PAGE, PAGE);
            let total = result.result.total;
            if result.rows.is_empty() && total > 0 {
                // A page past the end (an old link, fewer matches now): the last page.
                result = queue.page(&filter, sort, (total - 1) / PAGE * PAGE, PAGE);
            }
            Ok::<_, AppError>((result, dir, queue.len(), now))
        }
    });

    view! {
        <div class="page-head">
            <h1>"Incidents"</h1>
            <div class="actions">
                <button type="button" class="button button-quiet" on:click=move |_| help.set(true)
                    aria-keyshortcuts="?">"Keyboard shortcuts"</button>
                <a class="button button-primary" href=AppRoute::NewIncident.href() aria-keyshortcuts="c">"New incident"</a>
            </div>
        </div>
        <SavedViews/>
        <Transition fallback=|| ()>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                let dir = names.await?;
                let dir2 = dir.clone();
                Ok::<_, AppError>(view! {
                    <FilterBar dir=dir/>
                    <Show when=move || ctx.selected.with(|s| !s.is_empty())>
                        <BulkBar dir=dir2.clone()/>
                    </Show>
                })
            })}
            </ErrorBoundary>
        </Transition>
        <Transition fallback=|| view! { <p role="status">"Loading incidents…"</p> }>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                let (result, dir, held, now) = data.await?;
                ctx.rows.set(result.rows.iter().map(|r| (r.id.clone(), r.reference.clone(), r.status)).collect());
                ctx.cursor.set(None);
                let total = result.result.total;
                let pages = total.div_ceil(PAGE).max(1);
                let n = page.get_untracked().min(pages);
                let first = (n - 1) * PAGE + 1;
                let last = ((n - 1) * PAGE + result.rows.len()).max(first.saturating_sub(1));
                let body = if held == 0 {
                    view! {
                        <div class="empty">
                            <p>"No incidents yet."</p>
                            <DemoOffer/>
                        </div>
                    }.into_any()
                } else if total == 0 {
                    view! {
                        <p class="empty">"No incident matches these filters. "
                            <a href=AppRoute::Incidents.href()>"Clear filters"</a></p>
                    }.into_any()
                } else {
                    mark_list_shown();
                    view! {
                        <QueueTable rows=result.rows dir=dir now=now/>
                        <nav class="pager" aria-label="Pages">
                            <button type="button" class="button" disabled={n <= 1}
                                on:click=move |_| ctx.show_page(n - 1)>"Previous page"</button>
                            <span>{format!("Page {n} of {pages}")}</span>
                            <button type="button" class="button" disabled={n >= pages}
                                on:click=move |_| ctx.show_page(n + 1)>"Next page"</button>
                        </nav>
                    }.into_any()
                };
                Ok::<_, AppError>(view! {
                    <StatusTabs counts=result.result.counts/>
                    <p class="count" role="status" data-query-ms=format!("{:.2}", result.query_ms)>
                        {if total == 0 { "No matching incidents".to_string() } else { format!("Showing {first}–{last} of {total} incidents") }}
                    </p>
                    {body}
                })
            })}
            </ErrorBoundary>
        </Transition>
        <ShortcutsDialog open=help/>
    }
}

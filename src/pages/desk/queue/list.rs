//! The incident queue page: the URL holds filter, sort and page; rows come from the
//! in-memory queue (built from the store once, then kept current); counts per status,
//! saved views, bulk actions and keyboard shortcuts around the table.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::demo_offer::DemoOffer;
use crate::components::download::ExportCsv;
use crate::components::error_panel::error_panel;
use crate::domain::incident::query::parse_query_for;
use crate::ops::clock;
use crate::ops::directory;
use crate::ops::error::AppError;
use crate::ops::queue::{first_page_from_store, store_servable};
use crate::ops::transfer::csv_export;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::identity::Identity;
use crate::storage::Store;

use crate::pages::desk::queue::bulk::BulkBar;
use crate::pages::desk::queue::filters::{FilterBar, SavedViews, StatusTabs};
use crate::pages::desk::queue::keys::{focus_row, install, ShortcutsDialog};
use crate::pages::desk::queue::table::QueueTable;
use crate::pages::desk::queue::unreadable::UnreadableNotice;
use crate::pages::desk::queue::{page_of, QueueCtx, PAGE};

/// Marks the moment the first rows are on screen, for the benchmark's navigation figure.
fn mark_list_shown() {
    #[cfg(target_arch = "wasm32")]
    request_animation_frame(|| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("incident-list-shown");
        }
    });
}

/// Puts the focus back on row `k` when a redraw left it nowhere (on the body).
fn keep_focus(k: usize) {
    let lost = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
    if lost {
        focus_row(k);
    }
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
    // Set when the background build of the queue's rows has finished.
    let built = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        let (filter, sort) = view.get();
        let n = page.get();
        let revision = db.revision.get();
        let _ = built.get();
        async move {
            let store = db.store()?;
            let queue = db.queue();
            let now = clock::now();
            if !queue.is_built() {
                if let Some(list) = store_servable(&filter, sort, n) {
                    // First visit: paint the first page straight from the indexes while
                    // the rows are built in the background.
                    let result = first_page_from_store(&*store, list, PAGE, now).await?;
                    let dir = directory::load(&*store).await?;
                    let held = store
                        .count(&crate::storage::ListQuery::all("incident"))
                        .await? as usize;
                    // Started after the reads above so its chunks do not delay them; the
                    // page may be gone by the time it ends (then there is no one to tell).
                    db.build_queue_in_background(revision, move || {
                        let _ = built.try_update(|b| *b += 1);
                    });
                    return Ok::<_, AppError>((result, dir, held, now, Vec::new()));
                }
            }
            let dir = queue.sync(&*store, revision, now).await?;
            let mut result = queue.page(&filter, sort, (n - 1) * PAGE, PAGE);
            let total = result.result.total;
            if result.rows.is_empty() && total > 0 {
                // A page past the end (an old link, fewer matches now): the last page.
                result = queue.page(&filter, sort, (total - 1) / PAGE * PAGE, PAGE);
            }
            Ok::<_, AppError>((result, dir, queue.len(), now, queue.unreadable()))
        }
    });

    // Every incident the current filter matches, in the queue's order.
    let export = move || {
        let (store, queue, revision) = (db.store(), db.queue(), db.revision.get_untracked());
        let (filter, sort) = view.get_untracked();
        async move { csv_export::incidents(&*store?, &queue, revision, &filter, sort).await }
    };

    view! {
        <div class="page-head">
            <h1>"Incidents"</h1>
            <div class="actions">
                <ExportCsv make=export what="incidents"/>
                <a class="button" href=AppRoute::ImportIncidents.href()>"Import from CSV"</a>
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
                    <Show when=move || ctx.selected.try_with(|s| !s.is_empty()).unwrap_or(false)>
                        <BulkBar dir=dir2.clone()/>
                    </Show>
                })
            })}
            </ErrorBoundary>
        </Transition>
        <Transition fallback=|| view! { <p role="status">"Loading incidents…"</p> }>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                let (result, dir, held, now, unreadable) = data.await?;
                let ids: Vec<_> = result.rows.iter().map(|r| (r.id.clone(), r.reference.clone(), r.status)).collect();
                // The page may have been left while this was loading: `try_` everywhere.
                if ctx.rows.try_with_untracked(|old| *old != ids).unwrap_or(true) {
                    let _ = ctx.cursor.try_set(None);
                } else if let Some(k) = ctx.cursor.try_get_untracked().flatten() {
                    // The same rows drawn again (the background build finished, a write
                    // elsewhere): keep the cursor and the keyboard focus on its row.
                    request_animation_frame(move || keep_focus(k));
                }
                let _ = ctx.rows.try_set(ids);
                let total = result.result.total;
                let pages = total.div_ceil(PAGE).max(1);
                let n = page.try_get_untracked().unwrap_or(1).min(pages);
                let first = (n - 1) * PAGE + 1;
                let last = ((n - 1) * PAGE + result.rows.len()).max(first.saturating_sub(1));
                let body = if held == 0 {
                    view! {
                        <div class="empty empty-state">
                            <p>"No incidents yet. "
                                <a href=AppRoute::NewIncident.href()>"Log an incident"</a>
                                " or load the demo data."</p>
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
                    <UnreadableNotice ids=unreadable/>
                    {body}
                })
            })}
            </ErrorBoundary>
        </Transition>
        <ShortcutsDialog open=help/>
    }
}

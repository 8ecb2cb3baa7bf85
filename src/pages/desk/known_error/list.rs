//! The known error database: every known error, searchable by error code (exact or
//! partial) and by words of its title, symptoms and workaround, filtered by status
//! (open by default); the filters live in the URL.

use leptos::prelude::*;

use crate::components::download::ExportCsv;
use crate::components::error_panel::error_panel;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::known_error::query::{KnownErrorFilter, StatusFilter};
use crate::domain::known_error::KnownError;
use crate::ops::error::AppError;
use crate::ops::known_error::{self, RelatedRecords};
use crate::ops::transfer::csv_export;
use crate::pages::desk::url_filter::UrlFilter;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The known error list page.
#[component]
pub fn KnownErrorList() -> impl IntoView {
    let db = Db::expect();
    let filter = UrlFilter::new(
        AppRoute::KnownErrors,
        |get| KnownErrorFilter::from_query(&get("status"), &get("q")),
        KnownErrorFilter::to_query,
    );
    let data = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let all = known_error::all(&*store).await?;
            let related = known_error::related(&*store).await?;
            Ok::<_, AppError>((all, related))
        }
    });
    let text = RwSignal::new(filter.get_untracked().text);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filter.update(|f| f.text = text.get_untracked().trim().to_owned());
    };
    // A status change also applies the words typed so far.
    let on_status = move |ev: leptos::ev::Event| {
        filter.update(|f| {
            f.status = StatusFilter::from_key(&event_target_value(&ev));
            f.text = text.get_untracked().trim().to_owned();
        });
    };
    let export = move || {
        let (store, f) = (db.store(), filter.get_untracked());
        async move { csv_export::known_errors(&*store?, &f).await }
    };
    view! {
        <div class="page-head">
            <h1>"Known errors"</h1>
            <div class="actions">
                <ExportCsv make=export what="known errors"/>
                <a class="button button-primary" href=AppRoute::NewKnownError.href()>"New known error"</a>
            </div>
        </div>
        <form class="filters" role="search" aria-label="Search known errors" on:submit=search>
            <div class="field ke-search">
                <label for="ke-filter-text">"Error code or symptoms"</label>
                <input id="ke-filter-text" type="search" placeholder="ERR-4012, or words users report"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="ke-filter-status">"Status"</label>
                <select id="ke-filter-status" prop:value=move || filter.get().status.key() on:change=on_status>
                    {StatusFilter::choices().into_iter().map(|c| view! {
                        <option value=c.key()>{c.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p role="status">"Loading known errors…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (all, related) = data.await?;
                    let f = filter.get();
                    let rows: Vec<KnownError> = f.apply(&all).into_iter().cloned().collect();
                    let count = format!("{} of {} known errors", rows.len(), all.len());
                    Ok::<_, AppError>(view! {
                        <p class="count" role="status">{count}</p>
                        {if all.is_empty() {
                            view! {
                                <p class="empty empty-state">
                                    "No known errors are recorded yet. "
                                    <a href=AppRoute::NewKnownError.href()>"Record a known error"</a>
                                    ", or mark a problem under investigation as a known error from its page ("
                                    <a href=AppRoute::Problems.href()>"problems"</a>")."
                                </p>
                            }.into_any()
                        } else if rows.is_empty() {
                            view! { <p class="empty">"No known error matches these filters."</p> }.into_any()
                        } else {
                            view! { <KnownErrorTable rows=rows related=related/> }.into_any()
                        }}
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The table of matching known errors.
#[component]
fn KnownErrorTable(
    /// The known errors to list, in order.
    rows: Vec<KnownError>,
    /// Names of the articles and releases they point at.
    related: RelatedRecords,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|k| {
            let r = k.reference.as_str().to_owned();
            let carried = if k.carried_forward {
                let release = RelatedRecords::find(&related.releases, k.release_introduced.as_deref())
                    .map(|rel| rel.title.clone())
                    .unwrap_or_else(|| "a release not on this device".into());
                format!("Yes, with {release}")
            } else {
                "—".to_owned()
            };
            let article = match (k.article.as_deref(), RelatedRecords::find(&related.articles, k.article.as_deref())) {
                (None, _) => view! { "—" }.into_any(),
                (Some(_), Some(a)) => {
                    let state = if a.published { "published" } else { "not published" };
                    let class = if a.published { "badge status-published" } else { "badge badge-warn" };
                    view! {
                        <a href=AppRoute::Article(a.reference.clone()).href()>{a.reference.clone()}</a>
                        " " <span class=class>{state}</span>
                    }
                    .into_any()
                }
                (Some(id), None) => view! { <span class="muted">{format!("{id} (not on this device)")}</span> }.into_any(),
            };
            view! {
                <tr>
                    <td><a href=AppRoute::KnownError(r.clone()).href()>{r.clone()}</a></td>
                    <td>{k.title.clone()}</td>
                    <td>{k.error_code.clone().map(|c| view! { <code>{c}</code> }.into_any()).unwrap_or_else(|| "—".into_any())}</td>
                    <td><StatusBadge label=k.status.label()/></td>
                    <td>{carried}</td>
                    <td>{article}</td>
                    <td><time datetime=k.updated.iso()>{k.updated.display()}</time></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="grid ke-table">
            <caption class="visually-hidden">"Known errors"</caption>
            <thead><tr>
                <th scope="col">"Reference"</th>
                <th scope="col">"Title"</th>
                <th scope="col">"Error code"</th>
                <th scope="col">"Status"</th>
                <th scope="col">"Carried forward"</th>
                <th scope="col">"Article"</th>
                <th scope="col">"Updated"</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

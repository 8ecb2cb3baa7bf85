//! The knowledge base as agents see it: every article with status, audience, version,
//! review date and reader figures; filters live in the URL, and "due for review" lists
//! the articles whose review date has come.

use leptos::prelude::*;

use crate::components::download::ExportCsv;
use crate::components::error_panel::error_panel;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::knowledge::article::{ArticleStatus, Audience};
use crate::domain::knowledge::query::{audience_key, due_count, status_key, ArticleFilter};
use crate::ops::clock;
use crate::ops::error::AppError;
use crate::ops::knowledge;
use crate::ops::transfer::csv_export;
use crate::pages::desk::url_filter::UrlFilter;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The knowledge list page.
#[component]
pub fn ArticleList() -> impl IntoView {
    let db = Db::expect();
    let filter = UrlFilter::new(
        AppRoute::Articles,
        |get| ArticleFilter::from_query(&get("status"), &get("audience"), &get("due"), &get("q")),
        ArticleFilter::to_query,
    );
    let data = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            knowledge::all(&*store).await
        }
    });
    let text = RwSignal::new(filter.get_untracked().text);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filter.update(|f| f.text = text.get_untracked().trim().to_owned());
    };
    let export = move || {
        let (store, f) = (db.store(), filter.get_untracked());
        async move { csv_export::articles(&*store?, &f).await }
    };
    view! {
        <div class="page-head">
            <h1>"Knowledge"</h1>
            <div class="actions">
                <ExportCsv make=export what="articles"/>
                <a class="button button-primary" href=AppRoute::NewArticle.href()>"New article"</a>
            </div>
        </div>
        <form class="filters" role="search" aria-label="Filter articles" on:submit=search>
            <div class="field">
                <label for="kb-filter-status">"Status"</label>
                <select id="kb-filter-status"
                    prop:value=move || filter.get().status.map(status_key).unwrap_or("")
                    on:change=move |ev| filter.update(|f| {
                        f.status = ArticleFilter::from_query(&event_target_value(&ev), "", "", "").status;
                    })>
                    <option value="">"Any"</option>
                    {ArticleStatus::all().iter().map(|s| view! {
                        <option value=status_key(*s)>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="kb-filter-audience">"Audience"</label>
                <select id="kb-filter-audience"
                    prop:value=move || filter.get().audience.map(audience_key).unwrap_or("")
                    on:change=move |ev| filter.update(|f| {
                        f.audience = ArticleFilter::from_query("", &event_target_value(&ev), "", "").audience;
                    })>
                    <option value="">"Any"</option>
                    {Audience::ALL.into_iter().map(|a| view! {
                        <option value=audience_key(a)>{a.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || filter.get().review_due
                    on:change=move |ev| filter.update(|f| f.review_due = event_target_checked(&ev))/>
                " Due for review only"
            </label>
            <div class="field">
                <label for="kb-filter-text">"Search articles"</label>
                <input id="kb-filter-text" type="search" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p role="status">"Loading articles…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let all = data.await?;
                    let now = clock::now();
                    let f = filter.get();
                    let due = due_count(&all, now);
                    let rows: Vec<_> = f.apply(&all, now).into_iter().cloned().collect();
                    let shown = rows.len();
                    let due_link = (due > 0 && !f.review_due).then(|| {
                        let href = format!("{}?due=1", AppRoute::Articles.href());
                        let text = if due == 1 { "1 article is due for review".to_owned() } else { format!("{due} articles are due for review") };
                        view! { <p class="notice"><a href=href>{text}</a></p> }
                    });
                    Ok::<_, AppError>(view! {
                        {due_link}
                        <p class="count" role="status">{format!("{shown} of {} articles", all.len())}</p>
                        {if all.is_empty() {
                            view! {
                                <p class="empty empty-state">
                                    "No knowledge articles yet. "
                                    <a href=AppRoute::NewArticle.href()>"Write the first article"</a>
                                    ": a workaround, a how-to or an answer agents give again and again."
                                </p>
                            }.into_any()
                        } else if rows.is_empty() {
                            view! { <p class="empty">"No article matches these filters."</p> }.into_any()
                        } else {
                            view! {
                                <table class="grid kb-table">
                                    <thead><tr>
                                        <th scope="col">"Reference"</th>
                                        <th scope="col">"Title"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col">"Audience"</th>
                                        <th scope="col">"Version"</th>
                                        <th scope="col">"Review due"</th>
                                        <th scope="col">"Views"</th>
                                        <th scope="col">"Helpful votes"</th>
                                        <th scope="col">"Updated"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|a| {
                                            let r = a.reference.as_str().to_owned();
                                            let overdue = a.review_is_due(now);
                                            view! {
                                                <tr>
                                                    <td><a href=AppRoute::Article(r.clone()).href()>{r.clone()}</a></td>
                                                    <td>{a.title.clone()}</td>
                                                    <td><StatusBadge label=a.status.label()/></td>
                                                    <td>{a.audience.label()}</td>
                                                    <td>{a.version}</td>
                                                    <td>
                                                        {a.review_due.map(|d| d.date()).unwrap_or_else(|| "—".into())}
                                                        {overdue.then(|| view! { " " <span class="badge badge-warn">"Due"</span> })}
                                                    </td>
                                                    <td>{a.views}</td>
                                                    <td>{format!("{} of {}", a.helpful, a.helpful.saturating_add(a.not_helpful))}</td>
                                                    <td><time datetime=a.updated.iso()>{a.updated.display()}</time></td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

//! Every problem, newest first: a status filter (open by default) and a search by
//! reference or title, both kept in the URL, and a table linking to each problem.

use leptos::prelude::*;

use crate::components::download::ExportCsv;
use crate::components::error_panel::error_panel;
use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::problem::query::{ProblemFilter, StatusFilter};
use crate::domain::problem::Problem;
use crate::ops::directory::{self, Directory};
use crate::ops::error::AppError;
use crate::ops::problem;
use crate::ops::transfer::csv_export;
use crate::pages::desk::url_filter::UrlFilter;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// The problem list page.
#[component]
pub fn ProblemList() -> impl IntoView {
    let db = Db::expect();
    let filter = UrlFilter::new(
        AppRoute::Problems,
        |get| ProblemFilter::from_query(&get("status"), &get("q")),
        ProblemFilter::to_query,
    );
    let data = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let all = problem::all(&*store).await?;
            let names = directory::load(&*store).await?;
            Ok::<_, AppError>((all, names))
        }
    });
    let text = RwSignal::new(filter.get_untracked().text);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        filter.update(|f| f.text = text.get_untracked().trim().to_owned());
    };
    let on_status = move |ev: leptos::ev::Event| {
        filter.update(|f| f.status = StatusFilter::from_key(&event_target_value(&ev)));
    };
    let export = move || {
        let (store, f) = (db.store(), filter.get_untracked());
        async move { csv_export::problems(&*store?, &f).await }
    };
    view! {
        <div class="page-head">
            <h1>"Problems"</h1>
            <div class="actions">
                <ExportCsv make=export what="problems"/>
                <a class="button button-primary" href=AppRoute::NewProblem.href()>"New problem"</a>
            </div>
        </div>
        <form class="filters prb-filters" role="search" aria-label="Filter problems" on:submit=search>
            <div class="field">
                <label for="prb-filter-status">"Status"</label>
                <select id="prb-filter-status" prop:value=move || filter.get().status.key()
                    on:change=on_status>
                    {StatusFilter::choices().into_iter().map(|c| view! {
                        <option value=c.key()>{c.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="prb-filter-text">"Search problems"</label>
                <input id="prb-filter-text" type="search" placeholder="Reference or title"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p role="status">"Loading problems…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (all, names) = data.await?;
                    let f = filter.get();
                    let rows: Vec<Problem> = f.apply(&all).into_iter().cloned().collect();
                    let count = format!("{} of {} problems", rows.len(), all.len());
                    let body = if all.is_empty() {
                        view! {
                            <p class="empty empty-state">
                                "No problems are recorded yet. Choose “New problem”, or select incidents in the "
                                <a href=AppRoute::Incidents.href()>"incident queue"</a>
                                " and choose “Create problem from selected”."
                            </p>
                        }.into_any()
                    } else if rows.is_empty() {
                        view! {
                            <p class="empty">
                                "No problem matches these filters. Choose “All” under Status, or clear the search."
                            </p>
                        }.into_any()
                    } else {
                        view! { <ProblemTable rows=rows names=names/> }.into_any()
                    };
                    Ok::<_, AppError>(view! {
                        <p class="count" role="status">{count}</p>
                        {body}
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The problems as a table, each reference a link to the problem.
#[component]
fn ProblemTable(
    /// Problems to show, in order.
    rows: Vec<Problem>,
    /// Names of services and releases.
    names: Directory,
) -> impl IntoView {
    let name = move |id: &Option<String>| match names.name_opt(id.as_deref()) {
        "" => "—".to_owned(),
        n => n.to_owned(),
    };
    view! {
        <table class="grid prb-table">
            <caption class="visually-hidden">"Problems"</caption>
            <thead>
                <tr>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Incidents"</th>
                    <th scope="col">"Found in release"</th>
                    <th scope="col">"Updated"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|p| {
                    let r = p.reference.as_str().to_owned();
                    let href = AppRoute::Problem(r.clone()).href();
                    let (service, found) = (name(&p.service), name(&p.release_found));
                    view! {
                        <tr>
                            <td class="ref"><a href=href>{r}</a></td>
                            <td>{p.title.clone()}</td>
                            <td><PriorityBadge priority=p.priority/></td>
                            <td><StatusBadge label=p.status.label()/></td>
                            <td>{service}</td>
                            <td class="num">{p.incidents.len()}</td>
                            <td>{found}</td>
                            <td><time datetime=p.updated.iso()>{p.updated.display()}</time></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

//! One problem, by reference: its fields and the incidents linked to it. Reached by
//! reference, so `/desk/problems/PRB-…` links survive a reload.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::incident::Incident;
use crate::domain::lifecycle::Lifecycle;
use crate::domain::problem::Problem;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::directory::{self, Directory};
use crate::state::error::AppError;
use crate::state::problems;

/// The problem page.
#[component]
pub fn ProblemDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let (problem, _rev) = problems::by_reference(&*store, &reference).await?;
            let incidents = problems::linked_incidents(&*store, &problem).await?;
            let names = directory::load(&*store).await?;
            Ok::<_, AppError>((problem, incidents, names))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading problem…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    data.await.map(|(problem, incidents, names)| view! {
                        <ProblemView problem=problem incidents=incidents names=names/>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// `text`, or `fallback` when it is blank.
fn or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

/// The problem's fields and linked incidents.
#[component]
fn ProblemView(
    /// The problem to show.
    problem: Problem,
    /// Its linked incidents that exist here, in link order.
    incidents: Vec<Incident>,
    /// Names of services and releases.
    names: Directory,
) -> impl IntoView {
    let p = problem;
    let name = |id: &Option<String>| or(names.name_opt(id.as_deref()), "—");
    let missing = p.incidents.len().saturating_sub(incidents.len());
    let text_section = |id: &'static str, heading: &'static str, body: &str, empty: &str| {
        view! {
            <section aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                <p class="prose">{or(body, empty)}</p>
            </section>
        }
    };
    view! {
        <div class="page-head">
            <div>
                <p class="reference">{p.reference.as_str().to_owned()}</p>
                <h1>{p.title.clone()}</h1>
            </div>
        </div>
        <p class="badges">
            <PriorityBadge priority=p.priority/>
            " "
            <StatusBadge label=p.status.label()/>
        </p>
        <dl class="facts">
            <dt>"Status"</dt><dd>{p.status.label()}</dd>
            <dt>"Priority"</dt><dd>{p.priority.label()}</dd>
            <dt>"Service"</dt><dd>{name(&p.service)}</dd>
            <dt>"Found in release"</dt><dd>{name(&p.release_found)}</dd>
            <dt>"Target fix release"</dt><dd>{name(&p.target_fix_release)}</dd>
            <dt>"Created"</dt><dd>{format!("{} by {}", p.created.display(), or(&p.created_by, "—"))}</dd>
            <dt>"Updated"</dt><dd>{format!("{} by {}", p.updated.display(), or(&p.updated_by, "—"))}</dd>
        </dl>
        {text_section("prb-description", "Description", &p.description, "No description.")}
        {text_section("prb-root-cause", "Root cause", &p.root_cause, "Not known yet.")}
        {text_section("prb-workaround", "Workaround", &p.workaround, "No workaround yet.")}
        <section aria-labelledby="prb-incidents">
            <h2 id="prb-incidents">"Linked incidents"</h2>
            {if incidents.is_empty() {
                view! { <p class="empty">"No incidents are linked to this problem."</p> }.into_any()
            } else {
                view! { <LinkedIncidents incidents=incidents names=names.clone()/> }.into_any()
            }}
            {(missing > 0).then(|| view! {
                <p class="hint">
                    {format!("{missing} linked incident(s) are not on this device (deleted, or not synced yet).")}
                </p>
            })}
        </section>
    }
}

/// The linked incidents as a table, each reference a link to the incident.
#[component]
fn LinkedIncidents(
    /// Incidents to list.
    incidents: Vec<Incident>,
    /// Names of services.
    names: Directory,
) -> impl IntoView {
    let count = incidents.len();
    view! {
        <table class="grid">
            <caption class="visually-hidden">{format!("{count} linked incidents")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Updated"</th>
                </tr>
            </thead>
            <tbody>
                {incidents
                    .into_iter()
                    .map(|i| {
                        let reference = i.reference.as_str().to_owned();
                        let href = AppRoute::Incident(reference.clone()).href();
                        let service = or(names.name_opt(i.service.as_deref()), "—");
                        view! {
                            <tr>
                                <td><a href=href>{reference}</a></td>
                                <td>{i.title.clone()}</td>
                                <td><PriorityBadge priority=i.priority/></td>
                                <td><StatusBadge label=i.status.label()/></td>
                                <td>{service}</td>
                                <td><time datetime=i.updated.iso()>{i.updated.display()}</time></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

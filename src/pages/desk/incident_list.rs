//! The incident queue: newest first, filtered by status through the URL, a page at a
//! time, with an empty state that offers demo data.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::demo_offer::DemoOffer;
use crate::components::error_panel::error_panel;
use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::incident::{Incident, IncidentStatus};
use crate::domain::lifecycle::Lifecycle;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::error::AppError;
use crate::state::incidents;
use crate::state::records::{enum_key, services};

/// Rows shown per page (and added by "Show more").
const PAGE: u32 = 50;

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
    let query = use_query_map();
    let status = Memo::new(move |_| query.read().get("status").filter(|s| !s.is_empty()));
    let limit = RwSignal::new(PAGE);
    let page = LocalResource::new(move || {
        let status = status.get();
        let limit = limit.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            incidents::list(&*store, status, limit).await
        }
    });
    let service_names = LocalResource::new(move || {
        let _ = db.revision.get();
        async move {
            let Ok(store) = db.store() else {
                return HashMap::new();
            };
            services(&*store)
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect::<HashMap<_, _>>()
        }
    });
    let navigate = use_navigate();
    let on_status = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let href = AppRoute::Incidents.href();
        let url = if v.is_empty() {
            href
        } else {
            format!("{href}?status={v}")
        };
        limit.set(PAGE);
        navigate(&url, Default::default());
    };

    view! {
        <div class="page-head">
            <h1>"Incidents"</h1>
            <a class="button button-primary" href=AppRoute::NewIncident.href()>"New incident"</a>
        </div>
        <div class="filters">
            <label for="status-filter">"Status"</label>
            <select id="status-filter" on:change=on_status prop:value=move || status.get().unwrap_or_default()>
                <option value="">"All statuses"</option>
                {IncidentStatus::all()
                    .iter()
                    .map(|s| view! { <option value=enum_key(s)>{s.label()}</option> })
                    .collect_view()}
            </select>
        </div>
        <Suspense fallback=|| view! { <p role="status">"Loading incidents…"</p> }>
            <ErrorBoundary fallback=error_panel>
            {move || Suspend::new(async move {
                let names = service_names.await;
                let p = page.await?;
                Ok::<_, AppError>(match p {
                    p if p.total == 0 && status.get_untracked().is_none() => view! {
                        <div class="empty">
                            <p>"No incidents yet."</p>
                            <DemoOffer/>
                        </div>
                    }.into_any(),
                    p if p.total == 0 => view! {
                        <p class="empty">"No incidents have this status."</p>
                    }.into_any(),
                    p => {
                        mark_list_shown();
                        let shown = p.items.len();
                        let total = p.total;
                        view! {
                            <p class="count" role="status">{format!("Showing {shown} of {total} incidents")}</p>
                            <IncidentTable items=p.items names=names/>
                            {(shown < total as usize).then(|| view! {
                                <button type="button" class="button" on:click=move |_| limit.update(|l| *l += PAGE)>
                                    "Show more"
                                </button>
                            })}
                        }.into_any()
                    }
                })
            })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The table of incident rows.
#[component]
fn IncidentTable(
    /// Incidents to show, in order.
    items: Vec<Incident>,
    /// Service names by id.
    names: HashMap<String, String>,
) -> impl IntoView {
    view! {
        <table class="grid">
            <caption class="visually-hidden">"Incidents, most recently updated first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Found in"</th>
                    <th scope="col">"Updated"</th>
                </tr>
            </thead>
            <tbody>
                {items.into_iter().map(|i| {
                    let service = i.service.as_ref().and_then(|s| names.get(s).cloned()).unwrap_or_default();
                    let href = AppRoute::Incident(i.reference.as_str().to_string()).href();
                    let pre = i.environment.is_pre_production();
                    view! {
                        <tr>
                            <td><a href=href>{i.reference.as_str().to_string()}</a></td>
                            <td>{i.title.clone()}</td>
                            <td><PriorityBadge priority=i.priority/></td>
                            <td><StatusBadge label=i.status.label()/></td>
                            <td>{service}</td>
                            <td class:pre-production=pre>{i.environment.label()}</td>
                            <td><time datetime=i.updated.iso()>{i.updated.display()}</time></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

//! One incident: its fields, the priority with its reason, and the timeline of every
//! change. Reached by reference, so `/desk/incidents/INC-…` links survive a reload.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::priority_badge::PriorityBadge;
use crate::components::status_badge::StatusBadge;
use crate::domain::incident::Incident;
use crate::domain::lifecycle::Lifecycle;
use crate::routes::AppRoute;
use crate::state::db::Db;
use crate::state::error::AppError;
use crate::state::incidents;
use crate::state::records::{form_context, FormContext};

/// The incident page.
#[component]
pub fn IncidentDetail() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let _ = db.revision.get();
        async move {
            let store = db.store()?;
            let (incident, _rev) = incidents::by_reference(&*store, &reference).await?;
            let ctx = form_context(&*store).await?;
            Ok::<_, AppError>((incident, ctx))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading incident…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    data.await.map(|(incident, ctx)| view! { <IncidentView incident=incident ctx=ctx/> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The incident's fields and timeline.
#[component]
fn IncidentView(
    /// The incident to show.
    incident: Incident,
    /// Services, releases and settings, for names and the priority reason.
    ctx: FormContext,
) -> impl IntoView {
    let i = incident;
    let service = i
        .service
        .as_ref()
        .and_then(|id| ctx.services.iter().find(|s| &s.id == id))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "—".into());
    let release = i
        .release
        .as_ref()
        .and_then(|id| ctx.releases.iter().find(|r| &r.id == id))
        .map(|r| r.name.clone())
        .unwrap_or_else(|| "—".into());
    let reference = i.reference.as_str().to_string();
    let why = ctx.settings.matrix.explain(i.impact, i.urgency);
    let pre = i.environment.is_pre_production();
    let events = i.history.events().to_vec();
    view! {
        <div class="page-head">
            <div>
                <p class="reference">{reference.clone()}</p>
                <h1>{i.title.clone()}</h1>
            </div>
            <a class="button" href=AppRoute::EditIncident(reference.clone()).href()>"Edit"</a>
        </div>
        <p class="badges">
            <PriorityBadge priority=i.priority/>
            " "
            <StatusBadge label=i.status.label()/>
            {pre.then(|| view! { " " <span class="badge pre-production">"Pre-production"</span> })}
        </p>
        <dl class="facts">
            <dt>"Priority"</dt><dd class="priority-reason">{why}</dd>
            <dt>"Service"</dt><dd>{service}</dd>
            <dt>"Category"</dt><dd>{if i.category.is_empty() { "—".to_string() } else { i.category.clone() }}</dd>
            <dt>"Found in"</dt><dd>{i.environment.label()}</dd>
            <dt>"Release"</dt><dd>{release}</dd>
            <dt>"Channel"</dt><dd>{i.channel.label()}</dd>
            <dt>"Reported by"</dt><dd>{reporter_line(&i.reporter.name, &i.reporter.contact)}</dd>
            <dt>"Created"</dt><dd>{format!("{} by {}", i.created.display(), i.created_by)}</dd>
            <dt>"Updated"</dt><dd>{format!("{} by {}", i.updated.display(), i.updated_by)}</dd>
        </dl>
        <section aria-labelledby="desc-heading">
            <h2 id="desc-heading">"Description"</h2>
            <p class="prose">{if i.description.is_empty() { "No description.".to_string() } else { i.description.clone() }}</p>
        </section>
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <ol class="timeline">
                {events.into_iter().rev().map(|e| view! {
                    <li>
                        <time datetime=e.at.iso()>{e.at.display()}</time>
                        " · " <span class="who">{e.by.clone()}</span> " · "
                        <span>{e.change.describe()}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// "Name (contact)", or whichever part is known, or a dash.
fn reporter_line(name: &str, contact: &str) -> String {
    match (name.is_empty(), contact.is_empty()) {
        (false, false) => format!("{name} ({contact})"),
        (false, true) => name.to_string(),
        (true, false) => contact.to_string(),
        (true, true) => "—".to_string(),
    }
}
